package io.ticketpulse.functions;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.sla.PolicySchedule;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.domain.ticket.TicketEvaluation;
import io.ticketpulse.domain.ticket.TicketState;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The one per-ticket operator, keyed by {@code ticket_id}: deduplicates, folds the ticket's events into its
 * compact model ({@link TicketEngine}), and emits the changes of its KPI {@link Fact}s (main output), its SLA
 * alert records ({@link #ALERTS}) and the events it cannot apply ({@link #DEAD_LETTERS}). Thin: what to emit is
 * {@link TicketEvaluation}'s; this function loads and stores state, keeps the clocks and timers, and emits.
 *
 * <ul>
 *   <li>An event older than the watermark minus the allowed lateness (or than the fold instant after a restore)
 *       is dead-lettered as {@code LATE_EVENT}; a repeat of a recent event is dropped, a different event under a
 *       recent event's id is dead-lettered as {@code DUPLICATE_CONFLICT} (the first one wins).
 *   <li>Facts are emitted as the watermark passes them; a late event within the allowed lateness re-derives from
 *       the folded model and the recent events, retracting and re-adding facts.
 *   <li>Alert records follow the alert clock ({@link AlertClock}): in event time a change at {@code t} is emitted
 *       once the watermark passes {@code t + allowed lateness}; while the stream is live also on the wall clock.
 *       At the end of a bounded input records are emitted up to the input's horizon (broadcast), never beyond.
 *   <li>State ends for every ticket: SLA metrics expire {@code ticket-retention} after the last event; a life
 *       without {@code CREATED} is dead-lettered ({@code UNKNOWN_TICKET}) and forgotten then; a ticket's
 *       tombstone (its folded model) is forgotten {@code tombstone-retention} after its last event. All in
 *       event time.
 * </ul>
 */
public class TicketFunction extends KeyedBroadcastProcessFunction<String, TicketEvent, TicketBroadcast, Fact> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<SlaAlert> ALERTS = new OutputTag<>("sla-alerts", TypeInformation.of(SlaAlert.class));
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("ticket-dead-letters", TypeInformation.of(DeadLetter.class));

    /**
     * The accepted events (not late, not a duplicate), with their event-time timestamps, for the risk patterns; only
     * written when the policy file enables a pattern.
     */
    public static final OutputTag<TicketEvent> ACCEPTED =
            new OutputTag<>("accepted-ticket-events", TypeInformation.of(TicketEvent.class));

    /** Broadcast state holding the horizon of a bounded input: the latest event time of the whole input. */
    public static final MapStateDescriptor<String, Long> HORIZON_STATE =
            new MapStateDescriptor<>("ticket-horizon", Types.STRING, Types.LONG);

    static final String HORIZON_KEY = "max-event-time";

    /**
     * Broadcast state holding the runtime policy files accepted so far, by version (as text): with the start-up
     * file they make the {@link PolicySchedule} every ticket is measured under. Part of every checkpoint, so a
     * restore or a savepoint upgrade continues with them.
     */
    public static final MapStateDescriptor<String, PolicyUpdate> POLICY_STATE =
            new MapStateDescriptor<>("ticket-policies", Types.STRING, TypeInformation.of(PolicyUpdate.class));

    /** Every broadcast state of the operator: give them all to {@code broadcast(...)} (and to a test harness). */
    public static final List<MapStateDescriptor<?, ?>> BROADCAST_STATES = List.of(HORIZON_STATE, POLICY_STATE);

    /** How often a processing-time timer retries while liveness is unknown (after a restore). */
    static final long LIVENESS_RETRY_MS = 1_000;

    private final TicketEngine startupEngine;
    /** The engine under the schedule of the broadcast state; null: to be built (after a restore, a new file). */
    private transient TicketEngine engine;
    private final boolean alertsOn;
    private final long allowedLatenessMs;
    private final boolean wallClockWhenLive;
    private final long liveLagBoundMs;
    private final boolean patternsOn;

    private transient ValueState<TicketState> ticket;
    private transient ListState<Fact> finalFacts;

    private transient long newestEventTime;
    private transient long lagAtNewestEventTimeMs;
    private transient volatile boolean live;

    private transient Counter applied;
    private transient Counter duplicates;
    private transient Counter conflicts;
    private transient Counter late;
    private transient Counter unknown;
    private transient Counter ticketsEnded;
    private transient Counter factChanges;
    private transient Counter alertsEmitted;
    private transient Counter alertCorrections;
    private transient Counter policiesApplied;
    private transient Counter policiesLate;
    private transient Counter policiesDropped;
    /** Whether this subtask has dropped the restored runtime files its start-up file supersedes. */
    private transient boolean supersededDropped;

    public TicketFunction(PipelineConfig config) {
        this.alertsOn = config.slaPolicies() != null;
        this.allowedLatenessMs = config.allowedLateness().toMillis();
        this.startupEngine = new TicketEngine(config.waitThreshold().toMillis(), config.ticketRetention().toMillis(),
                config.tombstoneRetention().toMillis(), config.slaPolicies(), config.kpiSettings().attribution())
                .withImminentHorizon(config.imminentHorizon().toMillis());
        this.wallClockWhenLive = config.alertClock() == AlertClock.AUTO;
        this.liveLagBoundMs = config.liveLagBound().toMillis();
        this.patternsOn = config.slaPolicies() != null && config.slaPolicies().patterns().anyEnabled();
    }

    @Override
    public void open(OpenContext openContext) {
        ticket = getRuntimeContext().getState(new ValueStateDescriptor<>("ticket", TicketState.class));
        finalFacts = getRuntimeContext().getListState(new ListStateDescriptor<>("final-facts", Fact.class));
        newestEventTime = Long.MIN_VALUE;
        lagAtNewestEventTimeMs = Long.MAX_VALUE;
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ticketpulse");
        applied = metrics.counter("eventsApplied");
        duplicates = metrics.counter("eventsDuplicate");
        conflicts = metrics.counter("eventsDuplicateConflict");
        late = metrics.counter("eventsLate");
        unknown = metrics.counter("eventsUnknownTicket");
        ticketsEnded = metrics.counter("ticketsExpired");
        factChanges = metrics.counter("factChanges");
        alertsEmitted = metrics.counter("alertsEmitted");
        alertCorrections = metrics.counter("alertCorrections");
        policiesApplied = metrics.counter("policiesApplied");
        policiesLate = metrics.counter("policiesLate");
        policiesDropped = metrics.counter("policiesDropped");
        supersededDropped = false;
        engine = null;
        metrics.gauge("alertClockLive", (Gauge<Integer>) () -> live ? 1 : 0);
    }

    @Override
    public void processElement(TicketEvent event, ReadOnlyContext ctx, Collector<Fact> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        TicketState state = ticket.value();
        long foldedUpTo = state == null ? Long.MIN_VALUE : state.foldedUpToMs();
        if (isTooLate(event.occurredAtMs, watermark, foldedUpTo)) {
            late.inc();
            ctx.output(DEAD_LETTERS, deadLetter(DeadLetter.ReasonCode.LATE_EVENT, event,
                    "event time " + Timestamps.format(event.occurredAtMs) + " is older than the watermark "
                            + Timestamps.format(watermark) + " minus the allowed lateness"));
            return;
        }
        if (state == null) {
            state = TicketState.fresh(event.ticketId);
        }
        long dedupFrom = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - allowedLatenessMs;
        TicketEvent first = state.buffered(event.eventId, dedupFrom);
        if (first != null) {
            if (first.equals(event)) {
                duplicates.inc();
            } else {
                conflicts.inc();
                ctx.output(DEAD_LETTERS, deadLetter(DeadLetter.ReasonCode.DUPLICATE_CONFLICT, event,
                        "event_id " + event.eventId + " was already applied with other content (the first one "
                                + "wins); first: " + oneLine(first) + "; this one: " + oneLine(event)));
            }
            return;
        }
        applied.inc();
        if (patternsOn) {
            ctx.output(ACCEPTED, event);
        }
        state.buffer(event);
        observeLiveness(event.occurredAtMs, ctx.timerService().currentProcessingTime());
        evaluate(state, ctx, out);
    }

    @Override
    public void processBroadcastElement(TicketBroadcast in, Context ctx, Collector<Fact> out) throws Exception {
        if (alertsOn && !supersededDropped) {
            dropSupersededByStartup(ctx.getBroadcastState(POLICY_STATE));
            supersededDropped = true;
        }
        if (in.horizonMs != null) {
            BroadcastMaximum.raise(ctx.getBroadcastState(HORIZON_STATE), HORIZON_KEY, in.horizonMs);
        }
        PolicyUpdate update = in.policy;
        if (update != null && alertsOn && update.version > startupEngine.schedule().startup().version()) {
            // the same on every subtask (the same records in the same order): broadcast state stays identical
            ctx.getBroadcastState(POLICY_STATE).put(Integer.toString(update.version), update);
            engine = null;
            policiesApplied.inc();
            long watermark = ctx.currentWatermark();
            if (watermark != Long.MIN_VALUE && update.effectiveFromMs < watermark - allowedLatenessMs) {
                // tickets may be folded past its effective instant: they adopt it from their fold instant
                policiesLate.inc();
            }
        }
    }

    /**
     * Removes the restored runtime files whose version is not above the start-up file's (a savepoint upgrade to a
     * newer file): the schedule ignores them ({@link PolicySchedule#with}) on every subtask alike, so dropping them
     * at any moment on any subtask changes nothing, and a restore at another parallelism finds no copy that needs
     * them. Later versions stay: see the README ("Policies changed at runtime") for why they are never pruned.
     */
    private void dropSupersededByStartup(BroadcastState<String, PolicyUpdate> policies) throws Exception {
        int startup = startupEngine.schedule().startup().version();
        List<String> superseded = new ArrayList<>();
        for (Map.Entry<String, PolicyUpdate> e : policies.entries()) {
            if (e.getValue().version <= startup) {
                superseded.add(e.getKey());
            }
        }
        for (String version : superseded) {
            policies.remove(version);
        }
        if (!superseded.isEmpty()) {
            policiesDropped.inc(superseded.size());
        }
    }

    /**
     * The engine measuring against the start-up file and the runtime policy files of the broadcast state (each
     * parsed once per subtask; they were validated before they were broadcast).
     */
    private TicketEngine engine(ReadOnlyContext ctx) throws Exception {
        if (engine == null) {
            TicketEngine e = startupEngine;
            if (alertsOn) {
                PolicySchedule schedule = startupEngine.schedule();
                for (Map.Entry<String, PolicyUpdate> u : ctx.getBroadcastState(POLICY_STATE).immutableEntries()) {
                    PolicyUpdate p = u.getValue();
                    schedule = schedule.with(p.effectiveFromMs, SlaPolicyFiles.parseRecord(p.origin, p.text).policies());
                }
                e = startupEngine.withSchedule(schedule);
            }
            engine = e;
        }
        return engine;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Fact> out) throws Exception {
        TicketState state = ticket.value();
        if (state == null) {
            return;
        }
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME && timestamp == state.eventTimerMs) {
            state.eventTimerMs = TicketState.NONE;
        } else if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME && timestamp == state.processingTimerMs) {
            state.processingTimerMs = TicketState.NONE;
        }
        evaluate(state, ctx, out);
    }

    private boolean isTooLate(long eventTimeMs, long watermark, long foldedUpTo) {
        return (watermark != Long.MIN_VALUE && eventTimeMs < watermark - allowedLatenessMs) || eventTimeMs < foldedUpTo;
    }

    /** Emits what is due at the watermark and the alert clock, folds what is final, stores state, sets timers. */
    private void evaluate(TicketState state, ReadOnlyContext ctx, Collector<Fact> out) throws Exception {
        TimerService timers = ctx.timerService();
        long now = timers.currentProcessingTime();
        long watermark = timers.currentWatermark();
        boolean endOfInput = watermark == Long.MAX_VALUE;
        boolean isLive = observeLiveness(watermark, now);
        this.live = isLive;
        long clock = alertClock(state, ctx, watermark, now, isLive, endOfInput);
        long foldTo = foldInstant(watermark, clock);

        TicketEvaluation ev = TicketEvaluation.run(engine(ctx), state, watermark, clock, foldTo);

        if (ev.retractFinalFacts() && state.finalFacts > 0) {
            // the folded life turned out a test ticket (also when it has ended since): its final facts go first
            List<Fact> retracted = new ArrayList<>();
            for (Fact f : finalFacts.get()) {
                retracted.add(f.withSign(-1));
            }
            finalFacts.clear();
            state.finalFacts = 0;
            emitFacts(retracted, out);
        }
        if (ev.clearFinalFacts() && state.finalFacts > 0) {
            // a life ended: its final facts stay counted and are no longer kept
            finalFacts.clear();
            state.finalFacts = 0;
        }
        emitFacts(ev.factChanges(), out);
        if (!ev.newFinalFacts().isEmpty()) {
            finalFacts.addAll(ev.newFinalFacts());
            state.finalFacts += ev.newFinalFacts().size();
        }
        for (SlaAlert alert : ev.alerts()) {
            alert.detectedAtMs = now;
            ctx.output(ALERTS, alert);
            alertsEmitted.inc();
        }
        if (ev.hasCorrections()) {
            alertCorrections.inc();
        }
        for (TicketEvent e : ev.unknownEvents()) {
            unknown.inc();
            ctx.output(DEAD_LETTERS, deadLetter(DeadLetter.ReasonCode.UNKNOWN_TICKET, e,
                    "no CREATED for ticket " + e.ticketId + " within the ticket retention after its last event ("
                            + "never created here, or its tombstone expired)"));
        }

        if (state.folded.isFresh() && state.buffer.isEmpty() && (endOfInput || state.alertMarks.isEmpty())) {
            end(state, timers);
            return;
        }
        scheduleTimers(state, ev, timers, watermark, clock, now, isLive, endOfInput);
        ticket.update(state);
    }

    /**
     * Up to where events can be folded: no accepted event can be older than the watermark minus the allowed
     * lateness, and alert records are folded only once the clock has passed them (at the end of input,
     * everything).
     */
    private long foldInstant(long watermark, long clock) {
        if (watermark == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        if (watermark == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long fold = watermark - allowedLatenessMs;
        return alertsOn && clock != Long.MIN_VALUE ? Math.min(fold, clock + 1) : fold;
    }

    private void emitFacts(List<Fact> changes, Collector<Fact> out) {
        for (Fact change : changes) {
            out.collect(change);
        }
        factChanges.inc(changes.size());
    }

    /** Forgets everything of the key: its life ended (or the input did). */
    private void end(TicketState state, TimerService timers) {
        if (state.eventTimerMs != TicketState.NONE) {
            timers.deleteEventTimeTimer(state.eventTimerMs);
        }
        if (state.processingTimerMs != TicketState.NONE) {
            timers.deleteProcessingTimeTimer(state.processingTimerMs);
        }
        ticket.clear();
        finalFacts.clear();
        ticketsEnded.inc();
    }

    private void scheduleTimers(TicketState state, TicketEvaluation ev, TimerService timers, long watermark,
            long clock, long now, boolean isLive, boolean endOfInput) {
        long next = Long.MAX_VALUE;
        if (!endOfInput) {
            next = Math.min(next, ev.nextFactMs());
            if (alertsOn && ev.nextAlertChangeMs() != Long.MAX_VALUE) {
                next = Math.min(next, afterLateness(ev.nextAlertChangeMs()));
            }
            if (!state.buffer.isEmpty()) {
                next = Math.min(next, afterLateness(state.buffer.get(state.buffer.size() - 1).occurredAtMs));
            }
            if (ev.nextLifeEndMs() != Long.MAX_VALUE) {
                next = Math.min(next, afterLateness(ev.nextLifeEndMs()));
            }
        }
        long eventTimer = next == Long.MAX_VALUE || next <= watermark ? TicketState.NONE : next;
        if (eventTimer != state.eventTimerMs) {
            if (state.eventTimerMs != TicketState.NONE) {
                timers.deleteEventTimeTimer(state.eventTimerMs);
            }
            if (eventTimer != TicketState.NONE) {
                timers.registerEventTimeTimer(eventTimer);
            }
            state.eventTimerMs = eventTimer;
        }

        long processing = TicketState.NONE;
        if (alertsOn && !endOfInput) {
            long nextChange = ev.nextAlertChangeMs();
            if (isLive && nextChange != Long.MAX_VALUE) {
                processing = nextChange;
            } else if (wallClockWhenLive && newestEventTime == Long.MIN_VALUE && nextChange != Long.MAX_VALUE) {
                processing = now + LIVENESS_RETRY_MS;
            }
        }
        if (processing != state.processingTimerMs) {
            if (state.processingTimerMs != TicketState.NONE) {
                timers.deleteProcessingTimeTimer(state.processingTimerMs);
            }
            if (processing != TicketState.NONE) {
                timers.registerProcessingTimeTimer(processing);
            }
            state.processingTimerMs = processing;
        }
    }

    /** The watermark at which nothing accepted can change what happened at {@code t} any more. */
    private long afterLateness(long t) {
        return plus(plus(t, allowedLatenessMs), 1);
    }

    /**
     * The alert clock: at the end of a bounded input its horizon; otherwise the watermark minus the allowed
     * lateness, and while live also the wall clock. It never goes back (after a restore the watermark starts
     * again from nothing; a stream that stops being live falls back from the wall clock to the watermark).
     */
    private long alertClock(TicketState state, ReadOnlyContext ctx, long watermark, long now, boolean isLive,
            boolean endOfInput) throws Exception {
        long clock;
        if (endOfInput) {
            Long h = ctx.getBroadcastState(HORIZON_STATE).get(HORIZON_KEY);
            clock = h == null ? Long.MIN_VALUE : h;
        } else {
            long eventClock = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : eventClock(watermark);
            clock = isLive ? Math.max(eventClock, now) : eventClock;
        }
        if (state.alertClockMs != TicketState.NONE && state.alertClockMs > clock) {
            return state.alertClockMs;
        }
        state.alertClockMs = clock;
        return clock;
    }

    private long eventClock(long watermark) {
        return watermark - allowedLatenessMs - 1;
    }

    /**
     * Whether the stream is live: when the newest event time this subtask has seen (an element's, or the
     * watermark) arrived, it trailed the wall clock by at most the live-lag bound.
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

    private static long plus(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    private static String oneLine(TicketEvent e) {
        return new String(TicketEventJson.toJson(e), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static DeadLetter deadLetter(DeadLetter.ReasonCode code, TicketEvent event, String reason) {
        DeadLetter d = new DeadLetter(code, reason, event.origin, TicketEventJson.toJson(event));
        d.eventId = event.eventId;
        d.ticketId = event.ticketId;
        return d;
    }
}
