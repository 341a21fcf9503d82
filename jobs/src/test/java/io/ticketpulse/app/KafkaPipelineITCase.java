package io.ticketpulse.app;

import static io.ticketpulse.testing.HandComputedScenario.BY_KEY;
import static io.ticketpulse.testing.HandComputedScenario.expectedRows;
import static io.ticketpulse.testing.HandComputedScenario.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.io.KafkaRawRecordDeserializer;
import io.ticketpulse.io.KafkaSinks;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import io.ticketpulse.testing.HandComputedScenario;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.JobCounters;
import io.ticketpulse.testing.SlaScenario;
import io.ticketpulse.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka → TicketPulse → Kafka through the job's real entry point ({@link TicketPulseJob#run}, what {@code main}
 * does with {@code --kafka-bootstrap-servers ... --kafka-bounded}), on an in-JVM Kafka broker (one per class)
 * and a Flink MiniCluster at parallelism 2. The hand-computed scenario, plus malformed records and duplicates,
 * keyed by ticket id over 4 partitions; the output topics read with {@code read_committed}. And the hand-built
 * SLA scenario: its exact alert records on the exactly-once and on the at-least-once alert topic.
 */
class KafkaPipelineITCase {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private static final int EVENT_PARTITIONS = 4;

    /** Keeps every metric of finished jobs, so the counters can be read after a run. */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            FlinkTestEnvironments.miniClusterWithTwoSlots(METRICS.addToConfiguration(new Configuration()));

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    /** A record produced to the events topic: where it landed, and the dead letter it should become (if any). */
    private record Produced(String key, byte[] value, int partition, long offset, DeadLetter.ReasonCode reason) {}

    @Test
    void kafkaInKafkaOutGivesExactlyTheHandComputedRowsDeadLettersAndCounters() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String events = "events-" + run;
        String kpis = "kpis-" + run;
        String alerts = "alerts-" + run;
        String dlq = "dlq-" + run;
        KAFKA.createTopics(
                new NewTopic(events, EVENT_PARTITIONS, (short) 1),
                new NewTopic(kpis, 3, (short) 1),
                new NewTopic(alerts, 1, (short) 1),
                new NewTopic(dlq, 2, (short) 1));
        List<Produced> produced = produce(events);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TicketPulseJob.run(new String[] {
                "--kafka-bootstrap-servers", KAFKA.bootstrapServers(),
                "--events-topic", events, "--kpis-topic", kpis, "--alerts-topic", alerts, "--dlq-topic", dlq,
                "--group-id", "ticketpulse-" + run, "--transactional-id-prefix", "ticketpulse-" + run,
                "--kafka-property", "client.dns.lookup=use_all_dns_ips",
                "--kafka-bounded",
                // the settings HandComputedScenario.config(0) describes
                "--window-size", "10m", "--window-slide", "5m", "--allowed-lateness", "0s",
                "--max-out-of-orderness", "5m", "--wait-threshold", "10m", "--ticket-retention", "1h",
                "--checkpoint-interval", "1s", "--parallelism", "2"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout).doesNotContain("use_all_dns_ips").contains("client.dns.lookup=***")
                .doesNotContain("KPI rows:").doesNotContain("Output:");

        // KPI rows: exactly the hand-computed final rows, keyed by upsert key, each (key, revision) once
        List<ConsumerRecord<byte[], byte[]>> kpiRecords = KAFKA.readCommitted(kpis);
        List<TicketKpi> rows = new ArrayList<>();
        Map<String, Integer> perKeyAndRevision = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kpiRecords) {
            TicketKpi row = TicketKpiJson.fromJson(r.value());
            assertThat(utf8(r.key())).isEqualTo(row.upsertKey());
            perKeyAndRevision.merge(row.upsertKey() + "#" + row.revision, 1, Integer::sum);
            rows.add(row);
        }
        assertThat(perKeyAndRevision).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
        rows.sort(BY_KEY);
        assertThat(rows).containsExactlyElementsOf(sorted(expectedRows()));

        // dead letters: one per bad record, with its origin topic/partition@offset, payload and headers
        List<Produced> bad = produced.stream().filter(p -> p.reason() != null).toList();
        Map<String, ConsumerRecord<byte[], byte[]>> dlqByOrigin = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.readCommitted(dlq)) {
            dlqByOrigin.put(DeadLetterJson.fromJson(r.value()).origin, r);
        }
        assertThat(dlqByOrigin).hasSize(bad.size());
        for (Produced p : bad) {
            String origin = KafkaRawRecordDeserializer.origin(events, p.partition(), p.offset());
            ConsumerRecord<byte[], byte[]> r = dlqByOrigin.get(origin);
            assertThat(r).as("dead letter of %s", origin).isNotNull();
            DeadLetter d = DeadLetterJson.fromJson(r.value());
            assertThat(d.reasonCode).as(origin).isEqualTo(p.reason());
            assertThat(d.reason).isNotBlank();
            assertThat(d.payload).isEqualTo(p.value() == null ? new byte[0] : p.value());
            assertThat(r.key()).as("no ticket id is known for a record that does not parse").isNull();
            assertThat(headers(r)).containsExactlyEntriesOf(orderedMap(
                    KafkaSinks.HEADER_REASON_CODE, p.reason().name(),
                    KafkaSinks.HEADER_ORIGIN, origin,
                    KafkaSinks.HEADER_SOURCE_TOPIC, events,
                    KafkaSinks.HEADER_SOURCE_PARTITION, String.valueOf(p.partition()),
                    KafkaSinks.HEADER_SOURCE_OFFSET, String.valueOf(p.offset())));
        }

        // counters add up: 19 scenario lines + 2 extra duplicates + 3 extra bad records
        String jobId = jobId(stdout);
        long in = counter(jobId, "recordsIn");
        long parsed = counter(jobId, "eventsParsed");
        long deadLettered = counter(jobId, "recordsDeadLettered");
        assertThat(in).isEqualTo(produced.size()).isEqualTo(24);
        assertThat(deadLettered).isEqualTo(bad.size()).isEqualTo(4);
        assertThat(in).isEqualTo(parsed + deadLettered);
        long applied = counter(jobId, "eventsApplied");
        long duplicates = counter(jobId, "eventsDuplicate");
        long late = counter(jobId, "eventsLate");
        assertThat(duplicates).isEqualTo(3);
        long conflicts = counter(jobId, "eventsDuplicateConflict");
        assertThat(late).isZero();
        assertThat(conflicts).isZero();
        assertThat(parsed).isEqualTo(applied + duplicates + conflicts + late);
    }

    @Test
    void kafkaInKafkaOutGivesExactlyTheHandComputedAlertsOnBothAlertTopics() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String events = "sla-events-" + run;
        String alerts = "alerts-" + run;
        String alertsFast = "alerts-fast-" + run;
        KAFKA.createTopics(
                new NewTopic(events, EVENT_PARTITIONS, (short) 1),
                new NewTopic("kpis-" + run, 2, (short) 1),
                new NewTopic(alerts, 3, (short) 1),
                new NewTopic(alertsFast, 3, (short) 1),
                new NewTopic("dlq-" + run, 1, (short) 1));
        ObjectMapper json = new ObjectMapper();
        try (KafkaProducer<String, byte[]> producer = KAFKA.producer()) {
            for (String line : SlaScenario.lines()) {
                JsonNode event = parseOrNull(json, line);
                send(producer, events, null, event == null ? null : event.get("ticket_id").asText(),
                        line.getBytes(StandardCharsets.UTF_8), null);
            }
        }

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TicketPulseJob.run(new String[] {
                "--kafka-bootstrap-servers", KAFKA.bootstrapServers(),
                "--events-topic", events, "--kpis-topic", "kpis-" + run, "--dlq-topic", "dlq-" + run,
                "--alerts-topic", alerts, "--alerts-fast-topic", alertsFast,
                "--group-id", "ticketpulse-" + run, "--transactional-id-prefix", "ticketpulse-" + run,
                "--kafka-bounded",
                // the settings SlaScenario.config() describes, with SlaTestPolicies.policies() (version 1 of
                // the default file: the scenario's alerts were worked out by hand with it)
                "--policy-file", Path.of("src/test/resources/sla/default-policies-v1.yaml").toString(),
                "--window-size", "10m", "--window-slide", "5m", "--allowed-lateness", "5m",
                "--max-out-of-orderness", "1m", "--ticket-retention", "1d",
                "--checkpoint-interval", "1s", "--parallelism", "2"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();

        List<SlaScenario.Expected> expected = new ArrayList<>(SlaScenario.expected());
        expected.sort(SlaScenario.ORDER);
        for (String topic : List.of(alerts, alertsFast)) {
            List<SlaScenario.Expected> actual = new ArrayList<>();
            Map<String, Integer> perState = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : KAFKA.readCommitted(topic)) {
                SlaAlert a = SlaAlertJson.fromJson(r.value());
                assertThat(utf8(r.key())).as("key of %s", a).isEqualTo(a.dedupKey);
                perState.merge(a.dedupKey + " " + a.status + " " + a.kind + " " + a.severity, 1, Integer::sum);
                if (a.ticketId != null) {
                    actual.add(SlaScenario.Expected.of(a));
                }
            }
            assertThat(perState).as(topic).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            actual.sort(SlaScenario.ORDER);
            assertThat(actual).as(topic).containsExactlyElementsOf(expected);
        }
    }

    /**
     * The scenario's lines keyed by ticket id, in order (the scenario's malformed line without a key), with a
     * duplicate of e-A1 written to another partition than A's, a same-partition duplicate of e-D3, a non-JSON
     * record, a schema violation and a tombstone (null value) inserted right after scenario events, so that no
     * partition's order is more shuffled than the scenario's.
     */
    private static List<Produced> produce(String topic) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Produced> produced = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = KAFKA.producer()) {
            for (String line : HandComputedScenario.lines()) {
                byte[] value = line.getBytes(StandardCharsets.UTF_8);
                JsonNode event = parseOrNull(json, line);
                if (event == null) {
                    produced.add(send(producer, topic, null, null, value, DeadLetter.ReasonCode.MALFORMED_JSON));
                    continue;
                }
                Produced p = send(producer, topic, null, event.get("ticket_id").asText(), value, null);
                produced.add(p);
                switch (event.get("event_id").asText()) {
                    case "e-A1" -> produced.add(
                            send(producer, topic, (p.partition() + 1) % EVENT_PARTITIONS, "A", value, null));
                    case "e-D3" -> produced.add(send(producer, topic, null, "D", value, null));
                    case "e-B1" -> produced.add(send(producer, topic, null, "B",
                            "not json at all".getBytes(StandardCharsets.UTF_8), DeadLetter.ReasonCode.MALFORMED_JSON));
                    case "e-D1" -> produced.add(send(producer, topic, null, "X",
                            "{\"event_id\":\"e-X1\",\"ticket_id\":\"X\",\"type\":\"CREATED\"}"
                                    .getBytes(StandardCharsets.UTF_8), DeadLetter.ReasonCode.SCHEMA_VIOLATION));
                    case "e-A3" -> produced.add(
                            send(producer, topic, null, "A", null, DeadLetter.ReasonCode.MALFORMED_JSON));
                    default -> { }
                }
            }
        }
        return produced;
    }

    private static Produced send(KafkaProducer<String, byte[]> producer, String topic, Integer partition, String key,
            byte[] value, DeadLetter.ReasonCode reason) throws Exception {
        RecordMetadata m = producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        return new Produced(key, value, m.partition(), m.offset(), reason);
    }

    private static JsonNode parseOrNull(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), utf8(h.value()));
        }
        return headers;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String jobId(String stdout) {
        Matcher m = Pattern.compile("\\(job ([0-9a-f]{32})\\)").matcher(stdout);
        assertThat(m.find()).as("job id in: %s", stdout).isTrue();
        return m.group(1);
    }

    private static long counter(String jobId, String name) {
        return JobCounters.sum(METRICS, jobId, name, 2);
    }
}
