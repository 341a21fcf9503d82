package io.ticketpulse.importer;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts a ServiceNow incident audit log (the UCI "Incident management process enriched event log" layout:
 * one CSV row per update of an incident, {@code ?} for a missing value, {@code d/m/Y H:M} timestamps read as UTC)
 * into {@code ticket-event} v1 events. Plain Java, no Flink.
 *
 * <p>Per incident ({@code number}) the rows are ordered by {@code sys_updated_at}, then {@code sys_mod_count},
 * then file line; each row is compared with the incident's previous accepted row:
 *
 * <ul>
 *   <li>{@code CREATED} at {@code opened_at} of the first accepted row, with its channel ({@code contact_type}:
 *       Phone → {@code phone}, Email → {@code email}, Self service → {@code self_service}, IVR → {@code ivr},
 *       Direct opening → {@code direct_opening}, any other value lower-cased with {@code _} for non-alphanumerics)
 *       and priority ({@code 1 - Critical}..{@code 4 - Low} → P1..P4). Later contact type changes are ignored
 *       (the channel is the one the ticket came in on).
 *   <li>At each row's {@code sys_updated_at}, in this order (the event ids keep it at equal instants):
 *       {@code PRIORITY_CHANGED} when the priority differs; {@code ASSIGNED} (agent = {@code assigned_to}, team =
 *       {@code assignment_group}, each when present) on the first row with an assignee or group and whenever
 *       either differs from its last present value (a {@code ?} emits nothing and is not a change); then the
 *       state change:
 *   <li>{@code Resolved} → {@code RESOLVED} (agent = {@code resolved_by}); {@code Closed} → {@code CLOSED};
 *       leaving {@code Resolved}/{@code Closed} for any other state → {@code REOPENED}; {@code New}, {@code Active},
 *       {@code Awaiting User Info}, {@code Awaiting Vendor}/{@code Problem}/{@code Evidence} →
 *       {@code STATUS_CHANGED} {@code new}, {@code open}, {@code pending}, {@code on_hold} (not emitted for
 *       {@code Active} right after a {@code REOPENED}, which already means open).
 *   <li>Agent activity (the log has no replies, so they are inferred from states, documented in the README): the
 *       first row that takes the incident out of {@code New} is the agent's first response ({@code AGENT_REPLIED},
 *       agent = assignee), and so is every move into {@code Awaiting User Info} (the agent asked the caller);
 *       leaving {@code Awaiting User Info} for a non-final state other than {@code New} is the caller's answer
 *       ({@code CUSTOMER_REPLIED}). At most one {@code AGENT_REPLIED} per row.
 * </ul>
 *
 * A row without any change emits nothing and is counted as such. A row that cannot be converted is counted with
 * its {@link RejectReason} (never skipped silently) and the incident continues from its previous accepted row.
 * Event ids are {@code <number>-<nnnn>}, numbered in the incident's order, so events at one instant apply in
 * that order.
 */
public final class ServiceNowIncidentLog {

    /** The columns the conversion reads; the header must name all of them (other columns are ignored). */
    public static final List<String> REQUIRED_COLUMNS = List.of("number", "incident_state", "sys_mod_count",
            "sys_updated_at", "contact_type", "priority", "opened_at", "assigned_to", "assignment_group",
            "resolved_by");

    private static final String MISSING = "?";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("d/M/uuuu H:mm", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** Why a row was not converted. */
    public enum RejectReason {
        /** The record has a different number of fields than the header. */
        WRONG_COLUMN_COUNT,
        /** {@code number} is empty or {@code ?}. */
        MISSING_NUMBER,
        /** {@code sys_updated_at} is missing or not {@code d/m/Y H:M}. */
        BAD_UPDATED_AT,
        /** {@code opened_at} is missing or not {@code d/m/Y H:M}. */
        BAD_OPENED_AT,
        /** {@code sys_mod_count} is not a whole number. */
        BAD_MOD_COUNT,
        /** {@code incident_state} is not one of the known states (the log has {@code -100}). */
        UNKNOWN_STATE,
        /** {@code priority} is not {@code 1 - ...} to {@code 4 - ...}. */
        UNKNOWN_PRIORITY,
        /** The row would create the ticket but has no usable {@code contact_type}. */
        MISSING_CONTACT_TYPE
    }

    /** The incident states of the log, and what each means for the ticket. */
    enum State {
        NEW("new"), ACTIVE("open"), AWAITING_USER_INFO("pending"), AWAITING_OTHER("on_hold"), RESOLVED(null),
        CLOSED(null);

        final String status;

        State(String status) {
            this.status = status;
        }

        boolean isFinal() {
            return this == RESOLVED || this == CLOSED;
        }

        static State of(String value) {
            return switch (value) {
                case "New" -> NEW;
                case "Active" -> ACTIVE;
                case "Awaiting User Info" -> AWAITING_USER_INFO;
                case "Awaiting Vendor", "Awaiting Problem", "Awaiting Evidence" -> AWAITING_OTHER;
                case "Resolved" -> RESOLVED;
                case "Closed" -> CLOSED;
                default -> null;
            };
        }
    }

    /** The outcome: the events, ordered by time (then ticket, then event id), and the counts. */
    public record Conversion(List<TicketEvent> events, Report report) {}

    /** What happened to every row, and what came out. {@code rowsIn = converted + unchanged + rejected}. */
    public record Report(
            long rowsIn,
            long rowsConverted,
            long rowsWithoutChange,
            Map<RejectReason, Long> rejects,
            Map<RejectReason, Long> firstRejectedLine,
            long incidents,
            long incidentsWithoutEvents,
            Map<EventType, Long> eventsByType,
            long eventsBeforeCreated) {

        public long rowsRejected() {
            return rejects.values().stream().mapToLong(Long::longValue).sum();
        }

        public long events() {
            return eventsByType.values().stream().mapToLong(Long::longValue).sum();
        }

        /** A human-readable summary, one item per line. */
        public String describe() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "rows in: %,d (converted %,d, without change %,d, rejected %,d)%n",
                    rowsIn, rowsConverted, rowsWithoutChange, rowsRejected()));
            rejects.forEach((reason, n) -> s.append(String.format(Locale.ROOT,
                    "  rejected %-22s %,8d (first at line %d)%n", reason, n, firstRejectedLine.get(reason))));
            s.append(String.format(Locale.ROOT, "incidents: %,d (without any event: %,d)%n", incidents,
                    incidentsWithoutEvents));
            s.append(String.format(Locale.ROOT, "events out: %,d%n", events()));
            eventsByType.forEach((type, n) -> s.append(String.format(Locale.ROOT, "  %-18s %,9d%n", type, n)));
            s.append(String.format(Locale.ROOT, "events earlier than their ticket's CREATED: %,d%n",
                    eventsBeforeCreated));
            return s.toString();
        }
    }

    /** One accepted row, parsed. */
    private record Row(long line, String number, State state, long updatedAtMs, long modCount, String contactType,
            String priority, long openedAtMs, String assignee, String group, String resolvedBy) {}

    private ServiceNowIncidentLog() {}

    /** Reads the whole CSV (header first) and converts it. Fails only on a missing header or column. */
    public static Conversion convert(Reader csv) throws IOException {
        CsvRecords records = new CsvRecords(csv instanceof BufferedReader b ? b : new BufferedReader(csv, 1 << 16));
        List<String> header = records.next();
        if (header == null) {
            throw new IOException("the CSV is empty: no header");
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).strip(), i);
        }
        for (String required : REQUIRED_COLUMNS) {
            if (!columns.containsKey(required)) {
                throw new IOException("the CSV header has no column \"" + required + "\" (header: " + header + ")");
            }
        }
        Counts counts = new Counts();
        Map<String, List<Row>> incidents = new LinkedHashMap<>();
        for (List<String> fields = records.next(); fields != null; fields = records.next()) {
            counts.rowsIn++;
            long line = records.recordLine();
            if (fields.size() != header.size()) {
                counts.reject(RejectReason.WRONG_COLUMN_COUNT, line);
                continue;
            }
            Row row = parse(fields, columns, line, counts);
            if (row != null) {
                incidents.computeIfAbsent(row.number(), k -> new ArrayList<>()).add(row);
            }
        }
        List<TicketEvent> events = new ArrayList<>();
        for (List<Row> rows : incidents.values()) {
            rows.sort(Comparator.comparingLong(Row::updatedAtMs).thenComparingLong(Row::modCount)
                    .thenComparingLong(Row::line));
            int before = events.size();
            convertIncident(rows, events, counts);
            if (events.size() == before) {
                counts.incidentsWithoutEvents++;
            }
        }
        events.sort(Comparator.<TicketEvent>comparingLong(e -> e.occurredAtMs)
                .thenComparing(e -> e.ticketId)
                .thenComparing(e -> e.eventId));
        Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        for (TicketEvent e : events) {
            byType.merge(e.type, 1L, Long::sum);
        }
        Report report = new Report(counts.rowsIn, counts.rowsConverted, counts.rowsWithoutChange,
                Collections.unmodifiableMap(counts.rejects), Collections.unmodifiableMap(counts.firstRejectedLine),
                incidents.size() + counts.incidentsOnlyRejected(incidents), counts.incidentsWithoutEvents
                        + counts.incidentsOnlyRejected(incidents),
                Collections.unmodifiableMap(byType), counts.eventsBeforeCreated);
        return new Conversion(Collections.unmodifiableList(events), report);
    }

    private static Row parse(List<String> f, Map<String, Integer> col, long line, Counts counts) {
        String number = f.get(col.get("number")).strip();
        if (number.isEmpty() || number.equals(MISSING)) {
            counts.reject(RejectReason.MISSING_NUMBER, line);
            return null;
        }
        counts.numbersSeen.add(number);
        State state = State.of(f.get(col.get("incident_state")).strip());
        if (state == null) {
            counts.reject(RejectReason.UNKNOWN_STATE, line);
            return null;
        }
        long updatedAt = timestamp(f.get(col.get("sys_updated_at")));
        if (updatedAt == Long.MIN_VALUE) {
            counts.reject(RejectReason.BAD_UPDATED_AT, line);
            return null;
        }
        long openedAt = timestamp(f.get(col.get("opened_at")));
        if (openedAt == Long.MIN_VALUE) {
            counts.reject(RejectReason.BAD_OPENED_AT, line);
            return null;
        }
        long modCount;
        try {
            modCount = Long.parseLong(f.get(col.get("sys_mod_count")).strip());
        } catch (NumberFormatException e) {
            counts.reject(RejectReason.BAD_MOD_COUNT, line);
            return null;
        }
        String priority = priority(f.get(col.get("priority")));
        if (priority == null) {
            counts.reject(RejectReason.UNKNOWN_PRIORITY, line);
            return null;
        }
        return new Row(line, number, state, updatedAt, modCount, channel(f.get(col.get("contact_type"))), priority,
                openedAt, present(f.get(col.get("assigned_to"))), present(f.get(col.get("assignment_group"))),
                present(f.get(col.get("resolved_by"))));
    }

    /** Emits the events of one incident's rows (sorted), counting each row's outcome. */
    private static void convertIncident(List<Row> rows, List<TicketEvent> out, Counts counts) {
        String number = rows.get(0).number();
        Emitter emit = new Emitter(number, out);
        Row previous = null;
        boolean responded = false;
        long createdAt = 0;
        String assignee = null; // the last present assigned_to / assignment_group: a '?' in between is no change
        String group = null;
        for (Row row : rows) {
            int before = out.size();
            if (previous == null) {
                if (row.contactType() == null) {
                    counts.reject(RejectReason.MISSING_CONTACT_TYPE, row.line());
                    continue;
                }
                createdAt = row.openedAtMs();
                TicketEvent created = emit.event(EventType.CREATED, createdAt);
                created.channel = row.contactType();
                created.priority = row.priority();
            } else if (!row.priority().equals(previous.priority())) {
                emit.event(EventType.PRIORITY_CHANGED, row.updatedAtMs()).priority = row.priority();
            }
            boolean assignmentChanged = (row.assignee() != null && !row.assignee().equals(assignee))
                    || (row.group() != null && !row.group().equals(group));
            if (row.assignee() != null) {
                assignee = row.assignee();
            }
            if (row.group() != null) {
                group = row.group();
            }
            if (assignmentChanged) {
                TicketEvent assigned = emit.event(EventType.ASSIGNED, row.updatedAtMs());
                assigned.agentId = row.assignee();
                assigned.team = row.group();
            }
            State from = previous == null ? State.NEW : previous.state();
            State to = row.state();
            if (to != from) {
                boolean reopened = from.isFinal() && !to.isFinal();
                if (reopened) {
                    emit.event(EventType.REOPENED, row.updatedAtMs());
                }
                if (from == State.AWAITING_USER_INFO && !to.isFinal() && to != State.NEW) {
                    emit.event(EventType.CUSTOMER_REPLIED, row.updatedAtMs());
                }
                if ((!responded && to != State.NEW) || to == State.AWAITING_USER_INFO) {
                    emit.event(EventType.AGENT_REPLIED, row.updatedAtMs()).agentId = row.assignee();
                    responded = true;
                }
                if (to == State.RESOLVED) {
                    emit.event(EventType.RESOLVED, row.updatedAtMs()).agentId = row.resolvedBy();
                } else if (to == State.CLOSED) {
                    emit.event(EventType.CLOSED, row.updatedAtMs());
                } else if (!(reopened && to == State.ACTIVE)) {
                    emit.event(EventType.STATUS_CHANGED, row.updatedAtMs()).status = to.status;
                }
            }
            for (int i = before; i < out.size(); i++) {
                if (out.get(i).occurredAtMs < createdAt) {
                    counts.eventsBeforeCreated++;
                }
            }
            if (out.size() > before) {
                counts.rowsConverted++;
            } else {
                counts.rowsWithoutChange++;
            }
            previous = row;
        }
    }

    /** Numbers the events of one incident: {@code <number>-0001}, {@code <number>-0002}, ... */
    private static final class Emitter {
        private final String ticketId;
        private final List<TicketEvent> out;
        private int sequence;

        Emitter(String ticketId, List<TicketEvent> out) {
            this.ticketId = ticketId;
            this.out = out;
        }

        TicketEvent event(EventType type, long atMs) {
            TicketEvent e = new TicketEvent(String.format(Locale.ROOT, "%s-%04d", ticketId, ++sequence), ticketId,
                    type, atMs);
            out.add(e);
            return e;
        }
    }

    /** Epoch ms of a {@code d/m/Y H:M} timestamp read as UTC, or {@link Long#MIN_VALUE} if missing or invalid. */
    static long timestamp(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.equals(MISSING)) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDateTime.parse(v, TIMESTAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }

    /** {@code 1 - Critical}..{@code 4 - Low} → P1..P4 (by the leading digit), else null. */
    static String priority(String value) {
        String v = value.strip();
        if (v.length() >= 1 && v.charAt(0) >= '1' && v.charAt(0) <= '4'
                && (v.length() == 1 || v.charAt(1) == ' ' || v.charAt(1) == '-')) {
            return "P" + v.charAt(0);
        }
        return null;
    }

    /** The channel token of a contact type, or null when missing or not expressible as a channel. */
    static String channel(String contactType) {
        String v = contactType.strip();
        if (v.isEmpty() || v.equals(MISSING)) {
            return null;
        }
        String token = v.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return token.matches("[a-z][a-z0-9_-]{0,31}") ? token : null;
    }

    private static String present(String value) {
        String v = value.strip();
        return v.isEmpty() || v.equals(MISSING) ? null : v;
    }

    private static final class Counts {
        long rowsIn;
        long rowsConverted;
        long rowsWithoutChange;
        long incidentsWithoutEvents;
        long eventsBeforeCreated;
        final Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
        final Map<RejectReason, Long> firstRejectedLine = new EnumMap<>(RejectReason.class);
        final Set<String> numbersSeen = new HashSet<>();

        void reject(RejectReason reason, long line) {
            rejects.merge(reason, 1L, Long::sum);
            firstRejectedLine.putIfAbsent(reason, line);
        }

        /** Incidents whose every row was rejected before grouping (they have no group, hence no events). */
        long incidentsOnlyRejected(Map<String, List<Row>> incidents) {
            return numbersSeen.stream().filter(n -> !incidents.containsKey(n)).count();
        }
    }
}
