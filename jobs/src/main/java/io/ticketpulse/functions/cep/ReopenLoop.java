package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * Reopen loop: N {@code REOPENED} (each one RESOLVED to REOPENED round trip of the contract) within D, before the
 * ticket ends. Agent replies do not break it.
 */
public final class ReopenLoop implements RiskPatternDefinition {

    private static final long serialVersionUID = 1L;
    static final String REOPENS = "reopens";

    @Override
    public RiskPattern kind() {
        return RiskPattern.REOPEN_LOOP;
    }

    @Override
    public String firstStage() {
        return REOPENS;
    }

    @Override
    public Pattern<TicketEvent, ?> pattern(PatternRule rule) {
        return Pattern.<TicketEvent>begin(REOPENS, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new IsReopen())
                .timesOrMore(rule.count())
                .until(new TicketEnded())
                .within(rule.within());
    }
}
