package io.ticketpulse.domain.ticket;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.schema.TicketEvent;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * The per-ticket engine: moves a folded {@link TicketModel} forward over recent events, deriving the ticket's KPI
 * facts and SLA alert records on the way. The definitions are those of the README (and of the pure reference
 * projections in the test tree, which the engine is checked against); what is new is that they are computed
 * incrementally: a model folded up to an instant plus the events at or after it give the same facts and records
 * as the whole history would.
 *
 * <p>Work per replay is linear in the number of recent (buffered) events and independent of the ticket's length.
 */
public final class TicketEngine implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Deterministic total order of a ticket's events: event time, then event id. */
    public static final Comparator<TicketEvent> EVENT_ORDER =
            Comparator.comparingLong((TicketEvent e) -> e.occurredAtMs).thenComparing(e -> e.eventId);

    final long waitThresholdMs;
    final long retentionMs;
    final long tombstoneMs;
    /** Null: no SLA alerts. */
    final SlaPolicySet policies;

    /**
     * @param waitThresholdMs wait-timeout threshold after creation
     * @param retentionMs SLA metrics still running after this long without an event expire; events of a life
     *     without CREATED are unknown after it
     * @param tombstoneMs a started life ends after this long without an event (at least {@code retentionMs})
     * @param policies the SLA policies, or null for no alerts
     */
    public TicketEngine(long waitThresholdMs, long retentionMs, long tombstoneMs, SlaPolicySet policies) {
        if (tombstoneMs < retentionMs) {
            throw new IllegalArgumentException("the tombstone retention must be at least the ticket retention");
        }
        this.waitThresholdMs = waitThresholdMs;
        this.retentionMs = retentionMs;
        this.tombstoneMs = tombstoneMs;
        this.policies = policies;
    }

    /**
     * Replays {@code buffer} on a copy of {@code folded} and projects on as if no further event came.
     *
     * @param folded the model folded so far (not changed)
     * @param buffer the events at or after {@code folded.nowMs}, sorted by {@link #EVENT_ORDER}
     * @param foldToMs where the new folded model is taken: no event older than this can come any more
     */
    public TicketReplay replay(TicketModel folded, List<TicketEvent> buffer, long foldToMs) {
        TicketReplay replay = new TicketReplay(this, folded.copy(), foldToMs);
        replay.run(buffer);
        return replay;
    }

    static long plus(long a, long b) {
        if (a == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
