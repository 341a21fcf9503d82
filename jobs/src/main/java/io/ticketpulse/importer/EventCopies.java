package io.ticketpulse.importer;

import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * An import multiplied, for load tests ({@code --copies N}, {@code --copy-shift D}): every ticket N times with
 * distinct ticket and event ids (copy 0 keeps the source's ids, copy c ≥ 1 appends {@code -c<c>}:
 * {@code INC0000045-c3}, event {@code INC0000045-c3-0007}), copy c shifted by c × D (D = 0: all copies at the
 * original times, i.e. N times the ticket volume on the same days). Still ordered by event time (at one instant:
 * copy 0's events first, then copy 1's, ...; each copy in the input's order).
 */
public final class EventCopies {

    private EventCopies() {}

    /**
     * The events {@code copies} times, merged by time. {@code events} must be ordered by time; the result is too.
     */
    public static Iterator<TicketEvent> multiplied(List<TicketEvent> events, int copies, Duration shift) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, got " + copies);
        }
        long shiftMs = shift.toMillis();
        record Cursor(int copy, int index, long atMs) {}
        PriorityQueue<Cursor> queue = new PriorityQueue<>(
                (a, b) -> a.atMs() != b.atMs() ? Long.compare(a.atMs(), b.atMs()) : Integer.compare(a.copy(), b.copy()));
        if (!events.isEmpty()) {
            for (int c = 0; c < copies; c++) {
                queue.add(new Cursor(c, 0, events.get(0).occurredAtMs + c * shiftMs));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !queue.isEmpty();
            }

            @Override
            public TicketEvent next() {
                Cursor cursor = queue.poll();
                if (cursor == null) {
                    throw new NoSuchElementException();
                }
                int next = cursor.index() + 1;
                if (next < events.size()) {
                    queue.add(new Cursor(cursor.copy(), next,
                            events.get(next).occurredAtMs + cursor.copy() * shiftMs));
                }
                return copy(events.get(cursor.index()), cursor.copy(), cursor.copy() * shiftMs);
            }
        };
    }

    /** Copy {@code copy} of {@code e}: the event itself for copy 0, else with suffixed ids and shifted time. */
    static TicketEvent copy(TicketEvent e, int copy, long shiftMs) {
        if (copy == 0) {
            return e;
        }
        String ticketId = e.ticketId + "-c" + copy;
        String eventId = e.eventId.startsWith(e.ticketId)
                ? ticketId + e.eventId.substring(e.ticketId.length())
                : e.eventId + "-c" + copy;
        TicketEvent c = new TicketEvent(eventId, ticketId, e.type, e.occurredAtMs + shiftMs);
        c.channel = e.channel;
        c.priority = e.priority;
        c.status = e.status;
        c.agentId = e.agentId;
        c.team = e.team;
        c.csat = e.csat;
        c.isTest = e.isTest;
        c.attributes = e.attributes;
        return c;
    }

    /**
     * Why {@code --copies}/{@code --copy-shift} cannot be applied to these events, or null if they can: every
     * copy's ids must stay within 128 characters and its times within the schema's years 1970–2999.
     */
    public static String problem(List<TicketEvent> events, int copies, Duration shift) {
        if (events.isEmpty() || copies == 1) {
            return null;
        }
        int suffix = ("-c" + (copies - 1)).length();
        long shiftMs = shift.toMillis() * (copies - 1);
        for (TicketEvent e : events) {
            if (e.eventId.length() + suffix > Values.MAX_ID_CHARS) {
                return "event id " + e.eventId + " would be longer than " + Values.MAX_ID_CHARS + " characters";
            }
            if (!Values.inRange(e.occurredAtMs + shiftMs)) {
                return "the last copy of event " + e.eventId + " would lie after the year 2999";
            }
        }
        return null;
    }
}
