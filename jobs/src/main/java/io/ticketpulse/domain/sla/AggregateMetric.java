package io.ticketpulse.domain.sla;

import io.ticketpulse.schema.TicketKpi;
import java.time.Duration;

/**
 * The team-level metrics an aggregate alert watches on the {@code ticket-kpi} rows of one (channel, priority),
 * and what each is measured against: the matched policy's target, or the policy set's wait-timeout ceiling.
 */
public enum AggregateMetric {
    /** The window's FRT p90 ({@code frtP90S}) against the policy's {@code first_response} target (seconds). */
    FRT_P90("frt_p90", "FRT p90", "target"),
    /** The window's MTTR ({@code mttrMeanS}) against the policy's {@code resolution} target (seconds). */
    MTTR_MEAN("mttr_mean", "MTTR", "target"),
    /** The window's wait-timeout rate against {@link AggregateRules#waitTimeoutRateCeiling()} (a fraction). */
    WAIT_TIMEOUT_RATE("wait_timeout_rate", "wait-timeout rate", "ceiling"),
    /**
     * The window's {@code imminent_breach} count (metrics about to breach at its end) against
     * {@link AggregateRules#imminentBreachCeiling()}.
     */
    IMMINENT_BREACH("imminent_breach", "imminent breaches", "ceiling");

    private final String wireName;
    private final String label;
    private final String referenceName;

    AggregateMetric(String wireName, String label, String referenceName) {
        this.wireName = wireName;
        this.label = label;
        this.referenceName = referenceName;
    }

    /** How alerts write the metric ({@code sla_metric}). */
    public String wireName() {
        return wireName;
    }

    /** Human name, for summaries. */
    public String label() {
        return label;
    }

    /** What the value is compared with: {@code target} or {@code ceiling}, for summaries. */
    public String referenceName() {
        return referenceName;
    }

    /** The measured value of this metric in {@code row}; null when nothing was measured in the window. */
    public Double valueOf(TicketKpi row) {
        return switch (this) {
            case FRT_P90 -> row.frtP90S;
            case MTTR_MEAN -> row.mttrMeanS;
            case WAIT_TIMEOUT_RATE -> row.waitTimeoutRate;
            case IMMINENT_BREACH -> (double) row.imminentBreach;
        };
    }

    /**
     * What the value is measured against for {@code policy}: its target in seconds, or the ceiling; null when
     * the metric is not tracked (no target for it, ceiling off, or a target that is not positive).
     */
    public Double reference(SlaPolicySet policies, SlaPolicy policy) {
        Double reference = switch (this) {
            case FRT_P90 -> seconds(policy.target(SlaMetric.FIRST_RESPONSE));
            case MTTR_MEAN -> seconds(policy.target(SlaMetric.RESOLUTION));
            case WAIT_TIMEOUT_RATE -> policies.aggregates() == null
                    ? null
                    : policies.aggregates().waitTimeoutRateCeiling();
            case IMMINENT_BREACH -> policies.aggregates() == null
                    ? null
                    : policies.aggregates().imminentBreachCeiling();
        };
        return reference == null || !(reference > 0) ? null : reference;
    }

    /** Formats a value of this metric for summaries: seconds with one decimal, or a rate as a percentage. */
    public String format(double value) {
        if (this == IMMINENT_BREACH) {
            return String.format(java.util.Locale.ROOT, "%.0f", value);
        }
        return this == WAIT_TIMEOUT_RATE
                ? String.format(java.util.Locale.ROOT, "%.1f%%", value * 100)
                : String.format(java.util.Locale.ROOT, "%.1f s", value);
    }

    private static Double seconds(Duration target) {
        return target == null ? null : target.toMillis() / 1000.0;
    }
}
