package io.ticketpulse.importer;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        /** {@code number} is empty or {@code ?} (or not a valid ticket id: longer than 128 characters, control
         * characters). */
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
        MISSING_CONTACT_TYPE,
        /** {@code assigned_to}, {@code assignment_group} or {@code resolved_by} is not a valid agent or team id
         * (longer than 128 characters, or with control characters). */
        BAD_VALUE
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

        /** What the importer reads, one line (for {@code --help}). */
    public static final String DESCRIPTION = "ServiceNow incident audit log"
            + " (CSV, one row per update; a .zip holding it is read too)";

    /** The importer for {@code ticketpulse import servicenow}. */
    public static final TicketImporter IMPORTER = new TicketImporter() {
        @Override
        public String format() {
            return "servicenow";
        }

        @Override
        public String description() {
            return DESCRIPTION;
        }

        @Override
        public ImportResult convert(InputStream in) throws IOException {
            return ServiceNowIncidentLog.convert(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    };

    /** Notes of the report. */
    static final String EVENTS_BEFORE_CREATED = "events earlier than their ticket's CREATED";

    /** One accepted row, parsed. */
    private record Row(long line, String number, State state, long updatedAtMs, long modCount, String contactType,
            String priority, long openedAtMs, String assignee, String group, String resolvedBy, String text) {}

    private ServiceNowIncidentLog() {}

    /**
     * Reads the whole CSV (header first) and converts it. A record is a CSV row. Fails only on a missing header or
     * column.
     */
    public static ImportResult convert(Reader csv) throws IOException {
        ImportCollector out = new ImportCollector("servicenow");
        try (CsvInput records = new CsvInput(csv)) {
            CsvInput.Row header = records.next();
            if (header == null) {
                throw new IOException("the CSV is empty: no header");
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.fields().size(); i++) {
                columns.putIfAbsent(header.fields().get(i).strip(), i);
            }
            for (String required : REQUIRED_COLUMNS) {
                if (!columns.containsKey(required)) {
                    throw new IOException("the CSV header has no column \"" + required + "\" (header: "
                            + header.fields() + ")");
                }
            }
            Map<String, List<Row>> incidents = new LinkedHashMap<>();
            for (CsvInput.Row fields = records.next(); fields != null; fields = records.next()) {
                out.read();
                if (fields.fields().size() != header.fields().size()) {
                    out.reject(fields.line(), "", RejectReason.WRONG_COLUMN_COUNT.name(), fields.fields().size()
                            + " fields, the header has " + header.fields().size(), fields.text());
                    continue;
                }
                Row row = parse(fields, columns, out);
                if (row != null) {
                    incidents.computeIfAbsent(row.number(), k -> new ArrayList<>()).add(row);
                }
            }
            for (List<Row> rows : incidents.values()) {
                rows.sort(Comparator.comparingLong(Row::updatedAtMs).thenComparingLong(Row::modCount)
                        .thenComparingLong(Row::line));
                convertIncident(rows, out);
            }
        }
        return out.finish();
    }

    private static Row parse(CsvInput.Row row, Map<String, Integer> col, ImportCollector out) {
        List<String> f = row.fields();
        long line = row.line();
        String number = f.get(col.get("number")).strip();
        if (number.isEmpty() || number.equals(MISSING) || !Values.isId(number)) {
            out.reject(line, "", RejectReason.MISSING_NUMBER.name(), "number " + Values.quoted(number), row.text());
            return null;
        }
        out.seen(number);
        String stateText = f.get(col.get("incident_state")).strip();
        State state = State.of(stateText);
        if (state == null) {
            out.reject(line, "", RejectReason.UNKNOWN_STATE.name(), "incident_state " + Values.quoted(stateText),
                    row.text());
            return null;
        }
        String updatedText = f.get(col.get("sys_updated_at"));
        long updatedAt = timestamp(updatedText);
        if (updatedAt == Long.MIN_VALUE) {
            out.reject(line, "", RejectReason.BAD_UPDATED_AT.name(), "sys_updated_at " + Values.quoted(updatedText),
                    row.text());
            return null;
        }
        String openedText = f.get(col.get("opened_at"));
        long openedAt = timestamp(openedText);
        if (openedAt == Long.MIN_VALUE) {
            out.reject(line, "", RejectReason.BAD_OPENED_AT.name(), "opened_at " + Values.quoted(openedText),
                    row.text());
            return null;
        }
        long modCount;
        String modText = f.get(col.get("sys_mod_count")).strip();
        try {
            modCount = Long.parseLong(modText);
        } catch (NumberFormatException e) {
            out.reject(line, "", RejectReason.BAD_MOD_COUNT.name(), "sys_mod_count " + Values.quoted(modText),
                    row.text());
            return null;
        }
        String priorityText = f.get(col.get("priority"));
        String priority = priority(priorityText);
        if (priority == null) {
            out.reject(line, "", RejectReason.UNKNOWN_PRIORITY.name(), "priority " + Values.quoted(priorityText),
                    row.text());
            return null;
        }
        String assignee = present(f.get(col.get("assigned_to")));
        String group = present(f.get(col.get("assignment_group")));
        String resolvedBy = present(f.get(col.get("resolved_by")));
        for (String value : new String[] {assignee, group, resolvedBy}) {
            if (value != null && !Values.isId(value)) {
                out.reject(line, "", RejectReason.BAD_VALUE.name(),
                        "assigned_to/assignment_group/resolved_by " + Values.quoted(value), row.text());
                return null;
            }
        }
        return new Row(line, number, state, updatedAt, modCount, channel(f.get(col.get("contact_type"))), priority,
                openedAt, assignee, group, resolvedBy, row.text());
    }

    /** Emits the events of one incident's rows (sorted), counting each row's outcome. */
    private static void convertIncident(List<Row> rows, ImportCollector out) {
        ImportCollector.TicketLog emit = out.ticket(rows.get(0).number());
        Row previous = null;
        boolean responded = false;
        long createdAt = 0;
        String assignee = null; // the last present assigned_to / assignment_group: a '?' in between is no change
        String group = null;
        for (Row row : rows) {
            int before = emit.size();
            if (previous == null) {
                if (row.contactType() == null) {
                    out.reject(row.line(), "", RejectReason.MISSING_CONTACT_TYPE.name(),
                            "the ticket's first row has no usable contact_type", row.text());
                    continue;
                }
                createdAt = row.openedAtMs();
                TicketEvent created = emit.add(EventType.CREATED, createdAt);
                created.channel = row.contactType();
                created.priority = row.priority();
            } else if (!row.priority().equals(previous.priority())) {
                emit.add(EventType.PRIORITY_CHANGED, row.updatedAtMs()).priority = row.priority();
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
                TicketEvent assigned = emit.add(EventType.ASSIGNED, row.updatedAtMs());
                assigned.agentId = row.assignee();
                assigned.team = row.group();
            }
            State from = previous == null ? State.NEW : previous.state();
            State to = row.state();
            if (to != from) {
                boolean reopened = from.isFinal() && !to.isFinal();
                if (reopened) {
                    emit.add(EventType.REOPENED, row.updatedAtMs());
                }
                if (from == State.AWAITING_USER_INFO && !to.isFinal() && to != State.NEW) {
                    emit.add(EventType.CUSTOMER_REPLIED, row.updatedAtMs());
                }
                if ((!responded && to != State.NEW) || to == State.AWAITING_USER_INFO) {
                    emit.add(EventType.AGENT_REPLIED, row.updatedAtMs()).agentId = row.assignee();
                    responded = true;
                }
                if (to == State.RESOLVED) {
                    emit.add(EventType.RESOLVED, row.updatedAtMs()).agentId = row.resolvedBy();
                } else if (to == State.CLOSED) {
                    emit.add(EventType.CLOSED, row.updatedAtMs());
                } else if (!(reopened && to == State.ACTIVE)) {
                    emit.add(EventType.STATUS_CHANGED, row.updatedAtMs()).status = to.status;
                }
            }
            long early = 0;
            for (int i = before; i < emit.size(); i++) {
                if (emit.events().get(i).occurredAtMs < createdAt) {
                    early++;
                }
            }
            if (early > 0) {
                out.note(EVENTS_BEFORE_CREATED, early);
            }
            out.outcome(emit.size() > before);
            previous = row;
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
        return v.equals(MISSING) ? null : Values.channelToken(v);
    }

    private static String present(String value) {
        String v = value.strip();
        return v.isEmpty() || v.equals(MISSING) ? null : v;
    }
}
