package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * Escalation without response: {@code ESCALATED} (the contract's escalation event) and no {@code AGENT_REPLIED}
 * (nor the end of the ticket) within D after it. The pattern "escalated, followed by an answer, within D" completes
 * when it is answered in time (no alert); its partial match timing out at escalation + D is the hit.
 */
public final class EscalationWithoutResponse implements RiskPatternDefinition {

    private static final long serialVersionUID = 1L;
    static final String ESCALATED = "escalated";
    static final String ANSWERED = "answered";

    @Override
    public RiskPattern kind() {
        return RiskPattern.ESCALATION_WITHOUT_RESPONSE;
    }

    @Override
    public String firstStage() {
        return ESCALATED;
    }

    @Override
    public boolean completesByTimeout() {
        return true;
    }

    @Override
    public Pattern<TicketEvent, ?> pattern(PatternRule rule) {
        return Pattern.<TicketEvent>begin(ESCALATED, AfterMatchSkipStrategy.noSkip())
                .where(new IsEscalation())
                .followedBy(ANSWERED)
                .where(new AnsweredOrEnded())
                .within(rule.within());
    }
}
