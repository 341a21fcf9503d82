package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.TicketPredicates;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** The CREATED that starts a life ({@link TicketPredicates}); events of test tickets never match. */
public final class IsCreation extends SimpleCondition<TicketEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(TicketEvent e) {
        return TicketPredicates.counts(e) && TicketPredicates.isCreation(e);
    }
}
