package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternAlerts;
import io.ticketpulse.domain.pattern.PatternRules;
import io.ticketpulse.domain.pattern.PatternTicketState;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.functions.BroadcastMaximum;
import io.ticketpulse.functions.TicketFunction;
import io.ticketpulse.schema.SlaAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The pattern alerts of each ticket ({@link PatternAlerts}), keyed by {@code ticket_id}: buffers the ticket's
 * accepted events and the {@code PatternHit}s of every CEP pattern, and applies them in event-time order once the
 * patterns' watermark passes them (at one instant: hits by pattern, then events in arrival order), so the output is
 * the same on every replay whatever order the union delivered them in. At the end of a bounded input nothing after
 * the input's horizon (broadcast, as to the ticket operator, its watermark {@code Long.MAX_VALUE - 1} until its end
 * so that it never holds the patterns' clock back) is emitted: signals wait for the horizon's end of input. State ends: at the ticket's CLOSED, or
 * the ticket retention after its last event (its firing alerts resolve {@code cancelled} then), or at the end of
 * the input.
 */
public class PatternAlertFunction extends KeyedBroadcastProcessFunction<String, PatternSignal, Long, SlaAlert> {

    private static final long serialVersionUID = 1L;

    /** The input horizon, broadcast to the ticket operator and here alike (the same broadcast stream). */
    public static final MapStateDescriptor<String, Long> HORIZON_STATE = TicketFunction.HORIZON_STATE;
    static final String HORIZON_KEY = "max-event-time";

    private static final Comparator<PatternSignal> ORDER =
            Comparator.comparingLong((PatternSignal s) -> s.atMs).thenComparingInt(PatternSignal::rank);

    private final PatternRules rules;
    private final int policyVersion;
    private final SlaPolicySet policies;
    private final long retentionMs;

    private transient PatternAlerts alerts;
    private transient ValueState<PatternTicketState> ticket;
    private transient ListState<PatternSignal> pending;
    private transient ValueState<Long> expiryTimer;
    private transient Counter emitted;
    private transient Counter hitsBeyondHorizon;

    public PatternAlertFunction(SlaPolicySet policies, long retentionMs) {
        this.policies = policies;
        this.rules = policies.patterns();
        this.policyVersion = policies.version();
        this.retentionMs = retentionMs;
    }

    @Override
    public void open(OpenContext openContext) {
        alerts = new PatternAlerts(rules, policyVersion, policies.priorityDerivation());
        ticket = getRuntimeContext().getState(new ValueStateDescriptor<>("pattern-ticket", PatternTicketState.class));
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pattern-pending", PatternSignal.class));
        expiryTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("pattern-expiry", Types.LONG));
        var metrics = getRuntimeContext().getMetricGroup().addGroup("ticketpulse");
        emitted = metrics.counter("patternAlertsEmitted");
        hitsBeyondHorizon = metrics.counter("patternHitsBeyondHorizon");
    }

    @Override
    public void processElement(PatternSignal signal, ReadOnlyContext ctx, Collector<SlaAlert> out) throws Exception {
        pending.add(signal);
        ctx.timerService().registerEventTimeTimer(signal.atMs);
    }

    @Override
    public void processBroadcastElement(Long maxEventTimeMs, Context ctx, Collector<SlaAlert> out) throws Exception {
        BroadcastMaximum.raise(ctx.getBroadcastState(HORIZON_STATE), HORIZON_KEY, maxEventTimeMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SlaAlert> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark == Long.MAX_VALUE - 1) {
            // the patterns' input ended, the broadcast horizon's has not yet (its watermark is MAX - 1 until then,
            // see EndOfInputWatermark): wait for it, so that the horizon is known at the end of input
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        boolean endOfInput = watermark == Long.MAX_VALUE;
        long horizon = Long.MAX_VALUE;
        if (endOfInput) {
            Long h = ctx.getBroadcastState(HORIZON_STATE).get(HORIZON_KEY);
            horizon = h == null ? Long.MIN_VALUE : h;
        }
        List<PatternSignal> due = new ArrayList<>();
        List<PatternSignal> later = new ArrayList<>();
        for (PatternSignal s : pending.get()) {
            (s.atMs <= watermark ? due : later).add(s);
        }
        PatternTicketState state = ticket.value();
        if (!due.isEmpty()) {
            due.sort(ORDER);
            long now = ctx.timerService().currentProcessingTime();
            for (PatternSignal s : due) {
                if (state == null) {
                    state = PatternTicketState.fresh(ctx.getCurrentKey());
                }
                if (s.hit != null) {
                    if (s.atMs > horizon) {
                        hitsBeyondHorizon.inc();
                        continue;
                    }
                    emit(alerts.onHit(state, s.hit), now, out);
                } else {
                    for (SlaAlert a : alerts.onEvent(state, s.event)) {
                        emit(a, now, out);
                    }
                    if (state.ended) {
                        state = null; // the ticket ended: a later event of it starts over
                    }
                }
            }
            pending.update(later);
        }
        if (state != null && state.lastEventMs == Long.MIN_VALUE) {
            state = null; // only hits, no event (cannot happen: a hit follows its events); nothing to keep
        }
        Long expiry = expiryTimer.value();
        if (state != null && !endOfInput && later.isEmpty() && expiry != null && watermark >= expiry) {
            long now = ctx.timerService().currentProcessingTime();
            for (SlaAlert a : alerts.resolveAll(state, expiry)) {
                emit(a, now, out);
            }
            state = null;
        }
        if (state == null || endOfInput) {
            ticket.clear();
            if (expiry != null) {
                ctx.timerService().deleteEventTimeTimer(expiry);
                expiryTimer.clear();
            }
            if (endOfInput) {
                pending.clear();
            }
            return;
        }
        ticket.update(state);
        long nextExpiry = state.lastEventMs == Long.MIN_VALUE ? Long.MAX_VALUE : state.lastEventMs + retentionMs;
        if (expiry == null || expiry != nextExpiry) {
            if (expiry != null) {
                ctx.timerService().deleteEventTimeTimer(expiry);
            }
            if (nextExpiry != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(nextExpiry);
                expiryTimer.update(nextExpiry);
            } else {
                expiryTimer.clear();
            }
        }
    }

    private void emit(SlaAlert alert, long now, Collector<SlaAlert> out) {
        if (alert != null) {
            alert.detectedAtMs = now;
            out.collect(alert);
            emitted.inc();
        }
    }
}
