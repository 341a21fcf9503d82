package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.TicketPredicates;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** An agent reply or the end of the ticket: what stops a wait for the agent ({@link TicketPredicates}); events of test tickets never match. */
public final class AnsweredOrEnded extends SimpleCondition<TicketEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(TicketEvent e) {
        return TicketPredicates.counts(e) && TicketPredicates.answersOrEnds(e);
    }
}
