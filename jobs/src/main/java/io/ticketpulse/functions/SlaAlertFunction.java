package io.ticketpulse.functions;

import io.ticketpulse.domain.TicketRetention;
import io.ticketpulse.domain.sla.AlertReconciler;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.SlaTimeline;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-ticket SLA clocks, keyed by {@code ticket_id}, fed with the events the lifecycle accepted (deduplicated,
 * not too late). Thin: what an alert goes through is {@link SlaTimeline}'s projection of the ticket's events;
 * what to emit now is {@link AlertReconciler}'s; this function only keeps the events and the last record emitted
 * per alert, sets the timers and emits.
 *
 * <p>The alert clock (see {@link AlertClock}): in event time, a transition at {@code t} is emitted once the
 * watermark passes {@code t + allowed lateness}, so no accepted event can still change it and a replay is
 * deterministic. While the stream is live ({@link AlertClock#AUTO} and the newest event time trailed the wall clock
 * by at most the live-lag bound when it was seen), a processing-time timer at {@code t} also emits it as soon as
 * the wall clock reaches it, with or without further input.
 *
 * <p>Why keyed timers and not a CEP {@code within}: every metric's deadline moves after it started — a priority
 * change re-targets it, a pending/on-hold status pauses the resolution clock, a reopen starts a new cycle — and
 * a CEP pattern's {@code within} is fixed when the pattern is compiled.
 *
 * <p>At the end of a bounded input (watermark {@code MAX}) transitions are emitted up to the input's horizon
 * (its latest accepted event time, broadcast on the second input), never beyond it.
 *
 * <p>State is cleared {@code ticket-retention} after the ticket's close (or its last event, without a
 * {@code CREATED}), with the same rule as the lifecycle ({@link TicketRetention}).
 */
public class SlaAlertFunction extends KeyedBroadcastProcessFunction<String, TicketEvent, Long, SlaAlert> {

    /**
     * Broadcast state holding the horizon of a bounded input: the latest accepted event time of any ticket. At the
     * end of input (watermark MAX) transitions are emitted only up to it, so a replay never invents breaches after
     * the last thing its data knows.
     */
    public static final MapStateDescriptor<String, Long> HORIZON_STATE =
            new MapStateDescriptor<>("sla-horizon", Types.STRING, Types.LONG);

    static final String HORIZON_KEY = "max-event-time";

    /** How often a processing-time timer retries while liveness is unknown (after a restore). */
    static final long LIVENESS_RETRY_MS = 1_000;

    private final SlaPolicySet policies;
    private final long allowedLatenessMs;
    private final long retentionMs;
    private final boolean wallClockWhenLive;
    private final long liveLagBoundMs;

    private transient ListState<TicketEvent> events;
    private transient MapState<String, SlaAlert> lastEmitted;
    /**
     * The alert clock of the key's last evaluation. The clock never goes back: after a restore the watermark
     * starts again from nothing, and a stream that stops being live falls back from the wall clock to the
     * watermark; evaluating at an earlier clock would take back alerts already sent.
     */
    private transient ValueState<Long> evaluatedUpTo;
    /** At the watermark that makes the next change final. */
    private transient KeyedTimer eventTimeTimer;
    /** At the wall-clock instant of the next change, while live. */
    private transient KeyedTimer processingTimeTimer;
    /** When the ticket's state is cleared. */
    private transient KeyedTimer expiry;

    /** The newest event time seen by this subtask (element or watermark), and how far it trailed the wall clock. */
    private transient long newestEventTime;
    private transient long lagAtNewestEventTimeMs;
    /** Whether the last evaluation found the stream live (the {@code alertClockLive} gauge). */
    private transient volatile boolean live;

    private transient Counter alertsEmitted;
    private transient Counter alertCorrections;
    private transient Counter ticketsExpired;

    public SlaAlertFunction(PipelineConfig config) {
        this.policies = config.slaPolicies();
        this.allowedLatenessMs = config.allowedLateness().toMillis();
        this.retentionMs = config.ticketRetention().toMillis();
        this.wallClockWhenLive = config.alertClock() == AlertClock.AUTO;
        this.liveLagBoundMs = config.liveLagBound().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        events = getRuntimeContext().getListState(new ListStateDescriptor<>("sla-events", TicketEvent.class));
        evaluatedUpTo = getRuntimeContext().getState(new ValueStateDescriptor<>("sla-evaluated-up-to", Long.class));
        lastEmitted = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("last-emitted-alert", String.class, SlaAlert.class));
        eventTimeTimer = new KeyedTimer(
                getRuntimeContext().getState(new ValueStateDescriptor<>("sla-event-timer", Long.class)),
                TimeDomain.EVENT_TIME);
        processingTimeTimer = new KeyedTimer(
                getRuntimeContext().getState(new ValueStateDescriptor<>("sla-processing-timer", Long.class)),
                TimeDomain.PROCESSING_TIME);
        expiry = new KeyedTimer(
                getRuntimeContext().getState(new ValueStateDescriptor<>("sla-expiry-timer", Long.class)),
                TimeDomain.EVENT_TIME);
        newestEventTime = Long.MIN_VALUE;
        lagAtNewestEventTimeMs = Long.MAX_VALUE;
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ticketpulse");
        alertsEmitted = metrics.counter("alertsEmitted");
        alertCorrections = metrics.counter("alertCorrections");
        ticketsExpired = metrics.counter("slaTicketsExpired");
        metrics.gauge("alertClockLive", (Gauge<Integer>) () -> live ? 1 : 0);
    }

    @Override
    public void processElement(TicketEvent event, ReadOnlyContext ctx, Collector<SlaAlert> out) throws Exception {
        events.add(event);
        observeLiveness(event.occurredAtMs, ctx.timerService().currentProcessingTime());
        List<TicketEvent> history = history();
        evaluate(history, ctx, out);
        scheduleExpiry(history, ctx);
    }

    @Override
    public void processBroadcastElement(Long maxEventTimeMs, Context ctx, Collector<SlaAlert> out) throws Exception {
        BroadcastMaximum.raise(ctx.getBroadcastState(HORIZON_STATE), HORIZON_KEY, maxEventTimeMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SlaAlert> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME && expiry.isAt(timestamp)) {
            expiry.fired();
            clear(ctx);
            ticketsExpired.inc();
            return;
        }
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            eventTimeTimer.fired();
        } else {
            processingTimeTimer.fired();
        }
        evaluate(history(), ctx, out);
    }

    private List<TicketEvent> history() throws Exception {
        List<TicketEvent> history = new ArrayList<>();
        events.get().forEach(history::add);
        return history;
    }

    /** Emits what changed up to the alert clock and sets the timers for the next change. */
    private void evaluate(List<TicketEvent> history, ReadOnlyContext ctx, Collector<SlaAlert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        long watermark = ctx.timerService().currentWatermark();
        boolean live = observeLiveness(watermark, now);
        this.live = live;
        boolean endOfInput = watermark == Long.MAX_VALUE;
        long clock = endOfInput ? horizon(ctx) : alertClock(watermark, now, live);
        Long before = evaluatedUpTo.value();
        if (before != null && before > clock) {
            clock = before;
        } else {
            evaluatedUpTo.update(clock);
        }

        List<SlaAlert> projected = SlaTimeline.project(history, policies);
        List<SlaAlert> known = new ArrayList<>();
        for (SlaAlert a : projected) {
            if (a.changedAtMs <= clock) {
                known.add(a);
            }
        }
        Map<String, SlaAlert> emitted = new HashMap<>();
        for (Map.Entry<String, SlaAlert> e : lastEmitted.entries()) {
            emitted.put(e.getKey(), e.getValue());
        }
        for (SlaAlert alert : AlertReconciler.toEmit(known, emitted, clock, SlaTimeline.isTestTicket(history))) {
            SlaAlert previous = emitted.get(alert.dedupKey);
            if (previous != null && alert.changedAtMs < previous.changedAtMs) {
                alertCorrections.inc();
            }
            alert.detectedAtMs = now;
            out.collect(alert);
            alertsEmitted.inc();
            emitted.put(alert.dedupKey, alert);
            lastEmitted.put(alert.dedupKey, alert);
        }

        long next = endOfInput ? Long.MAX_VALUE : AlertReconciler.nextChangeAfter(projected, clock);
        eventTimeTimer.set(next == Long.MAX_VALUE ? null : next + allowedLatenessMs + 1, ctx.timerService());
        processingTimeTimer.set(live ? Long.valueOf(next) : livenessUnknown(next, now), ctx.timerService());
    }

    /**
     * After a restore this subtask has seen no event time yet, so it cannot tell whether the stream is live; a
     * processing-time timer restored from the checkpoint must not be dropped then: it retries every second until
     * the first watermark or event tells.
     */
    private Long livenessUnknown(long nextChangeMs, long now) {
        boolean unknown = wallClockWhenLive && newestEventTime == Long.MIN_VALUE;
        return unknown && nextChangeMs != Long.MAX_VALUE ? now + LIVENESS_RETRY_MS : null;
    }

    /** The latest accepted event time of the whole input (the end of a bounded replay's knowledge). */
    private static long horizon(ReadOnlyContext ctx) throws Exception {
        Long h = ctx.getBroadcastState(HORIZON_STATE).get(HORIZON_KEY);
        return h == null ? Long.MIN_VALUE : h;
    }

    /**
     * The instant up to which transitions are emitted: the watermark minus the allowed lateness (nothing accepted
     * can change what happened before it), and while live also the wall clock.
     */
    private long alertClock(long watermark, long now, boolean live) {
        long eventClock = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - allowedLatenessMs - 1;
        return live ? Math.max(eventClock, now) : eventClock;
    }

    /**
     * Whether the stream is live: when the newest event time this subtask has seen (an element's, or the
     * watermark) arrived, it trailed the wall clock by at most the live-lag bound. A replay of old data is never
     * live; a live stream stays live through a quiet night without events.
     */
    private boolean observeLiveness(long eventTimeMs, long now) {
        if (!wallClockWhenLive || eventTimeMs == Long.MAX_VALUE) {
            return false;
        }
        if (eventTimeMs != Long.MIN_VALUE && eventTimeMs > newestEventTime) {
            newestEventTime = eventTimeMs;
            lagAtNewestEventTimeMs = now - eventTimeMs;
        }
        return newestEventTime != Long.MIN_VALUE && lagAtNewestEventTimeMs <= liveLagBoundMs;
    }

    private void scheduleExpiry(List<TicketEvent> history, ReadOnlyContext ctx) throws Exception {
        expiry.set(TicketRetention.expiryTime(history, retentionMs), ctx.timerService());
    }

    private void clear(ReadOnlyContext ctx) throws Exception {
        eventTimeTimer.clear(ctx.timerService());
        processingTimeTimer.clear(ctx.timerService());
        events.clear();
        lastEmitted.clear();
        evaluatedUpTo.clear();
    }

}
