package io.ticketpulse.domain.whatif;

import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.schema.Timestamps;
import java.util.List;

/**
 * One SLA metric of one ticket (life, metric and cycle) at the end of the history under one policy file.
 *
 * @param lifeStartMs the event time of the CREATED of the ticket's life (a ticket id reused after its state was
 *     released is another life, whose metrics are other metrics); {@code Long.MIN_VALUE} when not known (read from
 *     a what-if output written without {@code life})
 * @param channel the ticket's channel, and {@code priority} its priority, when the metric ended (or at the end of
 *     the history for one still running): the group it counts in
 * @param policyId the policy it was last measured against
 * @param overrunMs for a breached metric: counted time beyond the target when it ended (or at the end of the
 *     history, if still running); null otherwise
 * @param alerts the state of each firing alert record of the metric up to the end of the history, in order
 */
public record MetricResult(
        String ticketId,
        long lifeStartMs,
        String channel,
        String priority,
        SlaMetric metric,
        int cycle,
        String policyId,
        Outcome outcome,
        Long overrunMs,
        List<Reached> alerts) {

    public MetricResult {
        alerts = List.copyOf(alerts);
    }

    /** The metric's identity across the two runs: ticket, life, metric and cycle. */
    public String key() {
        return key(ticketId, lifeStartMs, metric, cycle);
    }

    /** {@code <ticket_id>/<sla_metric>/<life>/<cycle>}, as the alerts' {@code dedup_key} without the policy. */
    static String key(String ticketId, long lifeStartMs, SlaMetric metric, int cycle) {
        return ticketId + '/' + metric.wireName() + '/'
                + (lifeStartMs == Long.MIN_VALUE ? "-" : Timestamps.format(lifeStartMs)) + '/' + cycle;
    }

    /** The most urgent alert state reached ({@link Reached#NONE} when nothing fired). */
    public Reached reached() {
        Reached max = Reached.NONE;
        for (Reached r : alerts) {
            if (r.compareTo(max) > 0) {
                max = r;
            }
        }
        return max;
    }
}
