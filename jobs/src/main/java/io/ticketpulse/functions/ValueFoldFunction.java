package io.ticketpulse.functions;

import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.domain.kpi.GroupingSet;
import io.ticketpulse.domain.kpi.KeptValues;
import io.ticketpulse.domain.kpi.KpiSettings;
import io.ticketpulse.domain.kpi.ValueFold;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.KpiGroupKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The caps of the grouping sets' capped dimensions, keyed by grouping set ({@link #BY_SET}): a thin adapter around
 * {@link ValueFold}. A delta whose values are decided goes on at once, folded values rewritten to
 * {@value KpiGroupKey#OTHER}; one with a value still undecided waits in state until the watermark reaches its pane's
 * end plus the allowed lateness (an event-time timer). Sets without first-seen caps pass straight through.
 *
 * <p>State per set: the kept values (at most {@code max_values} per capped dimension, kept for the life of the
 * state: that is the rule) and the waiting deltas (only while a cap is not full, for at most the allowed lateness
 * of panes). Metric {@code kpiFoldedDeltas}: deltas sent on under a folded key (allow-lists included).
 */
public class ValueFoldFunction extends KeyedProcessFunction<String, PaneDelta, PaneDelta> {

    private static final long serialVersionUID = 1L;

    /** The grouping set of a grouping-set delta: the key of this function. */
    public static final KeySelector<PaneDelta, String> BY_SET = new BySet();

    private final KpiSettings settings;
    private final long slideMs;
    private final long latenessMs;

    private transient Map<String, ValueFold> folds;
    private transient ValueState<KeptValues> kept;
    private transient Counter foldedDeltas;

    public ValueFoldFunction(PipelineConfig config) {
        this.settings = config.kpiSettings();
        this.slideMs = config.windowSlide().toMillis();
        this.latenessMs = config.allowedLateness().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        folds = new HashMap<>();
        for (GroupingSet set : settings.groupingSets()) {
            folds.put(set.id(), new ValueFold(set, slideMs, latenessMs));
        }
        kept = getRuntimeContext().getState(
                new ValueStateDescriptor<>("kpi-kept-values", TypeInformation.of(KeptValues.class)));
        foldedDeltas = getRuntimeContext().getMetricGroup().addGroup("ticketpulse").counter("kpiFoldedDeltas");
    }

    @Override
    public void processElement(PaneDelta delta, Context ctx, Collector<PaneDelta> out) throws Exception {
        ValueFold fold = folds.get(ctx.getCurrentKey());
        if (fold == null || !fold.set().keepsFirstSeen()) {
            emit(delta, out);
            return;
        }
        KeptValues state = load(fold);
        emitAll(fold.offer(state, delta), out);
        store(fold, state, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PaneDelta> out) throws Exception {
        ValueFold fold = folds.get(ctx.getCurrentKey());
        if (fold == null) {
            kept.clear(); // a set no longer configured
            return;
        }
        KeptValues state = load(fold);
        emitAll(fold.decide(state, timestamp), out);
        store(fold, state, ctx.timerService());
    }

    private KeptValues load(ValueFold fold) throws Exception {
        KeptValues state = kept.value();
        int positions = fold.set().dimensions().size();
        if (state == null || state.counts == null || state.counts.length != positions) {
            state = KeptValues.fresh(positions); // none yet, or the set's dimensions changed since a savepoint
        }
        return state;
    }

    private void store(ValueFold fold, KeptValues state, org.apache.flink.streaming.api.TimerService timers)
            throws Exception {
        if (state.isEmpty()) {
            kept.clear();
        } else {
            kept.update(state);
        }
        long next = fold.nextDecisionAt(state);
        if (next != Long.MAX_VALUE) {
            timers.registerEventTimeTimer(next); // the same instant twice is one timer
        }
    }

    private void emitAll(List<PaneDelta> deltas, Collector<PaneDelta> out) {
        for (PaneDelta d : deltas) {
            emit(d, out);
        }
    }

    private void emit(PaneDelta d, Collector<PaneDelta> out) {
        if (ValueFold.isFolded(d)) {
            foldedDeltas.inc();
        }
        out.collect(d);
    }

    /** Deltas folded (the {@code kpiFoldedDeltas} metric). */
    long foldedDeltaCount() {
        return foldedDeltas.getCount();
    }

    private static final class BySet implements KeySelector<PaneDelta, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PaneDelta delta) {
            return delta.group.substring(0, delta.group.indexOf(':'));
        }
    }
}
