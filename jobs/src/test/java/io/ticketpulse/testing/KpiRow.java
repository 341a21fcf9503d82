package io.ticketpulse.testing;

import io.ticketpulse.schema.TicketKpi;

/** Fluent builder of expected KPI rows: everything zero or null unless set. */
public final class KpiRow {

    private final TicketKpi k = new TicketKpi();

    private KpiRow(String channel, String priority, long startMs, long endMs) {
        k.channel = channel;
        k.priority = priority;
        k.windowStartMs = startMs;
        k.windowEndMs = endMs;
        k.isFinal = true;
    }

    public static KpiRow of(String channel, String priority, long startMs, long endMs) {
        return new KpiRow(channel, priority, startMs, endMs);
    }

    /**
     * A row of grouping set {@code set} with one dimension {@code dimension} = {@code value} (null: unknown;
     * {@code folded}: the dimension's "other" bucket), or with none when {@code dimension} is null (a roll-up).
     */
    public static KpiRow group(String set, String dimension, String value, boolean folded, long startMs, long endMs) {
        KpiRow r = new KpiRow(null, null, startMs, endMs);
        r.k.groupingSet = set;
        r.k.dimensionNames = dimension == null ? new String[0] : new String[] {dimension};
        r.k.dimensionValues = dimension == null ? new String[0] : new String[] {folded ? "other" : value};
        r.k.foldedDimensions = folded ? new String[] {dimension} : new String[0];
        if ("channel".equals(dimension) && !folded) {
            r.k.channel = value;
        }
        if ("priority".equals(dimension) && !folded) {
            r.k.priority = value;
        }
        return r;
    }

    public KpiRow created(long n) {
        k.ticketsCreated = n;
        return this;
    }

    /** FRT count, mean, p50, p90, p95, p99, max in seconds. */
    public KpiRow frt(long count, double mean, double p50, double p90, double p95, double p99, double max) {
        k.frtCount = count;
        k.frtMeanS = mean;
        k.frtP50S = p50;
        k.frtP90S = p90;
        k.frtP95S = p95;
        k.frtP99S = p99;
        k.frtMaxS = max;
        return this;
    }

    public KpiRow waits(long timeouts, long decided) {
        k.waitTimeouts = timeouts;
        k.waitDecided = decided;
        k.waitTimeoutRate = decided == 0 ? null : (double) timeouts / decided;
        return this;
    }

    /** Resolved count, MTTR mean, p50, p90 in seconds, one-touch count. */
    public KpiRow resolved(long count, double mean, double p50, double p90, long oneTouch) {
        k.resolved = count;
        k.mttrMeanS = mean;
        k.mttrP50S = p50;
        k.mttrP90S = p90;
        k.oneTouchResolved = oneTouch;
        k.fcrRate = (double) oneTouch / count;
        return this;
    }

    public KpiRow backlog(long n) {
        k.backlogOpen = n;
        return this;
    }

    /** Ratings count and mean, and the means per FRT bucket (null where none). */
    public KpiRow csat(long count, double mean, Double lt1m, Double from1to5m, Double gt5m) {
        k.csatCount = count;
        k.csatMean = mean;
        k.csatMeanFrtLt1m = lt1m;
        k.csatMeanFrt1To5m = from1to5m;
        k.csatMeanFrtGt5m = gt5m;
        return this;
    }

    /** Handling times: count, mean, p50, p90 in seconds. */
    public KpiRow aht(long count, double mean, double p50, double p90) {
        k.ahtCount = count;
        k.ahtMeanS = mean;
        k.ahtP50S = p50;
        k.ahtP90S = p90;
        return this;
    }

    /** Of the tickets created, how many had a derived priority. */
    public KpiRow priorityDerived(long n) {
        k.ticketsPriorityDerived = n;
        return this;
    }

    public KpiRow revision(int revision, boolean isFinal) {
        k.revision = revision;
        k.isFinal = isFinal;
        return this;
    }

    public TicketKpi build() {
        return k;
    }
}
