package io.ticketpulse.importer;

import io.ticketpulse.schema.EventType;
import java.util.Locale;
import java.util.Map;

/**
 * The counts of one import. {@code recordsIn = recordsConverted + recordsWithoutEvents + recordsRejected()}; the
 * maps iterate in a fixed order (reasons alphabetically, event types in schema order, notes as the importer added
 * them), so {@link #describe()} is the same on every run.
 *
 * @param format the importer ({@link TicketImporter#format()})
 * @param recordsIn records read (what a record is depends on the format, see README.md)
 * @param recordsConverted records that produced at least one event
 * @param recordsWithoutEvents records read and understood that change nothing the ticket events carry
 * @param rejects rejected records per reason code
 * @param firstRejectedLine per reason code, the input line of its first rejected record
 * @param tickets distinct tickets seen in accepted or rejected records
 * @param ticketsWithoutEvents tickets that got no event at all
 * @param eventsByType the events written, per type
 * @param notes importer-specific counts worth knowing (e.g. events earlier than their ticket's creation), by a
 *     short description
 */
public record ImportReport(
        String format,
        long recordsIn,
        long recordsConverted,
        long recordsWithoutEvents,
        Map<String, Long> rejects,
        Map<String, Long> firstRejectedLine,
        long tickets,
        long ticketsWithoutEvents,
        Map<EventType, Long> eventsByType,
        Map<String, Long> notes) {

    public long recordsRejected() {
        return rejects.values().stream().mapToLong(Long::longValue).sum();
    }

    public long events() {
        return eventsByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A human-readable summary, one item per line (what {@code ticketpulse import} prints). */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "records in: %,d (converted %,d, without events %,d, rejected %,d)%n",
                recordsIn, recordsConverted, recordsWithoutEvents, recordsRejected()));
        rejects.forEach((reason, n) -> s.append(String.format(Locale.ROOT,
                "  rejected %-24s %,9d (first at line %d)%n", reason, n, firstRejectedLine.get(reason))));
        s.append(String.format(Locale.ROOT, "tickets: %,d (without any event: %,d)%n", tickets, ticketsWithoutEvents));
        s.append(String.format(Locale.ROOT, "events out: %,d%n", events()));
        eventsByType.forEach((type, n) -> s.append(String.format(Locale.ROOT, "  %-18s %,9d%n", type, n)));
        notes.forEach((note, n) -> s.append(String.format(Locale.ROOT, "%s: %,d%n", note, n)));
        return s.toString();
    }
}
