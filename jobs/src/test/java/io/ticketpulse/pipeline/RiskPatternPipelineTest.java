package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.PatternRules;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.Schemas;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import io.ticketpulse.testing.SlaTestPolicies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real topology with every risk pattern on a MiniCluster at parallelism 2: the exact pattern alert records
 * of a hand-built input (worked out at each ticket below; minutes after {@code T0}), every record a valid
 * {@code sla-alert}, each alert's records in the order of its changes, and a replay giving identical records.
 */
class RiskPatternPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    static SlaPolicySet policies() {
        SlaPolicySet base = SlaTestPolicies.policies();
        return new SlaPolicySet(base.source(), base.version(), base.policies(), base.aggregates(),
                base.priorityDerivation(), base.kpis(), new PatternRules(List.of(
                        new PatternRule(RiskPattern.REASSIGNMENT_PING_PONG, true, 3, Duration.ofHours(1),
                                Severity.ORANGE),
                        new PatternRule(RiskPattern.CUSTOMER_CHASING, true, 3, Duration.ofHours(1), Severity.YELLOW),
                        new PatternRule(RiskPattern.REOPEN_LOOP, true, 2, Duration.ofDays(1), Severity.ORANGE),
                        new PatternRule(RiskPattern.SILENT_RESOLUTION, true, 1, Duration.ofDays(1), Severity.YELLOW),
                        new PatternRule(RiskPattern.ESCALATION_WITHOUT_RESPONSE, true, 1, Duration.ofMinutes(30),
                                Severity.RED))));
    }

    static PipelineConfig config() {
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(5))
                .allowedLateness(Duration.ofMinutes(5))
                .maxOutOfOrderness(Duration.ofMinutes(1))
                .ticketRetention(Duration.ofDays(1))
                .slaPolicies(policies())
                .alertClock(AlertClock.AUTO) // a replay of old data is never live: event time only
                .build();
    }

    private static TicketEvent e(String id, String ticket, EventType type, int minute) {
        return event(id, ticket, type, at(minute));
    }

    static List<TicketEvent> events() {
        List<TicketEvent> l = new ArrayList<>();
        // P: assigned at 1, 5, 9 without a reply (ping-pong fires at 9, from 1); the reply at 20 clears it
        l.add(created("P0", "P", at(0), "chat", "P2"));
        l.add(e("P1", "P", EventType.ASSIGNED, 1));
        l.add(e("P2", "P", EventType.ASSIGNED, 5));
        l.add(e("P3", "P", EventType.ASSIGNED, 9));
        l.add(e("P4", "P", EventType.AGENT_REPLIED, 20));
        l.add(e("P5", "P", EventType.RESOLVED, 30));
        l.add(e("P6", "P", EventType.CLOSED, 31));
        // C: answered at 2, then the customer writes at 10, 20, 30 (chasing fires at 30, from 10); closed at 40
        l.add(created("C0", "C", at(0), "email", "P3"));
        l.add(e("C1", "C", EventType.ASSIGNED, 1));
        l.add(e("C2", "C", EventType.AGENT_REPLIED, 2));
        l.add(e("C3", "C", EventType.CUSTOMER_REPLIED, 10));
        l.add(e("C4", "C", EventType.CUSTOMER_REPLIED, 20));
        l.add(e("C5", "C", EventType.CUSTOMER_REPLIED, 30));
        l.add(e("C6", "C", EventType.CLOSED, 40));
        // R: reopened at 20 and 40 (reopen loop fires at 40, from 20); a reply at 45 does not clear it; closed at 60
        l.add(created("R0", "R", at(0), "web", "P1"));
        l.add(e("R1", "R", EventType.AGENT_REPLIED, 1));
        l.add(e("R2", "R", EventType.RESOLVED, 10));
        l.add(e("R3", "R", EventType.REOPENED, 20));
        l.add(e("R4", "R", EventType.RESOLVED, 30));
        l.add(e("R5", "R", EventType.REOPENED, 40));
        l.add(e("R6", "R", EventType.AGENT_REPLIED, 45));
        l.add(e("R7", "R", EventType.RESOLVED, 50));
        l.add(e("R8", "R", EventType.CLOSED, 60));
        // S: resolved at 15 without any agent reply (silent resolution fires at 15, from 0); closed at 20
        l.add(created("S0", "S", at(0), "chat", "P4"));
        l.add(e("S1", "S", EventType.ASSIGNED, 1));
        l.add(e("S2", "S", EventType.RESOLVED, 15));
        l.add(e("S3", "S", EventType.CLOSED, 20));
        // E: escalated at 10, no reply for 30 min (fires at 40 by timeout, from 10); the reply at 50 clears it
        l.add(created("E0", "E", at(0), "phone", "P2"));
        l.add(e("E1", "E", EventType.AGENT_REPLIED, 1));
        l.add(e("E2", "E", EventType.ESCALATED, 10));
        l.add(e("E3", "E", EventType.AGENT_REPLIED, 50));
        l.add(e("E4", "E", EventType.CLOSED, 55));
        // F: escalated at 5, answered at 20: nothing
        l.add(created("F0", "F", at(0), "phone", "P2"));
        l.add(e("F1", "F", EventType.ESCALATED, 5));
        l.add(e("F2", "F", EventType.AGENT_REPLIED, 20));
        l.add(e("F3", "F", EventType.CLOSED, 25));
        // X: escalated at 70: its timeout (100) is after the input's last event (Z at 80): nothing
        l.add(created("X0", "X", at(0), "chat", "P3"));
        l.add(e("X1", "X", EventType.AGENT_REPLIED, 1));
        l.add(e("X2", "X", EventType.ESCALATED, 70));
        // T: a test ticket assigned three times: nothing
        TicketEvent t0 = created("T0", "T", at(0), "chat", "P3");
        t0.isTest = true;
        l.add(t0);
        for (int i = 1; i <= 3; i++) {
            TicketEvent a = e("T" + i, "T", EventType.ASSIGNED, i);
            a.isTest = true;
            l.add(a);
        }
        l.add(created("Z0", "Z", at(80), "chat", "P3"));
        l.sort(Comparator.comparingLong((TicketEvent x) -> x.occurredAtMs)); // as a live feed would send them
        return l;
    }

    static List<String> lines() {
        return events().stream().map(x -> new String(TicketEventJson.toJson(x), StandardCharsets.UTF_8)).toList();
    }

    /** Hand-worked from the comments in {@link #events()}: key, status, reason, severity, started and changed. */
    static final List<String> EXPECTED = List.of(
            "P/reassignment_ping_pong/2026-11-22T10:00:00.000Z/1/patterns@1 firing orange from 1 @9",
            "S/silent_resolution/2026-11-22T10:00:00.000Z/1/patterns@1 firing yellow from 0 @15",
            "P/reassignment_ping_pong/2026-11-22T10:00:00.000Z/1/patterns@1 resolved fulfilled orange from 1 @20",
            "S/silent_resolution/2026-11-22T10:00:00.000Z/1/patterns@1 resolved cancelled yellow from 0 @20",
            "C/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@1 firing yellow from 10 @30",
            "C/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@1 resolved cancelled yellow from 10 @40",
            "E/escalation_without_response/2026-11-22T10:00:00.000Z/1/patterns@1 firing red from 10 @40",
            "R/reopen_loop/2026-11-22T10:00:00.000Z/1/patterns@1 firing orange from 20 @40",
            "E/escalation_without_response/2026-11-22T10:00:00.000Z/1/patterns@1 resolved fulfilled red from 10 @50",
            "R/reopen_loop/2026-11-22T10:00:00.000Z/1/patterns@1 resolved cancelled orange from 20 @60");

    private static final Comparator<SlaAlert> ORDER = Comparator.comparingLong((SlaAlert a) -> a.changedAtMs)
            .thenComparing(a -> a.dedupKey).thenComparing(a -> a.status);

    static List<SlaAlert> run(int parallelism, CollectingSink<DeadLetter> deadLetters) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(parallelism);
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config(), ListSource.of(lines()),
                new PipelineSinks(new CollectingSink<TicketKpi>(), deadLetters).withAlerts(alerts, null));
        env.execute("ticketpulse-risk-pattern-test");
        return alerts.values();
    }

    private static List<SlaAlert> patternAlerts(List<SlaAlert> all) {
        List<SlaAlert> l = new ArrayList<>(all.stream().filter(a -> "pattern".equals(a.kind)).toList());
        l.sort(ORDER);
        return l;
    }

    private static String line(SlaAlert a) {
        return a.dedupKey + " " + a.status + (a.resolveReason == null ? "" : " " + a.resolveReason) + " "
                + a.severity + " from " + (a.startedAtMs - at(0)) / 60_000 + " @" + (a.changedAtMs - at(0)) / 60_000;
    }

    @Test
    void everyPatternGivesExactlyTheHandWorkedAlertsAtParallelismTwo() throws Exception {
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        List<SlaAlert> all = run(2, deadLetters);
        List<SlaAlert> patterns = patternAlerts(all);

        assertThat(patterns).extracting(RiskPatternPipelineTest::line).containsExactlyElementsOf(EXPECTED);
        assertThat(deadLetters.values()).isEmpty();

        JsonSchema schema = Schemas.load(Schemas.SLA_ALERT);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, List<Long>> byKey = new LinkedHashMap<>();
        for (SlaAlert a : all) {
            assertThat(schema.validate(mapper.readTree(SlaAlertJson.toJson(a)))).as("%s", a).isEmpty();
            if ("pattern".equals(a.kind)) {
                byKey.computeIfAbsent(a.dedupKey, k -> new ArrayList<>()).add(a.changedAtMs);
            }
        }
        assertThat(byKey).hasSize(5);
        byKey.values().forEach(times -> assertThat(times).as("in the order of the alert's changes").isSorted());
        // the other alerts are those of the same input without patterns: CEP adds records, it changes none
        assertThat(all.stream().filter(a -> !"pattern".equals(a.kind)).count()).isPositive();
    }

    @Test
    void aReplayGivesIdenticalRecords() throws Exception {
        List<SlaAlert> first = patternAlerts(run(2, new CollectingSink<>()));
        List<SlaAlert> second = patternAlerts(run(2, new CollectingSink<>()));
        assertThat(first).hasSize(EXPECTED.size()).hasSameSizeAs(second);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).sameAs(second.get(i))).as("%s vs %s", first.get(i), second.get(i)).isTrue();
        }
    }
}
