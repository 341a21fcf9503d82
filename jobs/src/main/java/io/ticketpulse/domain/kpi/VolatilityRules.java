package io.ticketpulse.domain.kpi;

import io.ticketpulse.domain.sla.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Volatility alerts (the policy file's {@code kpis.volatility}): a KPI that moves by more than {@code changePct}
 * percent against its baseline. Debounced with the aggregate alerts' {@code raise_after}, {@code clear_after} and
 * {@code hysteresis_pct} ({@link io.ticketpulse.domain.sla.AggregateRules}).
 *
 * @param changePct the band: a value at least this many percent above or below its baseline is out of it
 * @param baseline what a window's value is compared with
 * @param previousWindows {@link Baseline#PREVIOUS_WINDOWS}: how many
 * @param kpis the KPIs watched
 * @param groupingSets the row families watched, by id ({@value GroupingSet#DEFAULT_ID} for the default one)
 * @param severity the severity of a volatility alert
 */
public record VolatilityRules(
        double changePct,
        Baseline baseline,
        int previousWindows,
        List<VolatilityKpi> kpis,
        List<String> groupingSets,
        Severity severity)
        implements Serializable {

    public static final double DEFAULT_CHANGE_PCT = 10.0;
    public static final int DEFAULT_PREVIOUS_WINDOWS = 24;
    public static final List<VolatilityKpi> DEFAULT_KPIS =
            List.of(VolatilityKpi.TICKETS_CREATED, VolatilityKpi.FRT_P90, VolatilityKpi.MTTR_MEAN);
    public static final int MAX_PREVIOUS_WINDOWS = 1000;

    /** The one week of {@link Baseline#SAME_HOUR_LAST_WEEK}. */
    public static final Duration WEEK = Duration.ofDays(7);

    /** What a KPI is compared with. */
    public enum Baseline {
        /** The value of the same window (same length, same end time of day) seven days earlier. */
        SAME_HOUR_LAST_WEEK("same_hour_last_week"),
        /**
         * The mean of the values of the previous {@code previousWindows} whole windows: those ending
         * {@code 1 .. N} window sizes earlier (back to back, not overlapping the current one).
         */
        PREVIOUS_WINDOWS("previous_windows");

        private final String wireName;

        Baseline(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Baseline fromWireName(String name) {
            for (Baseline b : values()) {
                if (b.wireName.equals(name)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("Unknown baseline '" + name + "'");
        }
    }

    public VolatilityRules {
        kpis = List.copyOf(kpis);
        groupingSets = List.copyOf(groupingSets);
        if (!(changePct > 0)) {
            throw new IllegalArgumentException("change_pct must be greater than 0: " + changePct);
        }
        if (previousWindows < 1 || previousWindows > MAX_PREVIOUS_WINDOWS) {
            throw new IllegalArgumentException("previous_windows must be from 1 to " + MAX_PREVIOUS_WINDOWS);
        }
        if (kpis.isEmpty() || groupingSets.isEmpty()) {
            throw new IllegalArgumentException("volatility needs at least one KPI and one grouping set");
        }
    }

    /** The defaults: +-10 %, the same hour last week, tickets created, FRT p90 and MTTR, the default rows. */
    public static VolatilityRules defaults() {
        return new VolatilityRules(DEFAULT_CHANGE_PCT, Baseline.SAME_HOUR_LAST_WEEK, DEFAULT_PREVIOUS_WINDOWS,
                DEFAULT_KPIS, List.of(GroupingSet.DEFAULT_ID), Severity.WARNING);
    }

    /** The window ends whose values make the baseline of the window ending at {@code windowEndMs}. */
    public long[] baselineEnds(long windowEndMs, long windowSizeMs) {
        if (baseline == Baseline.SAME_HOUR_LAST_WEEK) {
            return new long[] {windowEndMs - WEEK.toMillis()};
        }
        long[] ends = new long[previousWindows];
        for (int k = 1; k <= previousWindows; k++) {
            ends[k - 1] = windowEndMs - k * windowSizeMs;
        }
        return ends;
    }

    /** How far back a baseline reaches: the history a key keeps. */
    public long lookbackMs(long windowSizeMs) {
        return baseline == Baseline.SAME_HOUR_LAST_WEEK ? WEEK.toMillis() : previousWindows * windowSizeMs;
    }

    /** Human description of the baseline, for summaries. */
    public String baselineText() {
        return baseline == Baseline.SAME_HOUR_LAST_WEEK
                ? "the same window a week earlier"
                : "the mean of the previous " + previousWindows + " windows";
    }
}
