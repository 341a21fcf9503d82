package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.TicketPredicates;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** A resolution ({@link TicketPredicates}); events of test tickets never match. */
public final class IsResolution extends SimpleCondition<TicketEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(TicketEvent e) {
        return TicketPredicates.counts(e) && TicketPredicates.isResolution(e);
    }
}
