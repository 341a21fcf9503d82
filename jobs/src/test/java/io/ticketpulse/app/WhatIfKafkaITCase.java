package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.pipeline.WhatIfPipelineTest;
import io.ticketpulse.simulator.SimulatedRecord;
import io.ticketpulse.simulator.SimulatorOptions;
import io.ticketpulse.simulator.TicketSimulator;
import io.ticketpulse.testing.EmbeddedKafka;
import io.ticketpulse.testing.FlinkTestEnvironments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ticketpulse what-if} over a bounded range of a Kafka events topic (in-JVM broker, 3 partitions, records
 * keyed by ticket; Flink MiniCluster at parallelism 2) writes the same bytes as over a file holding the same
 * records in the same order: the whole topic (up to the latest offsets at start), and a range ending at a Kafka
 * timestamp ({@code --kafka-until}). Records of an aborted transaction are not read ({@code read_committed}).
 */
class WhatIfKafkaITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestEnvironments.miniClusterWithTwoSlots();

    /** Kafka timestamps of the two batches: the range --kafka-until SECOND holds the first batch only. */
    private static final long FIRST = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    private static final long SECOND = Instant.parse("2026-11-21T00:00:00Z").toEpochMilli();

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    Path dir;

    private record Keyed(String key, String line) {}

    @Test
    void aKafkaRangeGivesTheBytesOfTheSameEventsFromAFile() throws Exception {
        String topic = "events-" + UUID.randomUUID().toString().substring(0, 8);
        KAFKA.createTopics(new NewTopic(topic, 3, (short) 1).configs(Map.of("retention.ms", "-1")));
        // first batch: the hand-computed history and 300 simulated tickets; second batch: a later ticket and a
        // conflicting repeat of e1 (both change the comparison when read)
        List<Keyed> first = new ArrayList<>();
        for (String line : WhatIfPipelineTest.HAND_HISTORY) {
            if (!line.isEmpty()) {
                first.add(new Keyed(line.contains("\"T1\"") ? "T1" : line.contains("\"T2\"") ? "T2" : "T3", line));
            }
        }
        TicketSimulator simulator = new TicketSimulator(SimulatorOptions.builder().seed(5).build(), 0, 1, 300);
        while (simulator.hasNext()) {
            SimulatedRecord r = simulator.next();
            String line = new String(r.payload(), StandardCharsets.UTF_8);
            if (line.indexOf('\n') < 0 && !line.isBlank()) {
                first.add(new Keyed(r.ticketId(), line));
            }
        }
        List<Keyed> second = List.of(
                new Keyed("T9", WhatIfPipelineTest.event("e91", "T9", "CREATED", "11:30:00",
                        "\"channel\":\"chat\",\"priority\":\"P1\",")),
                new Keyed("T1", WhatIfPipelineTest.event("e1", "T1", "CREATED", "10:00:00",
                        "\"channel\":\"web\",\"priority\":\"P1\",")));
        try (KafkaProducer<String, byte[]> producer = KAFKA.producer()) {
            for (Keyed k : first) {
                producer.send(record(topic, FIRST, k)).get();
            }
        }
        // an aborted transaction in between: a ticket that must never be read
        Properties tx = KAFKA.clientProperties();
        tx.put(ProducerConfig.ACKS_CONFIG, "all");
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "what-if-aborted-" + topic);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(tx, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(record(topic, FIRST, new Keyed("T2", WhatIfPipelineTest.event("x1", "T2", "RESOLVED",
                    "10:05:00", "")))).get();
            producer.send(record(topic, SECOND, new Keyed("TX", WhatIfPipelineTest.event("x2", "TX", "CREATED",
                    "10:05:00", "\"channel\":\"chat\",\"priority\":\"P1\",")))).get();
            producer.flush();
            producer.abortTransaction();
        }
        try (KafkaProducer<String, byte[]> producer = KAFKA.producer()) {
            for (Keyed k : second) {
                producer.send(record(topic, SECOND, k)).get();
            }
        }
        Files.writeString(dir.resolve("current.yaml"), WhatIfPipelineTest.CURRENT);
        Files.writeString(dir.resolve("candidate.yaml"), WhatIfPipelineTest.CANDIDATE);
        List<Keyed> all = new ArrayList<>(first);
        all.addAll(second);

        byte[] wholeTopic = whatIf("kafka-all", "--kafka-bootstrap-servers", KAFKA.bootstrapServers(),
                "--events-topic", topic);
        byte[] untilSecond = whatIf("kafka-until", "--kafka-bootstrap-servers", KAFKA.bootstrapServers(),
                "--events-topic", topic, "--kafka-until", Instant.ofEpochMilli(SECOND).toString());
        byte[] allFile = whatIf("file-all", "--events-file", file("all.jsonl", all).toString());
        byte[] firstFile = whatIf("file-first", "--events-file", file("first.jsonl", first).toString());

        assertThat(new String(wholeTopic, StandardCharsets.UTF_8))
                .isEqualTo(new String(allFile, StandardCharsets.UTF_8))
                .contains("\"tickets\":304,").contains("\"DUPLICATE_CONFLICT\":2").doesNotContain("\"TX\"");
        assertThat(new String(untilSecond, StandardCharsets.UTF_8))
                .isEqualTo(new String(firstFile, StandardCharsets.UTF_8))
                .contains("\"tickets\":303,").contains("\"DUPLICATE_CONFLICT\":1");
    }

    private static ProducerRecord<String, byte[]> record(String topic, long timestamp, Keyed k) {
        return new ProducerRecord<>(topic, null, timestamp, k.key(), k.line().getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String name, List<Keyed> records) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, records.stream().map(Keyed::line).toList(), StandardCharsets.UTF_8);
        return file;
    }

    /** Runs what-if (Flink engine, parallelism 2) with the two policy files; the bytes of its output. */
    private byte[] whatIf(String name, String... input) throws Exception {
        Path output = dir.resolve(name + ".jsonl");
        List<String> args = new ArrayList<>(List.of("what-if", "--policy-file", dir.resolve("current.yaml").toString(),
                "--candidate-policy-file", dir.resolve("candidate.yaml").toString(),
                "--output-file", output.toString(), "--parallelism", "2"));
        args.addAll(List.of(input));
        CliTesting.Result r = CliTesting.execute(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("[Flink, parallelism 2]");
        return Files.readAllBytes(output);
    }
}
