package io.ticketpulse.domain;

/**
 * The signed counters of one pane (or of a change to one pane), shared by {@link PaneDelta} and
 * {@link KpiPane}. Every counter is a net sum: an added fact counts +1, a retracted one -1. Durations in
 * milliseconds. A Flink POJO base class (public fields).
 */
public class PaneCounters {

    /** Net number of facts of every type, BACKLOG facts included. */
    public long factCount;
    public long created;
    public long frtCount;
    public long frtSumMs;
    public long waitTimeouts;
    public long waitDecided;
    public long resolved;
    public long ttrSumMs;
    public long oneTouch;
    /** Net change of the open backlog (sum of the BACKLOG facts' signed deltas). */
    public long backlogDelta;
    public long csatCount;
    public long csatSum;
    public long csatLt1mCount;
    public long csatLt1mSum;
    public long csat1To5mCount;
    public long csat1To5mSum;
    public long csatGt5mCount;
    public long csatGt5mSum;
    /** CREATED facts whose priority was derived. */
    public long createdPriorityDerived;
    public long ahtCount;
    public long ahtSumMs;
    /** FIRST_RESPONSE facts with a business-time value, and the sum of those values. */
    public long frtBusinessCount;
    public long frtBusinessSumMs;
    /** RESOLVED facts with a business-time value, and the sum of those values. */
    public long ttrBusinessCount;
    public long ttrBusinessSumMs;
    /** Net change of the metrics about to breach (sum of the IMMINENT facts' signed deltas). */
    public long imminentDelta;

    public PaneCounters() {}

    /** Folds one fact with sign {@code s} (+1 or -1) into the counters. */
    protected void countFact(Fact f, int s) {
        factCount += s;
        switch (f.type) {
            case CREATED -> {
                created += s;
                if (f.flag) {
                    createdPriorityDerived += s;
                }
            }
            case HANDLING_TIME -> {
                ahtCount += s;
                ahtSumMs += s * f.valueMs;
            }
            case FIRST_RESPONSE -> {
                frtCount += s;
                frtSumMs += s * f.valueMs;
                if (f.businessMs != null) {
                    frtBusinessCount += s;
                    frtBusinessSumMs += s * f.businessMs;
                }
            }
            case WAIT_DECIDED -> {
                waitDecided += s;
                if (f.flag) {
                    waitTimeouts += s;
                }
            }
            case RESOLVED -> {
                resolved += s;
                ttrSumMs += s * f.valueMs;
                if (f.flag) {
                    oneTouch += s;
                }
                if (f.businessMs != null) {
                    ttrBusinessCount += s;
                    ttrBusinessSumMs += s * f.businessMs;
                }
            }
            case BACKLOG, GROUP_BACKLOG -> backlogDelta += (long) s * f.delta;
            case IMMINENT -> imminentDelta += (long) s * f.delta;
            case RATED -> countRating(f.csat * (long) s, s, f.frtBucket);
            default -> throw new IllegalArgumentException("Unknown fact type " + f.type);
        }
    }

    private void countRating(long signedCsat, int s, FrtBucket bucket) {
        csatCount += s;
        csatSum += signedCsat;
        if (bucket == FrtBucket.LT_1M) {
            csatLt1mCount += s;
            csatLt1mSum += signedCsat;
        } else if (bucket == FrtBucket.FROM_1_TO_5M) {
            csat1To5mCount += s;
            csat1To5mSum += signedCsat;
        } else if (bucket == FrtBucket.GT_5M) {
            csatGt5mCount += s;
            csatGt5mSum += signedCsat;
        }
    }

    /** Adds every counter of {@code o} to this one. */
    public void addCounters(PaneCounters o) {
        factCount += o.factCount;
        created += o.created;
        frtCount += o.frtCount;
        frtSumMs += o.frtSumMs;
        waitTimeouts += o.waitTimeouts;
        waitDecided += o.waitDecided;
        resolved += o.resolved;
        ttrSumMs += o.ttrSumMs;
        oneTouch += o.oneTouch;
        backlogDelta += o.backlogDelta;
        csatCount += o.csatCount;
        csatSum += o.csatSum;
        csatLt1mCount += o.csatLt1mCount;
        csatLt1mSum += o.csatLt1mSum;
        csat1To5mCount += o.csat1To5mCount;
        csat1To5mSum += o.csat1To5mSum;
        csatGt5mCount += o.csatGt5mCount;
        csatGt5mSum += o.csatGt5mSum;
        createdPriorityDerived += o.createdPriorityDerived;
        ahtCount += o.ahtCount;
        ahtSumMs += o.ahtSumMs;
        frtBusinessCount += o.frtBusinessCount;
        frtBusinessSumMs += o.frtBusinessSumMs;
        ttrBusinessCount += o.ttrBusinessCount;
        ttrBusinessSumMs += o.ttrBusinessSumMs;
        imminentDelta += o.imminentDelta;
    }

    /** The counters in a fixed order (for equality, hashing and fingerprints). */
    protected long[] counterArray() {
        return new long[] {
            factCount, created, frtCount, frtSumMs, waitTimeouts, waitDecided, resolved, ttrSumMs, oneTouch,
            backlogDelta, csatCount, csatSum, csatLt1mCount, csatLt1mSum, csat1To5mCount, csat1To5mSum,
            csatGt5mCount, csatGt5mSum,
            createdPriorityDerived, ahtCount, ahtSumMs, imminentDelta,
            frtBusinessCount, frtBusinessSumMs, ttrBusinessCount, ttrBusinessSumMs
        };
    }

    /** True when every counter is zero. */
    public boolean countersAreZero() {
        for (long c : counterArray()) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }
}
