package io.ticketpulse.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads and writes {@link DeadLetter}s as {@code dead-letter} v1 JSON (see
 * {@code schemas/dead-letter.schema.json}). The payload is always written losslessly as {@code payload_base64},
 * and also as {@code payload_text} when it is valid UTF-8 (else {@code null}).
 */
public final class DeadLetterJson {

    private static final String CONTRACT = "dead-letter v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeadLetterJson() {}

    /** The dead letter as one compact JSON object, UTF-8. A null payload is written as empty. */
    public static byte[] toJson(DeadLetter d) {
        return JsonFields.write(MAPPER, toNode(d));
    }

    /** The dead letter as a JSON object node, fields in schema order. */
    public static ObjectNode toNode(DeadLetter d) {
        byte[] payload = d.payload == null ? new byte[0] : d.payload;
        ObjectNode n = MAPPER.createObjectNode();
        n.put("reason_code", d.reasonCode == null ? null : d.reasonCode.name());
        n.put("reason", d.reason);
        n.put("origin", d.origin);
        n.put("payload_base64", Base64.getEncoder().encodeToString(payload));
        n.put("payload_text", Utf8.isValid(payload) ? new String(payload, StandardCharsets.UTF_8) : null);
        n.put("event_id", d.eventId);
        n.put("ticket_id", d.ticketId);
        return n;
    }

    /**
     * Reads one dead letter; the payload comes from {@code payload_base64}. Unknown fields are ignored.
     *
     * @throws IllegalArgumentException if it is not JSON, or a field is missing or of the wrong type
     */
    public static DeadLetter fromJson(byte[] json) {
        ObjectNode n = JsonFields.readObject(MAPPER, json, CONTRACT);
        String code = JsonFields.text(n, "reason_code", CONTRACT);
        DeadLetter.ReasonCode reasonCode;
        try {
            reasonCode = DeadLetter.ReasonCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONTRACT + ": unknown reason_code '" + code + "'", e);
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(JsonFields.text(n, "payload_base64", CONTRACT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONTRACT + ": field 'payload_base64' is not base64", e);
        }
        DeadLetter d = new DeadLetter(reasonCode, JsonFields.text(n, "reason", CONTRACT),
                JsonFields.text(n, "origin", CONTRACT), payload);
        d.eventId = JsonFields.nullableText(n, "event_id", CONTRACT);
        d.ticketId = JsonFields.nullableText(n, "ticket_id", CONTRACT);
        return d;
    }
}
