package io.ticketpulse.functions;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FactChangelog;
import io.ticketpulse.domain.TicketFacts;
import io.ticketpulse.domain.TicketRetention;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-ticket lifecycle, keyed by {@code ticket_id}: deduplicates by {@code event_id}, keeps the ticket's
 * events, and emits the changes of its derived {@link Fact}s (see {@link TicketFacts}) as the watermark passes
 * them. Thin: all lifecycle logic is in the domain.
 *
 * <ul>
 *   <li>An event ahead of the watermark is stored and a timer at its time re-derives the facts when the
 *       watermark passes it, so out-of-order arrival within the watermark bound changes nothing.
 *   <li>A late event (behind the watermark, within the allowed lateness) re-derives at once; the changelog
 *       retracts and re-adds facts (all at or after the event's time), which revises emitted KPI windows.
 *   <li>An event older than watermark minus allowed lateness goes to {@link #LATE_EVENTS}; every other new
 *       event also goes to {@link #ACCEPTED_EVENTS} for the SLA operator.
 *   <li>A closed ticket's state and timers are cleared {@code ticket-retention} after its close; a ticket
 *       that never got a {@code CREATED} is cleared {@code ticket-retention} after its last event.
 * </ul>
 */
public class TicketLifecycleFunction extends KeyedProcessFunction<String, TicketEvent, Fact> {

    public static final OutputTag<DeadLetter> LATE_EVENTS = new OutputTag<>("late-events") {};

    /**
     * Every event that changed the ticket's event set (not a duplicate, not too late), in arrival order, for the
     * SLA operator that follows on the same partitioning (no second shuffle of raw events).
     */
    public static final OutputTag<TicketEvent> ACCEPTED_EVENTS =
            new OutputTag<>("accepted-events", TypeInformation.of(TicketEvent.class));

    private final long waitThresholdMs;
    private final long allowedLatenessMs;
    private final long retentionMs;

    private transient ListState<TicketEvent> events;
    private transient ListState<Fact> emitted;
    private transient KeyedTimer expiry;

    private transient Counter applied;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter expired;
    private transient Counter factChanges;

    public TicketLifecycleFunction(PipelineConfig config) {
        this.waitThresholdMs = config.waitThreshold().toMillis();
        this.allowedLatenessMs = config.allowedLateness().toMillis();
        this.retentionMs = config.ticketRetention().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        events = getRuntimeContext().getListState(new ListStateDescriptor<>("events", TicketEvent.class));
        emitted = getRuntimeContext().getListState(new ListStateDescriptor<>("emitted-facts", Fact.class));
        expiry = new KeyedTimer(
                getRuntimeContext().getState(new ValueStateDescriptor<>("expiry-timer", Long.class)),
                TimeDomain.EVENT_TIME);
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ticketpulse");
        applied = metrics.counter("eventsApplied");
        duplicates = metrics.counter("eventsDuplicate");
        late = metrics.counter("eventsLate");
        expired = metrics.counter("ticketsExpired");
        factChanges = metrics.counter("factChanges");
    }

    @Override
    public void processElement(TicketEvent event, Context ctx, Collector<Fact> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (isTooLate(event.occurredAtMs, watermark)) {
            late.inc();
            ctx.output(LATE_EVENTS, lateDeadLetter(event, watermark));
            return;
        }
        List<TicketEvent> history = new ArrayList<>();
        for (TicketEvent e : events.get()) {
            if (e.eventId.equals(event.eventId)) {
                duplicates.inc();
                return;
            }
            history.add(e);
        }
        applied.inc();
        history.add(event);
        events.add(event);
        ctx.output(ACCEPTED_EVENTS, event);

        if (event.occurredAtMs <= watermark) {
            emitChanges(history, watermark, out);
        } else {
            ctx.timerService().registerEventTimeTimer(event.occurredAtMs);
        }
        if (event.type == EventType.CREATED) {
            long deadline = event.occurredAtMs + waitThresholdMs;
            if (deadline > watermark) {
                ctx.timerService().registerEventTimeTimer(deadline);
            }
        }
        scheduleExpiry(history, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Fact> out) throws Exception {
        List<TicketEvent> history = new ArrayList<>();
        events.get().forEach(history::add);
        emitChanges(history, ctx.timerService().currentWatermark(), out);
        if (expiry.isAt(timestamp)) {
            expired.inc();
            events.clear();
            emitted.clear();
            expiry.fired();
        }
    }

    private boolean isTooLate(long eventTimeMs, long watermark) {
        return watermark != Long.MIN_VALUE && eventTimeMs < watermark - allowedLatenessMs;
    }

    private void emitChanges(List<TicketEvent> history, long asOfMs, Collector<Fact> out) throws Exception {
        List<Fact> derived = TicketFacts.derive(history, asOfMs, waitThresholdMs);
        List<Fact> before = new ArrayList<>();
        emitted.get().forEach(before::add);
        List<Fact> changes = FactChangelog.diff(before, derived);
        if (changes.isEmpty()) {
            return;
        }
        for (Fact change : changes) {
            out.collect(change);
        }
        factChanges.inc(changes.size());
        emitted.update(derived);
    }

    /**
     * Keeps one expiry timer: {@code retention} after the close of a closed ticket, or after the last event
     * of a ticket without {@code CREATED}; none for an open ticket.
     */
    private void scheduleExpiry(List<TicketEvent> history, Context ctx) throws Exception {
        expiry.set(TicketRetention.expiryTime(history, retentionMs), ctx.timerService());
    }

    private static DeadLetter lateDeadLetter(TicketEvent event, long watermark) {
        DeadLetter d = new DeadLetter(
                DeadLetter.ReasonCode.LATE_EVENT,
                "event time " + io.ticketpulse.schema.Timestamps.format(event.occurredAtMs)
                        + " is older than the watermark " + io.ticketpulse.schema.Timestamps.format(watermark)
                        + " minus the allowed lateness",
                event.origin,
                TicketEventJson.toJson(event));
        d.eventId = event.eventId;
        d.ticketId = event.ticketId;
        return d;
    }
}
