package io.ticketpulse.domain.kpi;

import io.ticketpulse.domain.PaneDelta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The state of one grouping set's first-seen caps ({@link ValueFold}): the values kept per dimension position, and
 * the deltas waiting for a decision about one of their values. A Flink POJO (the operator's keyed state, one per
 * grouping set); the kept values are bounded by the caps, the waiting deltas by the panes still open.
 */
public class KeptValues {

    /** The kept values, each written {@code <position>:<value>}, in the order they were kept. */
    public List<String> kept = new ArrayList<>();
    /** Per dimension position of the set: how many values are kept. */
    public int[] counts = new int[0];
    /** Deltas with a value not decided yet, in arrival order. */
    public List<PaneDelta> pending = new ArrayList<>();

    /** Lookup index of {@link #kept}, rebuilt when missing (not serialized). */
    private transient Set<String> index;

    public KeptValues() {}

    /** Fresh state for a set of {@code positions} dimensions. */
    public static KeptValues fresh(int positions) {
        KeptValues s = new KeptValues();
        s.counts = new int[positions];
        return s;
    }

    boolean isKept(int position, String value) {
        if (index == null) {
            index = new HashSet<>(kept);
        }
        return index.contains(position + ":" + value);
    }

    void keep(int position, String value) {
        String entry = position + ":" + value;
        kept.add(entry);
        if (index != null) {
            index.add(entry);
        }
        counts[position]++;
    }

    /** Whether nothing is kept and nothing waits (the same as no state). */
    public boolean isEmpty() {
        return kept.isEmpty() && pending.isEmpty();
    }

    @Override
    public String toString() {
        return "KeptValues{kept=" + kept + " pending=" + pending.size() + '}';
    }
}
