package io.ticketpulse.domain.sla;

import java.util.Objects;

/**
 * Aggregate-alert state of one (channel, priority): the debounce state of each metric (null when idle) and
 * the end of the last final window applied (to ignore a duplicate or out-of-order row). Flink POJO; a key whose
 * alerts are all idle has no state at all ({@link AggregateAlertTracker.Step#state()} is null).
 */
public class AggregateAlertState {

    public Long lastWindowEndMs;
    public AggregateMetricState frtP90;
    public AggregateMetricState mttrMean;
    public AggregateMetricState waitTimeoutRate;
    public AggregateMetricState imminentBreach;

    public AggregateAlertState() {}

    public AggregateMetricState get(AggregateMetric metric) {
        return switch (metric) {
            case FRT_P90 -> frtP90;
            case MTTR_MEAN -> mttrMean;
            case WAIT_TIMEOUT_RATE -> waitTimeoutRate;
            case IMMINENT_BREACH -> imminentBreach;
        };
    }

    void set(AggregateMetric metric, AggregateMetricState state) {
        switch (metric) {
            case FRT_P90 -> frtP90 = state;
            case MTTR_MEAN -> mttrMean = state;
            case WAIT_TIMEOUT_RATE -> waitTimeoutRate = state;
            case IMMINENT_BREACH -> imminentBreach = state;
        }
    }

    /** No alert firing and no run under way. */
    public boolean isIdle() {
        for (AggregateMetric m : AggregateMetric.values()) {
            if (get(m) != null && !get(m).isIdle()) {
                return false;
            }
        }
        return true;
    }

    AggregateAlertState copy() {
        AggregateAlertState s = new AggregateAlertState();
        s.lastWindowEndMs = lastWindowEndMs;
        for (AggregateMetric m : AggregateMetric.values()) {
            s.set(m, get(m) == null ? null : get(m).copy());
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AggregateAlertState s
                && Objects.equals(lastWindowEndMs, s.lastWindowEndMs)
                && Objects.equals(frtP90, s.frtP90)
                && Objects.equals(mttrMean, s.mttrMean)
                && Objects.equals(waitTimeoutRate, s.waitTimeoutRate)
                && Objects.equals(imminentBreach, s.imminentBreach);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastWindowEndMs, frtP90, mttrMean, waitTimeoutRate, imminentBreach);
    }

    @Override
    public String toString() {
        return "AggregateAlertState{last=" + lastWindowEndMs + " frtP90=" + frtP90 + " mttrMean=" + mttrMean
                + " waitTimeoutRate=" + waitTimeoutRate + " imminentBreach=" + imminentBreach + '}';
    }
}
