package io.ticketpulse.domain;

import java.util.Objects;

/**
 * A change to one KPI pane: the net effect of a batch of {@link Fact}s of one (channel, priority) whose event
 * time falls in the slide-sized pane {@code [paneStartMs, paneStartMs + slide)}. Built by the pre-aggregator
 * with {@link #forFact} / {@link #add} / {@link #merge} and applied to the keyed {@link KpiPane} by the KPI
 * window function. FRT and TTR values are kept exactly, added and retracted ones apart, so a retraction
 * removes exactly the value it retracts. A Flink POJO.
 *
 * <p>A delta of a grouping set's row ({@code domain.kpi.GroupingSet}) has its {@link #group} key instead: facts of
 * any channel and priority fold into it, and its key is the group's.
 */
public class PaneDelta extends PaneCounters {

    public String channel;
    public String priority;
    /** The key of a grouping set's row ({@code io.ticketpulse.schema.KpiGroupKey}); null for (channel, priority). */
    public String group;
    /** Start of the pane, a multiple of the window slide (epoch ms). */
    public long paneStartMs;

    public LongBag frtAddedMs = new LongBag();
    public LongBag frtRetractedMs = new LongBag();
    public LongBag ttrAddedMs = new LongBag();
    public LongBag ttrRetractedMs = new LongBag();
    public LongBag ahtAddedMs = new LongBag();
    public LongBag ahtRetractedMs = new LongBag();

    public PaneDelta() {}

    /** An empty delta for the pane starting at {@code paneStartMs}. */
    public PaneDelta(String channel, String priority, long paneStartMs) {
        this.channel = channel;
        this.priority = priority;
        this.paneStartMs = paneStartMs;
    }

    /** An empty delta of a grouping set's row {@code group} for the pane starting at {@code paneStartMs}. */
    public static PaneDelta ofGroup(String group, long paneStartMs) {
        PaneDelta d = new PaneDelta(null, null, paneStartMs);
        d.group = group;
        return d;
    }

    /** A copy of this delta (its values too) under another group key. */
    public PaneDelta withGroup(String newGroup) {
        PaneDelta d = ofGroup(newGroup, paneStartMs);
        d.channel = channel;
        d.priority = priority;
        d.addCounters(this);
        d.frtAddedMs.addAll(frtAddedMs);
        d.frtRetractedMs.addAll(frtRetractedMs);
        d.ttrAddedMs.addAll(ttrAddedMs);
        d.ttrRetractedMs.addAll(ttrRetractedMs);
        return d;
    }

    /** The start of the pane holding {@code timeMs}: {@code floor(timeMs / slideMs) * slideMs}. */
    public static long paneStart(long timeMs, long slideMs) {
        return Math.floorDiv(timeMs, slideMs) * slideMs;
    }

    /** The KPI key of a (channel, priority): {@code channel + "/" + priority}. */
    public static String key(String channel, String priority) {
        return channel + "/" + priority;
    }

    /** A delta holding just {@code fact}, for the pane of size {@code slideMs} that contains its time. */
    public static PaneDelta forFact(Fact fact, long slideMs) {
        return new PaneDelta(fact.channel, fact.priority, paneStart(fact.timeMs, slideMs)).add(fact);
    }

    /** The KPI key of this delta: {@code channel + "/" + priority}, or its {@link #group}. */
    public String key() {
        return group != null ? group : key(channel, priority);
    }

    /**
     * Folds {@code fact} in, respecting its sign. The caller makes sure the fact's time lies in this pane (and, for
     * a group's delta, that the fact belongs to the group); a fact of another channel or priority, or with a sign
     * other than +1/-1, is rejected.
     */
    public PaneDelta add(Fact fact) {
        if (group == null && (!Objects.equals(channel, fact.channel) || !Objects.equals(priority, fact.priority))) {
            throw new IllegalArgumentException("Fact " + fact + " does not belong to " + key());
        }
        if (fact.sign != 1 && fact.sign != -1) {
            throw new IllegalArgumentException("Fact sign must be +1 or -1: " + fact);
        }
        countFact(fact, fact.sign);
        if (fact.type == FactType.FIRST_RESPONSE) {
            (fact.sign > 0 ? frtAddedMs : frtRetractedMs).add(fact.valueMs);
        } else if (fact.type == FactType.RESOLVED) {
            (fact.sign > 0 ? ttrAddedMs : ttrRetractedMs).add(fact.valueMs);
        } else if (fact.type == FactType.HANDLING_TIME) {
            (fact.sign > 0 ? ahtAddedMs : ahtRetractedMs).add(fact.valueMs);
        }
        return this;
    }

    /** Adds {@code other} (same key and pane) into this delta. */
    public PaneDelta merge(PaneDelta other) {
        if (!Objects.equals(key(), other.key()) || paneStartMs != other.paneStartMs) {
            throw new IllegalArgumentException(
                    "Cannot merge delta of " + other.key() + "@" + other.paneStartMs + " into " + key() + "@"
                            + paneStartMs);
        }
        addCounters(other);
        frtAddedMs.addAll(other.frtAddedMs);
        frtRetractedMs.addAll(other.frtRetractedMs);
        ttrAddedMs.addAll(other.ttrAddedMs);
        ttrRetractedMs.addAll(other.ttrRetractedMs);
        ahtAddedMs.addAll(other.ahtAddedMs);
        ahtRetractedMs.addAll(other.ahtRetractedMs);
        return this;
    }

    /** True when applying this delta changes nothing: all counters zero and every retraction cancels an add. */
    public boolean isEmpty() {
        return countersAreZero()
                && frtAddedMs.sameMultisetAs(frtRetractedMs)
                && ttrAddedMs.sameMultisetAs(ttrRetractedMs)
                && ahtAddedMs.sameMultisetAs(ahtRetractedMs);
    }

    @Override
    public String toString() {
        return "PaneDelta{" + key() + " @" + paneStartMs + " facts=" + factCount + " created=" + created
                + " frt+" + frtAddedMs + " frt-" + frtRetractedMs + " ttr+" + ttrAddedMs + " ttr-" + ttrRetractedMs
                + " backlog=" + backlogDelta + " csat=" + csatCount + '}';
    }
}
