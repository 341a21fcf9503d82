package io.ticketpulse.functions;

import io.ticketpulse.domain.kpi.VolatilityState;
import io.ticketpulse.domain.kpi.VolatilityTracker;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Volatility alerts per KPI row group ({@link TicketKpi#groupKey()}, {@link #BY_GROUP}): a thin adapter around
 * {@link VolatilityTracker}. Final rows are buffered by window end and applied in window-end order when the
 * watermark passes their window end, as the aggregate alerts do, so the result does not depend on arrival order.
 *
 * <p>State per group: the watched KPIs' values of its final rows for the baseline's reach (one week, or
 * {@code previous_windows} window sizes; at most reach / slide entries, pruned as rows arrive), the tracker's
 * state while an alert fires or a run is under way, and the pending rows. When a group gets no row for the
 * baseline's reach, a timer drops its values; what stays is a firing alert's small state, until a row clears it.
 */
public class VolatilityAlertFunction extends KeyedProcessFunction<String, TicketKpi, SlaAlert> {

    private static final long serialVersionUID = 1L;

    /** The group of a row: its key without the window. */
    public static final KeySelector<TicketKpi, String> BY_GROUP = new ByGroup();

    private final VolatilityTracker tracker;
    private final long slideMs;
    /** A final row arrives this long after its window end (the allowed lateness). */
    private final long rowDelayMs;

    private transient ValueState<VolatilityState> alertState;
    private transient MapState<Long, TicketKpi> pending;
    private transient MapState<Long, double[]> history;
    /** The earliest window end that may still be in {@link #history}. */
    private transient ValueState<Long> historyFrom;
    /** The registered timer that drops the history of a group gone quiet. */
    private transient ValueState<Long> cleanupAt;
    private transient Counter ignoredRows;

    /**
     * @param slideMs the window slide (window ends are multiples of it)
     * @param rowDelayMs how long after its window end a final row arrives: the allowed lateness
     */
    public VolatilityAlertFunction(VolatilityTracker tracker, long slideMs, long rowDelayMs) {
        this.tracker = tracker;
        this.slideMs = slideMs;
        this.rowDelayMs = rowDelayMs;
    }

    @Override
    public void open(OpenContext openContext) {
        alertState = getRuntimeContext().getState(new ValueStateDescriptor<>(
                "volatility-alert-state", TypeInformation.of(VolatilityState.class)));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "volatility-pending-rows", Types.LONG, TypeInformation.of(TicketKpi.class)));
        history = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "volatility-history", Types.LONG, PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        historyFrom = getRuntimeContext().getState(new ValueStateDescriptor<>("volatility-history-from", Types.LONG));
        cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>("volatility-cleanup-at", Types.LONG));
        ignoredRows = getRuntimeContext().getMetricGroup().addGroup("ticketpulse").counter("volatilityRowsIgnored");
    }

    @Override
    public void processElement(TicketKpi row, Context ctx, Collector<SlaAlert> out) throws Exception {
        if (!row.isFinal || !tracker.watches(row.groupingSet)) {
            return;
        }
        VolatilityState state = alertState.value();
        if (state != null && state.lastWindowEndMs != null && row.windowEndMs <= state.lastWindowEndMs
                || history.contains(row.windowEndMs)) {
            ignoredRows.inc(); // a duplicate or out-of-order final row
            return;
        }
        TicketKpi buffered = pending.get(row.windowEndMs);
        if (buffered != null) {
            ignoredRows.inc();
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
        Long cleanup = cleanupAt.value();
        if (!due.isEmpty()) {
            apply(due, ctx, out);
            if (cleanup != null) {
                ctx.timerService().deleteEventTimeTimer(cleanup); // never a row's timer: see cleanupAfter
            }
            cleanupAt.update(cleanupAfter(due.lastKey(), ctx));
        } else if (cleanup != null && cleanup == timestamp) {
            // no row for the baseline's reach: no baseline can use the kept values any more
            history.clear();
            historyFrom.clear();
            cleanupAt.clear();
        }
    }

    private void apply(TreeMap<Long, TicketKpi> due, OnTimerContext ctx, Collector<SlaAlert> out) throws Exception {
        VolatilityState state = alertState.value();
        List<SlaAlert> alerts = new ArrayList<>();
        for (Map.Entry<Long, TicketKpi> e : due.entrySet()) {
            pending.remove(e.getKey());
            TicketKpi row = e.getValue();
            VolatilityTracker.Step step = tracker.next(state, row, this::historyAt);
            state = step.state();
            alerts.addAll(step.alerts());
            remember(row);
        }
        if (state == null) {
            alertState.clear();
        } else {
            alertState.update(state);
        }
        long detectedAt = ctx.timerService().currentProcessingTime();
        for (SlaAlert a : alerts) {
            a.detectedAtMs = detectedAt;
            out.collect(a);
        }
    }

    /**
     * Registers the timer that drops the kept values once no later row can need them: the last row whose baseline
     * reaches {@code lastEnd} ends at {@code lastEnd + reach} and arrives by then + the lateness. One millisecond
     * after a slide boundary, so that it never is (and, deleted, never takes away) a row's timer at a window end.
     */
    private long cleanupAfter(long lastEnd, OnTimerContext ctx) {
        long keep = tracker.lookbackMs() + rowDelayMs + slideMs + 1;
        long at = lastEnd > Long.MAX_VALUE - keep ? Long.MAX_VALUE : lastEnd + keep;
        ctx.timerService().registerEventTimeTimer(at);
        return at;
    }

    private double[] historyAt(long windowEndMs) {
        try {
            return history.get(windowEndMs);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the volatility history", e);
        }
    }

    /** Keeps the row's values and drops those no baseline can reach any more (older than end - reach). */
    private void remember(TicketKpi row) throws Exception {
        history.put(row.windowEndMs, tracker.valuesOf(row));
        long cutoff = row.windowEndMs - tracker.lookbackMs(); // baselines of this and later rows end at or after it
        Long from = historyFrom.value();
        if (from == null) {
            historyFrom.update(cutoff);
            return;
        }
        if (from >= cutoff) {
            return;
        }
        if ((cutoff - from) / slideMs > tracker.lookbackMs() / slideMs + 1) {
            for (Iterator<Long> it = history.keys().iterator(); it.hasNext(); ) {
                if (it.next() < cutoff) {
                    it.remove();
                }
            }
        } else {
            for (long end = from; end < cutoff; end += slideMs) {
                history.remove(end);
            }
        }
        historyFrom.update(cutoff);
    }

    /** Rows ignored as duplicate or out of order (the {@code volatilityRowsIgnored} metric). */
    long ignoredRowCount() {
        return ignoredRows.getCount();
    }

    private static final class ByGroup implements KeySelector<TicketKpi, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(TicketKpi row) {
            return row.groupKey();
        }
    }
}
