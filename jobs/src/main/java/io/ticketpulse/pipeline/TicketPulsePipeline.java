package io.ticketpulse.pipeline;

import io.ticketpulse.io.RawRecord;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one topology builder: raw records to parse/validate (dead letters), keyed lifecycle and dedupe, derived
 * facts, KPI windows, sinks. Sources and sinks are injected; nothing here constructs Kafka or file objects.
 */
public final class TicketPulsePipeline {

    private TicketPulsePipeline() {}

    /** Adds the TicketPulse topology reading {@code source} and writing to {@code sinks} to {@code env}. */
    public static void build(
            StreamExecutionEnvironment env,
            PipelineConfig config,
            Source<RawRecord, ?, ?> source,
            PipelineSinks sinks) {
        throw new UnsupportedOperationException("TODO: being written in this change");
    }
}
