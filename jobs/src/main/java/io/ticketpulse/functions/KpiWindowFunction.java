package io.ticketpulse.functions;

import io.ticketpulse.domain.EmittedWindow;
import io.ticketpulse.domain.KpiPane;
import io.ticketpulse.domain.KpiWindowCalculator;
import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
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
 * Sliding (or tumbling) event-time KPI windows per (channel, priority), keyed by {@link PaneDelta#key()}.
 *
 * <p>Keeps slide-sized {@link KpiPane}s in keyed state and emits one {@link TicketKpi} per window end: revision
 * 0 when the watermark passes the window end, a new revision whenever a late delta (within the allowed
 * lateness L) changes it, and a final row (revision + 1, {@code isFinal}) when the watermark passes end + L;
 * with L = 0 the first row is final. A window is emitted when it holds a pane with facts or its open backlog
 * is not zero; at the end of a bounded input (watermark {@code Long.MAX_VALUE}) backlog-only windows stop at
 * the window containing the horizon, the latest fact time seen by any upstream pre-aggregator, which arrives
 * on the broadcast input and is kept in {@link #HORIZON_STATE}.
 *
 * <p>The KPI maths is in {@link KpiWindowCalculator}; this class only loads and stores state, sets timers and
 * emits. Keyed state of a key drops to nothing once its windows are final and its backlog is zero.
 */
public class KpiWindowFunction extends KeyedBroadcastProcessFunction<String, PaneDelta, Long, TicketKpi> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KpiWindowFunction.class);

    /** Broadcast state holding the horizon (max fact time of all pre-aggregators) under {@link #HORIZON_KEY}. */
    public static final MapStateDescriptor<String, Long> HORIZON_STATE =
            new MapStateDescriptor<>("kpi-horizon", Types.STRING, Types.LONG);

    static final String HORIZON_KEY = "max-fact-time";

    private final long sizeMs;
    private final long slideMs;
    private final long latenessMs;

    private transient MapState<Long, KpiPane> panes;
    private transient ValueState<Long> backlogBase;
    private transient MapState<Long, EmittedWindow> emitted;
    private transient Counter lateDeltas;

    public KpiWindowFunction(PipelineConfig config) {
        this.sizeMs = config.windowSize().toMillis();
        this.slideMs = config.windowSlide().toMillis();
        this.latenessMs = config.allowedLateness().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        panes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("kpi-panes", Types.LONG, TypeInformation.of(KpiPane.class)));
        backlogBase = getRuntimeContext().getState(new ValueStateDescriptor<>("kpi-backlog-base", Types.LONG));
        emitted = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("kpi-emitted-windows", Types.LONG, TypeInformation.of(EmittedWindow.class)));
        lateDeltas = getRuntimeContext().getMetricGroup().addGroup("ticketpulse").counter("kpiLateDeltas");
    }

    @Override
    public void processBroadcastElement(Long factTimeMs, Context ctx, Collector<TicketKpi> out) throws Exception {
        BroadcastMaximum.raise(ctx.getBroadcastState(HORIZON_STATE), HORIZON_KEY, factTimeMs);
    }

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
        // Windows whose row may change: those containing the pane, and with a backlog change every later one.
        // Open windows already due get a timer that fires at the next watermark; the first future one starts
        // (or continues) the emission chain.
        long lastAffected = delta.backlogDelta != 0 ? Long.MAX_VALUE : pane + sizeMs;
        for (long end = firstOpenEnd(pane + slideMs, watermark); end <= lastAffected; end += slideMs) {
            timers.registerEventTimeTimer(end);
            if (end > watermark) {
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
        int slash = key.lastIndexOf('/');
        String channel = key.substring(0, slash);
        String priority = key.substring(slash + 1);
        long watermark = ctx.timerService().currentWatermark();
        TreeMap<Long, KpiPane> all = loadPanes();
        long base = backlogBase();

        if (latenessMs > 0) {
            long finalEnd = timestamp - latenessMs;
            EmittedWindow done = emitted.get(finalEnd);
            if (done != null) {
                out.collect(row(finalEnd, channel, priority, all, base, done.revision + 1, true));
                emitted.remove(finalEnd);
            }
        }
        if (Math.floorMod(timestamp, slideMs) == 0) {
            onWindowEnd(timestamp, channel, priority, all, base, watermark, ctx, out);
        }
        purgePanes(all, timestamp - latenessMs);
        clearIfNothingRemains();
    }

    private void onWindowEnd(
            long end,
            String channel,
            String priority,
            TreeMap<Long, KpiPane> all,
            long base,
            long watermark,
            OnTimerContext ctx,
            Collector<TicketKpi> out)
            throws Exception {
        EmittedWindow previous = latenessMs > 0 ? emitted.get(end) : null;
        if (previous != null) {
            long fingerprint = KpiWindowCalculator.fingerprint(panesOf(all, end), backlogAt(all, base, end));
            if (fingerprint != previous.fingerprint) {
                int revision = previous.revision + 1;
                out.collect(row(end, channel, priority, all, base, revision, false));
                emitted.put(end, new EmittedWindow(revision, fingerprint));
            }
            return;
        }
        Long horizon = horizon(ctx);
        if (isDue(end, all, base, watermark, horizon)) {
            boolean isFinal = latenessMs == 0;
            out.collect(row(end, channel, priority, all, base, 0, isFinal));
            if (!isFinal) {
                long fingerprint = KpiWindowCalculator.fingerprint(panesOf(all, end), backlogAt(all, base, end));
                emitted.put(end, new EmittedWindow(0, fingerprint));
                ctx.timerService().registerEventTimeTimer(end + latenessMs);
            }
        }
        if (isDue(end + slideMs, all, base, watermark, horizon)) {
            ctx.timerService().registerEventTimeTimer(end + slideMs);
        }
    }

    /**
     * A window is due when a pane in it has facts, or its open backlog is not zero; at the end of input
     * (watermark MAX) a backlog-only window only up to the window that contains the horizon.
     */
    private boolean isDue(long end, TreeMap<Long, KpiPane> all, long base, long watermark, Long horizon) {
        for (KpiPane pane : all.subMap(end - sizeMs, end).values()) {
            if (pane.hasFacts()) {
                return true;
            }
        }
        if (backlogAt(all, base, end) == 0) {
            return false;
        }
        return watermark < Long.MAX_VALUE || (horizon != null && end <= horizonWindowEnd(horizon));
    }

    /** The end of the first window containing the horizon instant: the last one a bounded replay emits. */
    private long horizonWindowEnd(long horizon) {
        return PaneDelta.paneStart(horizon, slideMs) + slideMs;
    }

    private TicketKpi row(
            long end, String channel, String priority, TreeMap<Long, KpiPane> all, long base, int rev, boolean fin) {
        return KpiWindowCalculator.compute(
                end - sizeMs, end, channel, priority, panesOf(all, end), backlogAt(all, base, end), rev, fin);
    }

    private List<KpiPane> panesOf(TreeMap<Long, KpiPane> all, long end) {
        return new ArrayList<>(all.subMap(end - sizeMs, end).values());
    }

    /** Open backlog at {@code end}: the purged panes' share plus every retained pane starting before it. */
    private static long backlogAt(TreeMap<Long, KpiPane> all, long base, long end) {
        long backlog = base;
        for (KpiPane pane : all.headMap(end).values()) {
            backlog += pane.backlogDelta;
        }
        return backlog;
    }

    /** Drops the panes all of whose windows end at or before {@code closedThrough}, keeping their backlog. */
    private void purgePanes(TreeMap<Long, KpiPane> all, long closedThrough) throws Exception {
        long backlog = 0;
        for (Map.Entry<Long, KpiPane> e : all.headMap(closedThrough - sizeMs, true).entrySet()) {
            backlog += e.getValue().backlogDelta;
            panes.remove(e.getKey());
        }
        addToBacklogBase(backlog);
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
        return end + latenessMs <= watermark;
    }

    /** The first window end at or after {@code from} that is not closed at {@code watermark}. */
    private long firstOpenEnd(long from, long watermark) {
        if (watermark < Long.MIN_VALUE + latenessMs + slideMs) {
            return from; // no watermark yet
        }
        long firstOpen = Math.floorDiv(watermark - latenessMs, slideMs) * slideMs + slideMs;
        return Math.max(from, firstOpen);
    }

    private static Long horizon(ReadOnlyContext ctx) throws Exception {
        ReadOnlyBroadcastState<String, Long> state = ctx.getBroadcastState(HORIZON_STATE);
        return state.get(HORIZON_KEY);
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

    private void clearIfNothingRemains() throws Exception {
        if (panes.isEmpty() && emitted.isEmpty() && backlogBase() == 0) {
            panes.clear();
            emitted.clear();
            backlogBase.clear();
        }
    }

    /** Number of deltas that arrived after some of their windows were final (the {@code kpiLateDeltas} metric). */
    long lateDeltaCount() {
        return lateDeltas.getCount();
    }
}
