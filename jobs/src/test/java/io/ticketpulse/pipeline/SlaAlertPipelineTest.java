package io.ticketpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.DeadLetter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.ticketpulse.schema.Schemas;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.ListSource;
import io.ticketpulse.testing.SlaScenario;
import io.ticketpulse.testing.SlaScenario.Expected;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import io.ticketpulse.testing.FlinkTestEnvironments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real topology with SLA alerts on a MiniCluster, replaying the hand-built {@link SlaScenario}: the exact alert
 * records (warnings, breaches, escalations, resolutions, re-targeting, a paused clock, a reopen cycle, next-response
 * episodes), and the same records on every run and at any parallelism (processing-time {@code detected_at} aside).
 */
class SlaAlertPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static List<SlaAlert> run(int parallelism) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(parallelism);
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, SlaScenario.config(), ListSource.of(SlaScenario.lines()),
                new PipelineSinks(new CollectingSink<TicketKpi>(), new CollectingSink<DeadLetter>()).withAlerts(alerts, null));
        env.execute("ticketpulse-sla-test");
        return alerts.values();
    }

    private static List<SlaAlert> ticketAlerts(List<SlaAlert> alerts) {
        return alerts.stream().filter(a -> a.ticketId != null).toList();
    }

    @Test
    void replayGivesExactlyTheHandComputedAlerts() throws Exception {
        List<SlaAlert> alerts = ticketAlerts(run(2));

        List<Expected> actual = new ArrayList<>(alerts.stream().map(Expected::of).toList());
        actual.sort(SlaScenario.ORDER);
        List<Expected> expected = new ArrayList<>(SlaScenario.expected());
        expected.sort(SlaScenario.ORDER);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void eachAlertsRecordsArriveInTheOrderOfItsStateChanges() throws Exception {
        Map<String, List<Long>> byKey = new LinkedHashMap<>();
        for (SlaAlert a : ticketAlerts(run(2))) {
            byKey.computeIfAbsent(a.dedupKey, k -> new ArrayList<>()).add(a.changedAtMs);
            assertThat(a.alertId).isEqualTo(a.dedupKey);
            assertThat(a.detectedAtMs).isPositive();
            assertThat(a.policyVersion).isEqualTo(1);
            assertThat(a.summary).isNotBlank();
        }
        assertThat(byKey).hasSize(8);
        byKey.values().forEach(times -> assertThat(times).isSorted());
    }

    @Test
    void everyRecordIsAValidSlaAlertIncludingTheAggregateOnes() throws Exception {
        JsonSchema schema = Schemas.load(Schemas.SLA_ALERT);
        ObjectMapper mapper = new ObjectMapper();
        List<SlaAlert> alerts = run(2);
        for (SlaAlert a : alerts) {
            assertThat(schema.validate(mapper.readTree(SlaAlertJson.toJson(a)))).as("%s", a).isEmpty();
        }
        // chat/P1 holds A's 240 s first response (33 % over the 180 s target) in two consecutive final windows
        assertThat(alerts).filteredOn(a -> "aggregate".equals(a.kind))
                .extracting(a -> a.dedupKey + " " + a.status + " " + a.severity)
                .contains("aggregate/frt_p90/chat/P1/p1-urgent@1 firing orange");
    }

    @Test
    void replaysGiveIdenticalRecordsWhateverTheParallelism() throws Exception {
        List<List<SlaAlert>> runs = List.of(run(2), run(2), run(1));
        Comparator<SlaAlert> order = Comparator.comparingLong((SlaAlert a) -> a.changedAtMs)
                .thenComparing(a -> a.dedupKey)
                .thenComparing(a -> a.status)
                .thenComparing(a -> a.severity);
        List<SlaAlert> first = new ArrayList<>(runs.get(0));
        first.sort(order);
        assertThat(first).isNotEmpty();
        for (List<SlaAlert> other : runs.subList(1, runs.size())) {
            List<SlaAlert> sorted = new ArrayList<>(other);
            sorted.sort(order);
            assertThat(sorted).hasSameSizeAs(first);
            for (int i = 0; i < first.size(); i++) {
                assertThat(sorted.get(i).sameAs(first.get(i)))
                        .as("record %d: %s vs %s", i, sorted.get(i), first.get(i))
                        .isTrue();
            }
        }
    }
}
