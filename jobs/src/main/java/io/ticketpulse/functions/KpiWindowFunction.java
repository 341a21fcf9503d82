package io.ticketpulse.functions;

import io.ticketpulse.domain.EmittedWindow;
import io.ticketpulse.domain.KpiEmissionRule;
import io.ticketpulse.domain.KpiPane;
import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.domain.KpiWindowCalculator;
import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.domain.kpi.GroupingSet;
import io.ticketpulse.domain.kpi.KpiSettings;
import io.ticketpulse.schema.KpiGroupKey;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sliding (or tumbling) event-time KPI windows per (channel, priority), or per member of a grouping set, keyed by
 * {@link PaneDelta#key()} ({@code channel/priority}, or a {@link KpiGroupKey}).
 *
 * <p>Keeps slide-sized {@link KpiPane}s in keyed state and emits one {@link TicketKpi} per window end: revision
 * 0 when the watermark passes the window end, a new revision whenever a late delta (within the allowed
 * lateness L) changes it, and a final row (revision + 1, {@code isFinal}) when the watermark passes end + L;
 * with L = 0 the first row is final. With {@link KpiUpdates#FINAL_ONLY} (bounded replays) only that final row is
 * emitted, as revision 0, if the window is still due then. Which windows get a row is decided by {@link KpiEmissionRule}: windows
 * holding a pane with facts, and up to {@code quietWindows} backlog-only windows after the last of them; so one
 * pane with facts makes at most {@code size/slide + quietWindows} windows exist, and a gap in event time (or a
 * watermark jumping years ahead) emits nothing and needs no timer beyond that.
 *
 * <p>Timers: one per window end while a key's windows are due (a chain: each due window registers the next
 * one if that is due), one per emitted window at end + L, and on a late delta one per open window not later
 * than the watermark (at most L/slide + 1) plus one. None across a gap.
 *
 * <p>The KPI maths is in {@link KpiWindowCalculator}; this class only loads and stores state, sets timers and
 * emits. Keyed state of a key drops to nothing once its windows are final and its backlog is zero, and to the
 * backlog alone once its quiet windows are final.
 */
public class KpiWindowFunction extends KeyedBroadcastProcessFunction<String, PaneDelta, Long, TicketKpi> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KpiWindowFunction.class);

    /**
     * The broadcast state of the second input. No longer read or written: the windows a key emits depend only
     * on its own facts ({@link KpiEmissionRule}), not on the input's horizon. Kept, with the input, so that the
     * topology and savepoints keep their shape until the pipeline drops that input.
     */
    public static final MapStateDescriptor<String, Long> HORIZON_STATE =
            new MapStateDescriptor<>("kpi-horizon", Types.STRING, Types.LONG);

    private final long sizeMs;
    private final long slideMs;
    private final long latenessMs;
    private final KpiEmissionRule rule;
    private final boolean finalOnly;
    private final KpiSettings kpiSettings;

    private transient MapState<Long, KpiPane> panes;
    private transient ValueState<Long> backlogBase;
    /** The metrics about to breach of the purged panes (as {@link #backlogBase} for the backlog). */
    private transient ValueState<Long> imminentBase;
    /** The start of the latest purged pane that held facts, while a quiet window may still depend on it. */
    private transient ValueState<Long> lastPurgedFactPane;
    private transient MapState<Long, EmittedWindow> emitted;
    private transient Counter lateDeltas;
    /** The grouping set and key of the timer being handled (null for a (channel, priority) key). */
    private transient GroupingSet timerGroup;
    private transient String timerKey;

    public KpiWindowFunction(PipelineConfig config) {
        this.sizeMs = config.windowSize().toMillis();
        this.slideMs = config.windowSlide().toMillis();
        this.latenessMs = config.allowedLateness().toMillis();
        this.rule = config.kpiEmissionRule();
        this.finalOnly = config.kpiUpdates() == KpiUpdates.FINAL_ONLY;
        this.kpiSettings = config.kpiSettings();
    }

    @Override
    public void open(OpenContext openContext) {
        panes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("kpi-panes", Types.LONG, TypeInformation.of(KpiPane.class)));
        backlogBase = getRuntimeContext().getState(new ValueStateDescriptor<>("kpi-backlog-base", Types.LONG));
        imminentBase = getRuntimeContext().getState(new ValueStateDescriptor<>("kpi-imminent-base", Types.LONG));
        lastPurgedFactPane = getRuntimeContext().getState(
                new ValueStateDescriptor<>("kpi-last-purged-fact-pane", Types.LONG));
        emitted = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("kpi-emitted-windows", Types.LONG, TypeInformation.of(EmittedWindow.class)));
        lateDeltas = getRuntimeContext().getMetricGroup().addGroup("ticketpulse").counter("kpiLateDeltas");
    }

    /** Ignores the value: nothing is sent on this input any more (see {@link #HORIZON_STATE}). */
    @Override
    public void processBroadcastElement(Long ignored, Context ctx, Collector<TicketKpi> out) {}

    @Override
    public void processElement(PaneDelta delta, ReadOnlyContext ctx, Collector<TicketKpi> out) throws Exception {
        long pane = delta.paneStartMs;
        if (Math.floorMod(pane, slideMs) != 0) {
            throw new IllegalArgumentException("Pane start " + pane + " is not a multiple of the slide " + slideMs);
        }
        if (delta.isEmpty()) {
            return;
        }
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        boolean allWindowsClosed = isClosed(pane + sizeMs, watermark);
        if (isClosed(pane + slideMs, watermark)) {
            lateDeltas.inc();
            LOG.warn("KPI delta for {} pane {} arrived after some of its windows were final (watermark {}): {}",
                    delta.key(), pane, watermark, allWindowsClosed ? "only its backlog change is kept" : "applied");
        }
        boolean somethingDropped;
        if (allWindowsClosed) {
            addToBacklogBase(delta.backlogDelta);
            addTo(imminentBase, delta.imminentDelta);
            if (delta.factCount != 0 && !isClosed(rule.lastWindowEndOf(pane), watermark)) {
                // its facts are lost, but it is a pane with facts: quiet windows after it may still be open
                Long purged = lastPurgedFactPane.value();
                if (purged == null || purged < pane) {
                    lastPurgedFactPane.update(pane);
                }
            }
            somethingDropped = true;
        } else {
            KpiPane state = panes.get(pane);
            state = (state == null ? new KpiPane(pane) : state).apply(delta);
            somethingDropped = state.isEmpty();
            if (somethingDropped) {
                panes.remove(pane);
            } else {
                panes.put(pane, state);
            }
        }
        // Windows whose row or emission may change: those containing the pane and the quiet windows after them,
        // and with a backlog change every later one. Open windows already due get a timer that fires at the next
        // watermark (at most L/slide + 1 of them); the first future one starts (or continues) the emission chain.
        long lastAffected = delta.backlogDelta != 0 || delta.imminentDelta != 0
                ? Long.MAX_VALUE : rule.lastWindowEndOf(pane);
        for (long end = firstOpenEnd(pane + slideMs, watermark); end <= lastAffected; end += slideMs) {
            timers.registerEventTimeTimer(end);
            if (end > watermark || end > Long.MAX_VALUE - slideMs) {
                break;
            }
        }
        if (somethingDropped) {
            clearIfNothingRemains();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TicketKpi> out) throws Exception {
        String key = ctx.getCurrentKey();
        String channel = null;
        String priority = null;
        timerGroup = null;
        if (!KpiGroupKey.isGrouped(key)) {
            int slash = key.lastIndexOf('/');
            channel = key.substring(0, slash);
            priority = key.substring(slash + 1);
        } else {
            timerGroup = kpiSettings.set(KpiGroupKey.decode(key).groupingSet());
            if (timerGroup == null) {
                // a grouping set removed from the configuration since a savepoint: its windows end here
                LOG.warn("KPI windows of {}: its grouping set is no longer configured; its state is dropped", key);
                panes.clear();
                emitted.clear();
                backlogBase.clear();
                imminentBase.clear();
                lastPurgedFactPane.clear();
                return;
            }
            timerKey = key;
        }
        TreeMap<Long, KpiPane> all = loadPanes();
        long base = backlogBase();

        if (latenessMs > 0) {
            long finalEnd = timestamp - latenessMs;
            EmittedWindow done = emitted.get(finalEnd);
            if (done != null) {
                // final-only: the window was due at its end; late deltas may have changed that since
                if (!finalOnly || isDue(finalEnd, all, base)) {
                    out.collect(row(finalEnd, channel, priority, all, base, done.revision + 1, true));
                }
                emitted.remove(finalEnd);
            }
        }
        if (Math.floorMod(timestamp, slideMs) == 0) {
            onWindowEnd(timestamp, channel, priority, all, base, ctx, out);
        }
        purgePanes(all, timestamp - latenessMs);
        clearIfNothingRemains();
    }

    /**
     * At each window end {@code end} (a multiple of the slide): a revision if the emitted row changed, else the
     * first row if the window is due; then the next window's timer if that one is due (the chain stops at the
     * first window that is not: a later fact restarts it when its delta arrives).
     */
    private void onWindowEnd(
            long end,
            String channel,
            String priority,
            TreeMap<Long, KpiPane> all,
            long base,
            OnTimerContext ctx,
            Collector<TicketKpi> out)
            throws Exception {
        EmittedWindow previous = latenessMs > 0 ? emitted.get(end) : null;
        if (previous != null && finalOnly) {
            return; // its final row comes at end + L
        }
        if (previous != null) {
            long fingerprint = fingerprint(all, base, end);
            if (fingerprint != previous.fingerprint) {
                int revision = previous.revision + 1;
                out.collect(row(end, channel, priority, all, base, revision, false));
                emitted.put(end, new EmittedWindow(revision, fingerprint));
            }
            return;
        }
        if (isDue(end, all, base)) {
            boolean isFinal = latenessMs == 0;
            if (isFinal) {
                out.collect(row(end, channel, priority, all, base, 0, true));
            } else if (finalOnly) {
                emitted.put(end, EmittedWindow.pendingFinal());
                ctx.timerService().registerEventTimeTimer(end + latenessMs);
            } else {
                out.collect(row(end, channel, priority, all, base, 0, false));
                long fingerprint = fingerprint(all, base, end);
                emitted.put(end, new EmittedWindow(0, fingerprint));
                ctx.timerService().registerEventTimeTimer(end + latenessMs);
            }
        }
        if (end < Long.MAX_VALUE - slideMs && isDue(end + slideMs, all, base)) {
            ctx.timerService().registerEventTimeTimer(end + slideMs);
        }
    }

    /** Whether the window ending at {@code end} gets a row ({@link KpiEmissionRule}). */
    private boolean isDue(long end, TreeMap<Long, KpiPane> all, long base) throws Exception {
        return rule.isEmitted(end, latestFactPaneBefore(all, end), backlogAt(all, base, end));
    }

    /** The start of the latest pane with facts starting before {@code end}, purged ones included. */
    private long latestFactPaneBefore(TreeMap<Long, KpiPane> all, long end) throws Exception {
        long latest = KpiEmissionRule.NO_FACT;
        for (KpiPane pane : all.headMap(end, false).descendingMap().values()) {
            if (pane.hasFacts()) {
                latest = pane.paneStartMs;
                break;
            }
        }
        Long purged = lastPurgedFactPane.value();
        return purged != null && purged < end ? Math.max(latest, purged) : latest;
    }

    private TicketKpi row(long end, String channel, String priority, TreeMap<Long, KpiPane> all, long base, int rev,
            boolean fin) throws Exception {
        TicketKpi row = KpiWindowCalculator.compute(
                end - sizeMs, end, channel, priority, panesOf(all, end), backlogAt(all, base, end), rev, fin);
        row.imminentBreach = imminentAt(all, end);
        if (timerGroup != null) {
            KpiWindowCalculator.asGroupRow(row, timerGroup, timerKey);
        }
        return row;
    }

    private List<KpiPane> panesOf(TreeMap<Long, KpiPane> all, long end) {
        return new ArrayList<>(all.subMap(end - sizeMs, end).values());
    }

    /** The fingerprint of the row of the window ending at {@code end}: its panes, backlog and imminent breaches. */
    private long fingerprint(TreeMap<Long, KpiPane> all, long base, long end) throws Exception {
        long imminent = imminentAt(all, end);
        long h = KpiWindowCalculator.fingerprint(panesOf(all, end), backlogAt(all, base, end));
        return imminent == 0 ? h : Long.rotateLeft(h, 17) ^ imminent * 0x9E3779B97F4A7C15L;
    }

    /**
     * Metrics about to breach at {@code end} (as of just before it, like the backlog: not breached before it, deadline in [end, end + horizon)): the purged panes' share plus
     * every retained pane starting before it, as for the backlog.
     */
    private long imminentAt(TreeMap<Long, KpiPane> all, long end) throws Exception {
        Long base = imminentBase.value();
        long imminent = base == null ? 0 : base;
        for (KpiPane pane : all.headMap(end).values()) {
            imminent += pane.imminentDelta;
        }
        return imminent;
    }

    /** Open backlog at {@code end}: the purged panes' share plus every retained pane starting before it. */
    private static long backlogAt(TreeMap<Long, KpiPane> all, long base, long end) {
        long backlog = base;
        for (KpiPane pane : all.headMap(end).values()) {
            backlog += pane.backlogDelta;
        }
        return backlog;
    }

    /**
     * Drops the panes all of whose windows end at or before {@code closedThrough}, keeping their backlog and the
     * start of the latest one with facts (quiet windows after it may still be due); forgets that start once all
     * the windows it can make exist are closed too.
     */
    private void purgePanes(TreeMap<Long, KpiPane> all, long closedThrough) throws Exception {
        long backlog = 0;
        long imminent = 0;
        Long previous = lastPurgedFactPane.value();
        Long latestFactPane = previous;
        for (Map.Entry<Long, KpiPane> e : all.headMap(closedThrough - sizeMs, true).entrySet()) {
            backlog += e.getValue().backlogDelta;
            imminent += e.getValue().imminentDelta;
            if (e.getValue().hasFacts() && (latestFactPane == null || latestFactPane < e.getKey())) {
                latestFactPane = e.getKey(); // (a too-late delta may have noted a later one already)
            }
            panes.remove(e.getKey());
        }
        addToBacklogBase(backlog);
        addTo(imminentBase, imminent);
        if (latestFactPane != null && rule.lastWindowEndOf(latestFactPane) <= closedThrough) {
            latestFactPane = null;
        }
        if (latestFactPane == null) {
            if (previous != null) {
                lastPurgedFactPane.clear();
            }
        } else if (!latestFactPane.equals(previous)) {
            lastPurgedFactPane.update(latestFactPane);
        }
    }

    private TreeMap<Long, KpiPane> loadPanes() throws Exception {
        TreeMap<Long, KpiPane> all = new TreeMap<>();
        for (Map.Entry<Long, KpiPane> e : panes.entries()) {
            all.put(e.getKey(), e.getValue());
        }
        return all;
    }

    /** A window is closed (final, never revised) once the watermark reached its end + allowed lateness. */
    private boolean isClosed(long end, long watermark) {
        return watermark >= Long.MIN_VALUE + latenessMs && end <= watermark - latenessMs;
    }

    /** The first window end at or after {@code from} that is not closed at {@code watermark}. */
    private long firstOpenEnd(long from, long watermark) {
        if (watermark < Long.MIN_VALUE + latenessMs + slideMs) {
            return from; // no watermark yet
        }
        long firstOpen = Math.floorDiv(watermark - latenessMs, slideMs) * slideMs + slideMs;
        return Math.max(from, firstOpen);
    }

    private long backlogBase() throws Exception {
        Long base = backlogBase.value();
        return base == null ? 0 : base;
    }

    private void addToBacklogBase(long delta) throws Exception {
        if (delta == 0) {
            return;
        }
        long updated = backlogBase() + delta;
        if (updated == 0) {
            backlogBase.clear();
        } else {
            backlogBase.update(updated);
        }
    }

    private void addTo(ValueState<Long> base, long delta) throws Exception {
        if (delta == 0) {
            return;
        }
        Long value = base.value();
        long updated = (value == null ? 0 : value) + delta;
        if (updated == 0) {
            base.clear();
        } else {
            base.update(updated);
        }
    }

    private void clearIfNothingRemains() throws Exception {
        if (panes.isEmpty() && emitted.isEmpty() && backlogBase() == 0 && imminentBase.value() == null) {
            panes.clear();
            emitted.clear();
            backlogBase.clear();
            lastPurgedFactPane.clear(); // with no backlog, no quiet window is due
        }
    }

    /** Number of deltas that arrived after some of their windows were final (the {@code kpiLateDeltas} metric). */
    long lateDeltaCount() {
        return lateDeltas.getCount();
    }
}
