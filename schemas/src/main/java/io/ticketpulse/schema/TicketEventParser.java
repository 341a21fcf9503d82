package io.ticketpulse.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.ticketpulse.schema.DeadLetter.ReasonCode;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates raw {@code ticket-event} v1 payloads (see {@code schemas/ticket-event.schema.json}).
 *
 * <p>{@link #parse(byte[])} never throws: every payload yields a {@link ParseResult}, valid or with a
 * {@link ReasonCode}. Checks, in order: size ({@code OVERSIZED}, not parsed), strict UTF-8 and JSON syntax, one
 * JSON object ({@code MALFORMED_JSON}; duplicate keys and trailing content count as malformed), then the JSON
 * Schema with format assertions on ({@code SCHEMA_VIOLATION}). The payload is read into a tree once, that tree is
 * validated and mapped.
 *
 * <p>Build one instance per operator instance (e.g. in {@code open()}): loading the schema and building the
 * validator is costly, parsing is not. Not serializable.
 */
public final class TicketEventParser {

    /** At most this many validation messages are listed in a reason. */
    static final int MAX_MESSAGES = 10;
    /** Reasons are cut to this many characters. */
    static final int MAX_REASON_CHARS = 2000;

    private final int maxPayloadBytes;
    private final ObjectMapper mapper;
    private final JsonSchema schema;

    /**
     * @param maxPayloadBytes payloads longer than this many bytes are rejected as {@code OVERSIZED}
     * @throws IllegalArgumentException if {@code maxPayloadBytes} is not positive
     * @throws IllegalStateException if the schema ({@link Schemas#TICKET_EVENT}) is missing from the classpath
     */
    public TicketEventParser(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, got " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.schema = Schemas.load(Schemas.TICKET_EVENT);
    }

    /** The configured maximum payload size in bytes. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Parses and validates one payload. Never throws. */
    public ParseResult parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return ParseResult.invalid(ReasonCode.MALFORMED_JSON, "empty payload");
        }
        if (payload.length > maxPayloadBytes) {
            return ParseResult.invalid(ReasonCode.OVERSIZED,
                    "payload of " + payload.length + " bytes exceeds the maximum of " + maxPayloadBytes + " bytes");
        }
        JsonNode node;
        try {
            node = readObject(payload);
        } catch (MalformedException e) {
            return ParseResult.invalid(ReasonCode.MALFORMED_JSON, cut(e.getMessage()));
        }
        try {
            return validateAndMap(node);
        } catch (RuntimeException e) { // a validator defect must not fail the job: dead-letter the record
            return ParseResult.invalid(ReasonCode.SCHEMA_VIOLATION, cut("cannot validate: " + e));
        }
    }

    private JsonNode readObject(byte[] payload) throws MalformedException {
        int bad = Utf8.firstInvalid(payload);
        if (bad >= 0) {
            throw new MalformedException("not valid UTF-8 at byte offset " + bad);
        }
        for (int i = 0; i < payload.length; i++) { // rules out UTF-16/32 auto-detection by the JSON parser
            if (payload[i] == 0) {
                throw new MalformedException("not JSON text: NUL byte at byte offset " + i);
            }
        }
        JsonNode node;
        try {
            node = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new MalformedException("not valid JSON: " + e.getOriginalMessage()
                    + (loc != null ? " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")" : ""));
        } catch (IOException | RuntimeException e) {
            throw new MalformedException("not valid JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedException("not valid JSON: no value");
        }
        if (!node.isObject()) {
            throw new MalformedException(
                    "not a JSON object: found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    private ParseResult validateAndMap(JsonNode n) {
        Set<ValidationMessage> messages = schema.validate(n);
        if (!messages.isEmpty()) {
            return ParseResult.invalid(ReasonCode.SCHEMA_VIOLATION, describe(messages));
        }
        long occurredAtMs;
        try {
            occurredAtMs = Timestamps.parse(n.get("occurred_at").textValue());
        } catch (DateTimeException e) {
            return ParseResult.invalid(ReasonCode.SCHEMA_VIOLATION,
                    cut("$.occurred_at: not a representable date-time: " + e.getMessage()));
        }
        if (!Timestamps.isEventTime(occurredAtMs)) {
            return ParseResult.invalid(ReasonCode.SCHEMA_VIOLATION, cut("$.occurred_at: "
                    + n.get("occurred_at").textValue() + " is outside the accepted event times (from "
                    + "1970-01-01T00:00:00Z inclusive to 3000-01-01T00:00:00Z exclusive)"));
        }
        TicketEvent e = new TicketEvent(
                n.get("event_id").textValue(),
                n.get("ticket_id").textValue(),
                EventType.valueOf(n.get("type").textValue()),
                occurredAtMs);
        e.channel = optionalText(n, "channel");
        e.priority = optionalText(n, "priority");
        e.status = optionalText(n, "status");
        e.agentId = optionalText(n, "agent_id");
        e.team = optionalText(n, "team");
        JsonNode csat = n.get("csat");
        e.csat = csat == null ? null : csat.intValue(); // the schema allows 1..5, also written as 5.0
        JsonNode isTest = n.get("is_test");
        e.isTest = isTest != null && isTest.booleanValue();
        JsonNode attributes = n.get("attributes");
        if (attributes != null) {
            Map<String, String> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                map.put(entry.getKey(), entry.getValue().textValue());
            }
            e.attributes = map;
        }
        return ParseResult.valid(e);
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null ? null : v.textValue();
    }

    /** All messages, sorted, joined by "; " (at most {@link #MAX_MESSAGES}), each naming the JSON path. */
    static String describe(Set<ValidationMessage> messages) {
        List<String> texts = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            texts.add(m.getMessage());
        }
        List<String> sorted = texts.stream().distinct().sorted().toList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.size() && i < MAX_MESSAGES; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(sorted.get(i));
        }
        if (sorted.size() > MAX_MESSAGES) {
            sb.append("; and ").append(sorted.size() - MAX_MESSAGES).append(" more");
        }
        return cut(sb.toString());
    }

    private static String cut(String reason) {
        if (reason.length() <= MAX_REASON_CHARS) {
            return reason;
        }
        int end = MAX_REASON_CHARS - 3;
        if (Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--;
        }
        return reason.substring(0, end) + "...";
    }

    /** Internal signal for a payload that is not one UTF-8 JSON object. */
    private static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }
}
