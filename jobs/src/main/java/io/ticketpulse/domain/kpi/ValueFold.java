package io.ticketpulse.domain.kpi;

import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.schema.KpiGroupKey;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The first-seen caps of one grouping set: which values of its capped dimensions without an allow-list keep their
 * own rows, and the folding of every other value into {@value KpiGroupKey#OTHER}. Pure logic over a
 * {@link KeptValues} state; the Flink operator around it loads and stores the state and sets the timers.
 *
 * <p><b>The rule.</b> A dimension keeps the first {@code max_values} distinct values in event time: values are
 * taken pane by pane (slide-long panes, in time order), and within a pane in lexicographic order, until the cap is
 * reached; once it is, every value not kept is folded, for the life of the state. A value is in a pane when its
 * facts there do not all cancel (a fact and its retraction). Unknown (null) values are never capped.
 *
 * <p><b>Why it is deterministic.</b> A pane is decided once the watermark reaches its end plus the allowed lateness,
 * when no more facts can come for it (the per-ticket operator dead-letters later events; its facts trail its
 * watermark by at most the allowed lateness). Until then a delta with an undecided value waits here; a delta
 * whose values are all decided (kept, or its dimension full) goes on at once. So what is kept depends only on the
 * facts and their times, not on arrival order, read speed or parallelism; the rows of the set run one allowed
 * lateness behind the watermark (the operator delays its output watermark by that much) so that the KPI windows
 * see the waiting deltas in time.
 */
public final class ValueFold implements Serializable {

    private static final long serialVersionUID = 1L;

    private final GroupingSet set;
    private final long slideMs;
    private final long latenessMs;

    public ValueFold(GroupingSet set, long slideMs, long latenessMs) {
        this.set = set;
        this.slideMs = slideMs;
        this.latenessMs = latenessMs;
    }

    public GroupingSet set() {
        return set;
    }

    /**
     * A delta of the set arrives: the deltas to send on now (it, with folded values rewritten, or nothing while one
     * of its values waits for a decision, in which case it is added to {@code state.pending}).
     */
    public List<PaneDelta> offer(KeptValues state, PaneDelta delta) {
        KpiGroupKey.Decoded key = KpiGroupKey.decode(delta.group);
        if (!allDecided(state, key)) {
            state.pending.add(delta);
            return List.of();
        }
        return List.of(rewrite(state, delta, key));
    }

    /** The instant (watermark) at which the earliest waiting pane is decided; {@code Long.MAX_VALUE} when none. */
    public long nextDecisionAt(KeptValues state) {
        long next = Long.MAX_VALUE;
        for (PaneDelta d : state.pending) {
            next = Math.min(next, decisionAt(d.paneStartMs));
        }
        return next;
    }

    /** When the pane starting at {@code paneStartMs} is decided: its end plus the allowed lateness. */
    public long decisionAt(long paneStartMs) {
        long end = paneStartMs > Long.MAX_VALUE - slideMs ? Long.MAX_VALUE : paneStartMs + slideMs;
        return end > Long.MAX_VALUE - latenessMs ? Long.MAX_VALUE : end + latenessMs;
    }

    /**
     * The watermark reached {@code watermark}: decides every waiting pane due by then (in time order) and returns
     * the deltas that can go on, folded values rewritten. Deltas of a decided pane whose values are still undecided
     * carry nothing (their facts cancel) and are dropped when they net to nothing, else folded.
     */
    public List<PaneDelta> decide(KeptValues state, long watermark) {
        TreeMap<Long, List<PaneDelta>> due = new TreeMap<>();
        for (PaneDelta d : state.pending) {
            if (decisionAt(d.paneStartMs) <= watermark) {
                due.computeIfAbsent(d.paneStartMs, p -> new ArrayList<>()).add(d);
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        for (List<PaneDelta> pane : due.values()) {
            decidePane(state, pane);
        }
        // what goes on: per final key and pane the net of the released deltas, those netting to nothing dropped
        Map<String, PaneDelta> out = new LinkedHashMap<>();
        for (Iterator<PaneDelta> it = state.pending.iterator(); it.hasNext(); ) {
            PaneDelta d = it.next();
            KpiGroupKey.Decoded key = KpiGroupKey.decode(d.group);
            PaneDelta released;
            if (allDecided(state, key)) {
                released = rewrite(state, d, key);
            } else if (due.containsKey(d.paneStartMs)) {
                // a value absent from a decided pane (its facts there cancel): it carries nothing; should its net
                // not be empty after all, it is folded rather than given a row of its own
                released = foldUndecided(state, d);
            } else {
                continue;
            }
            it.remove();
            PaneDelta net = out.get(released.group + '@' + released.paneStartMs);
            if (net == null) {
                out.put(released.group + '@' + released.paneStartMs, released.withGroup(released.group));
            } else {
                net.merge(released);
            }
        }
        List<PaneDelta> result = new ArrayList<>(out.size());
        for (PaneDelta net : out.values()) {
            if (!net.isEmpty()) {
                result.add(net);
            }
        }
        return result;
    }

    /** Keeps the values present in one pane's waiting deltas, position by position, until the caps are full. */
    private void decidePane(KeptValues state, List<PaneDelta> pane) {
        int positions = set.dimensions().size();
        List<Map<String, PaneDelta>> nets = new ArrayList<>(positions);
        for (int i = 0; i < positions; i++) {
            nets.add(new HashMap<>());
        }
        for (PaneDelta d : pane) {
            KpiGroupKey.Decoded key = KpiGroupKey.decode(d.group);
            for (int i = 0; i < positions; i++) {
                String v = key.values()[i];
                if (isUndecided(state, i, key, v)) {
                    nets.get(i).computeIfAbsent(v, x -> PaneDelta.ofGroup("net", d.paneStartMs))
                            .merge(d.withGroup("net"));
                }
            }
        }
        for (int i = 0; i < positions; i++) {
            TreeSet<String> present = new TreeSet<>();
            nets.get(i).forEach((v, net) -> {
                if (!net.isEmpty()) {
                    present.add(v);
                }
            });
            for (String v : present) {
                if (state.counts[i] >= set.maxValues()) {
                    break;
                }
                state.keep(i, v);
            }
        }
    }

    private boolean isUndecided(KeptValues state, int i, KpiGroupKey.Decoded key, String v) {
        return set.keepsFirstSeen(i) && !key.folded()[i] && v != null && !state.isKept(i, v)
                && state.counts[i] < set.maxValues();
    }

    private boolean allDecided(KeptValues state, KpiGroupKey.Decoded key) {
        for (int i = 0; i < key.values().length; i++) {
            if (isUndecided(state, i, key, key.values()[i])) {
                return false;
            }
        }
        return true;
    }

    /** The delta under its final key: each first-seen value that is not kept (its dimension full) folded. */
    private PaneDelta rewrite(KeptValues state, PaneDelta d, KpiGroupKey.Decoded key) {
        boolean[] folded = key.folded().clone();
        boolean changed = false;
        for (int i = 0; i < folded.length; i++) {
            String v = key.values()[i];
            if (set.keepsFirstSeen(i) && !folded[i] && v != null && !state.isKept(i, v)) {
                folded[i] = true;
                changed = true;
            }
        }
        return changed ? d.withGroup(KpiGroupKey.encode(key.groupingSet(), key.values(), folded)) : d;
    }

    private PaneDelta foldUndecided(KeptValues state, PaneDelta d) {
        KpiGroupKey.Decoded key = KpiGroupKey.decode(d.group);
        boolean[] folded = key.folded().clone();
        for (int i = 0; i < folded.length; i++) {
            String v = key.values()[i];
            if (set.keepsFirstSeen(i) && v != null && !state.isKept(i, v)) {
                folded[i] = true;
            }
        }
        return d.withGroup(KpiGroupKey.encode(key.groupingSet(), key.values(), folded));
    }

    /** Whether a delta's key has a folded value (for the operator's metric). */
    public static boolean isFolded(PaneDelta d) {
        if (d.group == null) {
            return false;
        }
        for (boolean f : KpiGroupKey.decode(d.group).folded()) {
            if (f) {
                return true;
            }
        }
        return false;
    }
}
