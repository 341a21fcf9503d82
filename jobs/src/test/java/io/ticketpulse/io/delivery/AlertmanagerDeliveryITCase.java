package io.ticketpulse.io.delivery;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.domain.delivery.Backoff;
import io.ticketpulse.io.KafkaClientSettings;
import io.ticketpulse.io.KafkaEventsSource;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TicketPulsePipeline;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.AlertmanagerProcess;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.EmbeddedKafka;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.JobCounters;
import io.ticketpulse.testing.SlaTestPolicies;
import io.ticketpulse.testing.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's SLA alerts in a real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, started by the
 * test on a free loopback port): a live job on a MiniCluster reads a Kafka topic (in-JVM broker) the test writes
 * step by step, and the test checks through Alertmanager's API ({@code GET /api/v2/alerts}) and its webhook
 * notifications that the alert appears with the documented labels, escalates (the severity label changes, the
 * earlier label set ends) and resolves. Alertmanager is started only after the job tried to deliver and failed:
 * the delivery retries until it is up.
 *
 * <p>Ticket T-42 (chat, P1, team tier1, policy p1-urgent: first response 3 min): created 10:00:00, assigned 10:01,
 * warning 10:02:15, breach 10:03:00, yellow 10:03:18, orange 10:03:54, answered 10:04:10 (before red at 10:04:30).
 * Event time only, 1 s out-of-orderness, 1 min allowed lateness: a change at {@code t} is emitted once an event
 * later than {@code t + 1m01s} has been read; other tickets (P4, targets of hours) move event time on.
 */
class AlertmanagerDeliveryITCase {

    /** T-42's first response; its life: created at 10:00. */
    private static final String KEY = "T-42/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            FlinkTestEnvironments.miniClusterWithTwoSlots(METRICS.addToConfiguration(new Configuration()));

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        AlertmanagerProcess.binary(); // fail at once, not after Kafka, when the binary is missing
        kafka = new EmbeddedKafka().start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static PipelineConfig config() {
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(5))
                .allowedLateness(Duration.ofMinutes(1))
                .maxOutOfOrderness(Duration.ofSeconds(1))
                .ticketRetention(Duration.ofDays(1))
                .slaPolicies(SlaTestPolicies.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .build();
    }

    /** A P4 ticket created at {@code atMs}: moves event time on, alerts only hours later. */
    private static TicketEvent clock(String id, long atMs) {
        return TicketEvents.created(id + "-created", id, atMs, "email", "P4");
    }

    @Test
    void theJobsAlertAppearsEscalatesAndResolvesInAlertmanager(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "events-" + run;
        kafka.createTopics(new NewTopic(topic, 1, (short) 1));
        int port = AlertmanagerProcess.freePort();
        try (WebhookReceiver webhook = new WebhookReceiver();
                AlertmanagerProcess alertmanager = new AlertmanagerProcess(dir, port, webhook.url());
                KafkaProducer<String, byte[]> producer = kafka.producer()) {

            StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(1);
            env.enableCheckpointing(200);
            AlertmanagerDelivery delivery = AlertmanagerDelivery.of(alertmanager.url(), Duration.ofSeconds(2))
                    .withSettings(DeliverySettings.defaults()
                            .withFailureBackoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1))));
            TicketPulsePipeline.build(env, config(),
                    KafkaEventsSource.of(new KafkaClientSettings(kafka.bootstrapServers(), Map.of()), topic,
                            "ticketpulse-" + run, false),
                    new PipelineSinks(new CollectingSink<TicketKpi>(), new CollectingSink<DeadLetter>())
                            .withAlertDeliveries(delivery, null));
            JobClient job = env.executeAsync("ticketpulse-alertmanager-it");
            try {
                // step 1: breached, yellow (10:03:18); Alertmanager is not running yet
                send(producer, topic, TicketEvents.withTeam(TicketEvents.created("c", "T-42", at(0), "chat", "P1"),
                        "tier1"));
                send(producer, topic, TicketEvents.assigned("a", "T-42", at(1), "tier1"));
                send(producer, topic, clock("clock-1", at(4, 30)));
                String jobId = job.getJobID().toString();
                await("a failed delivery while Alertmanager is down",
                        () -> counter(jobId, "deliveryFailed") > 0);

                alertmanager.start();
                JsonNode yellow = awaitSingleActive(alertmanager, "yellow");
                assertThat(labels(yellow)).containsOnly(
                        entry("alertname", "TicketSlaBreach"),
                        entry("dedup_key", KEY),
                        entry("sla_metric", "first_response"),
                        entry("severity", "yellow"),
                        entry("channel", "chat"),
                        entry("priority", "P1"),
                        entry("team", "tier1"),
                        entry("policy_id", "p1-urgent"),
                        entry("kind", "breach"));
                assertThat(yellow.get("annotations").get("deadline_at").asText()).isEqualTo("2026-11-22T10:03:00.000Z");
                assertThat(yellow.get("annotations").get("overrun_pct").asText()).isEqualTo("10.0");
                assertThat(yellow.get("annotations").get("ticket_id").asText()).isEqualTo("T-42");
                assertThat(yellow.get("annotations").get("summary").asText()).isNotBlank();
                assertThat(yellow.get("startsAt").asText()).as("the first firing record: the warning at 10:02:15")
                        .isEqualTo("2026-11-22T10:02:15.000Z");

                // step 2: orange (10:03:54)
                send(producer, topic, clock("clock-2", at(5)));
                JsonNode orange = awaitSingleActive(alertmanager, "orange");
                assertThat(labels(orange)).containsEntry("kind", "breach").containsEntry("alertname", "TicketSlaBreach");
                assertThat(orange.get("annotations").get("overrun_pct").asText()).isEqualTo("30.0");
                assertThat(orange.get("startsAt").asText()).isEqualTo("2026-11-22T10:02:15.000Z");
                // Alertmanager notifies a group at most every group_interval: wait for the orange firing
                // notification before the answer, or a quick resolve can reach the webhook first
                await("Alertmanager's firing notification of the orange alert", () -> webhook.alerts().stream()
                        .anyMatch(a -> "firing".equals(a.path("status").asText())
                                && KEY.equals(a.at("/labels/dedup_key").asText())
                                && "orange".equals(a.at("/labels/severity").asText())));

                // step 3: answered at 10:04:10, before red: resolved (fulfilled)
                send(producer, topic, TicketEvents.reply("r", "T-42", at(4, 10)));
                send(producer, topic, clock("clock-3", at(5, 30)));
                await("no active alert of " + KEY + " any more", () -> alertmanager.alerts(matcher()).isEmpty());
                await("Alertmanager's resolved notification of the orange alert", () -> webhook.alerts().stream()
                        .anyMatch(a -> "resolved".equals(a.path("status").asText())
                                && KEY.equals(a.at("/labels/dedup_key").asText())
                                && "orange".equals(a.at("/labels/severity").asText())
                                && "2026-11-22T10:04:10Z".equals(a.path("endsAt").asText().replace(".000", ""))));
                assertThat(webhook.alerts()).filteredOn(a -> KEY.equals(a.at("/labels/dedup_key").asText())
                                && "firing".equals(a.path("status").asText()))
                        .extracting(a -> a.at("/labels/severity").asText())
                        .as("notified firing: yellow, then orange; never red").contains("yellow", "orange")
                        .doesNotContain("red");
                assertThat(counter(jobId, "deliveryRejected")).isZero();
                assertThat(counter(jobId, "deliveryDelivered")).isPositive();
            } finally {
                job.cancel().get();
            }
        }
    }

    private static String matcher() {
        return "dedup_key=\"" + KEY + "\"";
    }

    private static Map<String, String> labels(JsonNode alert) {
        return JSON.convertValue(alert.get("labels"), JSON.getTypeFactory()
                .constructMapType(Map.class, String.class, String.class));
    }

    /** Waits until Alertmanager's only active alert of {@link #KEY} has this severity; returns it. */
    private static JsonNode awaitSingleActive(AlertmanagerProcess alertmanager, String severity) throws Exception {
        JsonNode[] found = new JsonNode[1];
        await("one active alert of " + KEY + " at " + severity, () -> {
            JsonNode alerts = alertmanager.alerts(matcher());
            if (alerts.size() == 1 && severity.equals(alerts.get(0).at("/labels/severity").asText())) {
                found[0] = alerts.get(0);
                return true;
            }
            return false;
        });
        return found[0];
    }

    private static long counter(String jobId, String name) {
        return JobCounters.sum(METRICS, jobId, name, 1);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, TicketEvent e) throws Exception {
        producer.send(new ProducerRecord<>(topic, e.ticketId, TicketEventJson.toJson(e))).get();
    }

    /**
     * Polls {@code condition} every 200 ms until {@link #WAIT} (a bound for a slow machine, not a latency claim); an
     * I/O error or a failed assertion in it counts as "not yet" (the last one is reported on time-out).
     */
    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsMatching(e -> e instanceof IOException || e instanceof AssertionError)
                .until(condition);
    }
}
