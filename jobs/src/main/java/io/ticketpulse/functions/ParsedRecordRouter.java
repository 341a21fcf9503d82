package io.ticketpulse.functions;

import io.ticketpulse.io.ParsedRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits the source's parsed records ({@link io.ticketpulse.io.ParsingSource}): valid events go on with their
 * timestamps, dead letters to {@link #DEAD_LETTERS}. Counts {@code recordsIn = eventsParsed +
 * recordsDeadLettered} (metric group {@code ticketpulse}).
 */
public class ParsedRecordRouter extends ProcessFunction<ParsedRecord, TicketEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter recordsIn;
    private transient Counter parsed;
    private transient Counter deadLettered;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ticketpulse");
        recordsIn = metrics.counter("recordsIn");
        parsed = metrics.counter("eventsParsed");
        deadLettered = metrics.counter("recordsDeadLettered");
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<TicketEvent> out) {
        recordsIn.inc();
        if (record.valid()) {
            parsed.inc();
            out.collect(record.event);
        } else {
            deadLettered.inc();
            ctx.output(DEAD_LETTERS, record.deadLetter);
        }
    }
}
