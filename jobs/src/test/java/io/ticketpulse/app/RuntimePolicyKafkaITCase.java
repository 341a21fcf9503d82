package io.ticketpulse.app;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.pipeline.RuntimePolicyPipelineTest;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A runtime policy change through a policy topic ({@code --policy-topic}), end to end through the job's real entry
 * point ({@link TicketPulseJob#run} with {@code --kafka-bounded}), on an in-JVM Kafka broker and a Flink
 * MiniCluster at parallelism 2: the events of {@link RuntimePolicyPipelineTest} keyed by ticket over 4 partitions,
 * its three policy records on the policy topic (version 2 from 0:06, an invalid version 3, a stale version 1), the
 * start-up file version 1 of the default file. The alerts topic holds exactly the hand-computed sequence, the
 * dead-letter topic the two rejected policy records.
 */
class RuntimePolicyKafkaITCase {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestEnvironments.miniClusterWithTwoSlots();

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void aPolicyPublishedToThePolicyTopicChangesTheAlertsExactlyAsHandComputed() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String events = "events-" + run;
        String policies = "policies-" + run;
        String alerts = "alerts-" + run;
        String dlq = "dlq-" + run;
        KAFKA.createTopics(
                new NewTopic(events, 4, (short) 1),
                // every version kept (the default 7-day retention would delete these records, whose
                // timestamps are in November 2026, at the broker's next retention check)
                new NewTopic(policies, 1, (short) 1).configs(Map.of("retention.ms", "-1")),
                new NewTopic("kpis-" + run, 2, (short) 1),
                new NewTopic(alerts, 3, (short) 1),
                new NewTopic(dlq, 1, (short) 1));
        ObjectMapper json = new ObjectMapper();
        try (KafkaProducer<String, byte[]> producer = KAFKA.producer()) {
            for (String line : RuntimePolicyPipelineTest.eventLines()) {
                String ticket = json.readTree(line).get("ticket_id").asText();
                producer.send(new ProducerRecord<>(events, ticket, line.getBytes(StandardCharsets.UTF_8))).get();
            }
            for (String policy : RuntimePolicyPipelineTest.policyRecords()) {
                // the record's own time 0:05 (version 2 has its own effective_from, 0:06)
                producer.send(new ProducerRecord<>(policies, 0, at(5), "sla-policy",
                        policy.getBytes(StandardCharsets.UTF_8))).get();
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TicketPulseJob.run(new String[] {
                "--kafka-bootstrap-servers", KAFKA.bootstrapServers(),
                "--events-topic", events, "--policy-topic", policies, "--kpis-topic", "kpis-" + run,
                "--dlq-topic", dlq, "--alerts-topic", alerts,
                "--group-id", "ticketpulse-" + run, "--transactional-id-prefix", "ticketpulse-" + run,
                "--kafka-bounded",
                // the settings of RuntimePolicyPipelineTest.config(); version 1 of the default file is
                // SlaTestPolicies.policies()
                "--policy-file", Path.of("src/test/resources/sla/default-policies-v1.yaml").toString(),
                "--window-size", "10m", "--window-slide", "5m", "--allowed-lateness", "2m",
                "--max-out-of-orderness", "1m", "--ticket-retention", "1d",
                "--checkpoint-interval", "1s", "--parallelism", "2"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Runtime SLA policies from topic " + policies);

        List<String> deadLetters = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.readCommitted(dlq)) {
            DeadLetter d = DeadLetterJson.fromJson(r.value());
            deadLetters.add(d.reasonCode + " " + d.origin);
            reasons.add(d.reason);
        }
        assertThat(deadLetters).as("reasons: %s", reasons).containsExactlyInAnyOrder(
                "INVALID_POLICY " + policies + "/0@1", "INVALID_POLICY " + policies + "/0@2");

        List<SlaAlert> alertRecords = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.readCommitted(alerts)) {
            alertRecords.add(SlaAlertJson.fromJson(r.value()));
        }
        assertThat(RuntimePolicyPipelineTest.lines(alertRecords))
                .containsExactlyElementsOf(RuntimePolicyPipelineTest.EXPECTED);
    }
}
