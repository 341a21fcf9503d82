package io.ticketpulse.domain.ticket;

import io.ticketpulse.domain.sla.SlaMetric;

/**
 * How one tracked SLA metric (a metric, cycle and policy of a ticket) ended in a replay: when, why, whether and
 * when it breached, and its counted time then. Collected by {@link TicketReplay} for every metric measured under
 * a policy when it ends (fulfilled, cancelled, expired or retargeted away from the policy); the what-if
 * comparison ({@code domain/whatif}) is built on them. Not kept in state.
 *
 * @param lifeStartMs the event time of the CREATED of the ticket's life the metric belongs to (a ticket id reused
 *     after its state was released starts a new life)
 * @param channel the ticket's channel, and {@code priority} its priority, when the metric ended
 * @param reason {@code fulfilled}, {@code cancelled}, {@code expired} or {@code retargeted}
 * @param breachedAtMs when the target was reached, or null
 * @param elapsedMs counted time at the end (pauses excluded)
 * @param pausedAtEnd whether the clock stood still when the metric ended
 */
public record MetricOutcome(
        String ticketId,
        long lifeStartMs,
        String channel,
        String priority,
        SlaMetric metric,
        int cycle,
        String policyId,
        long targetMs,
        long endMs,
        String reason,
        Long breachedAtMs,
        long elapsedMs,
        boolean pausedAtEnd) {

    /** The counted time at {@code atMs} (at or after the ticket's last event, at most {@link #endMs}). */
    public long elapsedAt(long atMs) {
        return pausedAtEnd ? elapsedMs : elapsedMs - (endMs - Math.min(endMs, atMs));
    }
}
