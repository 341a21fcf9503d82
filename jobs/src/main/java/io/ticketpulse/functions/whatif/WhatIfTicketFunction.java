package io.ticketpulse.functions.whatif;

import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.domain.whatif.WhatIfEvaluation;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The what-if job's per-ticket step, keyed by ticket id: keeps the ticket's events (the first of each event id
 * wins; an exact repeat is counted as a duplicate, one with other content is dead-lettered as {@code
 * DUPLICATE_CONFLICT}, as in {@code run}) until the end of the input (the final watermark of a bounded input),
 * then replays them on the per-ticket engine under the current and under the candidate policy file side by side
 * ({@link WhatIfEvaluation#ticket}) and emits one {@link WhatIfPart}: every tracked metric's outcome and alert
 * records, not yet read off at the end of the history (only the last step knows it). Then its state is cleared:
 * nothing is left for any ticket. The events of a ticket arrive in input order (one file split, one Kafka
 * partition per ticket), so "first" is the input's first.
 */
public class WhatIfTicketFunction extends KeyedProcessFunction<String, TicketEvent, WhatIfPart> {

    private static final long serialVersionUID = 1L;

    /** Conflicting repeats of an event id. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("what-if-dead-letters") {};

    private final TicketEngine current;
    private final TicketEngine candidate;
    private transient MapState<String, TicketEvent> events;
    private transient ValueState<WhatIfTicketCounts> counts;
    private transient Counter duplicates;
    private transient Counter conflicts;

    public WhatIfTicketFunction(TicketEngine current, TicketEngine candidate) {
        this.current = current;
        this.candidate = candidate;
    }

    @Override
    public void open(OpenContext openContext) {
        events = getRuntimeContext().getMapState(new MapStateDescriptor<>("what-if-events", Types.STRING,
                TypeInformation.of(TicketEvent.class)));
        counts = getRuntimeContext().getState(new ValueStateDescriptor<>("what-if-counts",
                TypeInformation.of(WhatIfTicketCounts.class)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ticketpulse");
        duplicates = metrics.counter("whatIfDuplicates");
        conflicts = metrics.counter("whatIfConflicts");
    }

    @Override
    public void processElement(TicketEvent event, Context ctx, Collector<WhatIfPart> out) throws Exception {
        WhatIfTicketCounts c = counts.value();
        if (c == null) {
            c = new WhatIfTicketCounts();
            // fires with the final watermark of the bounded input: after the ticket's last event
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        TicketEvent first = events.get(event.eventId);
        if (first == null) {
            events.put(event.eventId, event);
            c.events++;
            c.lastEventMs = Math.max(c.lastEventMs, event.occurredAtMs);
        } else if (first.equals(event)) {
            c.duplicates++;
            duplicates.inc();
        } else {
            conflicts.inc();
            DeadLetter d = new DeadLetter(DeadLetter.ReasonCode.DUPLICATE_CONFLICT, "event_id " + event.eventId
                    + " was already read with other content (the first one wins); first: " + oneLine(first)
                    + "; this one: " + oneLine(event), event.origin, TicketEventJson.toJson(event));
            d.eventId = event.eventId;
            d.ticketId = event.ticketId;
            ctx.output(DEAD_LETTERS, d);
        }
        counts.update(c);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WhatIfPart> out) throws Exception {
        WhatIfTicketCounts c = counts.value();
        List<TicketEvent> sorted = new ArrayList<>();
        for (TicketEvent e : events.values()) {
            sorted.add(e);
        }
        sorted.sort(TicketEngine.EVENT_ORDER);
        WhatIfPart part = new WhatIfPart();
        part.ticketId = ctx.getCurrentKey();
        part.events = c.events;
        part.duplicates = c.duplicates;
        part.lastEventMs = c.lastEventMs;
        part.current = new ArrayList<>(WhatIfEvaluation.ticket(current, sorted));
        part.candidate = new ArrayList<>(WhatIfEvaluation.ticket(candidate, sorted));
        out.collect(part);
        events.clear();
        counts.clear();
    }

    private static String oneLine(TicketEvent e) {
        return new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8);
    }
}
