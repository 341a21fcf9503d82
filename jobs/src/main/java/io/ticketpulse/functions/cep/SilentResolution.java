package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * Silent resolution: {@code CREATED}, then a {@code RESOLVED} within D with no {@code AGENT_REPLIED} (nor the end
 * of the ticket) between them: the ticket was resolved without the customer ever getting an answer in that life.
 * Only the first resolution of a life can match (the match is consumed, and a partial match ends at the first
 * agent reply or at the end of the ticket).
 */
public final class SilentResolution implements RiskPatternDefinition {

    private static final long serialVersionUID = 1L;
    static final String CREATED = "created";
    static final String ANSWERED = "answered";
    static final String RESOLVED = "resolved";

    @Override
    public RiskPattern kind() {
        return RiskPattern.SILENT_RESOLUTION;
    }

    @Override
    public String firstStage() {
        return CREATED;
    }

    @Override
    public Pattern<TicketEvent, ?> pattern(PatternRule rule) {
        return Pattern.<TicketEvent>begin(CREATED, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new IsCreation())
                .notFollowedBy(ANSWERED)
                .where(new AnsweredOrEnded())
                .followedBy(RESOLVED)
                .where(new IsResolution())
                .within(rule.within());
    }
}
