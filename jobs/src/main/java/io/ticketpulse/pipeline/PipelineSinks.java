package io.ticketpulse.pipeline;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the pipeline writes: KPI rows, dead letters, optionally a second consumer of the KPI rows (the live
 * console summary of the embedded run), SLA alerts, and optionally a second, low-latency alert sink. Injected into
 * {@link TicketPulsePipeline#build} so tests and deployments choose their own I/O; a null optional sink is left out.
 */
public record PipelineSinks(
        Sink<TicketKpi> kpis,
        Sink<DeadLetter> deadLetters,
        Sink<TicketKpi> kpiSummary,
        Sink<SlaAlert> alerts,
        Sink<SlaAlert> alertsFast) {

    public PipelineSinks(Sink<TicketKpi> kpis, Sink<DeadLetter> deadLetters, Sink<TicketKpi> kpiSummary) {
        this(kpis, deadLetters, kpiSummary, null, null);
    }

    public PipelineSinks(Sink<TicketKpi> kpis, Sink<DeadLetter> deadLetters) {
        this(kpis, deadLetters, null, null, null);
    }
}
