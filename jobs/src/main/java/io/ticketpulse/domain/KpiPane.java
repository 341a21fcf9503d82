package io.ticketpulse.domain;

import java.util.Arrays;

/**
 * The accumulated facts of one (channel, priority) in one slide-sized pane: the keyed-state value of the KPI
 * window function. Counters are exact; FRT and TTR values are exact multisets, so retractions are exact and
 * the window's percentiles are exact nearest ranks ({@link NearestRank}). A Flink POJO.
 */
public class KpiPane extends PaneCounters {

    public long paneStartMs;
    /** First response times of the pane's FIRST_RESPONSE facts, ms. */
    public LongMultiset frtValuesMs = new LongMultiset();
    /** Times to resolve of the pane's RESOLVED facts, ms. */
    public LongMultiset ttrValuesMs = new LongMultiset();
    /** Handling times of the pane's HANDLING_TIME facts, ms. */
    public LongMultiset ahtValuesMs = new LongMultiset();

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
        frtValuesMs.apply(delta.frtAddedMs, delta.frtRetractedMs);
        ttrValuesMs.apply(delta.ttrAddedMs, delta.ttrRetractedMs);
        ahtValuesMs.apply(delta.ahtAddedMs, delta.ahtRetractedMs);
        return this;
    }

    /** True when the pane holds facts (net count not zero); only such panes make a window due. */
    public boolean hasFacts() {
        return factCount != 0;
    }

    /** True when the pane holds nothing at all and can be dropped. */
    public boolean isEmpty() {
        return countersAreZero() && frtValuesMs.isEmpty() && ttrValuesMs.isEmpty() && ahtValuesMs.isEmpty();
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
                && ttrValuesMs.equals(p.ttrValuesMs)
                && ahtValuesMs.equals(p.ahtValuesMs);
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
