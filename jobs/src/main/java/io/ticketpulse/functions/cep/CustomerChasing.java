package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * Customer chasing: N {@code CUSTOMER_REPLIED} in a row — no {@code AGENT_REPLIED} (nor the end of the ticket)
 * between them; other events (status changes, assignments) do not break the row — within D.
 */
public final class CustomerChasing implements RiskPatternDefinition {

    private static final long serialVersionUID = 1L;
    static final String CUSTOMER_REPLIES = "customer-replies";

    @Override
    public RiskPattern kind() {
        return RiskPattern.CUSTOMER_CHASING;
    }

    @Override
    public String firstStage() {
        return CUSTOMER_REPLIES;
    }

    @Override
    public Pattern<TicketEvent, ?> pattern(PatternRule rule) {
        return Pattern.<TicketEvent>begin(CUSTOMER_REPLIES, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new IsCustomerReply())
                .timesOrMore(rule.count())
                .until(new AnsweredOrEnded())
                .within(rule.within());
    }
}
