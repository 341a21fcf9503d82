package io.ticketpulse.io.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.schema.SlaAlert;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's HTTP server: the page and its scripts, the JSON snapshot, server-sent events. */
class DashboardServerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private DashboardView view;
    private DashboardServer server;

    @BeforeEach
    void start() throws Exception {
        view = new DashboardView(null, 10);
        // a long publish interval: the test publishes itself, so what each event holds is deterministic
        server = DashboardServer.start(0, view, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageItsScriptsAndEchartsFromTheWebjarOnLoopback() throws Exception {
        assertThat(server.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(server.port()).isPositive();
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"webjars/echarts/echarts.min.js\">", "dashboard.js");
        assertThat(get("/dashboard.js").body()).contains("new EventSource('events')");
        assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);
        HttpResponse<String> echarts = get("/webjars/echarts/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).hasSizeGreaterThan(500_000).contains("echarts");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.url())
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void theSnapshotIsJson() throws Exception {
        view.offerDeadLetter("LATE_EVENT");
        server.publish();
        JsonNode snapshot = JSON.readTree(get("/api/snapshot").body());
        assertThat(snapshot.path("state").asText()).isEqualTo("running");
        assertThat(snapshot.path("generatedAtMs").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(snapshot.path("deadLetters").path("byReason").path("LATE_EVENT").asLong()).isEqualTo(1);
        assertThat(snapshot.path("charts")).hasSize(DashboardView.CHARTS.size());
    }

    @Test
    void eventsPushTheSnapshotAtOnceAndAfterEachChange() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(server.url().resolve("/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        try (BufferedReader events = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            JsonNode first = nextSnapshot(events);
            assertThat(first.path("alerts").path("firing").asInt()).isZero();

            SlaAlert alert = new SlaAlert();
            alert.dedupKey = "t-1/first_response/1/p@1";
            alert.status = "firing";
            alert.kind = "breach";
            alert.severity = "red";
            alert.summary = "t-1 first response overdue";
            view.offerAlert(alert);
            server.publish();

            JsonNode second = nextSnapshot(events);
            assertThat(second.path("alerts").path("firing").asInt()).isEqualTo(1);
            assertThat(second.path("alerts").path("shown").get(0).path("summary").asText())
                    .isEqualTo("t-1 first response overdue");
            assertThat(second.path("version").asLong()).isGreaterThan(first.path("version").asLong());
        }
    }

    /** The data of the next {@code snapshot} event (blocks until it comes). */
    private static JsonNode nextSnapshot(BufferedReader events) throws Exception {
        String line;
        while ((line = events.readLine()) != null) {
            if (line.equals("event: snapshot")) {
                String data = events.readLine();
                assertThat(data).startsWith("data: ");
                assertThat(events.readLine()).isEmpty();
                return JSON.readTree(data.substring("data: ".length()));
            }
        }
        throw new AssertionError("the event stream ended");
    }
}
