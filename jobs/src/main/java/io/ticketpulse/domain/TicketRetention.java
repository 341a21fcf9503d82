package io.ticketpulse.domain;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;

/**
 * When a ticket's keyed state may be forgotten: {@code retention} after the close of a closed ticket (any later
 * event, a late rating say, pushes it out), or after the last event of a ticket that never got a {@code CREATED};
 * never for an open ticket. Shared by every keyed operator that keeps a ticket's events.
 */
public final class TicketRetention {

    private TicketRetention() {}

    /** The event-time instant at which the ticket's state may be cleared, or null while it is open. */
    public static Long expiryTime(Iterable<TicketEvent> events, long retentionMs) {
        boolean created = false;
        long lastEventMs = Long.MIN_VALUE;
        TicketEvent lastTerminal = null;
        for (TicketEvent e : events) {
            created |= e.type == EventType.CREATED;
            lastEventMs = Math.max(lastEventMs, e.occurredAtMs);
            boolean terminal = e.type == EventType.CLOSED || e.type == EventType.REOPENED;
            if (terminal && (lastTerminal == null || TicketFacts.EVENT_ORDER.compare(e, lastTerminal) > 0)) {
                lastTerminal = e;
            }
        }
        if (lastEventMs == Long.MIN_VALUE) {
            return null;
        }
        if (!created) {
            return lastEventMs + retentionMs;
        }
        if (lastTerminal != null && lastTerminal.type == EventType.CLOSED) {
            return Math.max(lastTerminal.occurredAtMs, lastEventMs) + retentionMs;
        }
        return null;
    }
}
