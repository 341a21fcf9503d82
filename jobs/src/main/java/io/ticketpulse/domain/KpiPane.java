package io.ticketpulse.domain;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * The accumulated facts of one (channel, priority) in one slide-sized pane: the keyed-state value of the KPI
 * window function. Counters are exact; FRT and TTR values are exact multisets, so retractions are exact.
 *
 * <p>Each value multiset also has a KLL sketch for percentiles, cached in a {@code transient} field and rebuilt
 * lazily after a change (or after deserialisation). With the heap state backend the same object is returned
 * on every access, so the cache survives; with RocksDB it is rebuilt on read. Both give correct results.
 * A Flink POJO (the cache is not serialised).
 */
public class KpiPane extends PaneCounters {

    /** KLL accuracy parameter: normalised rank error about 0.66 % (99 % confidence). */
    public static final int SKETCH_K = 400;

    public long paneStartMs;
    /** First response times of the pane's FIRST_RESPONSE facts, ms. */
    public LongMultiset frtValuesMs = new LongMultiset();
    /** Times to resolve of the pane's RESOLVED facts, ms. */
    public LongMultiset ttrValuesMs = new LongMultiset();

    private transient KllDoublesSketch frtSketch;
    private transient KllDoublesSketch ttrSketch;

    public KpiPane() {}

    public KpiPane(long paneStartMs) {
        this.paneStartMs = paneStartMs;
    }

    /** Applies a delta of this pane. */
    public KpiPane apply(PaneDelta delta) {
        if (delta.paneStartMs != paneStartMs) {
            throw new IllegalArgumentException(
                    "Delta of pane " + delta.paneStartMs + " applied to pane " + paneStartMs);
        }
        addCounters(delta);
        if (!delta.frtAddedMs.isEmpty() || !delta.frtRetractedMs.isEmpty()) {
            frtValuesMs.apply(delta.frtAddedMs, delta.frtRetractedMs);
            frtSketch = null;
        }
        if (!delta.ttrAddedMs.isEmpty() || !delta.ttrRetractedMs.isEmpty()) {
            ttrValuesMs.apply(delta.ttrAddedMs, delta.ttrRetractedMs);
            ttrSketch = null;
        }
        return this;
    }

    /** True when the pane holds facts (net count not zero); only such panes make a window due. */
    public boolean hasFacts() {
        return factCount != 0;
    }

    /** True when the pane holds nothing at all and can be dropped. */
    public boolean isEmpty() {
        return countersAreZero() && frtValuesMs.isEmpty() && ttrValuesMs.isEmpty();
    }

    /** Sketch of the FRT values (ms) with positive multiplicity. Shared cache: read or merge it, never update it. */
    public KllDoublesSketch frtSketch() {
        if (frtSketch == null) {
            frtSketch = sketchOf(frtValuesMs);
        }
        return frtSketch;
    }

    /** Sketch of the TTR values (ms) with positive multiplicity. Shared cache: read or merge it, never update it. */
    public KllDoublesSketch ttrSketch() {
        if (ttrSketch == null) {
            ttrSketch = sketchOf(ttrValuesMs);
        }
        return ttrSketch;
    }

    private static KllDoublesSketch sketchOf(LongMultiset values) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(SKETCH_K);
        for (int i = 0; i < values.values.length; i++) {
            for (int n = 0; n < values.counts[i]; n++) {
                sketch.update(values.values[i]);
            }
        }
        return sketch;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KpiPane)) {
            return false;
        }
        KpiPane p = (KpiPane) o;
        return paneStartMs == p.paneStartMs
                && Arrays.equals(counterArray(), p.counterArray())
                && frtValuesMs.equals(p.frtValuesMs)
                && ttrValuesMs.equals(p.ttrValuesMs);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(paneStartMs) * 31 + Arrays.hashCode(counterArray());
    }

    @Override
    public String toString() {
        return "KpiPane{@" + paneStartMs + " facts=" + factCount + " created=" + created + " frt=" + frtValuesMs
                + " ttr=" + ttrValuesMs + " backlog=" + backlogDelta + " csat=" + csatCount + '/' + csatSum + '}';
    }
}
