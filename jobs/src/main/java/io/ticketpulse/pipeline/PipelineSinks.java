package io.ticketpulse.pipeline;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketKpi;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the pipeline writes: KPI rows, dead letters, and optionally a second consumer of the KPI rows (the live
 * console summary of the embedded run). Injected into {@link TicketPulsePipeline#build} so tests and
 * deployments choose their own I/O.
 */
public record PipelineSinks(Sink<TicketKpi> kpis, Sink<DeadLetter> deadLetters, Sink<TicketKpi> kpiSummary) {

    public PipelineSinks(Sink<TicketKpi> kpis, Sink<DeadLetter> deadLetters) {
        this(kpis, deadLetters, null);
    }
}
