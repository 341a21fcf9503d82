package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternHit;
import io.ticketpulse.schema.TicketEvent;

/**
 * What the pattern alerts of a ticket are driven by: either one of its accepted events or a {@link PatternHit},
 * at an event-time instant. Flink POJO.
 */
public class PatternSignal {

    public String ticketId;
    public long atMs;
    /** Set for an event, else null. */
    public TicketEvent event;
    /** Set for a hit, else null. */
    public PatternHit hit;

    public PatternSignal() {}

    public static PatternSignal of(TicketEvent e) {
        PatternSignal s = new PatternSignal();
        s.ticketId = e.ticketId;
        s.atMs = e.occurredAtMs;
        s.event = e;
        return s;
    }

    public static PatternSignal of(PatternHit h) {
        PatternSignal s = new PatternSignal();
        s.ticketId = h.ticketId;
        s.atMs = h.completedAtMs;
        s.hit = h;
        return s;
    }

    /** At one instant hits come first (by pattern), then events in arrival order. */
    int rank() {
        return hit != null ? hit.riskPattern().ordinal() : Integer.MAX_VALUE;
    }
}
