package io.ticketpulse.functions;

import io.ticketpulse.io.RawRecord;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.ParseResult;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventParser;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses and validates raw records against {@code ticket-event} v1. Valid events go on; every other record
 * goes to {@link #DEAD_LETTERS} with its reason, its raw bytes and its origin. Never throws for input, so one
 * bad record can't fail the job. Counts {@code recordsIn = eventsParsed + recordsDeadLettered}.
 */
public class ParseFunction extends ProcessFunction<RawRecord, TicketEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final int maxPayloadBytes;

    private transient TicketEventParser parser;
    private transient Counter recordsIn;
    private transient Counter parsed;
    private transient Counter deadLettered;

    public ParseFunction(PipelineConfig config) {
        this.maxPayloadBytes = config.maxPayloadBytes();
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new TicketEventParser(maxPayloadBytes);
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ticketpulse");
        recordsIn = metrics.counter("recordsIn");
        parsed = metrics.counter("eventsParsed");
        deadLettered = metrics.counter("recordsDeadLettered");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<TicketEvent> out) {
        recordsIn.inc();
        ParseResult result = parser.parse(record.payload);
        if (result.isValid()) {
            TicketEvent event = result.event();
            event.origin = record.origin;
            parsed.inc();
            out.collect(event);
        } else {
            deadLettered.inc();
            ctx.output(
                    DEAD_LETTERS,
                    new DeadLetter(result.reasonCode(), result.reason(), record.origin, record.payload));
        }
    }
}
