package io.ticketpulse.domain.report;

/**
 * Sums over non-overlapping KPI windows, and the run-level values computed from them: a mean is the sum of the
 * windows' sums (mean × count) over the sum of their counts, a rate the sum of numerators over the sum of
 * denominators. Every value is null when its denominator is 0.
 */
public record Totals(long created, long frtCount, double frtSumS, long waitTimeouts, long waitDecided, long resolved,
        double mttrSumS, long oneTouchResolved, long csatCount, double csatSum) {

    public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** These totals plus one window's row. */
    public Totals plus(KpiRow r) {
        return new Totals(created + r.ticketsCreated(), frtCount + r.frtCount(),
                frtSumS + product(r.frtMeanS(), r.frtCount()), waitTimeouts + r.waitTimeouts(),
                waitDecided + r.waitDecided(), resolved + r.resolved(), mttrSumS + product(r.mttrMeanS(), r.resolved()),
                oneTouchResolved + r.oneTouchResolved(), csatCount + r.csatCount(),
                csatSum + product(r.csatMean(), r.csatCount()));
    }

    /** Mean FRT in seconds: sum of (frt_mean_s × frt_count) / sum of frt_count. */
    public Double frtMeanS() {
        return ratio(frtSumS, frtCount);
    }

    /** Wait-timeout rate: sum of wait_timeouts / sum of wait_decided. */
    public Double waitTimeoutRate() {
        return ratio(waitTimeouts, waitDecided);
    }

    /** MTTR in seconds: sum of (mttr_mean_s × resolved) / sum of resolved. */
    public Double mttrMeanS() {
        return ratio(mttrSumS, resolved);
    }

    /** First-contact resolution: sum of one_touch_resolved / sum of resolved. */
    public Double fcrRate() {
        return ratio(oneTouchResolved, resolved);
    }

    /** Mean CSAT rating (1-5): sum of (csat_mean × csat_count) / sum of csat_count. */
    public Double csatMean() {
        return ratio(csatSum, csatCount);
    }

    private static double product(Double mean, long count) {
        return mean == null || count == 0 ? 0 : mean * count;
    }

    private static Double ratio(double numerator, long denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
