package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.ticketpulse.schema.DeadLetter.ReasonCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() {
        schema = Schemas.load(Schemas.DEAD_LETTER);
    }

    @Test
    void nonUtf8PayloadIsKeptLosslessly() {
        byte[] payload = {(byte) 0xFF, 0x00, 0x41};
        DeadLetter d = new DeadLetter(ReasonCode.MALFORMED_JSON, "not valid UTF-8 at byte offset 0",
                "ticket-events/3@1187", payload);

        byte[] json = DeadLetterJson.toJson(d);

        JsonNode n = Examples.json(json);
        assertThat(schema.validate(n)).isEmpty();
        // FF 00 41 = 111111 110000 000001 000001 = '/', 'w', 'B', 'B'
        assertThat(n.path("payload_base64").textValue()).isEqualTo("/wBB");
        assertThat(n.path("payload_text").isNull()).isTrue();
        assertThat(n.path("event_id").isNull()).isTrue();
        DeadLetter back = DeadLetterJson.fromJson(json);
        assertThat(back).isEqualTo(d);
        assertThat(back.payload).containsExactly(0xFF, 0x00, 0x41);
    }

    @Test
    void utf8PayloadIsAlsoText() {
        String text = "{\"type\":\"CRÉÉ\"}";
        DeadLetter d = new DeadLetter(ReasonCode.SCHEMA_VIOLATION, "$: required property 'event_id' not found",
                "events.jsonl:42", text.getBytes(StandardCharsets.UTF_8));

        byte[] json = DeadLetterJson.toJson(d);

        JsonNode n = Examples.json(json);
        assertThat(schema.validate(n)).isEmpty();
        assertThat(n.path("reason_code").textValue()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(n.path("origin").textValue()).isEqualTo("events.jsonl:42");
        assertThat(n.path("payload_text").textValue()).isEqualTo(text);
        assertThat(DeadLetterJson.fromJson(json)).isEqualTo(d);
    }

    @Test
    void lateEventCarriesItsIds() {
        DeadLetter d = new DeadLetter(ReasonCode.LATE_EVENT, "late", "ticket-events/0@77",
                "{}".getBytes(StandardCharsets.UTF_8));
        d.eventId = "evt-77";
        d.ticketId = "T-9";

        byte[] json = DeadLetterJson.toJson(d);

        assertThat(schema.validate(Examples.json(json))).isEmpty();
        DeadLetter back = DeadLetterJson.fromJson(json);
        assertThat(back).isEqualTo(d);
        assertThat(back.eventId).isEqualTo("evt-77");
        assertThat(back.ticketId).isEqualTo("T-9");
    }

    @Test
    void everyParserRejectionMakesAValidDeadLetter() {
        TicketEventParser parser = new TicketEventParser(1024);
        for (java.nio.file.Path file : Examples.files("ticket-event/invalid")) {
            byte[] payload = Examples.bytes(file);
            DeadLetter d = parser.parse(payload).toDeadLetter(payload, Examples.name(file) + ":1");

            byte[] json = DeadLetterJson.toJson(d);

            assertThat(schema.validate(Examples.json(json))).as(Examples.name(file)).isEmpty();
            assertThat(DeadLetterJson.fromJson(json)).isEqualTo(d);
        }
    }

    @Test
    void validExamplesAreRead() {
        DeadLetter d = DeadLetterJson.fromJson(Examples.bytes("dead-letter/valid/malformed-not-utf8.json"));

        assertThat(d.reasonCode).isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(d.payload).containsExactly('{', '"', 0xE9, 't', 0xFF, '"', '}');
    }
}
