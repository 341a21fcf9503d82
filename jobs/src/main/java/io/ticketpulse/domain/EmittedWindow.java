package io.ticketpulse.domain;

/**
 * What the KPI window function remembers of a window it has emitted but not finalised yet: the revision of
 * the last row and a fingerprint of its inputs (see {@link KpiWindowCalculator#fingerprint}), so that a
 * revision is emitted only when something changed. A Flink POJO.
 */
public class EmittedWindow {

    public int revision;
    public long fingerprint;

    public EmittedWindow() {}

    public EmittedWindow(int revision, long fingerprint) {
        this.revision = revision;
        this.fingerprint = fingerprint;
    }

    @Override
    public String toString() {
        return "EmittedWindow{rev=" + revision + ", fp=" + Long.toHexString(fingerprint) + '}';
    }
}
