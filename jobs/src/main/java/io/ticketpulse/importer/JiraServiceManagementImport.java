package io.ticketpulse.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts Jira Service Management issues with their changelog into {@code ticket-event} v1 events. Plain Java, no
 * Flink. The input is what the Jira REST API returns for issues fetched with {@code expand=changelog} (and
 * {@code fields=*all} for the comments): one issue, an array of issues, search result pages
 * {@code {"issues": [...]}}, or JSON lines of either. Per issue it reads {@code key}, {@code fields.created},
 * {@code fields.priority}, {@code fields.status}, {@code fields.assignee}, {@code fields.reporter},
 * {@code fields.issuetype}, {@code fields.comment.comments} ({@code author}, {@code created}, {@code jsdPublic} —
 * JSM's flag for a comment the customer sees; a comment without it is public), {@code changelog.histories}
 * ({@code created}, {@code items} with {@code field}, {@code from}/{@code fromString}, {@code to}/{@code toString})
 * and the request channel when the issue carries the property {@code request.channel.type}.
 *
 * <p>Records: the issue itself (its creation), each changelog history and each comment. Per issue they are
 * ordered by time, then kind (creation, history, comment), then input order:
 *
 * <ul>
 *   <li>{@code CREATED} at {@code fields.created}, channel = the request channel ({@code email}, {@code portal},
 *       ...; {@code jira} when the issue does not say), priority and status as they were at creation (the
 *       {@code from} of the first change of the field, else the current value), attribute {@code issue_type};
 *       then {@code ASSIGNED} if it had an assignee then, and the initial status if not a {@code new} one;
 *   <li>a history's items: {@code priority} → {@code PRIORITY_CHANGED} (Highest/Blocker/Critical → P1, High/Major
 *       → P2, Medium → P3, Low/Lowest/Minor/Trivial → P4), {@code assignee} → {@code ASSIGNED} (unassigning emits
 *       nothing), {@code status} → as the status table in README.md (e.g. Waiting for customer → {@code pending},
 *       Resolved/Done → {@code RESOLVED}, Closed/Canceled → {@code CLOSED}, leaving those → {@code REOPENED},
 *       Escalated → {@code ESCALATED}); other fields change nothing;
 *   <li>a public comment by the reporter → {@code CUSTOMER_REPLIED}, by anyone else → {@code AGENT_REPLIED}
 *       (agent = the author); an internal comment ({@code jsdPublic: false}) → nothing.
 * </ul>
 */
public final class JiraServiceManagementImport {

    /** What the importer reads, one line (for {@code --help}). */
    public static final String DESCRIPTION = "Jira Service Management issues with changelog and comments"
            + " (REST JSON, expand=changelog)";

    /** The importer for {@code ticketpulse import jira}. */
    public static final TicketImporter IMPORTER = new TicketImporter() {
        @Override
        public String format() {
            return "jira";
        }

        @Override
        public String description() {
            return DESCRIPTION;
        }

        @Override
        public ImportResult convert(InputStream in) throws IOException {
            return JiraServiceManagementImport.convert(in);
        }
    };

    /** Why a record was not converted. */
    public enum RejectReason {
        /** A line of a JSON-lines input is not JSON. */
        MALFORMED_JSON,
        /** Not an issue (no {@code key} and {@code fields}). */
        UNSUPPORTED_RECORD,
        /** The issue key is missing or not a valid ticket id. */
        MISSING_KEY,
        /** A {@code created} time is missing or not valid (years 1970–2999). */
        BAD_TIME,
        /** A status name that is not in the status table. */
        UNKNOWN_STATUS,
        /** A priority name that is not in the priority table. */
        UNKNOWN_PRIORITY,
        /** A user id that is not a valid agent id. */
        BAD_VALUE,
        /** The issue's own record was rejected, so its histories and comments have no ticket to belong to. */
        TICKET_NOT_CREATED
    }

    /** Notes of the report. */
    static final String DEFAULT_CHANNEL = "issues without a request channel (given channel jira)";
    static final String DUPLICATE_ISSUES = "issues repeated (same key; counted without events)";

    /** What a Jira status means for the ticket. */
    enum State {
        NEW("new"), OPEN("open"), ESCALATED("open"), WAITING_FOR_CUSTOMER("pending"), ON_HOLD("on_hold"),
        RESOLVED(null), CLOSED(null);

        final String status;

        State(String status) {
            this.status = status;
        }

        boolean isFinal() {
            return this == RESOLVED || this == CLOSED;
        }

        static State of(String name) {
            if (name == null) {
                return null;
            }
            return switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "new", "open", "to do", "backlog", "waiting for support", "reopened" -> NEW;
                case "in progress", "work in progress", "investigating", "under investigation", "under review",
                        "implementing" -> OPEN;
                case "escalated" -> ESCALATED;
                case "waiting for customer", "pending customer" -> WAITING_FOR_CUSTOMER;
                case "pending", "on hold", "waiting for approval", "awaiting approval", "waiting for vendor",
                        "awaiting implementation" -> ON_HOLD;
                case "resolved", "done", "completed" -> RESOLVED;
                case "closed", "canceled", "cancelled", "declined" -> CLOSED;
                default -> null;
            };
        }
    }

    /** A record refused while reading it. */
    private static final class Refused extends Exception {
        final RejectReason reason;

        Refused(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /** One changelog history or comment of an issue, read. */
    private record Step(int kind, long atMs, int seq, long line, String where, String text, JsonNode node) {}

    private JiraServiceManagementImport() {}

    /** Reads the whole input and converts it. Fails only when the input is not JSON at all. */
    public static ImportResult convert(InputStream in) throws IOException {
        ImportCollector out = new ImportCollector("jira");
        Set<String> keys = new HashSet<>();
        for (JsonRecords.Item item : JsonRecords.read(in, Set.of("issues"))) {
            if (item.malformed()) {
                out.read();
                out.reject(item.line(), item.where(), RejectReason.MALFORMED_JSON.name(), item.error(), item.text());
                continue;
            }
            convertIssue(item, keys, out);
        }
        return out.finish();
    }

    private static void convertIssue(JsonRecords.Item item, Set<String> keys, ImportCollector out) {
        JsonNode issue = item.node();
        String where = item.where();
        List<Step> steps = new ArrayList<>();
        int seq = 0;
        for (JsonNode history : issue.path("changelog").path("histories")) {
            steps.add(new Step(1, Values.offsetDateTime(history.path("created").asText(null)), seq,
                    item.line(), join(where, "changelog.histories[" + seq + "]"), history.toString(), history));
            seq++;
        }
        int c = 0;
        for (JsonNode comment : issue.path("fields").path("comment").path("comments")) {
            steps.add(new Step(2, Values.offsetDateTime(comment.path("created").asText(null)), seq++,
                    item.line(), join(where, "fields.comment.comments[" + c++ + "]"), comment.toString(), comment));
        }
        out.read(); // the issue itself
        String issueText = issue.toString();
        String key = issue.path("key").asText(null);
        if (!issue.isObject() || !issue.has("fields") || key == null) {
            out.reject(item.line(), where, (issue.isObject() && issue.has("fields")
                    ? RejectReason.MISSING_KEY : RejectReason.UNSUPPORTED_RECORD).name(),
                    "not a Jira issue with key and fields", issueText);
            rejectAll(steps, RejectReason.TICKET_NOT_CREATED, "its issue was rejected", out);
            return;
        }
        key = key.strip();
        if (!Values.isId(key)) {
            out.reject(item.line(), where, RejectReason.MISSING_KEY.name(), "key " + Values.quoted(key), issueText);
            rejectAll(steps, RejectReason.TICKET_NOT_CREATED, "its issue was rejected", out);
            return;
        }
        out.seen(key);
        if (!keys.add(key)) {
            out.outcome(false);
            out.note(DUPLICATE_ISSUES, 1);
            for (Step s : steps) {
                out.read();
                out.outcome(false);
            }
            return;
        }
        JsonNode fields = issue.path("fields");
        long createdAt = Values.offsetDateTime(fields.path("created").asText(null));
        String initialPriorityName = null;
        String initialStatusName = null;
        String initialAssignee = null;
        boolean assigneeChangeSeen = false;
        List<JsonNode> histories = new ArrayList<>();
        steps.stream().filter(s -> s.kind() == 1 && s.atMs() != Long.MIN_VALUE).sorted(Comparator.comparingLong(Step::atMs)
                .thenComparingInt(Step::seq)).forEach(s -> histories.add(s.node()));
        for (JsonNode history : histories) {
            for (JsonNode change : history.path("items")) {
                String field = field(change);
                if (field.equals("priority") && initialPriorityName == null) {
                    initialPriorityName = change.path("fromString").asText(null);
                } else if (field.equals("status") && initialStatusName == null) {
                    initialStatusName = change.path("fromString").asText(null);
                } else if (field.equals("assignee") && !assigneeChangeSeen) {
                    assigneeChangeSeen = true;
                    initialAssignee = Values.text(change.path("from").asText(null));
                }
            }
        }
        if (initialPriorityName == null) {
            initialPriorityName = fields.path("priority").path("name").asText(null);
        }
        if (initialStatusName == null) {
            initialStatusName = fields.path("status").path("name").asText(null);
        }
        if (!assigneeChangeSeen) {
            initialAssignee = user(fields.path("assignee"));
        }
        String reporter = user(fields.path("reporter"));
        String priority = priority(initialPriorityName);
        State status = initialStatusName == null ? State.NEW : State.of(initialStatusName);
        RejectReason refusal = null;
        String detail = null;
        if (createdAt == Long.MIN_VALUE) {
            refusal = RejectReason.BAD_TIME;
            detail = "fields.created " + fields.path("created");
        } else if (priority == null) {
            refusal = RejectReason.UNKNOWN_PRIORITY;
            detail = "priority at creation " + Values.quoted(initialPriorityName);
        } else if (status == null) {
            refusal = RejectReason.UNKNOWN_STATUS;
            detail = "status at creation " + Values.quoted(initialStatusName);
        } else if (initialAssignee != null && !Values.isId(initialAssignee)) {
            refusal = RejectReason.BAD_VALUE;
            detail = "assignee " + Values.quoted(initialAssignee);
        }
        if (refusal != null) {
            out.reject(item.line(), where, refusal.name(), detail, issueText);
            rejectAll(steps, RejectReason.TICKET_NOT_CREATED, "issue " + key + " was rejected", out);
            return;
        }
        ImportCollector.TicketLog emit = out.ticket(key);
        TicketEvent created = emit.add(EventType.CREATED, createdAt);
        String channel = Values.channelToken(issue.path("properties").path("request.channel.type").path("value")
                .asText(null));
        if (channel == null) {
            channel = "jira";
            out.note(DEFAULT_CHANNEL, 1);
        }
        created.channel = channel;
        created.priority = priority;
        String issueType = Values.text(fields.path("issuetype").path("name").asText(null));
        if (issueType != null && issueType.length() <= 256) {
            created.attributes = Map.of("issue_type", issueType);
        }
        String assignee = initialAssignee;
        if (assignee != null) {
            emit.add(EventType.ASSIGNED, createdAt).agentId = assignee;
        }
        State current = State.NEW;
        current = transition(emit, current, status, createdAt, assignee);
        out.outcome(true);

        steps.sort(Comparator.comparingLong(Step::atMs).thenComparingInt(Step::kind).thenComparingInt(Step::seq));
        String currentPriority = priority;
        for (Step s : steps) {
            out.read();
            if (s.atMs() == Long.MIN_VALUE) {
                out.reject(s.line(), s.where(), RejectReason.BAD_TIME.name(), "created " + s.node().path("created"),
                        s.text());
                continue;
            }
            int before = emit.size();
            if (s.kind() == 2) {
                JsonNode comment = s.node();
                boolean isPublic = comment.has("jsdPublic") ? comment.path("jsdPublic").asBoolean(true)
                        : comment.path("public").asBoolean(true);
                if (isPublic) {
                    String author = user(comment.path("author"));
                    if (author != null && !Values.isId(author)) {
                        out.reject(s.line(), s.where(), RejectReason.BAD_VALUE.name(),
                                "author " + Values.quoted(author), s.text());
                        continue;
                    }
                    if (author != null && !author.equals(reporter)) {
                        emit.add(EventType.AGENT_REPLIED, s.atMs()).agentId = author;
                    } else {
                        emit.add(EventType.CUSTOMER_REPLIED, s.atMs());
                    }
                }
                out.outcome(emit.size() > before);
                continue;
            }
            // a changelog history: check every item first, so a refused history emits nothing
            String newPriority = null;
            State newStatus = null;
            boolean assigneeChanged = false;
            String newAssignee = null;
            try {
                for (JsonNode change : s.node().path("items")) {
                    switch (field(change)) {
                        case "priority" -> {
                            String name = change.path("toString").asText(null);
                            newPriority = priority(name);
                            if (newPriority == null) {
                                throw new Refused(RejectReason.UNKNOWN_PRIORITY, "priority " + Values.quoted(name));
                            }
                        }
                        case "status" -> {
                            String name = change.path("toString").asText(null);
                            newStatus = State.of(name);
                            if (newStatus == null) {
                                throw new Refused(RejectReason.UNKNOWN_STATUS, "status " + Values.quoted(name));
                            }
                        }
                        case "assignee" -> {
                            assigneeChanged = true;
                            newAssignee = Values.text(change.path("to").asText(null));
                            if (newAssignee != null && !Values.isId(newAssignee)) {
                                throw new Refused(RejectReason.BAD_VALUE, "assignee " + Values.quoted(newAssignee));
                            }
                        }
                        default -> {
                            // other fields: nothing a ticket event carries
                        }
                    }
                }
            } catch (Refused r) {
                out.reject(s.line(), s.where(), r.reason.name(), r.getMessage(), s.text());
                continue;
            }
            if (newPriority != null && !newPriority.equals(currentPriority)) {
                emit.add(EventType.PRIORITY_CHANGED, s.atMs()).priority = newPriority;
                currentPriority = newPriority;
            }
            if (assigneeChanged) {
                assignee = newAssignee;
                if (assignee != null) {
                    emit.add(EventType.ASSIGNED, s.atMs()).agentId = assignee;
                }
            }
            if (newStatus != null) {
                current = transition(emit, current, newStatus, s.atMs(), assignee);
            }
            out.outcome(emit.size() > before);
        }
    }

    /** The events of a status change {@code from} → {@code to} at {@code atMs}; returns {@code to}. */
    private static State transition(ImportCollector.TicketLog emit, State from, State to, long atMs,
            String assignee) {
        if (to == from) {
            return to;
        }
        boolean reopened = from.isFinal() && !to.isFinal();
        if (reopened) {
            emit.add(EventType.REOPENED, atMs);
        }
        if (to == State.ESCALATED) {
            emit.add(EventType.ESCALATED, atMs);
        }
        if (to == State.RESOLVED) {
            emit.add(EventType.RESOLVED, atMs).agentId = assignee;
        } else if (to == State.CLOSED) {
            emit.add(EventType.CLOSED, atMs);
        } else if (!(reopened && to.status.equals("open")) && !to.status.equals(from.status)) {
            emit.add(EventType.STATUS_CHANGED, atMs).status = to.status;
        }
        return to;
    }

    private static void rejectAll(List<Step> steps, RejectReason reason, String detail, ImportCollector out) {
        for (Step s : steps) {
            out.read();
            out.reject(s.line(), s.where(), reason.name(), detail, s.text());
        }
    }

    /** The changed field's name, lower case ({@code field}, else {@code fieldId}). */
    private static String field(JsonNode change) {
        return change.path("field").asText(change.path("fieldId").asText("")).toLowerCase(Locale.ROOT);
    }

    /** A user's id: {@code accountId} (Cloud), else {@code key} or {@code name} (Data Center); null if none. */
    private static String user(JsonNode user) {
        for (String f : new String[] {"accountId", "key", "name"}) {
            String v = Values.text(user.path(f).asText(null));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Jira's priority names → P1..P4, or null. */
    static String priority(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "highest", "blocker", "critical" -> "P1";
            case "high", "major" -> "P2";
            case "medium" -> "P3";
            case "low", "lowest", "minor", "trivial" -> "P4";
            default -> null;
        };
    }

    private static String join(String where, String path) {
        return where.isEmpty() ? path : where + "." + path;
    }
}
