package io.ticketpulse.importer;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the BPI Challenge 2013 Volvo IT incident log ("VINST", as published in CSV by IBM's process-mining
 * samples: one row per status change of a service request, {@code SR Number}, {@code Change Date+Time} with an
 * offset, {@code Status}/{@code Sub Status}, the involved support team, the owner, the impact) into
 * {@code ticket-event} v1 events. Plain Java, no Flink. A record is a CSV row.
 *
 * <p>Per service request the rows are ordered by time, then file line; each row is compared with the previous
 * accepted row (see README.md, "Importers", for the table):
 *
 * <ul>
 *   <li>the first row creates the ticket: {@code CREATED} at its time, channel {@code vinst} (the log has no
 *       contact channel), priority from {@code SR Latest Impact} (Major → P1, High → P2, Medium → P3, Low → P4;
 *       the log keeps one impact per request), attributes {@code impact}, {@code product}, {@code country},
 *       {@code org_line}, {@code function_div};
 *   <li>{@code ASSIGNED} when the team ({@code Involved ST}) or the agent ({@code Owner First Name} with its
 *       country, i.e. {@code Resource}; none when the owner is the Siebel system) differs from the last assignment:
 *       a {@code Queued} row assigns the queue's team without an agent, an {@code Accepted} row the team and the
 *       owner; {@code Completed} rows assign nothing;
 *   <li>the state: {@code Queued}/{@code Awaiting Assignment} → {@code new}; {@code Accepted}/{@code In Progress}
 *       or {@code Assigned} → {@code open}; {@code Accepted}/{@code Wait - User} or {@code Wait - Customer} →
 *       {@code pending}; {@code Accepted}/{@code Wait}, {@code Wait - Implementation}, {@code Wait - Vendor} →
 *       {@code on_hold} (each a {@code STATUS_CHANGED} when the status changes); {@code Completed}/{@code Resolved}
 *       or {@code In Call} (solved during the call) → {@code RESOLVED} (agent = the owner); {@code Completed}/
 *       {@code Closed} or {@code Cancelled} → {@code CLOSED}; leaving {@code Completed} for another state →
 *       {@code REOPENED} (then {@code STATUS_CHANGED} unless the new status is {@code open});
 *   <li>agent activity, inferred as for the ServiceNow log: the first row taking the request out of {@code new} is
 *       the first response ({@code AGENT_REPLIED}, agent = the owner), and so is every move into {@code pending}
 *       (the agent asks the user); leaving {@code pending} for an open state is the user's answer
 *       ({@code CUSTOMER_REPLIED}).
 * </ul>
 *
 * Rejected rows: {@code WRONG_COLUMN_COUNT}, {@code MISSING_SR_NUMBER}, {@code BAD_TIMESTAMP},
 * {@code UNKNOWN_STATUS} (the log's 5 {@code Unmatched} rows), {@code UNKNOWN_IMPACT}, {@code BAD_VALUE}.
 */
public final class Bpi2013Import {

    /** What the importer reads, one line (for {@code --help}). */
    public static final String DESCRIPTION = "BPI Challenge 2013 Volvo IT incident log"
            + " (CSV, one row per status change; .gz read too)";

    /** The importer for {@code ticketpulse import bpi2013}. */
    public static final TicketImporter IMPORTER = new TicketImporter() {
        @Override
        public String format() {
            return "bpi2013";
        }

        @Override
        public String description() {
            return DESCRIPTION;
        }

        @Override
        public ImportResult convert(InputStream in) throws IOException {
            return Bpi2013Import.convert(in);
        }
    };

    /** The columns the conversion reads. */
    public static final List<String> REQUIRED_COLUMNS = List.of("SR Number", "Change Date+Time", "Status",
            "Sub Status", "Involved ST Function Div", "Involved Org line 3", "Involved ST", "SR Latest Impact",
            "Product", "Country", "Owner First Name", "Resource");

    /** The channel of every request: the log has no contact channel. */
    static final String CHANNEL = "vinst";

    /** The owner name of the workflow system's own updates (not an agent). */
    static final String SYSTEM_OWNER = "Siebel";

    /** Why a row was not converted. */
    public enum RejectReason {
        /** The record has a different number of fields than the header. */
        WRONG_COLUMN_COUNT,
        /** {@code SR Number} is empty or not a valid ticket id. */
        MISSING_SR_NUMBER,
        /** {@code Change Date+Time} is missing or not an ISO date-time with an offset (years 1970–2999). */
        BAD_TIMESTAMP,
        /** {@code Status}/{@code Sub Status} is not in the mapping (the log has {@code Unmatched}/{@code Unmatched}). */
        UNKNOWN_STATUS,
        /** {@code SR Latest Impact} is not Major, High, Medium or Low. */
        UNKNOWN_IMPACT,
        /** The team or owner is not a valid team or agent id, or an attribute is longer than 256 characters. */
        BAD_VALUE
    }

    /** What a Status/Sub Status pair means for the ticket. */
    enum State {
        QUEUED("new"), IN_PROGRESS("open"), WAITING_FOR_USER("pending"), ON_HOLD("on_hold"), RESOLVED(null),
        CLOSED(null);

        final String status;

        State(String status) {
            this.status = status;
        }

        boolean isFinal() {
            return this == RESOLVED || this == CLOSED;
        }

        static State of(String status, String subStatus) {
            return switch (status + "/" + subStatus) {
                case "Queued/Awaiting Assignment" -> QUEUED;
                case "Accepted/In Progress", "Accepted/Assigned" -> IN_PROGRESS;
                case "Accepted/Wait - User", "Accepted/Wait - Customer" -> WAITING_FOR_USER;
                case "Accepted/Wait", "Accepted/Wait - Implementation", "Accepted/Wait - Vendor" -> ON_HOLD;
                case "Completed/Resolved", "Completed/In Call" -> RESOLVED;
                case "Completed/Closed", "Completed/Cancelled" -> CLOSED;
                default -> null;
            };
        }
    }

    private record Row(long line, String sr, long atMs, String status, State state, String priority, String impact,
            String team, String agent, Map<String, String> attributes, String text) {}

    private Bpi2013Import() {}

    /** Reads the whole CSV (header first) and converts it. Fails only on a missing header or column. */
    public static ImportResult convert(InputStream in) throws IOException {
        ImportCollector out = new ImportCollector("bpi2013");
        try (CsvInput records = new CsvInput(in)) {
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
            Map<String, List<Row>> requests = new LinkedHashMap<>();
            for (CsvInput.Row fields = records.next(); fields != null; fields = records.next()) {
                out.read();
                if (fields.fields().size() != header.fields().size()) {
                    out.reject(fields.line(), "", RejectReason.WRONG_COLUMN_COUNT.name(), fields.fields().size()
                            + " fields, the header has " + header.fields().size(), fields.text());
                    continue;
                }
                Row row = parse(fields, columns, out);
                if (row != null) {
                    requests.computeIfAbsent(row.sr(), k -> new ArrayList<>()).add(row);
                }
            }
            for (List<Row> rows : requests.values()) {
                rows.sort(Comparator.comparingLong(Row::atMs).thenComparingLong(Row::line));
                convertRequest(rows, out);
            }
        }
        return out.finish();
    }

    private static Row parse(CsvInput.Row row, Map<String, Integer> col, ImportCollector out) {
        List<String> f = row.fields();
        long line = row.line();
        String sr = f.get(col.get("SR Number")).strip();
        if (!Values.isId(sr)) {
            out.reject(line, "", RejectReason.MISSING_SR_NUMBER.name(), "SR Number " + Values.quoted(sr), row.text());
            return null;
        }
        out.seen(sr);
        String atText = f.get(col.get("Change Date+Time"));
        long at = Values.offsetDateTime(atText);
        if (at == Long.MIN_VALUE) {
            out.reject(line, "", RejectReason.BAD_TIMESTAMP.name(), "Change Date+Time " + Values.quoted(atText),
                    row.text());
            return null;
        }
        String status = f.get(col.get("Status")).strip();
        String subStatus = f.get(col.get("Sub Status")).strip();
        State state = State.of(status, subStatus);
        if (state == null) {
            out.reject(line, "", RejectReason.UNKNOWN_STATUS.name(),
                    "Status/Sub Status " + Values.quoted(status + "/" + subStatus), row.text());
            return null;
        }
        String impact = f.get(col.get("SR Latest Impact")).strip();
        String priority = priority(impact);
        if (priority == null) {
            out.reject(line, "", RejectReason.UNKNOWN_IMPACT.name(), "SR Latest Impact " + Values.quoted(impact),
                    row.text());
            return null;
        }
        String team = Values.text(f.get(col.get("Involved ST")));
        String owner = Values.text(f.get(col.get("Owner First Name")));
        String agent = owner == null || owner.equals(SYSTEM_OWNER) ? null : Values.text(f.get(col.get("Resource")));
        if ((team != null && !Values.isId(team)) || (agent != null && !Values.isId(agent))) {
            out.reject(line, "", RejectReason.BAD_VALUE.name(),
                    "Involved ST " + Values.quoted(team) + ", Resource " + Values.quoted(agent), row.text());
            return null;
        }
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("impact", impact.toLowerCase(Locale.ROOT));
        putAttribute(attributes, "product", f.get(col.get("Product")));
        putAttribute(attributes, "country", f.get(col.get("Country")));
        putAttribute(attributes, "org_line", f.get(col.get("Involved Org line 3")));
        putAttribute(attributes, "function_div", f.get(col.get("Involved ST Function Div")));
        for (String value : attributes.values()) {
            if (value.length() > 256) {
                out.reject(line, "", RejectReason.BAD_VALUE.name(), "an attribute is longer than 256 characters",
                        row.text());
                return null;
            }
        }
        return new Row(line, sr, at, status, state, priority, impact, team, agent, attributes, row.text());
    }

    private static void putAttribute(Map<String, String> attributes, String key, String value) {
        String v = Values.text(value);
        if (v != null) {
            attributes.put(key, v);
        }
    }

    /** Major → P1, High → P2, Medium → P3, Low → P4, else null. */
    static String priority(String impact) {
        return switch (impact) {
            case "Major" -> "P1";
            case "High" -> "P2";
            case "Medium" -> "P3";
            case "Low" -> "P4";
            default -> null;
        };
    }

    /** Emits the events of one request's rows (sorted), counting each row's outcome. */
    private static void convertRequest(List<Row> rows, ImportCollector out) {
        ImportCollector.TicketLog emit = out.ticket(rows.get(0).sr());
        Row previous = null;
        boolean responded = false;
        String team = null; // the last assignment
        String agent = null;
        for (Row row : rows) {
            int before = emit.size();
            if (previous == null) {
                TicketEvent created = emit.add(EventType.CREATED, row.atMs());
                created.channel = CHANNEL;
                created.priority = row.priority();
                created.attributes = row.attributes();
            } else if (!row.priority().equals(previous.priority())) {
                emit.add(EventType.PRIORITY_CHANGED, row.atMs()).priority = row.priority();
            }
            State from = previous == null ? State.QUEUED : previous.state();
            State to = row.state();
            boolean reopened = from.isFinal() && !to.isFinal();
            if (reopened) {
                emit.add(EventType.REOPENED, row.atMs());
            }
            if (!to.isFinal()) {
                String newTeam = row.team() != null ? row.team() : team;
                String newAgent = to == State.QUEUED ? null : row.agent() != null ? row.agent() : agent;
                boolean changed = !java.util.Objects.equals(newTeam, team)
                        || (newAgent != null && !newAgent.equals(agent));
                if (changed) {
                    TicketEvent assigned = emit.add(EventType.ASSIGNED, row.atMs());
                    assigned.team = newTeam;
                    assigned.agentId = newAgent;
                }
                team = newTeam;
                agent = newAgent;
            }
            if (to != from) {
                if (from == State.WAITING_FOR_USER && !to.isFinal() && to != State.QUEUED) {
                    emit.add(EventType.CUSTOMER_REPLIED, row.atMs());
                }
                if ((!responded && to != State.QUEUED) || to == State.WAITING_FOR_USER) {
                    emit.add(EventType.AGENT_REPLIED, row.atMs()).agentId = row.agent();
                    responded = true;
                }
                if (to == State.RESOLVED) {
                    emit.add(EventType.RESOLVED, row.atMs()).agentId = row.agent();
                } else if (to == State.CLOSED) {
                    emit.add(EventType.CLOSED, row.atMs());
                } else if (!(reopened && to == State.IN_PROGRESS)) {
                    emit.add(EventType.STATUS_CHANGED, row.atMs()).status = to.status;
                }
            }
            out.outcome(emit.size() > before);
            previous = row;
        }
    }
}
