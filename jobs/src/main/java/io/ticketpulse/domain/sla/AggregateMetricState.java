package io.ticketpulse.domain.sla;

import java.util.Arrays;
import java.util.Objects;

/**
 * Debounce state of one aggregate alert (one metric of one channel and priority). Flink POJO, kept in keyed
 * state; {@link AggregateAlertTracker} never mutates an instance it was given, it returns a new one.
 */
public class AggregateMetricState {

    /** The tier the alert is firing at (index into the policy's sorted tiers), or {@code -1}: not firing. */
    public int level = AggregateThresholds.NONE;
    /** Per tier: how many consecutive measured final windows were at or over it. */
    public int[] overRuns;
    /** Per tier: how many consecutive measured final windows were clear of it (only tracked up to {@code level}). */
    public int[] underRuns;
    /** Window end of the row that started the current firing episode; null when not firing. */
    public Long breachedAtMs;

    public AggregateMetricState() {}

    static AggregateMetricState fresh(int tiers) {
        AggregateMetricState s = new AggregateMetricState();
        s.overRuns = new int[tiers];
        s.underRuns = new int[tiers];
        return s;
    }

    AggregateMetricState copy() {
        AggregateMetricState s = new AggregateMetricState();
        s.level = level;
        s.overRuns = overRuns.clone();
        s.underRuns = underRuns.clone();
        s.breachedAtMs = breachedAtMs;
        return s;
    }

    /** Not firing and no run under way: the same as no state at all. */
    public boolean isIdle() {
        return level == AggregateThresholds.NONE && Arrays.stream(overRuns).allMatch(n -> n == 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AggregateMetricState s
                && level == s.level
                && Arrays.equals(overRuns, s.overRuns)
                && Arrays.equals(underRuns, s.underRuns)
                && Objects.equals(breachedAtMs, s.breachedAtMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, Arrays.hashCode(overRuns), Arrays.hashCode(underRuns), breachedAtMs);
    }

    @Override
    public String toString() {
        return "AggregateMetricState{level=" + level + " over=" + Arrays.toString(overRuns) + " under="
                + Arrays.toString(underRuns) + " breachedAt=" + breachedAtMs + '}';
    }
}
