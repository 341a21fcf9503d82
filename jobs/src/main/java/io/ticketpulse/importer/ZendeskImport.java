package io.ticketpulse.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts Zendesk ticket activity into {@code ticket-event} v1 events. Plain Java, no Flink. Two inputs, also
 * mixed in one file (see {@link JsonRecords} for the JSON layouts read):
 *
 * <ul>
 *   <li>the <b>incremental ticket event export</b> ({@code GET /api/v2/incremental/ticket_events}, best with
 *       {@code include=comment_events}): pages {@code {"ticket_events": [...]}}, or the ticket events themselves;
 *       each ticket event is one update of a ticket ({@code ticket_id}, {@code timestamp} or {@code created_at},
 *       {@code updater_id}, {@code via}) whose {@code child_events} say what changed: {@code Create} and
 *       {@code Change} events carry the field as a property ({@code "status": "open"}, with
 *       {@code previous_value} on a change), {@code Comment} events the comment ({@code author_id},
 *       {@code public}); without the sideload a comment is only flagged ({@code comment_present},
 *       {@code comment_public}) and its author is the updater;
 *   <li><b>webhook payloads</b> of the ticket event types ({@code "type": "zen:event-type:ticket.created"},
 *       {@code ticket.status_changed}, {@code ticket.priority_changed}, {@code ticket.comment_added},
 *       {@code ticket.agent_assignment_changed}, {@code ticket.group_assignment_changed},
 *       {@code ticket.csat_received}), one per line or as an array: {@code time}, the ticket in {@code detail}
 *       ({@code id}, {@code via.channel}, {@code status}, {@code priority}, {@code assignee_id}, {@code group_id},
 *       {@code requester_id}, {@code type}), the change in {@code event} ({@code current}, {@code previous};
 *       {@code comment} with {@code is_public} and {@code author.is_staff}).
 * </ul>
 *
 * A record is one ticket event of the export or one webhook payload. Per ticket the records are ordered by time,
 * then input order, and converted as README.md, "Importers", documents: status {@code new}/{@code open}/
 * {@code pending}/{@code hold} → {@code STATUS_CHANGED} {@code new}/{@code open}/{@code pending}/{@code on_hold},
 * {@code solved} → {@code RESOLVED}, {@code closed} → {@code CLOSED}, leaving solved/closed → {@code REOPENED};
 * priority {@code urgent}/{@code high}/{@code normal}/{@code low} → P1..P4; a public comment by an agent (not the
 * requester; in a webhook: {@code is_staff}) → {@code AGENT_REPLIED}, by the requester → {@code CUSTOMER_REPLIED};
 * private notes → nothing; assignee or group changes → {@code ASSIGNED}; a satisfaction score
 * ({@code good} → 5, {@code bad} → 1, or a number 1–5) → {@code SATISFACTION_RATED}. The comment of the update
 * that creates the ticket is its description, not a reply.
 */
public final class ZendeskImport {

    /** What the importer reads, one line (for {@code --help}). */
    public static final String DESCRIPTION = "Zendesk incremental ticket event export and/or ticket webhook payloads"
            + " (JSON, JSON lines)";

    /** The importer for {@code ticketpulse import zendesk}. */
    public static final TicketImporter IMPORTER = new TicketImporter() {
        @Override
        public String format() {
            return "zendesk";
        }

        @Override
        public String description() {
            return DESCRIPTION;
        }

        @Override
        public ImportResult convert(InputStream in) throws IOException {
            return ZendeskImport.convert(in);
        }
    };

    /** Why a record was not converted. */
    public enum RejectReason {
        /** A line of a JSON-lines input is not JSON. */
        MALFORMED_JSON,
        /** Not a ticket event of the export nor a ticket webhook payload (e.g. a ticket metric event). */
        UNSUPPORTED_RECORD,
        /** No ticket id, or one that is not a valid ticket id. */
        MISSING_TICKET_ID,
        /** No time ({@code timestamp}, {@code created_at}, {@code time}), or not a valid one (years 1970–2999). */
        BAD_TIME,
        /** A status other than new, open, pending, hold, solved, closed. */
        UNKNOWN_STATUS,
        /** A priority other than urgent, high, normal, low. */
        UNKNOWN_PRIORITY,
        /** A satisfaction score other than good, bad, offered, unoffered or 1–5. */
        UNKNOWN_SCORE,
        /** An agent, group or user id that is not a valid agent or team id. */
        BAD_VALUE,
        /** The input has no creation of the ticket (it was created before the export starts): nothing to attach
         * the update to. */
        TICKET_NOT_CREATED
    }

    /** Notes of the report. */
    static final String CREATED_WITHOUT_PRIORITY = "tickets created without a priority (given P3, Zendesk's normal)";
    static final String CREATED_WITHOUT_CHANNEL = "tickets created without a channel (given channel unknown)";
    static final String DUPLICATE_RECORDS = "records repeated (same ticket event or webhook id; counted without events)";

    /** Channel names of Zendesk's {@code via} that differ from the token we use. */
    private static final Map<String, String> CHANNEL_ALIASES = Map.of(
            "mail", "email",
            "web_service", "api",
            "web_form", "web",
            "phone_call_incoming", "phone",
            "phone_call_outgoing", "phone",
            "voice", "phone",
            "voicemail", "phone",
            "native_messaging", "messaging");

    /** What one record changes, in a form common to both inputs. */
    private static final class Update {
        final long line;
        final String where;
        final String text;
        final int seq;
        String ticketId;
        long atMs;
        // the creation (null fields: not set at creation)
        boolean creates;
        String channel;
        String priority;
        boolean priorityChanged;
        String status;
        boolean statusChanged;
        String assignee;
        boolean assigneeChanged;
        String group;
        boolean groupChanged;
        String requester;
        String issueType;
        /** A public comment: by an agent (true), by the requester (false), unknown author (null + authorId). */
        boolean publicComment;
        Boolean commentByAgent;
        String commentAuthor;
        Integer csat;

        Update(long line, String where, String text, int seq) {
            this.line = line;
            this.where = where;
            this.text = text;
            this.seq = seq;
        }
    }

    /** A record refused while normalizing it. */
    private static final class Refused extends Exception {
        final RejectReason reason;

        Refused(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    private ZendeskImport() {}

    /** Reads the whole input and converts it. Fails only when the input is not JSON at all. */
    public static ImportResult convert(InputStream in) throws IOException {
        ImportCollector out = new ImportCollector("zendesk");
        Map<String, List<Update>> tickets = new LinkedHashMap<>();
        int seq = 0;
        Set<String> ids = new HashSet<>();
        for (JsonRecords.Item item : JsonRecords.read(in, Set.of("ticket_events"))) {
            out.read();
            if (item.malformed()) {
                out.reject(item.line(), item.where(), RejectReason.MALFORMED_JSON.name(), item.error(), item.text());
                continue;
            }
            String text = item.node().toString();
            Update u = new Update(item.line(), item.where(), text, seq++);
            try {
                normalize(item.node(), u);
            } catch (Refused r) {
                if (u.ticketId != null) {
                    out.seen(u.ticketId);
                }
                out.reject(item.line(), item.where(), r.reason.name(), r.getMessage(), text);
                continue;
            }
            out.seen(u.ticketId);
            String id = item.node().path("id").asText("");
            if (!id.isEmpty() && !ids.add((item.node().has("child_events") ? "export:" : "webhook:") + id)) {
                out.outcome(false);
                out.note(DUPLICATE_RECORDS, 1);
                continue;
            }
            tickets.computeIfAbsent(u.ticketId, k -> new ArrayList<>()).add(u);
        }
        for (List<Update> updates : tickets.values()) {
            updates.sort(Comparator.<Update>comparingLong(u -> u.atMs).thenComparingInt(u -> u.seq));
            convertTicket(updates, out);
        }
        return out.finish();
    }

    // ---- reading the two inputs into updates ----

    private static void normalize(JsonNode n, Update u) throws Refused {
        if (!n.isObject()) {
            throw new Refused(RejectReason.UNSUPPORTED_RECORD, "not a JSON object");
        }
        String type = n.path("type").asText("");
        if (type.startsWith("zen:event-type:")) {
            webhook(n, type.substring("zen:event-type:".length()), u);
        } else if (n.has("child_events")) {
            exportEvent(n, u);
        } else {
            throw new Refused(RejectReason.UNSUPPORTED_RECORD,
                    "neither a ticket event of the export (child_events) nor a webhook payload (type zen:event-type:)");
        }
    }

    /** One ticket event of the incremental export. */
    private static void exportEvent(JsonNode n, Update u) throws Refused {
        u.ticketId = id(n.get("ticket_id"), RejectReason.MISSING_TICKET_ID, "ticket_id");
        if (u.ticketId == null) {
            throw new Refused(RejectReason.MISSING_TICKET_ID, "no ticket_id");
        }
        JsonNode timestamp = n.get("timestamp");
        if (timestamp != null && timestamp.isIntegralNumber() && Values.inRange(timestamp.asLong() * 1000)) {
            u.atMs = timestamp.asLong() * 1000;
        } else {
            u.atMs = Values.offsetDateTime(n.path("created_at").asText(null));
            if (u.atMs == Long.MIN_VALUE) {
                throw new Refused(RejectReason.BAD_TIME, "no valid timestamp or created_at");
            }
        }
        String updater = id(n.get("updater_id"), RejectReason.BAD_VALUE, "updater_id");
        String via = n.path("via").isTextual() ? n.path("via").asText() : n.path("via").path("channel").asText(null);
        boolean commentFlagged = false;
        boolean commentEvent = false;
        for (JsonNode child : n.path("child_events")) {
            String eventType = child.path("event_type").asText(child.path("type").asText(""));
            switch (eventType) {
                case "Create" -> {
                    u.creates = true;
                    u.channel = channel(via);
                    fields(child, u, true);
                }
                case "Change" -> fields(child, u, false);
                case "Comment" -> {
                    commentEvent = true;
                    if (child.path("public").asBoolean(false)) {
                        u.publicComment = true;
                        u.commentAuthor = id(child.get("author_id"), RejectReason.BAD_VALUE, "author_id");
                    }
                }
                case "SatisfactionRating" -> u.csat = score(child.get("score"));
                default -> {
                    // notifications, tags, SLA and other events: nothing a ticket event carries
                }
            }
            if (child.path("comment_present").asBoolean(false) && child.path("comment_public").asBoolean(false)) {
                commentFlagged = true;
            }
        }
        if (commentFlagged && !commentEvent) {
            u.publicComment = true;
            u.commentAuthor = updater;
        }
    }

    /** The ticket fields a Create or Change child event sets. */
    private static void fields(JsonNode child, Update u, boolean create) throws Refused {
        if (child.has("status")) {
            u.status = status(child.get("status"));
            u.statusChanged = true;
        }
        if (child.has("priority")) {
            u.priority = priority(child.get("priority"));
            u.priorityChanged = !create;
        }
        if (child.has("assignee_id")) {
            u.assignee = id(child.get("assignee_id"), RejectReason.BAD_VALUE, "assignee_id");
            u.assigneeChanged = true;
        }
        if (child.has("group_id")) {
            u.group = id(child.get("group_id"), RejectReason.BAD_VALUE, "group_id");
            u.groupChanged = true;
        }
        if (child.has("requester_id")) {
            u.requester = id(child.get("requester_id"), RejectReason.BAD_VALUE, "requester_id");
        }
        if (create && child.has("type")) {
            u.issueType = issueType(child.get("type"));
        }
        if (child.has("satisfaction_score")) {
            u.csat = score(child.get("satisfaction_score"));
        }
    }

    /** One webhook payload. */
    private static void webhook(JsonNode n, String type, Update u) throws Refused {
        if (!type.startsWith("ticket.")) {
            throw new Refused(RejectReason.UNSUPPORTED_RECORD, "not a ticket event: " + type);
        }
        JsonNode detail = n.path("detail");
        JsonNode event = n.path("event");
        u.ticketId = id(detail.get("id"), RejectReason.MISSING_TICKET_ID, "detail.id");
        String subject = n.path("subject").asText("");
        if (u.ticketId == null && subject.startsWith("zen:ticket:")) {
            u.ticketId = id(TextNode.valueOf(subject.substring("zen:ticket:".length())),
                    RejectReason.MISSING_TICKET_ID, "subject");
        }
        if (u.ticketId == null) {
            throw new Refused(RejectReason.MISSING_TICKET_ID, "no detail.id");
        }
        u.atMs = Values.offsetDateTime(n.path("time").asText(null));
        if (u.atMs == Long.MIN_VALUE) {
            throw new Refused(RejectReason.BAD_TIME, "time " + Values.quoted(n.path("time").asText(null)));
        }
        switch (type) {
            case "ticket.created" -> {
                u.creates = true;
                long createdAt = Values.offsetDateTime(detail.path("created_at").asText(null));
                if (createdAt != Long.MIN_VALUE) {
                    u.atMs = createdAt;
                }
                u.channel = channel(detail.path("via").path("channel").asText(null));
                if (!detail.path("priority").isNull() && !detail.path("priority").isMissingNode()) {
                    u.priority = priority(detail.get("priority"));
                }
                if (detail.has("status")) {
                    u.status = status(detail.get("status"));
                    u.statusChanged = true;
                }
                u.assignee = id(detail.get("assignee_id"), RejectReason.BAD_VALUE, "detail.assignee_id");
                u.assigneeChanged = u.assignee != null;
                u.group = id(detail.get("group_id"), RejectReason.BAD_VALUE, "detail.group_id");
                u.groupChanged = u.group != null;
                u.requester = id(detail.get("requester_id"), RejectReason.BAD_VALUE, "detail.requester_id");
                u.issueType = issueType(detail.get("type"));
            }
            case "ticket.status_changed" -> {
                u.status = status(current(event));
                u.statusChanged = true;
            }
            case "ticket.priority_changed" -> {
                u.priority = priority(current(event));
                u.priorityChanged = true;
            }
            case "ticket.agent_assignment_changed" -> {
                u.assignee = id(current(event), RejectReason.BAD_VALUE, "event.current");
                u.assigneeChanged = true;
            }
            case "ticket.group_assignment_changed" -> {
                u.group = id(current(event), RejectReason.BAD_VALUE, "event.current");
                u.groupChanged = true;
            }
            case "ticket.comment_added" -> {
                JsonNode comment = event.path("comment");
                if (comment.path("is_public").asBoolean(false)) {
                    u.publicComment = true;
                    JsonNode author = comment.path("author");
                    u.commentAuthor = id(author.get("id"), RejectReason.BAD_VALUE, "event.comment.author.id");
                    if (author.has("is_staff")) {
                        u.commentByAgent = author.get("is_staff").asBoolean();
                    }
                }
            }
            case "ticket.csat_received" -> u.csat = score(csatScore(event));
            default -> {
                // another ticket event type (tags, subject, custom fields...): nothing a ticket event carries
            }
        }
    }

    /** A Zendesk ticket type (question, incident, problem, task; any case) in lower case, else null. */
    private static String issueType(JsonNode node) {
        String v = node == null ? "" : node.asText("").strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "question", "incident", "problem", "task" -> v;
            default -> null;
        };
    }

    /** {@code event.current}, or its {@code id} when it is an object. */
    private static JsonNode current(JsonNode event) {
        JsonNode current = event.path("current");
        return current.isObject() && current.has("id") ? current.get("id") : current;
    }

    /**
     * The score of a {@code csat_received} event: {@code event.score}, else {@code event.current} (or its
     * {@code score}), else {@code event.satisfaction_rating.score}.
     */
    private static JsonNode csatScore(JsonNode event) {
        if (event.has("score")) {
            return event.get("score");
        }
        JsonNode current = event.path("current");
        if (current.isObject()) {
            return current.path("score");
        }
        if (!current.isMissingNode()) {
            return current;
        }
        return event.path("satisfaction_rating").path("score");
    }

    // ---- values ----

    /** An id (number or string) as a string; null for null/absent; refused when not a valid id. */
    private static String id(JsonNode node, RejectReason reason, String field) throws Refused {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String v = node.isNumber() ? node.asText() : node.isTextual() ? Values.text(node.asText()) : null;
        if (v == null && node.isTextual()) {
            return null;
        }
        if (v == null || !Values.isId(v)) {
            throw new Refused(reason, field + " " + node);
        }
        return v;
    }

    private static String status(JsonNode node) throws Refused {
        String v = node == null || node.isNull() ? "" : node.asText("").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "new", "open", "pending", "solved", "closed" -> v;
            case "hold", "on-hold", "on_hold" -> "hold";
            default -> throw new Refused(RejectReason.UNKNOWN_STATUS, "status " + node);
        };
    }

    /** urgent → P1, high → P2, normal → P3, low → P4; null for no priority. */
    private static String priority(JsonNode node) throws Refused {
        if (node == null || node.isNull() || node.isMissingNode() || node.asText("").isEmpty()) {
            return null;
        }
        return switch (node.asText().toLowerCase(Locale.ROOT)) {
            case "urgent" -> "P1";
            case "high" -> "P2";
            case "normal" -> "P3";
            case "low" -> "P4";
            default -> throw new Refused(RejectReason.UNKNOWN_PRIORITY, "priority " + node);
        };
    }

    /** good → 5, bad → 1, 1–5 → itself, offered/unoffered → null (no rating). */
    private static Integer score(JsonNode node) throws Refused {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new Refused(RejectReason.UNKNOWN_SCORE, "no score");
        }
        String v = node.asText("").toLowerCase(Locale.ROOT).strip();
        switch (v) {
            case "good":
                return 5;
            case "bad":
                return 1;
            case "offered", "unoffered":
                return null;
            default:
                if (v.matches("[1-5]")) {
                    return Integer.parseInt(v);
                }
                throw new Refused(RejectReason.UNKNOWN_SCORE, "score " + node);
        }
    }

    /** The channel token of a {@code via} name ({@code Web form} → {@code web}, {@code Mail} → {@code email}). */
    static String channel(String via) {
        String token = Values.channelToken(via);
        return token == null ? null : CHANNEL_ALIASES.getOrDefault(token, token);
    }

    // ---- converting one ticket ----

    private static void convertTicket(List<Update> updates, ImportCollector out) {
        Update creation = updates.stream().filter(u -> u.creates).findFirst().orElse(null);
        if (creation == null) {
            for (Update u : updates) {
                out.reject(u.line, u.where, RejectReason.TICKET_NOT_CREATED.name(),
                        "the input has no creation of ticket " + u.ticketId, u.text);
            }
            return;
        }
        ImportCollector.TicketLog emit = out.ticket(creation.ticketId);
        String status = "new";
        String assignee = null;
        String group = null;
        String requester = null;
        for (Update u : updates) {
            int before = emit.size();
            if (u == creation) {
                TicketEvent created = emit.add(EventType.CREATED, u.atMs);
                created.channel = u.channel;
                if (created.channel == null) {
                    created.channel = "unknown";
                    out.note(CREATED_WITHOUT_CHANNEL, 1);
                }
                created.priority = u.priority;
                if (created.priority == null) {
                    created.priority = "P3";
                    out.note(CREATED_WITHOUT_PRIORITY, 1);
                }
                if (u.issueType != null) {
                    created.attributes = Map.of("issue_type", u.issueType);
                }
                requester = u.requester;
            } else if (u.priorityChanged && u.priority != null) {
                emit.add(EventType.PRIORITY_CHANGED, u.atMs).priority = u.priority;
            }
            if (u.requester != null && u != creation) {
                requester = u.requester;
            }
            if (u.assigneeChanged) {
                assignee = u.assignee;
            }
            if (u.groupChanged) {
                group = u.group;
            }
            if ((u.assigneeChanged || u.groupChanged) && (assignee != null || group != null)) {
                TicketEvent assigned = emit.add(EventType.ASSIGNED, u.atMs);
                assigned.agentId = assignee;
                assigned.team = group;
            }
            String to = u.statusChanged ? u.status : status;
            boolean finalFrom = status.equals("solved") || status.equals("closed");
            boolean finalTo = to.equals("solved") || to.equals("closed");
            boolean reopened = !to.equals(status) && finalFrom && !finalTo;
            if (reopened) {
                emit.add(EventType.REOPENED, u.atMs);
            }
            if (u.publicComment && u != creation) {
                boolean byAgent = u.commentByAgent != null ? u.commentByAgent
                        : u.commentAuthor != null && !u.commentAuthor.equals(requester);
                if (byAgent) {
                    emit.add(EventType.AGENT_REPLIED, u.atMs).agentId = u.commentAuthor;
                } else {
                    emit.add(EventType.CUSTOMER_REPLIED, u.atMs);
                }
            }
            if (!to.equals(status)) {
                switch (to) {
                    case "solved" -> emit.add(EventType.RESOLVED, u.atMs).agentId = assignee;
                    case "closed" -> emit.add(EventType.CLOSED, u.atMs);
                    default -> {
                        if (!(reopened && to.equals("open"))) {
                            emit.add(EventType.STATUS_CHANGED, u.atMs).status =
                                    to.equals("hold") ? "on_hold" : to;
                        }
                    }
                }
                status = to;
            }
            if (u.csat != null) {
                emit.add(EventType.SATISFACTION_RATED, u.atMs).csat = u.csat;
            }
            out.outcome(emit.size() > before);
        }
    }
}
