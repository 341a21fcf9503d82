package io.ticketpulse.pipeline;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketKpi;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The live dashboard's feeds ({@code PipelineSinks.dashboard}): the valid input events (counted for events/s),
 * the KPI rows of the default family and the SLA alerts (each at parallelism 1, in order per key), and the dead
 * letters (counted by reason).
 */
public record DashboardSinks(
        Sink<TicketEvent> events, Sink<TicketKpi> kpis, Sink<SlaAlert> alerts, Sink<DeadLetter> deadLetters) {}
