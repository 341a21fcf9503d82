package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.TicketPredicates;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** A reopen (one RESOLVED to REOPENED round trip) ({@link TicketPredicates}); events of test tickets never match. */
public final class IsReopen extends SimpleCondition<TicketEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(TicketEvent e) {
        return TicketPredicates.counts(e) && TicketPredicates.isReopen(e);
    }
}
