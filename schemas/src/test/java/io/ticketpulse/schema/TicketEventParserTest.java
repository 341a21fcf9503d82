package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketpulse.schema.DeadLetter.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TicketEventParserTest {

    private static final int MAX = 64 * 1024;
    /** 2026-11-22T10:00:00Z: 20,779 days after the epoch (56 years incl. 14 leap days, then 325 days) + 10 h. */
    private static final long NOV_22_10H = (20_779L * 86_400 + 10 * 3_600) * 1_000;
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private static TicketEventParser parser;

    @BeforeAll
    static void buildParser() {
        parser = new TicketEventParser(MAX);
    }

    private static ParseResult parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static TicketEvent parseValid(String exampleFile) {
        ParseResult r = parser.parse(Examples.bytes("ticket-event/valid/" + exampleFile));
        assertThat(r.isValid()).as("%s: %s", exampleFile, r).isTrue();
        assertThat(r.reasonCode()).isNull();
        assertThat(r.reason()).isNull();
        return r.event();
    }

    static Stream<Path> validExamples() {
        return Examples.files("ticket-event/valid").stream();
    }

    static Stream<Path> invalidExamples() {
        return Examples.files("ticket-event/invalid").stream();
    }

    @Test
    void namedInstantIsWhatItSays() {
        assertThat(NOV_22_10H).isEqualTo(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void everyValidExampleParses(Path file) {
        ParseResult r = parser.parse(Examples.bytes(file));

        assertThat(r.isValid()).as("%s", r).isTrue();
        assertThat(r.event().eventId).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void everyInvalidExampleFailsForItsStatedReason(Path file) {
        JsonNode expected = Examples.expected("ticket-event/invalid").path(Examples.name(file));

        ParseResult r = parser.parse(Examples.bytes(file));

        assertThat(r.isValid()).isFalse();
        assertThat(r.event()).isNull();
        assertThat(r.reasonCode()).as("%s", r).isEqualTo(ReasonCode.valueOf(expected.path("reason_code").asText()));
        assertThat(r.reason()).contains(expected.path("contains").asText());
    }

    @Test
    void created() {
        TicketEvent e = parseValid("01-created.json");

        TicketEvent expected = new TicketEvent("evt-0001", "T-1001", EventType.CREATED, NOV_22_10H);
        expected.channel = "email";
        expected.priority = "P2";
        expected.team = "billing";
        assertThat(e).isEqualTo(expected);
        assertThat(e.agentId).isNull();
        assertThat(e.status).isNull();
        assertThat(e.csat).isNull();
        assertThat(e.isTest).isFalse();
        assertThat(e.attributes).isNull();
    }

    @Test
    void oneDigitFraction() {
        TicketEvent e = parseValid("02-assigned.json"); // 2026-11-22T10:01:30.5Z

        assertThat(e.occurredAtMs).isEqualTo(NOV_22_10H + MINUTE + 30 * SECOND + 500);
        assertThat(e.type).isEqualTo(EventType.ASSIGNED);
        assertThat(e.agentId).isEqualTo("agent-17");
    }

    @Test
    void positiveOffsetAndMicrosecondsAreTruncatedToMilliseconds() {
        TicketEvent e = parseValid("03-agent-replied-offset-fraction.json"); // 2026-11-22T15:35:00.123456+05:30

        assertThat(e.occurredAtMs).isEqualTo(NOV_22_10H + 5 * MINUTE + 123);
        assertThat(e.type).isEqualTo(EventType.AGENT_REPLIED);
    }

    @Test
    void negativeOffset() {
        TicketEvent e = parseValid("04-customer-replied-negative-offset.json"); // 2026-11-22T02:10:00-08:00

        assertThat(e.occurredAtMs).isEqualTo(NOV_22_10H + 10 * MINUTE);
        assertThat(e.type).isEqualTo(EventType.CUSTOMER_REPLIED);
    }

    @Test
    void statusPriorityTeamAndCsat() {
        assertThat(parseValid("05-status-changed.json").status).isEqualTo("pending");
        assertThat(parseValid("06-priority-changed.json").priority).isEqualTo("P1");
        assertThat(parseValid("07-escalated.json").team).isEqualTo("tier-2");
        assertThat(parseValid("08-resolved.json").agentId).isEqualTo("agent-42");
        assertThat(parseValid("09-reopened.json").type).isEqualTo(EventType.REOPENED);
        TicketEvent closed = parseValid("10-closed.json"); // 2026-11-23T12:00:00Z
        assertThat(closed.occurredAtMs).isEqualTo(NOV_22_10H + 26 * HOUR);
        TicketEvent rated = parseValid("11-satisfaction-rated.json");
        assertThat(rated.type).isEqualTo(EventType.SATISFACTION_RATED);
        assertThat(rated.csat).isEqualTo(4);
    }

    @Test
    void unknownFieldsAreIgnoredAttributesAndTestFlagAreRead() {
        TicketEvent e = parseValid("12-created-extras-attributes-test.json"); // ...T10:00:00.999999999Z

        assertThat(e.occurredAtMs).isEqualTo(NOV_22_10H + 999);
        assertThat(e.channel).isEqualTo("web_form");
        assertThat(e.priority).isEqualTo("P4");
        assertThat(e.isTest).isTrue();
        assertThat(e.attributes).containsExactly(
                Map.entry("source", "zendesk"), Map.entry("locale", "de-CH"), Map.entry("subject", "Rückerstattung"));
    }

    @Test
    void csatWrittenAsFivepoint0IsFive() {
        assertThat(parseValid("13-satisfaction-rated-csat-written-as-5.0.json").csat).isEqualTo(5);
    }

    @Test
    void explicitFalseTestFlagAndEmptyAttributes() {
        TicketEvent e = parseValid("14-closed-is-test-false-empty-attributes.json");

        assertThat(e.isTest).isFalse();
        assertThat(e.attributes).isEmpty();
    }

    @Test
    void everyEventTypeHasAValidExample() {
        List<EventType> types = validExamples().map(f -> parser.parse(Examples.bytes(f)).event().type).toList();

        assertThat(types).containsAll(Arrays.asList(EventType.values()));
    }

    @Test
    void schemaMessagesAreSortedJoinedAndNameTheirPath() {
        ParseResult r = parse("{\"event_id\":\"e\",\"ticket_id\":\"t\",\"type\":\"CREATED\","
                + "\"occurred_at\":\"2026-11-22T10:00:00Z\",\"priority\":\"P5\",\"csat\":9}");

        assertThat(r.reasonCode()).isEqualTo(ReasonCode.SCHEMA_VIOLATION);
        // "$.csat" < "$.priority" < "$:" in code-point order ('.' is 0x2E, ':' is 0x3A)
        assertThat(r.reason()).isEqualTo("$.csat: must have a maximum value of 5; "
                + "$.priority: does not have a value in the enumeration [\"P1\", \"P2\", \"P3\", \"P4\"]; "
                + "$: required property 'channel' not found");
        assertThat(parse("{\"event_id\":\"e\",\"ticket_id\":\"t\",\"type\":\"CREATED\","
                + "\"occurred_at\":\"2026-11-22T10:00:00Z\",\"priority\":\"P5\",\"csat\":9}").reason())
                .isEqualTo(r.reason());
    }

    @Test
    void manyMessagesAreCappedAndCounted() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            attributes.append(i == 0 ? "" : ",").append("\"k").append(i < 10 ? "0" : "").append(i).append("\":").append(i);
        }
        ParseResult r = parse("{\"event_id\":\"e\",\"ticket_id\":\"t\",\"type\":\"CLOSED\","
                + "\"occurred_at\":\"2026-11-22T10:00:00Z\",\"attributes\":{" + attributes + "}}");

        // 15 non-string values: 10 listed, 5 counted
        assertThat(r.reason().split("; ")).hasSize(11);
        assertThat(r.reason()).startsWith("$.attributes.k00: integer found, string expected; ")
                .endsWith("; and 5 more");
    }

    @Test
    void oversizedPayloadIsNotParsed() {
        TicketEventParser small = new TicketEventParser(300);
        byte[] valid = Examples.bytes("ticket-event/valid/01-created.json");
        assertThat(valid.length).isLessThan(300);
        byte[] exactlyMax = Arrays.copyOf(valid, 300);
        Arrays.fill(exactlyMax, valid.length, 300, (byte) ' ');
        byte[] oneTooMany = Arrays.copyOf(exactlyMax, 301);
        oneTooMany[300] = ' ';

        assertThat(small.parse(exactlyMax).isValid()).isTrue();
        ParseResult r = small.parse(oneTooMany);
        assertThat(r.reasonCode()).isEqualTo(ReasonCode.OVERSIZED);
        assertThat(r.reason()).isEqualTo("payload of 301 bytes exceeds the maximum of 300 bytes");
        // not parsed: even garbage that large is OVERSIZED, not MALFORMED_JSON
        assertThat(small.parse(new byte[301]).reasonCode()).isEqualTo(ReasonCode.OVERSIZED);
    }

    @Test
    void emptyAndNullPayloadsAreMalformed() {
        assertThat(parser.parse(new byte[0]).reasonCode()).isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(parser.parse(null).reasonCode()).isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(parse("   \n").reasonCode()).isEqualTo(ReasonCode.MALFORMED_JSON);
    }

    @Test
    void jsonScalarsAreNotObjects() {
        for (String json : List.of("null", "42", "\"text\"", "true")) {
            ParseResult r = parse(json);
            assertThat(r.reasonCode()).as(json).isEqualTo(ReasonCode.MALFORMED_JSON);
            assertThat(r.reason()).as(json).startsWith("not a JSON object");
        }
    }

    @Test
    void utf16IsNotUtf8() {
        byte[] utf16 = new String(Examples.bytes("ticket-event/valid/01-created.json"), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_16LE);

        ParseResult r = parser.parse(utf16);

        assertThat(r.reasonCode()).isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(r.reason()).isEqualTo("not JSON text: NUL byte at byte offset 1");
    }

    @Test
    void encodedSurrogateIsNotUtf8() {
        byte[] json = "{\"event_id\":\"e?\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] withSurrogate = new byte[json.length + 2];
        System.arraycopy(json, 0, withSurrogate, 0, 14);
        withSurrogate[14] = (byte) 0xED; // U+D800 encoded as ED A0 80
        withSurrogate[15] = (byte) 0xA0;
        withSurrogate[16] = (byte) 0x80;
        System.arraycopy(json, 15, withSurrogate, 17, json.length - 15);

        ParseResult r = parser.parse(withSurrogate);

        assertThat(r.reasonCode()).isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(r.reason()).isEqualTo("not valid UTF-8 at byte offset 14");
    }

    @Test
    void aLeapSecondIsReadAsTheLastMillisecondOfItsMinute() {
        ParseResult r = parse("{\"event_id\":\"e\",\"ticket_id\":\"t\",\"type\":\"CLOSED\","
                + "\"occurred_at\":\"2026-12-31T18:59:60.5-05:00\"}");

        assertThat(r.isValid()).isTrue();
        assertThat(Timestamps.format(r.event().occurredAtMs)).isEqualTo("2026-12-31T23:59:59.999Z");
    }

    @Test
    void anOffsetThatMovesTheInstantOutOfTheAcceptedYearsIsRefused() {
        ParseResult before1970 = parse("{\"event_id\":\"e\",\"ticket_id\":\"t\",\"type\":\"CLOSED\","
                + "\"occurred_at\":\"1970-01-01T00:30:00+01:00\"}");
        ParseResult after2999 = parse("{\"event_id\":\"e\",\"ticket_id\":\"t\",\"type\":\"CLOSED\","
                + "\"occurred_at\":\"2999-12-31T23:00:00-05:00\"}");

        assertThat(before1970.reasonCode()).isEqualTo(ReasonCode.SCHEMA_VIOLATION);
        assertThat(before1970.reason()).isEqualTo("$.occurred_at: 1970-01-01T00:30:00+01:00 is outside the accepted"
                + " event times (from 1970-01-01T00:00:00Z inclusive to 3000-01-01T00:00:00Z exclusive)");
        assertThat(after2999.reasonCode()).isEqualTo(ReasonCode.SCHEMA_VIOLATION);
    }

    @Test
    void tooManyFractionDigitsAreRejected() {
        ParseResult r = parse("{\"event_id\":\"e\",\"ticket_id\":\"t\",\"type\":\"CLOSED\","
                + "\"occurred_at\":\"2026-11-22T10:00:00.1234567890Z\"}");

        assertThat(r.reasonCode()).isEqualTo(ReasonCode.SCHEMA_VIOLATION);
        assertThat(r.reason()).startsWith("$.occurred_at");
    }

    @Test
    void deepNestingInAnUnknownFieldDoesNotThrow() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        ParseResult r = parse("{\"event_id\":\"e\",\"ticket_id\":\"t\",\"type\":\"CLOSED\","
                + "\"occurred_at\":\"2026-11-22T10:00:00Z\",\"x\":" + deep + "}");

        assertThat(r.reasonCode()).isEqualTo(ReasonCode.MALFORMED_JSON);
    }

    @Test
    void roundTripThroughTicketEventJson() {
        for (TicketEvent e : sampleEvents()) {
            ParseResult r = parser.parse(TicketEventJson.toJson(e));

            assertThat(r.isValid()).as("%s: %s", e, r).isTrue();
            assertThat(r.event()).isEqualTo(e);
            assertThat(r.event().attributes).isEqualTo(e.attributes);
        }
    }

    @Test
    void invalidResultBecomesADeadLetter() {
        byte[] payload = "[]".getBytes(StandardCharsets.UTF_8);

        DeadLetter d = parser.parse(payload).toDeadLetter(payload, "events.jsonl:3");

        assertThat(d.reasonCode).isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(d.reason).isEqualTo("not a JSON object: found array");
        assertThat(d.origin).isEqualTo("events.jsonl:3");
        assertThat(d.payload).isEqualTo(payload);
    }

    /** One event of every type, with every optional field used somewhere. */
    static List<TicketEvent> sampleEvents() {
        TicketEvent created = new TicketEvent("e-1", "T-1", EventType.CREATED, NOV_22_10H);
        created.channel = "chat";
        created.priority = "P3";
        created.team = "support";
        TicketEvent assigned = new TicketEvent("e-2", "T-1", EventType.ASSIGNED, NOV_22_10H + 1);
        assigned.agentId = "a-9";
        TicketEvent status = new TicketEvent("e-3", "T-1", EventType.STATUS_CHANGED, NOV_22_10H + 999);
        status.status = "on_hold";
        TicketEvent priority = new TicketEvent("e-4", "T-1", EventType.PRIORITY_CHANGED, NOV_22_10H + MINUTE);
        priority.priority = "P1";
        TicketEvent rated = new TicketEvent("e-5", "T-1", EventType.SATISFACTION_RATED, NOV_22_10H + HOUR);
        rated.csat = 1;
        rated.isTest = true;
        TicketEvent withAttributes = new TicketEvent("e-6", "T-2", EventType.AGENT_REPLIED, 0);
        withAttributes.attributes = new LinkedHashMap<>(Map.of("lang", "fr", "subject", "Ça ne marche pas ✓"));
        TicketEvent emptyAttributes = new TicketEvent("e-7", "T-2", EventType.CLOSED, NOV_22_10H);
        emptyAttributes.attributes = new LinkedHashMap<>();
        List<TicketEvent> events = new java.util.ArrayList<>(List.of(
                created, assigned, status, priority, rated, withAttributes, emptyAttributes));
        for (EventType t : List.of(EventType.CUSTOMER_REPLIED, EventType.ESCALATED, EventType.RESOLVED,
                EventType.REOPENED)) {
            events.add(new TicketEvent("e-" + t, "T-3", t, NOV_22_10H - HOUR));
        }
        return events;
    }
}
