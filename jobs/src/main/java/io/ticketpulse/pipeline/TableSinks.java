package io.ticketpulse.pipeline;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Sinks that keep tables of the output (e.g. the PostgreSQL tables of {@code io.PostgresTables}): KPI rows upserted by
 * their key, alerts (current state and history) and dead letters. Each must be idempotent, so that the records a
 * restart delivers again leave the tables as they were. {@code alerts} may be null.
 */
public record TableSinks(Sink<TicketKpi> kpis, Sink<SlaAlert> alerts, Sink<DeadLetter> deadLetters) {}
