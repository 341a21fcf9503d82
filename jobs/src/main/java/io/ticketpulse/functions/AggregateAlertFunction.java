package io.ticketpulse.functions;

import io.ticketpulse.domain.sla.AggregateAlertState;
import io.ticketpulse.domain.sla.AggregateAlertTracker;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.schema.SlaAlert;
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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Aggregate (team-level) SLA alerts per (channel, priority), keyed by {@code channel/priority}: a thin adapter
 * around the domain state machine {@link AggregateAlertTracker}.
 *
 * <p><b>Why not flink-cep.</b> The alert's next state depends on its current tier: enter a tier after
 * {@code raiseAfter} rows at or over it only when it is above the current one, leave the current tier after
 * {@code clearAfter} rows clear of it by the hysteresis (a threshold that depends on the tier being left), and
 * never emit the same state twice. A CEP pattern only sees its own partial match, not the outcome of earlier
 * matches, so {@code times(raiseAfter).consecutive()} per tier and direction would still need a keyed operator
 * after it holding the current tier to drop repeated and stale matches and order escalations against clears
 * — the same state machine, split over two operators with CEP's NFA and shared-buffer state in between.
 * Nulls (nothing measured) must neither extend nor break a run, which {@code consecutive()} cannot express
 * without filtering rows per metric into three streams. One small POJO state and a pure step function are
 * easier to read, test and bound.
 *
 * <p><b>Event time.</b> Final rows are buffered per key (by window end, in {@code aggregate-pending-rows}) and
 * applied in window-end order when the watermark passes their window end, so the result does not depend on
 * arrival order (e.g. rows replayed from a multi-partition topic). Upstream, a final row is emitted when the
 * watermark passes window end + allowed lateness, so alerts lag the window end by the allowed lateness: the price
 * of acting only on rows that can no longer change, which makes alerts identical on every replay. A row for a
 * window end not after the last applied one is ignored (metric {@code aggregateRowsIgnored}).
 *
 * <p>State is the tracker's {@link AggregateAlertState} (null while every alert of the key is idle) plus the
 * pending rows, which drop to nothing once applied: a resolved, quiet key holds no state and no timers.
 */
public class AggregateAlertFunction extends KeyedProcessFunction<String, TicketKpi, SlaAlert> {

    private static final long serialVersionUID = 1L;

    private final AggregateAlertTracker tracker;

    private transient ValueState<AggregateAlertState> alertState;
    private transient MapState<Long, TicketKpi> pending;
    private transient Counter ignoredRows;

    public AggregateAlertFunction(SlaPolicySet policies) {
        this.tracker = new AggregateAlertTracker(policies);
    }

    @Override
    public void open(OpenContext openContext) {
        alertState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("aggregate-alert-state", TypeInformation.of(AggregateAlertState.class)));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "aggregate-pending-rows", Types.LONG, TypeInformation.of(TicketKpi.class)));
        ignoredRows = getRuntimeContext().getMetricGroup().addGroup("ticketpulse").counter("aggregateRowsIgnored");
    }

    @Override
    public void processElement(TicketKpi row, Context ctx, Collector<SlaAlert> out) throws Exception {
        if (!AggregateAlertTracker.counts(row)) {
            return;
        }
        AggregateAlertState state = alertState.value();
        if (state != null && state.lastWindowEndMs != null && row.windowEndMs <= state.lastWindowEndMs) {
            ignoredRows.inc();
            return;
        }
        TicketKpi buffered = pending.get(row.windowEndMs);
        if (buffered != null) {
            ignoredRows.inc(); // a duplicate final row of the same window: keep one
            if (buffered.revision >= row.revision) {
                return;
            }
        }
        pending.put(row.windowEndMs, row);
        ctx.timerService().registerEventTimeTimer(row.windowEndMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SlaAlert> out) throws Exception {
        TreeMap<Long, TicketKpi> due = new TreeMap<>();
        for (Map.Entry<Long, TicketKpi> e : pending.entries()) {
            if (e.getKey() <= timestamp) {
                due.put(e.getKey(), e.getValue());
            }
        }
        if (due.isEmpty()) {
            return;
        }
        AggregateAlertState state = alertState.value();
        long detectedAt = ctx.timerService().currentProcessingTime();
        List<SlaAlert> alerts = new ArrayList<>();
        for (Map.Entry<Long, TicketKpi> e : due.entrySet()) {
            pending.remove(e.getKey());
            AggregateAlertTracker.Step step = tracker.next(state, e.getValue());
            state = step.state();
            alerts.addAll(step.alerts());
        }
        if (state == null) {
            alertState.clear();
        } else {
            alertState.update(state);
        }
        for (SlaAlert a : alerts) {
            a.detectedAtMs = detectedAt;
            out.collect(a);
        }
    }

    /** Rows ignored as duplicate or out of order (the {@code aggregateRowsIgnored} metric). */
    long ignoredRowCount() {
        return ignoredRows.getCount();
    }
}
