package io.ticketpulse.functions.whatif;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.whatif.MetricResult;
import io.ticketpulse.domain.whatif.OpenMetricResult;
import io.ticketpulse.domain.whatif.WhatIfComparison;
import io.ticketpulse.domain.whatif.WhatIfEvaluation;
import io.ticketpulse.io.WhatIfJson;
import io.ticketpulse.schema.DeadLetter.ReasonCode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The what-if job's last step, at parallelism 1: collects every evaluated ticket and every rejected record, and at
 * the end of the input, where the end of the history (the latest event time of all tickets) is finally known,
 * reads each metric's result off at it ({@link WhatIfEvaluation#finish}), compares the two policy files
 * ({@link WhatIfComparison}) and emits the comparison's JSON lines ({@link WhatIfJson}) in order. Nothing is
 * emitted before the end; the collected parts are operator state (a checkpoint keeps them) and are dropped once
 * the lines are out.
 */
public class WhatIfComparisonOperator extends AbstractStreamOperator<String>
        implements OneInputStreamOperator<WhatIfPart, String>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final SlaPolicySet current;
    private final SlaPolicySet candidate;
    private transient List<WhatIfPart> parts;
    private transient ListState<WhatIfPart> partsState;

    public WhatIfComparisonOperator(SlaPolicySet current, SlaPolicySet candidate) {
        this.current = current;
        this.candidate = candidate;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        partsState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("what-if-parts", WhatIfPart.class));
        parts = new ArrayList<>();
        for (WhatIfPart p : partsState.get()) {
            parts.add(p);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        partsState.update(parts);
    }

    @Override
    public void processElement(StreamRecord<WhatIfPart> element) {
        parts.add(element.getValue());
    }

    @Override
    public void endInput() {
        for (String line : lines(parts, current, candidate)) {
            output.collect(new StreamRecord<>(line));
        }
        parts.clear();
    }

    /** The comparison's JSON lines of every part of the input. */
    static List<String> lines(List<WhatIfPart> parts, SlaPolicySet current, SlaPolicySet candidate) {
        long asOf = Long.MIN_VALUE;
        long tickets = 0;
        long events = 0;
        long duplicates = 0;
        Map<ReasonCode, Long> rejected = new EnumMap<>(ReasonCode.class);
        for (WhatIfPart p : parts) {
            if (p.isTicket()) {
                tickets++;
                events += p.events;
                duplicates += p.duplicates;
                asOf = Math.max(asOf, p.lastEventMs);
            } else {
                rejected.merge(p.rejected, 1L, Long::sum);
            }
        }
        List<MetricResult> currentResults = new ArrayList<>();
        List<MetricResult> candidateResults = new ArrayList<>();
        for (WhatIfPart p : parts) {
            for (OpenMetricResult r : p.current) {
                currentResults.add(WhatIfEvaluation.finish(r, asOf));
            }
            for (OpenMetricResult r : p.candidate) {
                candidateResults.add(WhatIfEvaluation.finish(r, asOf));
            }
        }
        WhatIfComparison comparison = WhatIfComparison.of(currentResults, candidateResults);
        return WhatIfJson.lines(new WhatIfJson.History(asOf, tickets, events, duplicates, rejected), current,
                candidate, comparison);
    }
}
