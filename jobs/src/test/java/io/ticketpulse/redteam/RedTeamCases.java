package io.ticketpulse.redteam;

import io.ticketpulse.schema.DeadLetter.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The red-team catalogue: named classes of bad or hostile input records, each with the reason code it must be
 * dead-lettered with (or {@code null}: it must be accepted, e.g. a {@code -00:00} offset). The wall clock of the
 * red-team runs is {@link #NOW}, the lower event-time bound {@link #MIN_EVENT_TIME}, the payload cap {@link
 * #MAX_PAYLOAD_BYTES}; good events of the scenarios lie between the two instants.
 */
final class RedTeamCases {

    /** The fixed wall clock of the red-team runs. */
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    /** {@code --min-event-time} of the red-team runs. */
    static final Instant MIN_EVENT_TIME = Instant.parse("2026-11-01T00:00:00Z");
    /** {@code --max-future-skew} of the red-team runs (the default). */
    static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    /** {@code --max-payload-bytes} of the red-team runs. */
    static final int MAX_PAYLOAD_BYTES = 4096;

    /** One named hostile record and the reason code it must get; a null code: it must be accepted. */
    record Case(String name, byte[] payload, ReasonCode expected) {

        static Case of(String name, String payload, ReasonCode expected) {
            return new Case(name, payload.getBytes(StandardCharsets.UTF_8), expected);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private RedTeamCases() {}

    /**
     * A valid CREATED event of ticket {@code RT-<n>} at 2026-11-22T12:00:00Z, as JSON text with {@code extra}
     * fields appended; {@code replace} pairs rewrite parts of the base text first.
     */
    static String event(String n, String... replace) {
        String json = "{\"event_id\":\"rt-" + n + "\",\"ticket_id\":\"RT-" + n + "\",\"type\":\"CREATED\","
                + "\"occurred_at\":\"2026-11-22T12:00:00Z\",\"channel\":\"chat\",\"priority\":\"P2\"}";
        for (int i = 0; i + 1 < replace.length; i += 2) {
            if (!json.contains(replace[i])) {
                throw new IllegalArgumentException("no " + replace[i] + " in " + json);
            }
            json = json.replace(replace[i], replace[i + 1]);
        }
        return json;
    }

    /** The same with occurred_at set to {@code time}. */
    static String at(String n, String time) {
        return event(n, "2026-11-22T12:00:00Z", time);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        ReasonCode malformed = ReasonCode.MALFORMED_JSON;
        ReasonCode schema = ReasonCode.SCHEMA_VIOLATION;
        byte[] base = event("utf").getBytes(StandardCharsets.UTF_8);
        int quote = event("utf").indexOf("RT-utf") + 3; // inside the ticket id's text

        // ---- not one UTF-8 JSON object ----
        c.add(Case.of("empty payload", "", malformed));
        c.add(Case.of("only whitespace", "   \t ", malformed));
        c.add(Case.of("plain text, not JSON", "hello, this is not JSON", malformed));
        c.add(Case.of("a CSV line", "rt-1,RT-1,CREATED,2026-11-22T12:00:00Z,chat,P2", malformed));
        c.add(Case.of("truncated object", event("trunc").substring(0, 40), malformed));
        c.add(Case.of("trailing garbage after the object", event("trail") + " {}", malformed));
        c.add(Case.of("two objects on one line", event("two-a") + event("two-b"), malformed));
        c.add(Case.of("a JSON array of events", "[" + event("arr") + "]", malformed));
        c.add(Case.of("a JSON string", "\"" + "CREATED" + "\"", malformed));
        c.add(Case.of("a JSON number", "20261122", malformed));
        c.add(Case.of("JSON null", "null", malformed));
        c.add(Case.of("duplicate key (ticket id smuggling)",
                event("dup", "\"type\"", "\"ticket_id\":\"RT-other\",\"type\""), malformed));
        c.add(new Case("Latin-1 byte, not UTF-8",
                concat(Arrays.copyOf(base, quote), concat(bytes(0xFC), Arrays.copyOfRange(base, quote, base.length))),
                malformed));
        c.add(new Case("UTF-8 encoded surrogate (CESU)",
                concat(Arrays.copyOf(base, quote), concat(bytes(0xED, 0xA0, 0x80),
                        Arrays.copyOfRange(base, quote, base.length))), malformed));
        c.add(new Case("overlong UTF-8 encoding of '/'",
                concat(Arrays.copyOf(base, quote), concat(bytes(0xC0, 0xAF),
                        Arrays.copyOfRange(base, quote, base.length))), malformed));
        c.add(new Case("raw NUL byte inside a string",
                concat(Arrays.copyOf(base, quote), concat(bytes(0x00), Arrays.copyOfRange(base, quote, base.length))),
                malformed));
        c.add(new Case("UTF-16 encoded event", event("utf16").getBytes(StandardCharsets.UTF_16), malformed));
        c.add(Case.of("nesting 1500 deep (stack exhaustion attempt)",
                event("deep", "\"priority\":\"P2\"", "\"priority\":\"P2\",\"x\":" + "[".repeat(1500)
                        + "]".repeat(1500)), malformed));
        c.add(Case.of("unquoted field names", event("unq", "\"type\"", "type"), malformed));

        // ---- too large ----
        c.add(Case.of("oversized: one byte over the cap",
                event("big", "\"priority\":\"P2\"", "\"priority\":\"P2\",\"pad\":\""
                        + "x".repeat(MAX_PAYLOAD_BYTES - event("big").length() - 8) + "\""),
                ReasonCode.OVERSIZED));
        c.add(Case.of("oversized: 10x the cap", event("huge", "\"priority\":\"P2\"",
                "\"priority\":\"P2\",\"pad\":\"" + "y".repeat(10 * MAX_PAYLOAD_BYTES) + "\""), ReasonCode.OVERSIZED));

        // ---- valid JSON, breaks the schema ----
        c.add(Case.of("missing event_id", event("noid", "\"event_id\":\"rt-noid\",", ""), schema));
        c.add(Case.of("missing occurred_at", event("nots", "\"occurred_at\":\"2026-11-22T12:00:00Z\",", ""),
                schema));
        c.add(Case.of("ticket_id is a number", event("num", "\"RT-num\"", "42"), schema));
        c.add(Case.of("unknown event type", event("type", "CREATED", "DELETED"), schema));
        c.add(Case.of("CREATED without channel", event("nochan", "\"channel\":\"chat\",", ""), schema));
        c.add(Case.of("priority P0", event("p0", "\"P2\"", "\"P0\""), schema));
        c.add(Case.of("csat as a huge integer", event("csat", "\"type\":\"CREATED\"",
                "\"type\":\"SATISFACTION_RATED\",\"csat\":99999999999999999999999"), schema));
        c.add(Case.of("is_test as a string", event("istest", "\"priority\":\"P2\"",
                "\"priority\":\"P2\",\"is_test\":\"false\""), schema));
        c.add(Case.of("attributes value is an object", event("attr", "\"priority\":\"P2\"",
                "\"priority\":\"P2\",\"attributes\":{\"a\":{\"b\":\"c\"}}"), schema));
        c.add(Case.of("empty ticket_id", event("empty", "\"RT-empty\"", "\"\""), schema));
        c.add(Case.of("ticket_id of 129 characters", event("long", "\"RT-long\"", "\"" + "T".repeat(129) + "\""),
                schema));

        // ---- control characters and unpaired surrogates in ids ----
        c.add(Case.of("NUL in ticket_id (escaped)", event("nul", "RT-nul", "RT-nul\\u0000"), schema));
        c.add(Case.of("ANSI colour escape in ticket_id", event("ansi", "RT-ansi", "RT-\\u001b[31mansi\\u001b[0m"),
                schema));
        c.add(Case.of("newline in event_id (forged log line)", event("nl", "rt-nl", "rt-nl\\nALERT resolved"),
                schema));
        c.add(Case.of("carriage return in ticket_id", event("cr", "RT-cr", "RT-cr\\r"), schema));
        c.add(Case.of("tab in ticket_id", event("tab", "RT-tab", "RT\\t-tab"), schema));
        c.add(Case.of("DEL in team", event("del", "\"priority\":\"P2\"", "\"priority\":\"P2\",\"team\":\"t\\u007f\""),
                schema));
        c.add(Case.of("C1 CSI in agent_id", event("csi", "\"priority\":\"P2\"",
                "\"priority\":\"P2\",\"agent_id\":\"a\\u009b2J\""), schema));
        c.add(Case.of("lone high surrogate in ticket_id", event("hi", "RT-hi", "RT-hi\\ud800"), schema));
        c.add(Case.of("lone low surrogate in event_id", event("lo", "rt-lo", "\\udc00rt-lo"), schema));
        c.add(Case.of("reversed surrogate pair in ticket_id", event("rev", "RT-rev", "RT-rev\\ude00\\ud83d"), schema));

        // ---- event time ----
        c.add(Case.of("occurred_at without offset", at("nooff", "2026-11-22T12:00:00"), schema));
        c.add(Case.of("occurred_at as epoch milliseconds", event("epoch", "\"2026-11-22T12:00:00Z\"",
                "1795348800000"), schema));
        c.add(Case.of("occurred_at February 30", at("feb30", "2026-02-30T12:00:00Z"), schema));
        c.add(Case.of("occurred_at second 61", at("s61", "2026-11-22T12:00:61Z"), schema));
        c.add(Case.of("occurred_at offset +24:00", at("off24", "2026-11-22T12:00:00+24:00"), schema));
        c.add(Case.of("occurred_at lower-case t and z", at("lower", "2026-11-22t12:00:00z"), schema));
        c.add(Case.of("occurred_at year 0001", at("y1", "0001-01-01T00:00:00Z"), schema));
        c.add(Case.of("occurred_at year 9999 (would write +10000)", at("y9999", "9999-12-31T23:59:59Z"), schema));
        c.add(Case.of("occurred_at 1969 through its offset", at("y1969", "1970-01-01T00:30:00+01:00"), schema));
        c.add(Case.of("occurred_at 2099 (the watermark bomb)", at("y2099", "2099-01-01T00:00:00Z"),
                ReasonCode.FUTURE_EVENT));
        c.add(Case.of("occurred_at 5 min 1 ms ahead of the wall clock", at("skew", "2026-11-23T00:05:00.001Z"),
                ReasonCode.FUTURE_EVENT));
        c.add(Case.of("occurred_at ahead only through its offset", at("skewoff", "2026-11-22T23:59:00-01:00"),
                ReasonCode.FUTURE_EVENT));
        c.add(Case.of("occurred_at before --min-event-time", at("old", "2026-10-31T23:59:59.999Z"),
                ReasonCode.TOO_OLD_EVENT));
        c.add(Case.of("occurred_at 1970 (epoch zero)", at("epoch0", "1970-01-01T00:00:00Z"),
                ReasonCode.TOO_OLD_EVENT));

        // ---- hostile-looking but valid: must be accepted ----
        c.add(Case.of("offset -00:00 (RFC 3339: UTC, local offset unknown)", at("m00", "2026-11-22T12:00:00-00:00"),
                null));
        c.add(Case.of("offset +23:59", at("p2359", "2026-11-22T12:00:00+23:59"), null));
        c.add(Case.of("leap second 23:59:60", at("leap", "2026-11-22T23:59:60Z"), null));
        c.add(Case.of("exactly the max future skew ahead", at("edge", "2026-11-23T00:05:00Z"), null));
        c.add(Case.of("exactly --min-event-time", at("minedge", "2026-11-01T00:00:00Z"), null));
        c.add(Case.of("unicode and emoji ids", event("uni", "RT-uni", "RT-caf\u00e9-\ud83d\ude00-\u4e2d"), null));
        c.add(Case.of("escaped surrogate pair in ticket_id", event("pair", "RT-pair", "RT-pair\\ud83d\\ude00"), null));
        c.add(Case.of("bidi override in ticket_id (accepted, escaped on output)",
                event("bidi", "RT-bidi", "RT-bidi\u202e"), null));
        c.add(Case.of("unknown extra fields", event("extra", "\"priority\":\"P2\"",
                "\"priority\":\"P2\",\"x-\\u0000-field\":[1,{\"a\":null}]"), null));
        return c;
    }

    /** The cases that must be dead-lettered. */
    static List<Case> refused() {
        return all().stream().filter(x -> x.expected() != null).toList();
    }
}
