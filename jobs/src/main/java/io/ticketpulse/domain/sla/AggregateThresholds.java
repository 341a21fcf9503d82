package io.ticketpulse.domain.sla;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tiers of one aggregate metric for one policy. With reference R (the target, or the wait-timeout ceiling)
 * and a tier at {@code over_pct} P, a value is <em>at or over</em> the tier when {@code value >= R * (1 + P/100)}
 * and <em>clear of</em> it when {@code value < R * (1 + (P - h)/100)}, h being
 * {@link AggregateRules#hysteresisPct()} (percentage points of R). Between the two a value is in the
 * hysteresis band: it neither enters nor leaves the tier. Tiers are sorted by ascending {@code over_pct};
 * tier indexes are 0-based, {@link #NONE} is "below every tier".
 */
public record AggregateThresholds(AggregateMetric metric, double reference, List<EscalationTier> tiers, double hysteresisPct)
        implements Serializable {

    /** The tier index of a value below every tier (and of an alert that is not firing). */
    public static final int NONE = -1;

    public AggregateThresholds {
        if (!(reference > 0)) {
            throw new IllegalArgumentException("reference must be positive: " + reference);
        }
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("no escalation tiers");
        }
        List<EscalationTier> sorted = new ArrayList<>(tiers);
        sorted.sort(Comparator.comparingDouble(EscalationTier::overPct));
        tiers = List.copyOf(sorted);
    }

    /**
     * The thresholds of {@code metric} under {@code policy}, or empty when the policy does not track it (no
     * target for the metric, wait-timeout ceiling off, or no escalation tiers).
     */
    public static Optional<AggregateThresholds> of(SlaPolicySet policies, SlaPolicy policy, AggregateMetric metric) {
        Double reference = metric.reference(policies, policy);
        if (reference == null || policy.escalation().isEmpty()) {
            return Optional.empty();
        }
        AggregateRules rules = policies.aggregates() == null ? AggregateRules.DEFAULT : policies.aggregates();
        return Optional.of(new AggregateThresholds(metric, reference, policy.escalation(), rules.hysteresisPct()));
    }

    public int tierCount() {
        return tiers.size();
    }

    public Severity severity(int tier) {
        return tiers.get(tier).severity();
    }

    /**
     * The value from which on a value is at or over {@code tier}. Computed as {@code R * (100 + P) / 100} (one
     * rounding step), so a threshold written in the policy's units is exact: 180 s at 10 % is 198.0, not
     * 198.00000000000003, and a value of exactly 198 s is at the tier.
     */
    public double threshold(int tier) {
        return reference * (100.0 + tiers.get(tier).overPct()) / 100.0;
    }

    /** The value below which a value is clear of {@code tier}. */
    public double clearThreshold(int tier) {
        return reference * (100.0 + tiers.get(tier).overPct() - hysteresisPct) / 100.0;
    }

    public boolean isAtOrOver(double value, int tier) {
        return value >= threshold(tier);
    }

    public boolean isClearOf(double value, int tier) {
        return value < clearThreshold(tier);
    }

    /** The highest tier {@code value} is at or over, or {@link #NONE}. */
    public int tierOf(double value) {
        int tier = NONE;
        for (int i = 0; i < tiers.size() && isAtOrOver(value, i); i++) {
            tier = i;
        }
        return tier;
    }

    /** {@code (value - reference) / reference * 100}: negative while within the reference. */
    public double overrunPct(double value) {
        return (value - reference) / reference * 100.0;
    }
}
