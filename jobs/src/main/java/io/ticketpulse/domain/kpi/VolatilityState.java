package io.ticketpulse.domain.kpi;

import java.util.Arrays;
import java.util.Objects;

/**
 * Debounce state of the volatility alerts of one KPI row group: per watched KPI (by position in the rules' list)
 * the consecutive final windows out of the band and back within it, whether it fires and since when. A Flink
 * POJO; a group whose alerts are all idle has none ({@link VolatilityTracker.Step#state()} is null).
 */
public class VolatilityState {

    /** The end of the last window applied (a duplicate or out-of-order row is ignored). */
    public Long lastWindowEndMs;
    public int[] outRuns;
    public int[] backRuns;
    public boolean[] firing;
    /** Window end of the row that made the alert fire; meaningful while firing. */
    public long[] firedAtMs;

    public VolatilityState() {}

    static VolatilityState fresh(int kpis) {
        VolatilityState s = new VolatilityState();
        s.outRuns = new int[kpis];
        s.backRuns = new int[kpis];
        s.firing = new boolean[kpis];
        s.firedAtMs = new long[kpis];
        return s;
    }

    VolatilityState copy() {
        VolatilityState s = new VolatilityState();
        s.lastWindowEndMs = lastWindowEndMs;
        s.outRuns = outRuns.clone();
        s.backRuns = backRuns.clone();
        s.firing = firing.clone();
        s.firedAtMs = firedAtMs.clone();
        return s;
    }

    /** No alert firing and no run under way. */
    public boolean isIdle() {
        for (int i = 0; i < firing.length; i++) {
            if (firing[i] || outRuns[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolatilityState s
                && Objects.equals(lastWindowEndMs, s.lastWindowEndMs)
                && Arrays.equals(outRuns, s.outRuns)
                && Arrays.equals(backRuns, s.backRuns)
                && Arrays.equals(firing, s.firing)
                && Arrays.equals(firedAtMs, s.firedAtMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastWindowEndMs, Arrays.hashCode(outRuns), Arrays.hashCode(firing));
    }

    @Override
    public String toString() {
        return "VolatilityState{last=" + lastWindowEndMs + " out=" + Arrays.toString(outRuns) + " back="
                + Arrays.toString(backRuns) + " firing=" + Arrays.toString(firing) + '}';
    }
}
