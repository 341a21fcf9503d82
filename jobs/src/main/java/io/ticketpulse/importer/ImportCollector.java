package io.ticketpulse.importer;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.ParseResult;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketEventParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bookkeeping every importer shares: counts each record's outcome, keeps the rejects, collects each ticket's
 * events in the order they apply, and at the end numbers them ({@code <ticket_id>-<n>}), orders them by time and
 * checks every one against the {@code ticket-event} v1 schema. One instance per import.
 */
final class ImportCollector {

    /** One ticket's events, in the order they apply (ids are given by {@link #finish()}). */
    static final class TicketLog {
        private final String ticketId;
        private final List<TicketEvent> events = new ArrayList<>();

        private TicketLog(String ticketId) {
            this.ticketId = ticketId;
        }

        /** Appends an event of this ticket (its id is assigned at the end). */
        TicketEvent add(EventType type, long atMs) {
            TicketEvent e = new TicketEvent(null, ticketId, type, atMs);
            events.add(e);
            return e;
        }

        int size() {
            return events.size();
        }

        List<TicketEvent> events() {
            return events;
        }
    }

    private final String format;
    private long recordsIn;
    private long converted;
    private long withoutEvents;
    private final Map<String, Long> rejectCounts = new TreeMap<>();
    private final Map<String, Long> firstRejectedLine = new TreeMap<>();
    private final List<Reject> rejects = new ArrayList<>();
    private final Map<String, Long> notes = new LinkedHashMap<>();
    private final Set<String> ticketsSeen = new HashSet<>();
    private final Map<String, TicketLog> logs = new LinkedHashMap<>();

    ImportCollector(String format) {
        this.format = format;
    }

    /** Counts one record read. Each record then gets exactly one outcome: converted, without events or rejected. */
    void read() {
        recordsIn++;
    }

    /** The ticket of a record read (accepted or not): counted among the tickets. */
    void seen(String ticketId) {
        ticketsSeen.add(ticketId);
    }

    /** The outcome of an accepted record: converted if it produced events, else without events. */
    void outcome(boolean producedEvents) {
        if (producedEvents) {
            converted++;
        } else {
            withoutEvents++;
        }
    }

    /** The outcome of a rejected record. */
    void reject(long line, String where, String reason, String detail, String record) {
        rejectCounts.merge(reason, 1L, Long::sum);
        firstRejectedLine.putIfAbsent(reason, line);
        rejects.add(new Reject(line, where == null ? "" : where, reason, detail, record));
    }

    /** Adds to an importer-specific count (shown in the report in the order first noted). */
    void note(String note, long delta) {
        notes.merge(note, delta, Long::sum);
    }

    /** The event log of a ticket (created on first use). */
    TicketLog ticket(String ticketId) {
        seen(ticketId);
        return logs.computeIfAbsent(ticketId, TicketLog::new);
    }

    /**
     * Numbers each ticket's events, orders all of them by time, then ticket, then event id, checks each against the
     * schema and returns the result.
     *
     * @throws IllegalStateException if an event is not valid against the schema (an importer bug: importers check
     *     their values and reject the record instead)
     */
    ImportResult finish() {
        List<TicketEvent> all = new ArrayList<>();
        long ticketsWithEvents = 0;
        for (TicketLog log : logs.values()) {
            int n = log.events.size();
            if (n == 0) {
                continue;
            }
            ticketsWithEvents++;
            int width = Math.max(4, Integer.toString(n).length());
            String pattern = "%s-%0" + width + "d";
            for (int i = 0; i < n; i++) {
                TicketEvent e = log.events.get(i);
                e.eventId = String.format(Locale.ROOT, pattern, log.ticketId, i + 1);
                all.add(e);
            }
        }
        all.sort(Comparator.<TicketEvent>comparingLong(e -> e.occurredAtMs)
                .thenComparing(e -> e.ticketId)
                .thenComparing(e -> e.eventId));
        TicketEventParser parser = new TicketEventParser(64 * 1024);
        Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        for (TicketEvent e : all) {
            ParseResult parsed = parser.parse(TicketEventJson.toJson(e));
            if (!parsed.isValid()) {
                throw new IllegalStateException(format + " import produced an invalid event " + e + ": " + parsed);
            }
            byType.merge(e.type, 1L, Long::sum);
        }
        ImportReport report = new ImportReport(format, recordsIn, converted, withoutEvents,
                Collections.unmodifiableMap(rejectCounts), Collections.unmodifiableMap(firstRejectedLine),
                ticketsSeen.size(), ticketsSeen.size() - ticketsWithEvents, Collections.unmodifiableMap(byType),
                Collections.unmodifiableMap(notes));
        return new ImportResult(Collections.unmodifiableList(all), Collections.unmodifiableList(rejects), report);
    }
}
