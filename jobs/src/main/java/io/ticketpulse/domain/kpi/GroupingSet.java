package io.ticketpulse.domain.kpi;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FactType;
import io.ticketpulse.schema.KpiGroupKey;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One configured grouping set: its own family of {@code ticket-kpi} rows, one per combination of its dimensions'
 * values (in the given order; no dimension: the overall roll-up). The default family (channel, priority),
 * {@value #DEFAULT_ID}, is not one of these: it is always computed, as before.
 *
 * <p><b>Caps.</b> A capped dimension ({@link Dimension#capped()}) keeps at most {@link #maxValues()} values; the
 * others are folded into {@value KpiGroupKey#OTHER}. Which values are kept:
 * <ul>
 *   <li>with an allow-list ({@link #allowed()}), exactly the listed values (decided per fact, no state);
 *   <li>otherwise the first {@code maxValues} values seen in event time ({@link ValueFold}): by the slide-long
 *       pane of their first fact, within a pane in lexicographic order, decided once that pane can no longer
 *       change, and kept for the life of the job's state. So the kept values depend only on the data, never on
 *       arrival order or parallelism.
 * </ul>
 *
 * @param id the set's id (the rows' {@code grouping_set})
 * @param dimensions its dimensions, in key order, at most 4, distinct
 * @param maxValues the cap of each capped dimension
 * @param allowed allow-lists of capped dimensions, by dimension name (a dimension not listed has none)
 */
public record GroupingSet(String id, List<Dimension> dimensions, int maxValues, Map<String, Set<String>> allowed)
        implements Serializable {

    /** The id of the default family (channel, priority) where a set id is needed (volatility alerts). */
    public static final String DEFAULT_ID = "channel_priority";
    /** The cap of a capped dimension when the set does not say. */
    public static final int DEFAULT_MAX_VALUES = 100;
    /** The largest cap and allow-list. */
    public static final int MAX_MAX_VALUES = 10_000;
    /** The most dimensions of one set. */
    public static final int MAX_DIMENSIONS = 4;

    public GroupingSet {
        dimensions = List.copyOf(dimensions);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        allowed.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        allowed = Map.copyOf(copy);
        if (dimensions.size() > MAX_DIMENSIONS || new LinkedHashSet<>(dimensions).size() != dimensions.size()) {
            throw new IllegalArgumentException("grouping set " + id + ": at most " + MAX_DIMENSIONS
                    + " distinct dimensions: " + dimensions);
        }
        if (maxValues < 1 || maxValues > MAX_MAX_VALUES) {
            throw new IllegalArgumentException("grouping set " + id + ": max_values must be from 1 to "
                    + MAX_MAX_VALUES + ", got " + maxValues);
        }
        List<String> problems = allowListProblems(dimensions, maxValues, allowed);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("grouping set " + id + ": " + String.join("; ", problems));
        }
    }

    /**
     * What is wrong with the allow-lists of a set (empty: nothing), in the order of their dimension names: one
     * for a dimension that is not one of the set's capped dimensions, or longer than {@code maxValues}.
     */
    public static List<String> allowListProblems(
            List<Dimension> dimensions, int maxValues, Map<String, ? extends Set<String>> allowed) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ? extends Set<String>> e : new TreeMap<>(allowed).entrySet()) {
            int i = indexOf(dimensions, e.getKey());
            if (i < 0 || !dimensions.get(i).capped()) {
                problems.add("an allow-list for '" + e.getKey()
                        + "', which is not one of its capped dimensions (team, agent_id, attributes.<key>)");
            } else if (e.getValue().size() > maxValues) {
                problems.add("the allow-list of '" + e.getKey() + "' has " + e.getValue().size()
                        + " values, more than max_values " + maxValues);
            }
        }
        return problems;
    }

    /** A set with the default cap and no allow-lists. */
    public static GroupingSet of(String id, String... dimensionNames) {
        List<Dimension> dims = new ArrayList<>();
        for (String n : dimensionNames) {
            dims.add(Dimension.parse(n));
        }
        return new GroupingSet(id, dims, DEFAULT_MAX_VALUES, Map.of());
    }

    /** This set with another cap. */
    public GroupingSet withMaxValues(int n) {
        return new GroupingSet(id, dimensions, n, allowed);
    }

    /** This set with an allow-list for one of its capped dimensions. */
    public GroupingSet withAllowed(String dimension, Set<String> values) {
        Map<String, Set<String>> a = new LinkedHashMap<>(allowed);
        a.put(dimension, values);
        return new GroupingSet(id, dimensions, maxValues, a);
    }

    private static int indexOf(List<Dimension> dims, String name) {
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The dimensions' names, in order. */
    public String[] dimensionNames() {
        String[] names = new String[dimensions.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = dimensions.get(i).name();
        }
        return names;
    }

    /** The {@link Fact#moved} bits of the set's dimensions. */
    public int moveMask() {
        int mask = 0;
        for (Dimension d : dimensions) {
            mask |= d.moveBit();
        }
        return mask;
    }

    /** Whether the dimension at {@code position} is capped by first-seen values (capped, without allow-list). */
    public boolean keepsFirstSeen(int position) {
        Dimension d = dimensions.get(position);
        return d.capped() && !allowed.containsKey(d.name());
    }

    /** Whether any dimension is capped by first-seen values (its rows need {@link ValueFold}). */
    public boolean keepsFirstSeen() {
        for (int i = 0; i < dimensions.size(); i++) {
            if (keepsFirstSeen(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key ({@link KpiGroupKey}) of the set's row the fact counts in, allow-lists applied; null when the fact
     * does not count in this family at all: a BACKLOG fact (the sets count {@link FactType#GROUP_BACKLOG}
     * instead), an IMMINENT fact (only the (channel, priority) rows count them), or a GROUP_BACKLOG move ({@link Fact#moved}) none of whose moved dimensions is one of the set's
     * (the -1 and the +1 fall into the same row and cancel, so neither is a fact of it).
     */
    public String keyOf(Fact f) {
        if (f.type == FactType.BACKLOG || f.type == FactType.IMMINENT
                || f.type == FactType.GROUP_BACKLOG && f.moved != 0 && (f.moved & moveMask()) == 0) {
            return null;
        }
        String[] values = new String[dimensions.size()];
        boolean[] folded = null;
        for (int i = 0; i < values.length; i++) {
            Dimension d = dimensions.get(i);
            values[i] = d.valueOf(f);
            Set<String> allow = d.capped() ? allowed.get(d.name()) : null;
            if (allow != null && values[i] != null && !allow.contains(values[i])) {
                folded = folded == null ? new boolean[values.length] : folded;
                folded[i] = true;
            }
        }
        return KpiGroupKey.encode(id, values, folded);
    }

    @Override
    public String toString() {
        return id + dimensions + (maxValues == DEFAULT_MAX_VALUES ? "" : " max " + maxValues)
                + (allowed.isEmpty() ? "" : " allow " + allowed.keySet());
    }
}
