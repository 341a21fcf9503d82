package io.ticketpulse.domain;

import io.ticketpulse.schema.TicketKpi;
import java.util.Collection;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Computes the KPI row of one window {@code [windowStartMs, windowEndMs)} of one (channel, priority) from
 * the panes starting inside it. Counts, sums, means and maxima are exact; percentiles come from the merged
 * KLL sketches of the panes (k = {@link KpiPane#SKETCH_K}, nearest-rank with the INCLUSIVE criterion; exact
 * while the window holds at most k values). Durations are returned in seconds ({@code ms / 1000.0}); means,
 * rates and percentiles are {@code null} when nothing was measured. The open backlog is passed in, because it
 * depends on every pane before the window end, not only on the window's panes.
 */
public final class KpiWindowCalculator {

    private KpiWindowCalculator() {}

    /** The KPI row of the window; {@code panes} must all start in {@code [windowStartMs, windowEndMs)}. */
    public static TicketKpi compute(
            long windowStartMs,
            long windowEndMs,
            String channel,
            String priority,
            Collection<KpiPane> panes,
            long backlogAtEnd,
            int revision,
            boolean isFinal) {
        PaneCounters sum = new PaneCounters();
        KllDoublesSketch frt = KllDoublesSketch.newHeapInstance(KpiPane.SKETCH_K);
        KllDoublesSketch ttr = KllDoublesSketch.newHeapInstance(KpiPane.SKETCH_K);
        long frtMaxMs = Long.MIN_VALUE;
        for (KpiPane pane : panes) {
            if (pane.paneStartMs < windowStartMs || pane.paneStartMs >= windowEndMs) {
                throw new IllegalArgumentException("Pane " + pane.paneStartMs + " is outside the window ["
                        + windowStartMs + ", " + windowEndMs + ")");
            }
            sum.addCounters(pane);
            frtMaxMs = Math.max(frtMaxMs, pane.frtValuesMs.maxPresent());
            if (!pane.frtValuesMs.isEmpty()) {
                frt.merge(pane.frtSketch());
            }
            if (!pane.ttrValuesMs.isEmpty()) {
                ttr.merge(pane.ttrSketch());
            }
        }

        TicketKpi k = new TicketKpi();
        k.windowStartMs = windowStartMs;
        k.windowEndMs = windowEndMs;
        k.channel = channel;
        k.priority = priority;
        k.revision = revision;
        k.isFinal = isFinal;

        k.ticketsCreated = sum.created;

        k.frtCount = sum.frtCount;
        k.frtMeanS = meanSeconds(sum.frtSumMs, sum.frtCount);
        k.frtP50S = quantileSeconds(frt, 0.50);
        k.frtP90S = quantileSeconds(frt, 0.90);
        k.frtP95S = quantileSeconds(frt, 0.95);
        k.frtP99S = quantileSeconds(frt, 0.99);
        k.frtMaxS = frtMaxMs == Long.MIN_VALUE ? null : frtMaxMs / 1000.0;

        k.waitTimeouts = sum.waitTimeouts;
        k.waitDecided = sum.waitDecided;
        k.waitTimeoutRate = ratio(sum.waitTimeouts, sum.waitDecided);

        k.resolved = sum.resolved;
        k.mttrMeanS = meanSeconds(sum.ttrSumMs, sum.resolved);
        k.mttrP50S = quantileSeconds(ttr, 0.50);
        k.mttrP90S = quantileSeconds(ttr, 0.90);

        k.oneTouchResolved = sum.oneTouch;
        k.fcrRate = ratio(sum.oneTouch, sum.resolved);

        k.backlogOpen = backlogAtEnd;

        k.csatCount = sum.csatCount;
        k.csatMean = ratio(sum.csatSum, sum.csatCount);
        k.csatMeanFrtLt1m = ratio(sum.csatLt1mSum, sum.csatLt1mCount);
        k.csatMeanFrt1To5m = ratio(sum.csat1To5mSum, sum.csat1To5mCount);
        k.csatMeanFrtGt5m = ratio(sum.csatGt5mSum, sum.csatGt5mCount);
        return k;
    }

    /**
     * A 64-bit fingerprint of everything the row of a window over {@code panes} depends on, independent of the
     * order of the panes: the summed counters, the backlog and the exact FRT/TTR multisets (not the sketch
     * output, which is randomised above k values and would make an unchanged window look changed).
     */
    public static long fingerprint(Collection<KpiPane> panes, long backlogAtEnd) {
        PaneCounters sum = new PaneCounters();
        long frtHash = 0;
        long ttrHash = 0;
        for (KpiPane pane : panes) {
            sum.addCounters(pane);
            frtHash += pane.frtValuesMs.contentHash();
            ttrHash += pane.ttrValuesMs.contentHash();
        }
        long h = Mix.combine(0, backlogAtEnd);
        for (long c : sum.counterArray()) {
            h = Mix.combine(h, c);
        }
        return Mix.combine(Mix.combine(h, frtHash), ttrHash);
    }

    private static Double meanSeconds(long sumMs, long count) {
        return count > 0 ? (double) sumMs / count / 1000.0 : null;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator > 0 ? (double) numerator / denominator : null;
    }

    private static Double quantileSeconds(KllDoublesSketch sketch, double rank) {
        return sketch.isEmpty() ? null : sketch.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE) / 1000.0;
    }
}
