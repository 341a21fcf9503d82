package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.TicketPredicates;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** The end of the ticket's life ({@link TicketPredicates}); events of test tickets never match. */
public final class TicketEnded extends SimpleCondition<TicketEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(TicketEvent e) {
        return TicketPredicates.counts(e) && TicketPredicates.endsTicket(e);
    }
}
