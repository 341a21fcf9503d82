package io.ticketpulse.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Writes {@link TicketEvent}s as {@code ticket-event} v1 JSON (used by the simulator and by tests). Reading is
 * {@link TicketEventParser}'s job, since every input must be validated.
 */
public final class TicketEventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TicketEventJson() {}

    /** The event as one compact JSON object, UTF-8; {@code occurred_at} in UTC with milliseconds. */
    public static byte[] toJson(TicketEvent e) {
        return JsonFields.write(MAPPER, toNode(e));
    }

    /**
     * The event as a JSON object node. Absent optional fields are omitted; {@code is_test} is written only when
     * true; {@code attributes} whenever not null (an empty map as {@code {}}), so that parsing gives back an
     * equal event.
     */
    public static ObjectNode toNode(TicketEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event_id", e.eventId);
        n.put("ticket_id", e.ticketId);
        n.put("type", e.type.name());
        n.put("occurred_at", Timestamps.format(e.occurredAtMs));
        putIfPresent(n, "channel", e.channel);
        putIfPresent(n, "priority", e.priority);
        putIfPresent(n, "status", e.status);
        putIfPresent(n, "agent_id", e.agentId);
        putIfPresent(n, "team", e.team);
        if (e.csat != null) {
            n.put("csat", e.csat);
        }
        if (e.isTest) {
            n.put("is_test", true);
        }
        if (e.attributes != null) {
            ObjectNode a = n.putObject("attributes");
            for (Map.Entry<String, String> entry : e.attributes.entrySet()) {
                a.put(entry.getKey(), entry.getValue());
            }
        }
        return n;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
