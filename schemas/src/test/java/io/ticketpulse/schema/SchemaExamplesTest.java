package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire-contract schemas against their example files, with the networknt validator as the pipeline configures it. */
class SchemaExamplesTest {

    private static final List<String> CONTRACTS = List.of("ticket-event", "ticket-kpi", "dead-letter", "sla-alert",
            "what-if");

    static Stream<Arguments> validExamples() {
        return CONTRACTS.stream().flatMap(c -> Examples.files(c + "/valid").stream().map(f -> Arguments.of(c, f)));
    }

    static Stream<Arguments> invalidJsonExamples() {
        return CONTRACTS.stream().flatMap(c -> Examples.files(c + "/invalid").stream()
                .filter(f -> !Examples.expected(c + "/invalid").path(Examples.name(f)).path("reason_code")
                        .asText().equals("MALFORMED_JSON"))
                .map(f -> Arguments.of(c, f)));
    }

    private static JsonSchema schema(String contract) {
        return Schemas.load("schemas/" + contract + ".schema.json");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validExamples")
    void validExampleValidates(String contract, Path file) {
        Set<ValidationMessage> messages = schema(contract).validate(Examples.json(Examples.bytes(file)));

        assertThat(messages).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidJsonExamples")
    void invalidExampleFailsWithTheStatedMessage(String contract, Path file) {
        String contains = Examples.expected(contract + "/invalid").path(Examples.name(file)).path("contains").asText();

        Set<ValidationMessage> messages = schema(contract).validate(Examples.json(Examples.bytes(file)));

        assertThat(messages).extracting(ValidationMessage::getMessage).anySatisfy(m -> assertThat(m).contains(contains));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-event", "ticket-kpi", "dead-letter", "sla-alert", "what-if"})
    void everyInvalidExampleHasAnExpectationAndEveryExpectationAFile(String contract) {
        JsonNode expected = Examples.expected(contract + "/invalid");
        Set<String> named = new TreeSet<>();
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            named.add(it.next());
        }

        assertThat(Examples.files(contract + "/invalid")).extracting(Examples::name)
                .containsExactlyInAnyOrderElementsOf(named);
        assertThat(named).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-event", "ticket-kpi", "dead-letter", "sla-alert", "sla-policy", "what-if"})
    void schemaHasIdTitleAndADescriptionOnEveryField(String contract) {
        JsonNode s = Examples.json(Examples.resource("schemas/" + contract + ".schema.json"));

        assertThat(s.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(s.path("$id").asText()).isEqualTo("https://ticketpulse.io/schemas/" + contract + "/v1");
        assertThat(s.path("title").asText()).isNotBlank();
        assertThat(s.path("description").asText()).isNotBlank();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            assertThat(field.getValue().path("description").asText()).as(field.getKey()).isNotBlank();
        }
    }

    @Test
    void schemaEnumsMatchTheJavaEnums() {
        JsonNode event = Examples.json(Examples.resource(Schemas.TICKET_EVENT));
        JsonNode deadLetter = Examples.json(Examples.resource(Schemas.DEAD_LETTER));

        assertThat(texts(event.path("properties").path("type").path("enum")))
                .containsExactly(Arrays.stream(EventType.values()).map(Enum::name).toArray(String[]::new));
        assertThat(texts(deadLetter.path("properties").path("reason_code").path("enum")))
                .containsExactly(Arrays.stream(DeadLetter.ReasonCode.values()).map(Enum::name).toArray(String[]::new));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.textValue()));
        return out;
    }

    @Test
    void jsonSchemaPatternDollarDoesNotAcceptAFinalNewline() {
        JsonSchema s = schema("ticket-event");
        JsonNode event = Examples.json(Examples.bytes("ticket-event/valid/01-created.json"));
        ((ObjectNode) event).put("channel", "email\n");

        assertThat(s.validate(event)).extracting(ValidationMessage::getMessage)
                .containsExactly("$.channel: does not match the regex pattern ^[a-z][a-z0-9_-]{0,31}$");
    }
}
