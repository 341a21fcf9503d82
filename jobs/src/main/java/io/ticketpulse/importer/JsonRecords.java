package io.ticketpulse.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The records of a JSON export, each with the line it starts on. The input may be one JSON document, several
 * concatenated (pages of an API export saved one after the other) or JSON lines; a top-level array is a list of
 * records, and a top-level object with one of the given array fields ({@code ticket_events}, {@code issues}) is a
 * page whose array elements are the records (its other fields are ignored); any other top-level object is one
 * record. If the input does not parse as JSON but its lines do one by one (JSON lines with some broken lines),
 * every line is a record and a line that is not JSON is reported as {@link Item#malformed() malformed}.
 */
final class JsonRecords {

    /**
     * One record.
     *
     * @param line the 1-based line it starts on
     * @param where its place in the document ({@code ticket_events[3]}, {@code [0]}), empty for a top-level object
     * @param node the record, or null when {@code malformed}
     * @param malformed the line is not JSON ({@code error} says why)
     * @param error the parser's message for a malformed line
     * @param text the line's text for a malformed line
     */
    record Item(long line, String where, JsonNode node, boolean malformed, String error, String text) {}

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonRecords() {}

    /** All records of the input (read whole into memory). */
    static List<Item> read(InputStream in, Set<String> pageArrayFields) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        try {
            return readDocuments(bytes, pageArrayFields);
        } catch (JsonProcessingException e) {
            List<Item> lines = readLines(bytes, pageArrayFields);
            if (lines.stream().noneMatch(i -> !i.malformed())) {
                throw new IOException("not JSON: " + e.getOriginalMessage() + " at line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
            }
            return lines;
        }
    }

    private static List<Item> readDocuments(byte[] bytes, Set<String> pageArrayFields) throws IOException {
        List<Item> items = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(bytes)) {
            readValues(p, 0, pageArrayFields, items);
        }
        return items;
    }

    /** Reads every top-level value of {@code p}; line numbers are offset by {@code lineOffset}. */
    private static void readValues(JsonParser p, long lineOffset, Set<String> pageArrayFields, List<Item> items)
            throws IOException {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            long line = lineOffset + p.currentTokenLocation().getLineNr();
            if (t == JsonToken.START_ARRAY) {
                readArray(p, lineOffset, "", items);
            } else if (t == JsonToken.START_OBJECT) {
                readObject(p, line, lineOffset, pageArrayFields, items);
            } else {
                JsonNode scalar = MAPPER.readTree(p);
                items.add(new Item(line, "", scalar, false, null, null));
            }
        }
    }

    private static void readArray(JsonParser p, long lineOffset, String prefix, List<Item> items) throws IOException {
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new IOException("unexpected end of input in an array");
            }
            long line = lineOffset + p.currentTokenLocation().getLineNr();
            JsonNode node = MAPPER.readTree(p);
            items.add(new Item(line, prefix + "[" + i++ + "]", node, false, null, null));
        }
    }

    /**
     * A top-level object: a page when it has one of the array fields (its elements are the records), else one
     * record. Reads it field by field so that each element of a page keeps its own line.
     */
    private static void readObject(JsonParser p, long line, long lineOffset, Set<String> pageArrayFields,
            List<Item> items) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode object = MAPPER.createObjectNode();
        boolean page = false;
        List<Item> elements = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new IOException("unexpected " + t + " in an object");
            }
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (pageArrayFields.contains(name) && value == JsonToken.START_ARRAY) {
                page = true;
                readArray(p, lineOffset, name, elements);
            } else {
                JsonNode node = MAPPER.readTree(p);
                if (object.has(name)) {
                    throw new JsonProcessingException("duplicate field \"" + name + "\"", p.currentLocation()) {};
                }
                object.set(name, node);
            }
        }
        if (page) {
            items.addAll(elements);
        } else {
            items.add(new Item(line, "", object, false, null, null));
        }
    }

    private static List<Item> readLines(byte[] bytes, Set<String> pageArrayFields) throws IOException {
        List<Item> items = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i].strip();
            if (text.isEmpty()) {
                continue;
            }
            List<Item> parsed = new ArrayList<>();
            try (JsonParser p = MAPPER.createParser(text)) {
                readValues(p, i, pageArrayFields, parsed);
                items.addAll(parsed);
            } catch (JsonProcessingException e) {
                items.add(new Item(i + 1, "", null, true, e.getOriginalMessage(), text));
            }
        }
        return items;
    }
}
