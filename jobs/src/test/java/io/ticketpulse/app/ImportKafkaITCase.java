package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.importer.ImportRun;
import io.ticketpulse.importer.KafkaEventsProducer;
import io.ticketpulse.importer.ZendeskImport;
import io.ticketpulse.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import producing to the events topic of a real (in-JVM) Kafka broker ({@link ImportRun} with
 * {@link KafkaEventsProducer}, what {@code ticketpulse import ... --kafka-bootstrap-servers} runs): every event
 * written to the JSON-lines output is in the topic once, as the same bytes, keyed by its ticket id, each ticket's
 * events in one partition in the output's order.
 */
class ImportKafkaITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void importedEventsAreProducedKeyedByTicketInOrder(@TempDir Path dir) throws Exception {
        String topic = "events-" + UUID.randomUUID().toString().substring(0, 8);
        KAFKA.createTopics(new NewTopic(topic, 3, (short) 1));
        Path input = dir.resolve("export.json");
        Files.copy(ImportKafkaITCase.class.getResourceAsStream("/zendesk/ticket_events_export.json"), input);
        Path output = dir.resolve("events.jsonl");

        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        ImportRun.Summary summary;
        try (KafkaEventsProducer sink = new KafkaEventsProducer(KAFKA.bootstrapServers(), topic,
                Map.of("linger.ms", "5"), "topic " + topic)) {
            summary = ImportRun.run(new ImportRun.Settings(ZendeskImport.IMPORTER, input, output, true, null, 1,
                    Duration.ZERO), InputStream.nullInputStream(), System.out,
                    new PrintStream(messages, true, StandardCharsets.UTF_8), sink);
        }

        assertThat(summary.written()).isEqualTo(19);
        assertThat(summary.produced()).isEqualTo(19);
        assertThat(messages.toString(StandardCharsets.UTF_8)).contains("produced: 19 events to topic " + topic);
        List<String> written = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(written).hasSize(19);
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic);
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(written);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byTicket = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"ticket_id\":\"" + key + "\"");
            byTicket.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        assertThat(byTicket).containsOnlyKeys("101", "102");
        for (List<ConsumerRecord<byte[], byte[]>> ofTicket : byTicket.values()) {
            assertThat(ofTicket).extracting(ConsumerRecord::partition).containsOnly(ofTicket.get(0).partition());
            List<String> inTopic = ofTicket.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            List<String> inFile = written.stream().filter(inTopic::contains).toList();
            assertThat(inTopic).containsExactlyElementsOf(inFile);
        }
    }

    /**
     * Every record of {@code topic}, partition by partition in offset order (the import's producer is not
     * transactional: a read_committed consumer sees every record).
     */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(KAFKA.readCommitted(topic));
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }
}
