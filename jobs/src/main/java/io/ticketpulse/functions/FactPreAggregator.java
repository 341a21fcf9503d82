package io.ticketpulse.functions;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.domain.kpi.GroupingSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Folds the facts of one subtask into one {@link PaneDelta} per (channel, priority, pane) before the shuffle on
 * (channel, priority), so a handful of hot KPI keys receive pre-aggregated deltas instead of every fact.
 *
 * <p>The buffer lives only in memory and is flushed before every watermark is forwarded (so a window never
 * fires before the deltas of its facts), before every checkpoint barrier (so nothing is in flight in a
 * snapshot and the operator needs no state), at end of input, and when it holds {@code maxBufferedPanes}.
 *
 * <p>With grouping sets configured, each fact is also folded into one delta per set (the set's row it counts in,
 * {@link GroupingSet#keyOf}), sent to {@link #GROUPED}: the main output keeps the (channel, priority) deltas only,
 * exactly as without grouping sets.
 */
public class FactPreAggregator extends AbstractStreamOperator<PaneDelta>
        implements OneInputStreamOperator<Fact, PaneDelta>, BoundedOneInput {

    /**
     * A side output that stays empty: the KPI windows no longer use the input's horizon (which windows a key
     * emits depends only on its own facts). Kept so the pipeline that wires it keeps compiling and its shape
     * until it drops the wiring.
     */
    public static final OutputTag<Long> HORIZON = new OutputTag<>("fact-horizon") {};

    /** The deltas of the grouping sets' rows ({@link PaneDelta#group} set). */
    public static final OutputTag<PaneDelta> GROUPED =
            new OutputTag<>("grouping-set-deltas", TypeInformation.of(PaneDelta.class));

    private static final long serialVersionUID = 1L;

    private final long slideMs;
    private final int maxBufferedPanes;
    private final List<GroupingSet> groupingSets;

    private transient Map<String, PaneDelta> buffer;
    private transient Map<String, PaneDelta> groupBuffer;

    public FactPreAggregator(long slideMs, int maxBufferedPanes) {
        this(slideMs, maxBufferedPanes, List.of());
    }

    public FactPreAggregator(long slideMs, int maxBufferedPanes, List<GroupingSet> groupingSets) {
        this.slideMs = slideMs;
        this.maxBufferedPanes = maxBufferedPanes;
        this.groupingSets = List.copyOf(groupingSets);
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffer = new HashMap<>();
        groupBuffer = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<Fact> element) {
        Fact fact = element.getValue();
        long paneStart = Math.floorDiv(fact.timeMs, slideMs) * slideMs;
        String bufferKey = fact.channel + '/' + fact.priority + '@' + paneStart;
        if (fact.countsForChannelPriority()) {
            buffer.computeIfAbsent(bufferKey, k -> new PaneDelta(fact.channel, fact.priority, paneStart)).add(fact);
        }
        for (GroupingSet set : groupingSets) {
            String group = set.keyOf(fact);
            if (group != null) {
                groupBuffer.computeIfAbsent(group + '@' + paneStart, k -> PaneDelta.ofGroup(group, paneStart))
                        .add(fact);
            }
        }
        if (buffer.size() + groupBuffer.size() >= maxBufferedPanes) {
            flush();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        for (PaneDelta delta : buffer.values()) {
            if (!delta.isEmpty()) {
                output.collect(new StreamRecord<>(delta));
            }
        }
        buffer.clear();
        for (PaneDelta delta : groupBuffer.values()) {
            if (!delta.isEmpty()) {
                output.collect(GROUPED, new StreamRecord<>(delta));
            }
        }
        groupBuffer.clear();
    }
}
