package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * Reassignment ping-pong: N {@code ASSIGNED} within D with no {@code AGENT_REPLIED} (nor the end of the ticket)
 * between them; other events between them do not matter. After a match the count starts again after its last
 * assignment (skip past last event).
 */
public final class ReassignmentPingPong implements RiskPatternDefinition {

    private static final long serialVersionUID = 1L;
    static final String ASSIGNED = "assigned";

    @Override
    public RiskPattern kind() {
        return RiskPattern.REASSIGNMENT_PING_PONG;
    }

    @Override
    public String firstStage() {
        return ASSIGNED;
    }

    @Override
    public Pattern<TicketEvent, ?> pattern(PatternRule rule) {
        return Pattern.<TicketEvent>begin(ASSIGNED, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new IsAssignment())
                .timesOrMore(rule.count())
                .until(new AnsweredOrEnded())
                .within(rule.within());
    }
}
