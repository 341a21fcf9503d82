package io.ticketpulse.importer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Converts one help desk's export into {@code ticket-event} v1 events. Plain Java, no Flink.
 *
 * <p>The contract every importer keeps (see README.md, "Importers"):
 *
 * <ul>
 *   <li>every record of the input is counted once, as converted (it produced at least one event), without events
 *       (nothing the ticket model needs changed: a private note, an update of an unmapped field) or rejected;
 *       {@code recordsIn = converted + withoutEvents + rejected}; what a record is (a CSV row, a Zendesk ticket
 *       update or webhook payload, a Jira changelog entry or comment) is the importer's to document;
 *   <li>a rejected record gets a reason code and the line of the input it starts on ({@link Reject}); it is never
 *       skipped silently;
 *   <li>every event is valid against the {@code ticket-event} v1 schema, ticket ids are the source's ticket ids,
 *       event ids are {@code <ticket_id>-<n>} numbered (zero-padded, at least 4 digits) in the order the events of
 *       a ticket apply, and the events come out ordered by time, then ticket, then event id, so that a replay sees
 *       them as a live stream would;
 *   <li>a ticket whose creation is not in the input gets no events (its records are rejected): a replay would
 *       dead-letter them as {@code UNKNOWN_TICKET}.
 * </ul>
 *
 * The only failures are for input that is not the format at all (no CSV header, not JSON), as an
 * {@link IOException}.
 */
public interface TicketImporter {

    /** The format's name on the command line ({@code ticketpulse import FORMAT ...}). */
    String format();

    /** One line for {@code --help}: what input the importer reads. */
    String description();

    /** Reads the whole export (UTF-8) and converts it. */
    ImportResult convert(InputStream in) throws IOException;
}
