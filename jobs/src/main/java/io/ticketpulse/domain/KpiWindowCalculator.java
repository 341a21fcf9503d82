package io.ticketpulse.domain;

import io.ticketpulse.domain.kpi.Dimension;
import io.ticketpulse.domain.kpi.GroupingSet;
import io.ticketpulse.schema.KpiGroupKey;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Computes the KPI row of one window {@code [windowStartMs, windowEndMs)} of one (channel, priority) from
 * the panes starting inside it (handling times like FRT and TTR). Counts, sums, means and maxima are exact; percentiles are exact nearest ranks
 * over the union of the panes' value multisets ({@link NearestRank}: the value at rank ceil(p * n / 100), at any
 * n, whatever the pane order). Durations are returned in seconds ({@code ms / 1000.0}); means,
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
        List<LongMultiset> frt = new ArrayList<>(panes.size());
        List<LongMultiset> ttr = new ArrayList<>(panes.size());
        List<LongMultiset> aht = new ArrayList<>(panes.size());
        long frtMaxMs = Long.MIN_VALUE;
        for (KpiPane pane : panes) {
            if (pane.paneStartMs < windowStartMs || pane.paneStartMs >= windowEndMs) {
                throw new IllegalArgumentException("Pane " + pane.paneStartMs + " is outside the window ["
                        + windowStartMs + ", " + windowEndMs + ")");
            }
            sum.addCounters(pane);
            frtMaxMs = Math.max(frtMaxMs, pane.frtValuesMs.maxPresent());
            frt.add(pane.frtValuesMs);
            ttr.add(pane.ttrValuesMs);
            aht.add(pane.ahtValuesMs);
        }
        long[] frtPercentiles = NearestRank.percentiles(frt, 50, 90, 95, 99);
        long[] ttrPercentiles = NearestRank.percentiles(ttr, 50, 90);
        long[] ahtPercentiles = NearestRank.percentiles(aht, 50, 90);

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
        k.frtP50S = seconds(frtPercentiles, 0);
        k.frtP90S = seconds(frtPercentiles, 1);
        k.frtP95S = seconds(frtPercentiles, 2);
        k.frtP99S = seconds(frtPercentiles, 3);
        k.frtMaxS = frtMaxMs == Long.MIN_VALUE ? null : frtMaxMs / 1000.0;

        k.waitTimeouts = sum.waitTimeouts;
        k.waitDecided = sum.waitDecided;
        k.waitTimeoutRate = ratio(sum.waitTimeouts, sum.waitDecided);

        k.resolved = sum.resolved;
        k.mttrMeanS = meanSeconds(sum.ttrSumMs, sum.resolved);
        k.mttrP50S = seconds(ttrPercentiles, 0);
        k.mttrP90S = seconds(ttrPercentiles, 1);

        k.oneTouchResolved = sum.oneTouch;
        k.fcrRate = ratio(sum.oneTouch, sum.resolved);

        k.backlogOpen = backlogAtEnd;

        k.csatCount = sum.csatCount;
        k.csatMean = ratio(sum.csatSum, sum.csatCount);
        k.csatMeanFrtLt1m = ratio(sum.csatLt1mSum, sum.csatLt1mCount);
        k.csatMeanFrt1To5m = ratio(sum.csat1To5mSum, sum.csat1To5mCount);
        k.csatMeanFrtGt5m = ratio(sum.csatGt5mSum, sum.csatGt5mCount);

        k.ticketsPriorityDerived = sum.createdPriorityDerived;
        k.ahtCount = sum.ahtCount;
        k.ahtMeanS = meanSeconds(sum.ahtSumMs, sum.ahtCount);
        k.ahtP50S = seconds(ahtPercentiles, 0);
        k.ahtP90S = seconds(ahtPercentiles, 1);
        k.frtBusinessMeanS = meanSeconds(sum.frtBusinessSumMs, sum.frtBusinessCount);
        k.mttrBusinessMeanS = meanSeconds(sum.ttrBusinessSumMs, sum.ttrBusinessCount);
        k.frtBusinessCount = sum.frtBusinessCount > 0 ? sum.frtBusinessCount : null;
        k.mttrBusinessCount = sum.ttrBusinessCount > 0 ? sum.ttrBusinessCount : null;
        return k;
    }

    /**
     * Makes {@code row} (computed with null channel and priority) the row of a grouping set's member: its
     * {@code grouping_set}, dimensions and folded dimensions from the group key, and its channel and priority from
     * the set's channel and priority dimensions (null when it has none).
     *
     * @param groupKey the {@link KpiGroupKey} of the row's group, of {@code set}
     */
    public static TicketKpi asGroupRow(TicketKpi row, GroupingSet set, String groupKey) {
        KpiGroupKey.Decoded key = KpiGroupKey.decode(groupKey);
        if (!key.groupingSet().equals(set.id()) || key.values().length != set.dimensions().size()) {
            throw new IllegalArgumentException("Key " + groupKey + " is not one of grouping set " + set);
        }
        row.groupingSet = set.id();
        row.dimensionNames = set.dimensionNames();
        row.dimensionValues = key.values();
        List<String> folded = new ArrayList<>();
        row.channel = null;
        row.priority = null;
        for (int i = 0; i < key.values().length; i++) {
            Dimension d = set.dimensions().get(i);
            if (key.folded()[i]) {
                folded.add(d.name());
            } else if (d.kind() == Dimension.Kind.CHANNEL) {
                row.channel = key.values()[i];
            } else if (d.kind() == Dimension.Kind.PRIORITY) {
                row.priority = key.values()[i];
            }
        }
        row.foldedDimensions = folded.toArray(new String[0]);
        return row;
    }

    /**
     * A 64-bit fingerprint of everything the row of a window over {@code panes} depends on, independent of the
     * order of the panes: the summed counters, the backlog and the exact FRT/TTR multisets (so a change that
     * moves a percentile but not the count or the sum is seen).
     */
    public static long fingerprint(Collection<KpiPane> panes, long backlogAtEnd) {
        PaneCounters sum = new PaneCounters();
        long frtHash = 0;
        long ttrHash = 0;
        long ahtHash = 0;
        for (KpiPane pane : panes) {
            sum.addCounters(pane);
            frtHash += pane.frtValuesMs.contentHash();
            ttrHash += pane.ttrValuesMs.contentHash();
            ahtHash += pane.ahtValuesMs.contentHash();
        }
        long h = Mix.combine(0, backlogAtEnd);
        for (long c : sum.counterArray()) {
            h = Mix.combine(h, c);
        }
        return Mix.combine(Mix.combine(Mix.combine(h, frtHash), ttrHash), ahtHash);
    }

    private static Double meanSeconds(long sumMs, long count) {
        return count > 0 ? (double) sumMs / count / 1000.0 : null;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator > 0 ? (double) numerator / denominator : null;
    }

    /** Element {@code i} of {@code valuesMs} in seconds, or null when nothing was measured. */
    private static Double seconds(long[] valuesMs, int i) {
        return valuesMs == null ? null : valuesMs[i] / 1000.0;
    }
}
