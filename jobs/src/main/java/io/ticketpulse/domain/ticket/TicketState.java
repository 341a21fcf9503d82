package io.ticketpulse.domain.ticket;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the per-ticket operator keeps for one ticket in one value: the folded model, the recent events that
 * can still be reordered (at or after the fold instant), the emitted facts that can still change, and the
 * operator's clock and timer bookkeeping. Small and bounded: the buffer and the tentative facts span only the
 * allowed lateness. A Flink POJO.
 */
public class TicketState {

    public static final long NONE = Long.MIN_VALUE;

    public TicketModel folded;
    /** Accepted events at or after {@code folded.nowMs}, in {@link TicketEngine#EVENT_ORDER}. */
    public List<TicketEvent> buffer = new ArrayList<>();
    /** Emitted facts at or after {@code folded.nowMs}, in (time, type) order. */
    public List<Fact> tentative = new ArrayList<>();
    /** What is remembered of the ticket's alerts that can still change, at most a few (see {@link AlertMark}). */
    public List<AlertMark> alertMarks = new ArrayList<>();
    /** How many final facts the operator keeps for the ticket (outside this value, for a test-ticket retraction). */
    public int finalFacts;
    /** The alert clock of the last evaluation; it never goes back. */
    public long alertClockMs = NONE;
    /** The registered event-time timer, or {@link #NONE}. */
    public long eventTimerMs = NONE;
    /** The registered processing-time timer, or {@link #NONE}. */
    public long processingTimerMs = NONE;

    public TicketState() {}

    public static TicketState fresh(String ticketId) {
        TicketState s = new TicketState();
        s.folded = TicketModel.fresh(ticketId);
        return s;
    }

    /** The instant before which everything is folded: no event older than it can be applied any more. */
    public long foldedUpToMs() {
        return folded.nowMs;
    }

    /** Adds an accepted event at its place in event order. */
    public void buffer(TicketEvent event) {
        int i = buffer.size();
        while (i > 0 && TicketEngine.EVENT_ORDER.compare(buffer.get(i - 1), event) > 0) {
            i--;
        }
        buffer.add(i, event);
    }

    /** The buffered event with this id at or after {@code fromMs}, or null. */
    public TicketEvent buffered(String eventId, long fromMs) {
        for (TicketEvent e : buffer) {
            if (e.occurredAtMs >= fromMs && e.eventId.equals(eventId)) {
                return e;
            }
        }
        return null;
    }

    /** The latest event time of the ticket's current life (folded or buffered), or MIN. */
    public long lastEventMs() {
        long last = folded.lastEventMs;
        return buffer.isEmpty() ? last : Math.max(last, buffer.get(buffer.size() - 1).occurredAtMs);
    }
}
