package io.ticketpulse.io.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketpulse.domain.delivery.Backoff;
import io.ticketpulse.domain.delivery.PagerDutyMapping;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TicketPulsePipeline;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.Timestamps;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FakePagerDuty;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import io.ticketpulse.testing.SlaScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real topology on a MiniCluster (parallelism 2) replaying the hand-built {@link SlaScenario} with PagerDuty
 * delivery to {@link FakePagerDuty} over HTTP: every request is a valid Events API v2 event, throttling (429) and
 * server errors (500) are retried, a refused event (400) is not, and at the end PagerDuty's alerts are exactly
 * the alerts firing at the end of the replay, at their final severity, each paged once.
 */
class PagerDutyDeliveryPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";

    /** Runs the scenario; returns the alert records the job committed. */
    private static List<SlaAlert> run(FakePagerDuty pd, boolean checkpointing) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        if (checkpointing) {
            env.enableCheckpointing(100);
        }
        DeliverySettings settings = DeliverySettings.defaults()
                .withFailureBackoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)))
                .withThrottleBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
                .withDrainTimeout(Duration.ofSeconds(60));
        PagerDutyDelivery delivery = PagerDutyDelivery.of(pd.url(), ROUTING_KEY).withSettings(settings)
                .withRatePerMinute(10_000);
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, SlaScenario.config(), ListSource.of(SlaScenario.lines()),
                new PipelineSinks(new CollectingSink<TicketKpi>(), new CollectingSink<DeadLetter>())
                        .withAlerts(alerts, null)
                        .withAlertDeliveries(null, delivery));
        env.execute("ticketpulse-pagerduty-test");
        return alerts.values();
    }

    /** The last record of each alert. */
    private static Map<String, SlaAlert> finalRecords(List<SlaAlert> alerts) {
        List<SlaAlert> sorted = new ArrayList<>(alerts);
        sorted.sort(java.util.Comparator.comparingLong((SlaAlert a) -> a.changedAtMs)
                .thenComparing(a -> a.isFiring() ? 0 : 1));
        Map<String, SlaAlert> last = new LinkedHashMap<>();
        sorted.forEach(a -> last.put(a.dedupKey, a));
        return last;
    }

    private static void assertPagerDutyMatches(FakePagerDuty pd, List<SlaAlert> alerts) {
        Map<String, SlaAlert> last = finalRecords(alerts);
        assertThat(last).hasSizeGreaterThan(8);
        List<String> firingAtTheEnd = last.values().stream().filter(SlaAlert::isFiring).map(a -> a.dedupKey).toList();
        assertThat(firingAtTheEnd).as("the scenario ends with F's two alerts at red (and aggregate ones)")
                .contains("F/assignment/2026-11-22T14:00:00.000Z/1/p1-urgent@1",
                        "F/first_response/2026-11-22T14:00:00.000Z/1/p1-urgent@1"); // F created at 14:00

        assertThat(pd.openAlerts()).containsExactlyInAnyOrderElementsOf(firingAtTheEnd);
        assertThat(pd.pages().values()).as("no alert paged twice").containsOnly(1);

        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (JsonNode e : pd.accepted()) {
            byKey.computeIfAbsent(e.get("dedup_key").asText(), k -> new ArrayList<>()).add(e);
        }
        for (String key : firingAtTheEnd) {
            List<JsonNode> events = byKey.get(key);
            JsonNode lastEvent = events.get(events.size() - 1);
            SlaAlert a = last.get(key);
            assertThat(lastEvent.get("event_action").asText()).isEqualTo("trigger");
            assertThat(lastEvent.at("/payload/severity").asText()).as(key)
                    .isEqualTo(PagerDutyMapping.severity(a.severity));
            assertThat(lastEvent.at("/payload/timestamp").asText()).isEqualTo(Timestamps.format(a.changedAtMs));
            assertThat(lastEvent.at("/payload/summary").asText()).isEqualTo(a.summary);
        }
        for (Map.Entry<String, List<JsonNode>> e : byKey.entrySet()) {
            List<JsonNode> events = e.getValue();
            assertThat(last).as("only alerts of the job").containsKey(e.getKey());
            assertThat(events.get(0).get("event_action").asText()).as(e.getKey()).isEqualTo("trigger");
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i)).as("%s: no event sent twice once accepted", e.getKey())
                        .isNotEqualTo(events.get(i - 1));
            }
        }
    }

    @Test
    void committedAlertsReachPagerDutyValidAndOnceThroughThrottlingAndErrors() throws Exception {
        try (FakePagerDuty pd = new FakePagerDuty().throttleNext(2).failNext(1)) {
            List<SlaAlert> alerts = run(pd, true);

            assertThat(pd.received()).allSatisfy(r -> assertThat(r.errors()).as("%s", r.event()).isEmpty());
            List<Integer> statuses = pd.received().stream().map(FakePagerDuty.Received::status).toList();
            assertThat(statuses.subList(0, 3)).containsExactly(429, 429, 500);
            assertThat(statuses.subList(3, statuses.size())).containsOnly(202);
            assertPagerDutyMatches(pd, alerts);
        }
    }

    @Test
    void withoutCheckpointingEveryStateChangeGoesOutAsItComesAndARefusedEventIsNotSentAgain() throws Exception {
        String refused = "D/next_response/2026-11-22T10:00:00.000Z/2/p2-high@1"; // D created at 10:00
        try (FakePagerDuty pd = new FakePagerDuty().refuse(refused::equals)) {
            List<SlaAlert> alerts = run(pd, false);

            assertThat(pd.received()).filteredOn(r -> r.status() == 400)
                    .allSatisfy(r -> assertThat(r.event().get("dedup_key").asText()).isEqualTo(refused));
            // the refused trigger is not retried; its resolve then goes out (a trigger may have been taken)
            assertThat(pd.received()).filteredOn(r -> r.event().get("dedup_key").asText().equals(refused))
                    .extracting(r -> r.event().get("event_action").asText() + " " + r.status())
                    .doesNotHaveDuplicates();
            assertThat(pd.accepted()).extracting(e -> e.get("event_action").asText()).contains("trigger", "resolve");
            pd.refuse(k -> false);
            assertThat(pd.openAlerts()).containsExactlyInAnyOrderElementsOf(finalRecords(alerts).values().stream()
                    .filter(SlaAlert::isFiring).map(a -> a.dedupKey).toList());
        }
    }
}
