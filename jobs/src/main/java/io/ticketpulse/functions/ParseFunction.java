package io.ticketpulse.functions;

import io.ticketpulse.io.RawRecord;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parses and validates raw records; invalid ones go to {@link #DEAD_LETTERS} with their reason. */
public class ParseFunction extends ProcessFunction<RawRecord, TicketEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final PipelineConfig config;

    public ParseFunction(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void processElement(RawRecord value, Context ctx, Collector<TicketEvent> out) {
        throw new UnsupportedOperationException("TODO: being written in this change");
    }
}
