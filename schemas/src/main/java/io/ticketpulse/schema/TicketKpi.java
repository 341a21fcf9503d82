package io.ticketpulse.schema;

import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code ticket-kpi} v1 row (see {@code schemas/ticket-kpi.schema.json}): the KPIs of one
 * ({@code channel}, {@code priority}) over one event-time window {@code [windowStartMs, windowEndMs)}.
 *
 * <p>Upsert key: ({@code channel}, {@code priority}, {@code windowStartMs}, {@code windowEndMs}); a revised
 * row for the same key carries a higher {@code revision} and replaces the earlier one. Means, rates and
 * percentiles are {@code null} when nothing was measured (e.g. no first response in the window).
 * Durations are seconds with millisecond precision. Flink POJO.
 *
 * <p>Rows of a configured grouping set other than the default (channel, priority) carry {@link #groupingSet},
 * their dimensions ({@link #dimensionNames}, {@link #dimensionValues}) and {@link #foldedDimensions}; their
 * {@code channel} and {@code priority} are those dimensions' values, or null when the set has no such dimension.
 * Their upsert key is {@link KpiGroupKey} of the set and values, then the window bounds.
 */
public class TicketKpi {

    public long windowStartMs;
    public long windowEndMs;
    public String channel;
    public String priority;
    /** The grouping set of the row; null for the default family (channel, priority). */
    public String groupingSet;
    /** Grouping-set rows: the names of the set's dimensions, in the set's order (null for the default family). */
    public String[] dimensionNames;
    /** Grouping-set rows: the dimension values, null where unknown, {@code other} where folded. */
    public String[] dimensionValues;
    /** Grouping-set rows: the names of the dimensions whose value is folded into {@code other} in this row. */
    public String[] foldedDimensions;
    /** 0 for the first emission of this window, +1 for each revision. */
    public int revision;
    /** True when the window can no longer change (the watermark passed window end + allowed lateness). */
    public boolean isFinal;

    public long ticketsCreated;

    public long frtCount;
    public Double frtMeanS;
    public Double frtP50S;
    public Double frtP90S;
    public Double frtP95S;
    public Double frtP99S;
    public Double frtMaxS;

    public long waitTimeouts;
    public long waitDecided;
    public Double waitTimeoutRate;

    public long resolved;
    public Double mttrMeanS;
    public Double mttrP50S;
    public Double mttrP90S;

    public long oneTouchResolved;
    public Double fcrRate;

    public long backlogOpen;
    /**
     * SLA metrics of this channel and priority about to breach at {@code windowEnd}, as of just before it (like
     * the backlog): running, not paused, not breached before it, deadline in [window_end, window_end + horizon);
     * 0 without a horizon.
     */
    public long imminentBreach;

    public long csatCount;
    public Double csatMean;
    public Double csatMeanFrtLt1m;
    public Double csatMeanFrt1To5m;
    public Double csatMeanFrtGt5m;

    /** Of {@code ticketsCreated}, those whose priority was derived from their attributes (none given). */
    public long ticketsPriorityDerived;
    /** Handling times (AHT) of the resolution cycles that ended in the window. */
    public long ahtCount;
    public Double ahtMeanS;
    public Double ahtP50S;
    public Double ahtP90S;
    /**
     * Mean FRT and time to resolve in business time, over the window's values whose ticket's matched policy gives
     * the metric ({@code first_response}, {@code resolution}) a business-hours calendar; null when none did.
     */
    public Double frtBusinessMeanS;
    public Double mttrBusinessMeanS;
    /**
     * How many values each business-time mean is over (its weight when a dashboard merges rows); null, like the
     * mean, when none: not {@code frtCount} / {@code resolved}, which also count the values without a calendar.
     */
    public Long frtBusinessCount;
    public Long mttrBusinessCount;

    public TicketKpi() {}

    /** The upsert key of this row: its group (see {@link #groupKey()}) and window bounds. */
    public String upsertKey() {
        return groupKey() + '/' + windowStartMs + '/' + windowEndMs;
    }

    /**
     * The row's group without the window: {@code channel/priority} for the default family, else the
     * {@link KpiGroupKey} of its grouping set and dimension values.
     */
    public String groupKey() {
        if (groupingSet == null) {
            return channel + '/' + priority;
        }
        boolean[] folded = new boolean[dimensionNames.length];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = foldedDimensions != null && Arrays.asList(foldedDimensions).contains(dimensionNames[i]);
        }
        return KpiGroupKey.encode(groupingSet, dimensionValues, folded);
    }

    /** The value of the named dimension in a grouping-set row, or null (unknown, or not a dimension of it). */
    public String dimension(String name) {
        if (dimensionNames != null) {
            for (int i = 0; i < dimensionNames.length; i++) {
                if (dimensionNames[i].equals(name)) {
                    return dimensionValues[i];
                }
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TicketKpi)) {
            return false;
        }
        TicketKpi k = (TicketKpi) o;
        return windowStartMs == k.windowStartMs
                && windowEndMs == k.windowEndMs
                && revision == k.revision
                && isFinal == k.isFinal
                && ticketsCreated == k.ticketsCreated
                && frtCount == k.frtCount
                && waitTimeouts == k.waitTimeouts
                && waitDecided == k.waitDecided
                && resolved == k.resolved
                && oneTouchResolved == k.oneTouchResolved
                && backlogOpen == k.backlogOpen
                && imminentBreach == k.imminentBreach
                && csatCount == k.csatCount
                && Objects.equals(channel, k.channel)
                && Objects.equals(priority, k.priority)
                && Objects.equals(groupingSet, k.groupingSet)
                && Arrays.equals(dimensionNames, k.dimensionNames)
                && Arrays.equals(dimensionValues, k.dimensionValues)
                && Arrays.equals(foldedDimensions, k.foldedDimensions)
                && Objects.equals(frtMeanS, k.frtMeanS)
                && Objects.equals(frtP50S, k.frtP50S)
                && Objects.equals(frtP90S, k.frtP90S)
                && Objects.equals(frtP95S, k.frtP95S)
                && Objects.equals(frtP99S, k.frtP99S)
                && Objects.equals(frtMaxS, k.frtMaxS)
                && Objects.equals(waitTimeoutRate, k.waitTimeoutRate)
                && Objects.equals(mttrMeanS, k.mttrMeanS)
                && Objects.equals(mttrP50S, k.mttrP50S)
                && Objects.equals(mttrP90S, k.mttrP90S)
                && Objects.equals(fcrRate, k.fcrRate)
                && Objects.equals(csatMean, k.csatMean)
                && Objects.equals(csatMeanFrtLt1m, k.csatMeanFrtLt1m)
                && Objects.equals(csatMeanFrt1To5m, k.csatMeanFrt1To5m)
                && Objects.equals(csatMeanFrtGt5m, k.csatMeanFrtGt5m)
                && ticketsPriorityDerived == k.ticketsPriorityDerived
                && ahtCount == k.ahtCount
                && Objects.equals(ahtMeanS, k.ahtMeanS)
                && Objects.equals(ahtP50S, k.ahtP50S)
                && Objects.equals(ahtP90S, k.ahtP90S)
                && Objects.equals(frtBusinessMeanS, k.frtBusinessMeanS)
                && Objects.equals(mttrBusinessMeanS, k.mttrBusinessMeanS)
                && Objects.equals(frtBusinessCount, k.frtBusinessCount)
                && Objects.equals(mttrBusinessCount, k.mttrBusinessCount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, priority, windowStartMs, windowEndMs, revision);
    }

    @Override
    public String toString() {
        return "TicketKpi{" + (groupingSet == null ? channel + '/' + priority : groupKey()) + " [" + windowStartMs
                + ',' + windowEndMs + ") rev="
                + revision + (isFinal ? " final" : "") + " created=" + ticketsCreated + " frt=" + frtCount
                + " mean=" + frtMeanS + " p50=" + frtP50S + " p90=" + frtP90S + " max=" + frtMaxS
                + " wait=" + waitTimeouts + '/' + waitDecided + " resolved=" + resolved + " mttr=" + mttrMeanS
                + " oneTouch=" + oneTouchResolved + " backlog=" + backlogOpen + " imminent=" + imminentBreach
                + " csat=" + csatCount + '@'
                + csatMean + " [" + csatMeanFrtLt1m + ',' + csatMeanFrt1To5m + ',' + csatMeanFrtGt5m + "]"
                + " derived=" + ticketsPriorityDerived + " aht=" + ahtCount + '@' + ahtMeanS
                + (frtBusinessMeanS == null && mttrBusinessMeanS == null ? ""
                        : " business[frt=" + frtBusinessCount + '@' + frtBusinessMeanS + " mttr=" + mttrBusinessCount
                                + '@' + mttrBusinessMeanS + ']') + '}';
    }
}
