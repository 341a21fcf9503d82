package io.ticketpulse.importer;

import io.ticketpulse.schema.TicketEvent;
import java.util.List;

/**
 * What an import produced: the events (ordered by time, then ticket, then event id), the rejected records in input
 * order, and the counts.
 */
public record ImportResult(List<TicketEvent> events, List<Reject> rejects, ImportReport report) {}
