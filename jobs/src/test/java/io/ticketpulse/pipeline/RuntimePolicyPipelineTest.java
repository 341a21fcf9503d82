package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.TicketEvents.assigned;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.io.PolicyRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.Timestamps;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import io.ticketpulse.testing.RuntimePolicies;
import io.ticketpulse.testing.SlaTestPolicies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real topology on a MiniCluster with a runtime policy change mid-stream: start-up file
 * {@link SlaTestPolicies#policies()} (version 1), then policy records: version 2 in force from 0:06
 * ({@link RuntimePolicies#version2}), an invalid version 3 and a stale version 1 (both dead-lettered, version 2
 * kept). The exact alert sequence is worked out by hand below; it is the same at parallelism 2 and 1.
 */
public class RuntimePolicyPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    public static final List<String> EXPECTED = List.of(
            // T3, chat/P1 under v1 (first response 3 min): warning 2:15, breach 3:00, yellow 3:18, orange 3:54,
            // red 4:30; v2 tracks no P1 ticket: at 6:00 the firing alert resolves, the metric is no longer tracked
            "02:15 T3 first_response v1 firing warning warning",
            "03:00 T3 first_response v1 firing breach warning",
            "03:18 T3 first_response v1 firing breach yellow",
            // T1, email/P2 under v1 (assignment 5 min): warning 3:45, breach 5:00, yellow 5:30
            "03:45 T1 assignment v1 firing warning warning",
            "03:54 T3 first_response v1 firing breach orange",
            "04:30 T3 first_response v1 firing breach red",
            "05:00 T1 assignment v1 firing breach warning",
            "05:30 T1 assignment v1 firing breach yellow",
            // v2 at 6:00: T1's first response is 6 min into 4 min (red = 4 min + 50 %), raised at once
            "06:00 T1 assignment v1 resolved breach yellow retargeted",
            "06:00 T1 first_response v2 firing breach red",
            "06:00 T3 first_response v1 resolved breach red retargeted",
            "08:00 T1 first_response v2 resolved breach red fulfilled",
            // T2, web/P2 created at 7:00 under v2: warning 10:00, breach 11:00, yellow 11:24, replied 11:30
            "10:00 T2 first_response v2 firing warning warning",
            "11:00 T2 first_response v2 firing breach warning",
            "11:24 T2 first_response v2 firing breach yellow",
            "11:30 T2 first_response v2 resolved breach yellow fulfilled");

    public static List<String> eventLines() {
        List<TicketEvent> events = List.of(
                created("a1", "T1", at(0), "email", "P2"),
                created("c1", "T3", at(0), "chat", "P1"),
                assigned("c2", "T3", at(1), "team-a"),
                created("b1", "T2", at(7), "web", "P2"),
                reply("a2", "T1", at(8)),
                assigned("a3", "T1", at(9), "team-a"),
                resolved("a4", "T1", at(10)),
                reply("b2", "T2", at(11, 30)),
                resolved("b3", "T2", at(12)),
                reply("c3", "T3", at(20)),
                resolved("c4", "T3", at(30)));
        List<String> lines = new ArrayList<>();
        for (TicketEvent e : events) {
            lines.add(new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8));
        }
        return lines;
    }

    public static List<String> policyRecords() {
        return List.of(
                RuntimePolicies.version2(Timestamps.format(at(6))),
                RuntimePolicies.invalidVersion3(),
                "version: 1\npolicies:\n  - id: all\n    targets: {first_response: 1h}\n");
    }

    static PipelineConfig config() {
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(5))
                .allowedLateness(Duration.ofMinutes(2))
                .maxOutOfOrderness(Duration.ofMinutes(1))
                .ticketRetention(Duration.ofDays(1))
                .slaPolicies(SlaTestPolicies.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .build();
    }

    /** Policy records in order, origin {@code policies:<n>}, record time 0:05 (each has its own effective_from). */
    static DataGeneratorSource<PolicyRecord> policySource(List<String> records) {
        ArrayList<String> copy = new ArrayList<>(records);
        long recordTime = at(5);
        return new DataGeneratorSource<>(
                index -> new PolicyRecord(copy.get(index.intValue()).getBytes(StandardCharsets.UTF_8),
                        "policies:" + (index + 1), recordTime),
                copy.size(),
                TypeInformation.of(PolicyRecord.class));
    }

    private record Run(List<SlaAlert> alerts, List<DeadLetter> deadLetters) {}

    private static Run run(int parallelism) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(parallelism);
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        TicketPulsePipeline.build(env, config(), ListSource.of(eventLines()), policySource(policyRecords()),
                new PipelineSinks(new CollectingSink<TicketKpi>(), deadLetters).withAlerts(alerts, null));
        env.execute("ticketpulse-runtime-policy-test");
        return new Run(alerts.values(), deadLetters.values());
    }

    public static List<String> lines(List<SlaAlert> alerts) {
        List<SlaAlert> sorted = new ArrayList<>(alerts.stream().filter(a -> a.ticketId != null).toList());
        sorted.sort(Comparator.comparingLong((SlaAlert a) -> a.changedAtMs).thenComparing(a -> a.dedupKey)
                .thenComparing(a -> a.status));
        return sorted.stream().map(a -> Timestamps.format(a.changedAtMs).substring(14, 19) + " " + a.ticketId + " "
                + a.slaMetric + " v" + a.policyVersion + " " + a.status + " " + a.kind + " " + a.severity
                + (a.resolveReason == null ? "" : " " + a.resolveReason)).toList();
    }

    @Test
    void aPolicyChangedMidStreamGivesExactlyTheHandComputedAlertsAtEveryParallelism() throws Exception {
        Run two = run(2);
        assertThat(lines(two.alerts())).containsExactlyElementsOf(EXPECTED);
        assertThat(two.deadLetters()).extracting(d -> d.reasonCode + " " + d.origin).containsExactlyInAnyOrder(
                "INVALID_POLICY policies:2", "INVALID_POLICY policies:3");
        assertThat(two.deadLetters()).filteredOn(d -> d.origin.equals("policies:2")).singleElement()
                .satisfies(d -> assertThat(d.reason).contains("version 2) is kept",
                        "$.policies[0].targets.first_response"));
        assertThat(two.deadLetters()).filteredOn(d -> d.origin.equals("policies:3")).singleElement()
                .satisfies(d -> assertThat(d.reason).contains("$.version: 1 is not above the latest version "
                        + "accepted (2)"));

        Run one = run(1);
        assertThat(lines(one.alerts())).containsExactlyElementsOf(EXPECTED);
    }
}
