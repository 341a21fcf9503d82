package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.ticketpulse.app.JobOptions.OptionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kafka-property-file}: client properties (and secrets) from a file instead of the command line, never
 * shown in any message, and config-provider references that the Kafka client resolves itself.
 */
class KafkaPropertyFileTest {

    private static final String BROKERS = "broker-1:9093";
    /** A planted secret: it must appear in no message and no description. */
    private static final String SECRET = "planted-Secret-7c1e";
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"ticketpulse\" password=\"" + SECRET + "\";";

    @TempDir
    Path dir;

    @Test
    void propertiesFromTheFileAreAppliedNextToKafkaPropertyAndNeverShown() throws IOException {
        Path file = write("client.properties", "# the job user\n"
                + "security.protocol=SASL_SSL\n"
                + "sasl.mechanism = SCRAM-SHA-512\n"
                + "sasl.jaas.config=" + JAAS.replace("\"", "\\\"") + "\n");

        JobOptions o = JobOptions.parse("--kafka-bootstrap-servers", BROKERS, "--kafka-property-file",
                file.toString(), "--kafka-property", "ssl.truststore.type=PEM");

        // --kafka-property first, then the file's keys sorted
        assertThat(o.kafkaProperties()).containsExactly(
                entry("ssl.truststore.type", "PEM"),
                entry("sasl.jaas.config", JAAS),
                entry("sasl.mechanism", "SCRAM-SHA-512"),
                entry("security.protocol", "SASL_SSL"));
        assertThat(o.maskedKafkaProperties())
                .isEqualTo("ssl.truststore.type=***, sasl.jaas.config=***, sasl.mechanism=***, security.protocol=***");
        assertThat(o.toString()).doesNotContain(SECRET).doesNotContain("SCRAM-SHA-512");
        assertThat(TicketPulseJob.describe(o)).contains("sasl.jaas.config=***").doesNotContain(SECRET);
        assertThat(TicketPulseJob.kafkaClient(o).toString()).doesNotContain(SECRET);
        assertThat(CliTesting.usage("run")).contains("--kafka-property-file=PATH");

        SimulatorJob.Settings sim = CliTesting.simulate("--kafka-bootstrap-servers", BROKERS, "--kafka-property-file",
                file.toString());
        assertThat(sim.kafkaProperties()).containsEntry("sasl.jaas.config", JAAS);
        assertThat(SimulatorJob.describe(sim)).contains("sasl.jaas.config=***").doesNotContain(SECRET);
        assertThat(sim.toString()).doesNotContain(SECRET);
        assertThat(CliTesting.usage("simulate")).contains("--kafka-property-file=PATH");
    }

    @Test
    void aKeyOfTheFileAndOfKafkaPropertyIsRefusedWithoutShowingEitherValue() throws IOException {
        Path file = write("client.properties", "sasl.jaas.config=" + SECRET + "\n");

        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", BROKERS,
                "--kafka-property", "sasl.jaas.config=other-" + SECRET, "--kafka-property-file", file.toString()))
                .isInstanceOf(OptionException.class)
                .hasMessage("--kafka-property-file: sasl.jaas.config given more than once");
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", BROKERS,
                "--kafka-property-file", file.toString(), "--kafka-property", "sasl.jaas.config=other-" + SECRET))
                .isInstanceOf(OptionException.class)
                .hasMessage("--kafka-property-file: sasl.jaas.config given more than once");
    }

    @Test
    void badFilesAreNamedButTheirContentIsNot() throws IOException {
        Path reserved = write("reserved.properties", "sasl.jaas.config=" + SECRET + "\ngroup.id=x\n");
        Path empty = write("empty.properties", "# nothing\n");
        Path badEscape = write("escape.properties", "sasl.jaas.config=" + SECRET + "\\u12\n");
        Path big = write("big.properties", "sasl.jaas.config=" + SECRET + "x".repeat(70_000) + "\n");
        Path notUtf8 = dir.resolve("latin1.properties");
        Files.write(notUtf8, ("sasl.jaas.config=" + SECRET + "\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        Path toDevZero = Files.createSymbolicLink(dir.resolve("zero.properties"), Path.of("/dev/zero"));

        assertRefused(reserved, "--kafka-property-file: group.id cannot be set this way (use --group-id)");
        assertRefused(empty, "--kafka-property-file: " + empty + " sets no property");
        assertRefused(badEscape, "--kafka-property-file: " + badEscape
                + " is not a valid properties file (a malformed \\uXXXX escape)");
        assertRefused(big, "--kafka-property-file: " + big + " is larger than 65536 bytes; a Kafka client"
                + " properties file is much smaller");
        assertRefused(notUtf8, "--kafka-property-file: " + notUtf8 + " is not UTF-8 text");
        assertRefused(toDevZero, "--kafka-property-file: no such file: " + toDevZero);
        assertRefused(dir.resolve("missing.properties"),
                "--kafka-property-file: no such file: " + dir.resolve("missing.properties"));
        Path good = write("good.properties", "security.protocol=SSL\n");
        assertThatThrownBy(() -> JobOptions.parse("--kafka-property-file", good.toString()))
                .isInstanceOf(OptionException.class)
                .hasMessage("--kafka-property-file: only applies with --kafka-bootstrap-servers");
    }

    /**
     * A {@code ${file:...}} reference stays a reference in the job's options (so in the job graph), and a real
     * Kafka client configuration resolves it through Kafka's FileConfigProvider; {@code ${env:...}} likewise.
     */
    @Test
    void configProviderReferencesAreResolvedByTheKafkaClientNotByTheJob() throws IOException {
        Path credentials = write("credentials.properties", "scram.jaas=" + JAAS.replace("\"", "\\\"") + "\n");
        String reference = "${file:" + credentials + ":scram.jaas}";
        Path file = write("client.properties", "security.protocol=SASL_SSL\n"
                + "sasl.mechanism=SCRAM-SHA-512\n"
                + "config.providers=file,env\n"
                + "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
                + "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n"
                + "sasl.jaas.config=" + reference + "\n"
                + "client.id=${env:PATH}\n");

        JobOptions o = JobOptions.parse("--kafka-bootstrap-servers", BROKERS, "--kafka-property-file",
                file.toString());
        assertThat(o.kafkaProperties()).containsEntry("sasl.jaas.config", reference);
        assertThat(o.kafkaProperties().values()).noneMatch(v -> v.contains(SECRET));

        Map<String, Object> producer = new HashMap<>();
        TicketPulseJob.kafkaClient(o).toProperties().forEach((k, v) -> producer.put((String) k, v));
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        ProducerConfig resolved = new ProducerConfig(producer);
        assertThat(resolved.getPassword("sasl.jaas.config").value()).isEqualTo(JAAS);
        assertThat(resolved.getString("client.id")).isEqualTo(System.getenv("PATH"));
    }

    private void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", BROKERS, "--kafka-property-file",
                file.toString()))
                .isInstanceOf(OptionException.class)
                .hasMessage(message)
                .message().doesNotContain(SECRET);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
