package io.ticketpulse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.Timestamps;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A test-side reading of the ticket-event v1 contract, written by hand from the contract's rules (the
 * schema-validating parser lives elsewhere): required {@code event_id}, {@code ticket_id}, {@code type},
 * {@code occurred_at} (RFC 3339 with offset); channel and priority on CREATED, priority on PRIORITY_CHANGED,
 * status on STATUS_CHANGED, csat 1..5 on SATISFACTION_RATED.
 */
final class EventShape {

    static final Set<String> CHANNELS = Set.of("email", "chat", "phone", "web", "app", "social");
    static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");
    static final Set<String> STATUSES = Set.of("new", "open", "pending", "on_hold", "solved", "closed");

    private final ObjectMapper mapper = new ObjectMapper();

    /** The parsed object, or null when the bytes are not JSON or not an object. */
    JsonNode parseObject(byte[] payload) {
        try {
            JsonNode node = mapper.readTree(payload);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Null when {@code payload} is a valid ticket event, else what is wrong with it. */
    String problem(byte[] payload) {
        JsonNode n = parseObject(payload);
        if (n == null) {
            return "not a JSON object";
        }
        for (String field : new String[] {"event_id", "ticket_id", "type", "occurred_at"}) {
            if (!n.path(field).isTextual() || n.path(field).asText().isEmpty()) {
                return field + " missing or not a non-empty string";
            }
        }
        EventType type;
        try {
            type = EventType.valueOf(n.get("type").asText());
        } catch (IllegalArgumentException e) {
            return "unknown type " + n.get("type");
        }
        try {
            Timestamps.parse(n.get("occurred_at").asText());
        } catch (DateTimeParseException e) {
            return "occurred_at not RFC 3339: " + n.get("occurred_at");
        }
        if (type == EventType.CREATED && !CHANNELS.contains(n.path("channel").asText())) {
            return "CREATED without a known channel";
        }
        if ((type == EventType.CREATED || type == EventType.PRIORITY_CHANGED)
                && !PRIORITIES.contains(n.path("priority").asText())) {
            return type + " without a priority";
        }
        if (type == EventType.STATUS_CHANGED && !STATUSES.contains(n.path("status").asText())) {
            return "STATUS_CHANGED without a known status";
        }
        if (type == EventType.SATISFACTION_RATED) {
            JsonNode csat = n.path("csat");
            if (!csat.isInt() || csat.asInt() < 1 || csat.asInt() > 5) {
                return "csat missing or out of 1..5";
            }
        }
        if (n.has("is_test") && !n.get("is_test").isBoolean()) {
            return "is_test not a boolean";
        }
        if (n.has("attributes")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.get("attributes").fields(); it.hasNext(); ) {
                if (!it.next().getValue().isTextual()) {
                    return "attribute value not a string";
                }
            }
        }
        return null;
    }
}
