package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.io.KafkaSinks;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import io.ticketpulse.testing.EmbeddedKafka;
import org.awaitility.Awaitility;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ticketpulse dashboard} against a real Kafka broker: it shows only committed records of the KPI, alert
 * and dead-letter topics (an aborted transaction's row never appears), counts an unreadable alert record beside
 * the dead letters, and counts the events topic's records.
 */
class DashboardCommandITCase {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final long NINE_AM = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();
    private static final Pattern URL = Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:\\d+/)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private final ExecutorService command = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void createTopics() throws Exception {
        KAFKA.createTopics(new NewTopic("ticket-events", 2, (short) 1),
                new NewTopic("ticket-kpis", 2, (short) 1), new NewTopic("sla-alerts", 1, (short) 1),
                new NewTopic("ticket-events-dlq", 1, (short) 1));
    }

    @AfterEach
    void stopCommand() throws InterruptedException {
        command.shutdownNow();
        assertThat(command.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private static KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void showsTheCommittedRecordsOfTheJobsTopics() throws Exception {
        try (KafkaProducer<byte[], byte[]> events = producer(null)) {
            events.send(new ProducerRecord<>("ticket-events", "e-0".getBytes(StandardCharsets.UTF_8))).get();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Future<Integer> run = command.submit(() -> new TicketPulseCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK, new Configuration(), Map.of())
                .execute("dashboard", "--kafka-bootstrap-servers", KAFKA.bootstrapServers(), "--dashboard-port", "0"));
        URI url = URI.create(awaitUrl(out, err, run));

        TicketKpi committed = kpi(120.0);
        TicketKpi aborted = kpi(9999.0);
        aborted.channel = "aborted";
        SlaAlert alert = new SlaAlert(); // a complete record, as the job writes it
        alert.alertId = alert.dedupKey = "T-1/first_response/1/p1-urgent@2";
        alert.status = "firing";
        alert.kind = "breach";
        alert.severity = "orange";
        alert.channel = "chat";
        alert.priority = "P1";
        alert.slaMetric = "first_response";
        alert.ticketId = "T-1";
        alert.policyId = "p1-urgent";
        alert.policyVersion = 2;
        alert.cycle = 1;
        alert.targetS = 180;
        alert.startedAtMs = NINE_AM - 300_000;
        alert.deadlineAtMs = NINE_AM - 120_000;
        alert.breachedAtMs = NINE_AM - 120_000;
        alert.elapsedS = 300;
        alert.overrunPct = 66.7;
        alert.detectedAtMs = NINE_AM;
        alert.changedAtMs = NINE_AM;
        alert.summary = "first_response breached (orange) on T-1";
        try (KafkaProducer<byte[], byte[]> job = producer("dashboard-it")) {
            job.initTransactions();
            job.beginTransaction();
            job.send(new ProducerRecord<>("ticket-kpis", TicketKpiJson.toJson(aborted)));
            job.abortTransaction();
            job.beginTransaction();
            job.send(new ProducerRecord<>("ticket-kpis", TicketKpiJson.toJson(committed)));
            job.send(new ProducerRecord<>("sla-alerts", SlaAlertJson.toJson(alert)));
            job.send(new ProducerRecord<>("sla-alerts", "{not json".getBytes(StandardCharsets.UTF_8)));
            ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>("ticket-events-dlq", "raw".getBytes(StandardCharsets.UTF_8));
            dead.headers().add(new RecordHeader(KafkaSinks.HEADER_REASON_CODE, "LATE_EVENT".getBytes(StandardCharsets.UTF_8)));
            job.send(dead);
            job.commitTransaction();
        }
        try (KafkaProducer<byte[], byte[]> events = producer(null)) {
            for (int i = 1; i <= 3; i++) {
                events.send(new ProducerRecord<>("ticket-events", ("e-" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }

        JsonNode s = awaitSnapshot(url, n -> n.path("kpiRows").asLong() == 1 && n.path("alerts").path("records").asLong() == 1
                && n.path("deadLetters").path("total").asLong() == 2 && n.path("events").path("total").asLong() == 4);

        assertThat(s.path("source").asText()).contains("ticket-kpis", "read_committed");
        JsonNode series = s.path("charts").get(0).path("series");
        assertThat(series).hasSize(1);
        assertThat(series.get(0).path("name").asText()).isEqualTo("chat / P1");
        assertThat(series.get(0).path("points").get(0).get(1).asDouble()).isEqualTo(2.0); // 120 s in minutes
        JsonNode row = s.path("current").get(0);
        assertThat(row.path("policyId").asText()).isEqualTo("p1-urgent");
        assertThat(row.path("cells").get(0).path("status").asText()).isEqualTo("green"); // 120 s < 180 s target
        JsonNode shown = s.path("alerts").path("shown").get(0);
        assertThat(shown.path("dedupKey").asText()).isEqualTo(alert.dedupKey);
        assertThat(shown.path("column").asText()).isEqualTo("orange");
        assertThat(shown.path("ageS").asLong()).isEqualTo(3600); // 09:00 → the KPI window end 10:00
        assertThat(s.path("deadLetters").path("byReason").path("LATE_EVENT").asLong()).isEqualTo(1);
        assertThat(s.path("deadLetters").path("byReason").path("UNREADABLE_ALERT").asLong()).isEqualTo(1);
        assertThat(run.isDone()).isFalse(); // runs until stopped
    }

    private static TicketKpi kpi(double frtP90S) {
        TicketKpi k = new TicketKpi();
        k.channel = "chat";
        k.priority = "P1";
        k.windowStartMs = NINE_AM;
        k.windowEndMs = NINE_AM + 3_600_000;
        k.isFinal = true;
        k.frtP90S = frtP90S;
        return k;
    }

    private static JsonNode awaitSnapshot(URI url, Predicate<JsonNode> done) {
        HttpClient http = HttpClient.newHttpClient();
        return Awaitility.await("the dashboard to show the records").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(http.send(HttpRequest.newBuilder(url.resolve("/api/snapshot")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()), done::test);
    }

    private static String awaitUrl(ByteArrayOutputStream out, ByteArrayOutputStream err, Future<Integer> run) {
        Matcher m = Awaitility.await("the dashboard URL on stdout").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (run.isDone()) {
                        throw new AssertionError("dashboard ended (exit " + run.get() + "): "
                                + err.toString(StandardCharsets.UTF_8));
                    }
                    return URL.matcher(out.toString(StandardCharsets.UTF_8));
                }, Matcher::find);
        return m.group(1);
    }
}
