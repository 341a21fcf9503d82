package io.ticketpulse.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Strict field readers and small writers shared by the output codecs: a missing or mistyped field is an
 * {@link IllegalArgumentException} naming the contract and the field; unknown fields are ignored.
 */
final class JsonFields {

    private JsonFields() {}

    static ObjectNode readObject(ObjectMapper mapper, byte[] json, String contract) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(contract + ": not valid JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(contract + ": not a JSON object");
        }
        return (ObjectNode) node;
    }

    static byte[] write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode require(JsonNode n, String field, String contract) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException(contract + ": missing field '" + field + "'");
        }
        return v;
    }

    private static IllegalArgumentException wrongType(String field, String contract, String expected) {
        return new IllegalArgumentException(contract + ": field '" + field + "' must be " + expected);
    }

    static String text(JsonNode n, String field, String contract) {
        JsonNode v = require(n, field, contract);
        if (!v.isTextual()) {
            throw wrongType(field, contract, "a string");
        }
        return v.textValue();
    }

    static String nullableText(JsonNode n, String field, String contract) {
        JsonNode v = require(n, field, contract);
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, contract, "a string or null");
        }
        return v.textValue();
    }

    static long count(JsonNode n, String field, String contract) {
        JsonNode v = require(n, field, contract);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw wrongType(field, contract, "an integer >= 0");
        }
        return v.longValue();
    }

    static boolean bool(JsonNode n, String field, String contract) {
        JsonNode v = require(n, field, contract);
        if (!v.isBoolean()) {
            throw wrongType(field, contract, "a boolean");
        }
        return v.booleanValue();
    }

    static Double nullableNumber(JsonNode n, String field, String contract) {
        JsonNode v = require(n, field, contract);
        if (v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(field, contract, "a number or null");
        }
        return v.doubleValue();
    }

    static double number(JsonNode n, String field, String contract) {
        JsonNode v = require(n, field, contract);
        if (!v.isNumber()) {
            throw wrongType(field, contract, "a number");
        }
        return v.doubleValue();
    }

    static int smallCount(JsonNode n, String field, String contract) {
        long v = count(n, field, contract);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(contract + ": field '" + field + "' is too large: " + v);
        }
        return (int) v;
    }

    /** Reads an RFC 3339 date-time as epoch milliseconds. */
    static long timestamp(JsonNode n, String field, String contract) {
        return parseTimestamp(text(n, field, contract), field, contract);
    }

    /** Reads an RFC 3339 date-time or null as epoch milliseconds or null. */
    static Long nullableTimestamp(JsonNode n, String field, String contract) {
        String text = nullableText(n, field, contract);
        return text == null ? null : parseTimestamp(text, field, contract);
    }

    private static long parseTimestamp(String text, String field, String contract) {
        try {
            return Timestamps.parse(text);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(contract + ": field '" + field + "' is not an RFC 3339 date-time: "
                    + text, e);
        }
    }

    /** Writes a nullable epoch-millisecond instant as RFC 3339 UTC with milliseconds, or null. */
    static void putNullableTimestamp(ObjectNode n, String field, Long epochMs) {
        if (epochMs == null) {
            n.putNull(field);
        } else {
            n.put(field, Timestamps.format(epochMs));
        }
    }

    /** Writes a nullable number; NaN and infinities (which JSON cannot carry) are written as null. */
    static void putNullable(ObjectNode n, String field, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            n.putNull(field);
        } else {
            n.put(field, value.doubleValue());
        }
    }
}
