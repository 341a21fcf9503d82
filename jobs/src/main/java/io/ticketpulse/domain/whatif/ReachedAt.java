package io.ticketpulse.domain.whatif;

/**
 * A firing alert record of one SLA metric: the state it reached ({@link Reached}) and when. Kept with a metric's
 * {@link OpenMetricResult} until the end of the history is known (records after it do not count). Flink POJO.
 */
public class ReachedAt {

    public Reached reached;
    public long atMs;

    public ReachedAt() {}

    public ReachedAt(Reached reached, long atMs) {
        this.reached = reached;
        this.atMs = atMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReachedAt r && r.reached == reached && r.atMs == atMs;
    }

    @Override
    public int hashCode() {
        return reached.hashCode() * 31 + Long.hashCode(atMs);
    }

    @Override
    public String toString() {
        return reached + "@" + atMs;
    }
}
