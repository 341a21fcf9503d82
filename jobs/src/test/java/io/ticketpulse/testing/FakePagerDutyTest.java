package io.ticketpulse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The PagerDuty stand-in refuses what PagerDuty documents as invalid, so the delivery tests can fail. */
class FakePagerDutyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakePagerDuty pd;
    private final HttpClient client = HttpClient.newHttpClient();

    FakePagerDutyTest() throws Exception {
        pd = new FakePagerDuty();
    }

    @AfterEach
    void stop() {
        pd.close();
    }

    private static ObjectNode trigger() {
        ObjectNode e = JSON.createObjectNode();
        e.put("routing_key", "0123456789abcdef0123456789abcdef");
        e.put("event_action", "trigger");
        e.put("dedup_key", "T-1/first_response/1/p1@1");
        ObjectNode p = e.putObject("payload");
        p.put("summary", "breached");
        p.put("source", "ticketpulse");
        p.put("severity", "error");
        p.put("timestamp", "2026-11-22T10:03:54.000Z");
        return e;
    }

    private int post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(pd.url()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int post(Consumer<ObjectNode> change) throws Exception {
        ObjectNode e = trigger();
        change.accept(e);
        return post(e.toString());
    }

    @Test
    void validEventsAreAcceptedAndOpenAndCloseAlerts() throws Exception {
        assertThat(post(e -> {})).isEqualTo(202);
        assertThat(post(e -> ((ObjectNode) e.get("payload")).put("timestamp", "2015-07-17T08:42:58.315+0000")))
                .isEqualTo(202);
        assertThat(pd.openAlerts()).containsExactly("T-1/first_response/1/p1@1");
        assertThat(pd.pages()).containsEntry("T-1/first_response/1/p1@1", 1);
        assertThat(post("{\"routing_key\":\"0123456789abcdef0123456789abcdef\",\"event_action\":\"resolve\","
                + "\"dedup_key\":\"T-1/first_response/1/p1@1\"}")).isEqualTo(202);
        assertThat(pd.openAlerts()).isEmpty();
    }

    @Test
    void invalidEventsAreRefusedWith400() throws Exception {
        assertThat(post("not json")).isEqualTo(400);
        assertThat(post(e -> e.put("routing_key", "short"))).isEqualTo(400);
        assertThat(post(e -> e.put("event_action", "page"))).isEqualTo(400);
        assertThat(post(e -> e.put("dedup_key", "k".repeat(256)))).isEqualTo(400);
        assertThat(post(e -> ((ObjectNode) e.get("payload")).put("summary", "s".repeat(1025)))).isEqualTo(400);
        assertThat(post(e -> ((ObjectNode) e.get("payload")).remove("source"))).isEqualTo(400);
        assertThat(post(e -> ((ObjectNode) e.get("payload")).put("severity", "orange"))).isEqualTo(400);
        assertThat(post(e -> ((ObjectNode) e.get("payload")).put("timestamp", "22/11/2026 10:03"))).isEqualTo(400);
        assertThat(post(e -> e.remove("payload"))).isEqualTo(400);
        assertThat(post(e -> e.put("extra", 1))).isEqualTo(400);
        assertThat(post("{\"routing_key\":\"0123456789abcdef0123456789abcdef\",\"event_action\":\"resolve\"}"))
                .as("resolve without dedup_key").isEqualTo(400);
        assertThat(pd.received()).hasSize(11).allSatisfy(r -> assertThat(r.errors()).isNotEmpty());
        assertThat(pd.pages()).isEmpty();
    }

    @Test
    void throttledAndFailedRequestsAnswer429And500() throws Exception {
        pd.throttleNext(1).failNext(1);
        assertThat(post(e -> {})).isEqualTo(429);
        assertThat(post(e -> {})).isEqualTo(500);
        assertThat(post(e -> {})).isEqualTo(202);
    }
}
