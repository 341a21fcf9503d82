package io.ticketpulse.domain;

/**
 * What the KPI window function remembers of a window it has emitted but not finalised yet: the revision of
 * the last row and a fingerprint of its inputs (see {@link KpiWindowCalculator#fingerprint}), so that a
 * revision is emitted only when something changed. A Flink POJO.
 *
 * <p>With {@link KpiUpdates#FINAL_ONLY} nothing is emitted before the final row: the window is remembered as
 * {@link #pendingFinal()} (revision -1), so that its final row is revision 0.
 */
public class EmittedWindow {

    public int revision;
    public long fingerprint;

    public EmittedWindow() {}

    public EmittedWindow(int revision, long fingerprint) {
        this.revision = revision;
        this.fingerprint = fingerprint;
    }

    /** A due window whose only row, the final one (revision 0), is still to come. */
    public static EmittedWindow pendingFinal() {
        return new EmittedWindow(-1, 0);
    }

    @Override
    public String toString() {
        return "EmittedWindow{rev=" + revision + ", fp=" + Long.toHexString(fingerprint) + '}';
    }
}
