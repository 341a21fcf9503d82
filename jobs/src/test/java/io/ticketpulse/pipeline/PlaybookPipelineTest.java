package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.TicketEvents.T0;
import static io.ticketpulse.domain.TicketEvents.assignedTo;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.closed;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.rated;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static io.ticketpulse.domain.TicketEvents.withAttributes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.ticketpulse.reference.Times;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.Schemas;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.HandComputedScenario;
import io.ticketpulse.testing.KpiRow;
import io.ticketpulse.testing.ListSource;
import io.ticketpulse.testing.SlaTestPolicies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real topology on a MiniCluster at parallelism 2 with the shipped default policies, on a hand-built input for
 * the playbook additions: handling time (AHT) in the KPI rows, priorities derived from urgency and impact (counted in
 * the rows, said in the alerts), periodic_update and follow_up alerts. Tumbling one-hour windows, no allowed
 * lateness (every row final at once; an alert change at t is emitted when the watermark passes t). Times are after
 * T0 = 10:00; every expected row and record is worked out by hand in the comments.
 */
class PlaybookPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    static PipelineConfig config() {
        return PipelineConfig.builder()
                .windowSize(Duration.ofHours(1))
                .windowSlide(Duration.ofHours(1))
                .allowedLateness(Duration.ZERO)
                .maxOutOfOrderness(Duration.ofMinutes(1))
                .waitThreshold(Duration.ofMinutes(10))
                .ticketRetention(Duration.ofDays(1))
                .slaPolicies(SlaTestPolicies.defaults())
                .alertClock(AlertClock.EVENT_TIME)
                .build();
    }

    /**
     * A (chat, P1 given): agent a1 from 10:01, replies at 10:02 and 10:40, resolved 10:50, rated 11:00.
     * B (web, no priority; urgency high, impact high: score 5, P1 derived): agent a2 from 10:06, reply 10:07, pending
     * 10:10-10:30, resolved 10:40, no follow-up. C (email, no priority, no attributes: P3 derived): never assigned
     * nor answered, resolved 10:20, closed 12:30 (the input's last event).
     */
    static List<String> lines() {
        List<TicketEvent> events = List.of(
                created("a0", "A", at(0), "chat", "P1"),
                assignedTo("a1", "A", at(1), "a1"),
                reply("a2", "A", at(2)),
                withAttributes(created("b0", "B", at(5), "web", null), Map.of("urgency", "high", "impact", "high")),
                assignedTo("b1", "B", at(6), "a2"),
                reply("b2", "B", at(7)),
                statusChanged("b3", "B", at(10), "pending"),
                created("c0", "C", at(10), "email", null),
                resolved("c1", "C", at(20)),
                statusChanged("b4", "B", at(30), "open"),
                reply("a3", "A", at(40)),
                resolved("b5", "B", at(40)),
                resolved("a4", "A", at(50)),
                rated("a5", "A", at(60), 4),
                closed("c2", "C", at(150)));
        List<String> lines = new ArrayList<>();
        for (TicketEvent e : events) {
            lines.add(new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8));
        }
        return lines;
    }

    static List<TicketKpi> expectedRows() {
        long h10 = T0.toEpochMilli();
        return List.of(
                // chat/P1 [10:00,11:00): A created (priority given); FRT 120 s, in time; resolved after 3000 s with two
                // replies; handling 10:01-10:50 = 2940 s
                KpiRow.of("chat", "P1", h10, h10 + HOUR_MS).created(1).frt(1, 120, 120, 120, 120, 120, 120)
                        .waits(0, 1).resolved(1, 3000, 3000, 3000, 0).aht(1, 2940, 2940, 2940).build(),
                // chat/P1 [11:00,12:00): A's rating 4 at 11:00 (FRT 120 s: the 1-5 min bucket)
                KpiRow.of("chat", "P1", h10 + HOUR_MS, h10 + 2 * HOUR_MS).csat(1, 4, null, 4.0, null).build(),
                // web/P1 [10:00,11:00): B created with a derived priority; FRT 120 s; resolved after 2100 s, one reply;
                // handling 10:06-10:10 and 10:30-10:40 = 840 s
                KpiRow.of("web", "P1", h10, h10 + HOUR_MS).created(1).priorityDerived(1)
                        .frt(1, 120, 120, 120, 120, 120, 120).waits(0, 1).resolved(1, 2100, 2100, 2100, 1)
                        .aht(1, 840, 840, 840).build(),
                // email/P3 [10:00,11:00): C created with the default priority (derived); its wait timed out at 10:20;
                // resolved after 600 s with no reply (one-touch); no agent, so no handling time
                KpiRow.of("email", "P3", h10, h10 + HOUR_MS).created(1).priorityDerived(1).waits(1, 1)
                        .resolved(1, 600, 600, 600, 1).build());
    }

    /**
     * A: periodic_update gap 1 from 10:02 (30m): warning 10:24:30, breach 10:32, yellow 10:35 (33 m), fulfilled by the
     * reply at 10:40 (orange would be 10:41); gap 2 (10:40-10:50) and the follow-up (10:50, rated 11:00) end before
     * their warnings. B: gap 1 from 10:07 is paused 10:10-10:30 and cancelled by the resolution at 10:40 (13 m
     * counted); its follow-up from 10:40 (1h, nobody follows up) warns at 11:25, breaches at 11:40, yellow 11:46,
     * orange 11:58, red 12:10, still firing when the input ends (12:30). All of B's records say priority_derived.
     * C (P3): its assignment and first response are cancelled by the resolution at 10:20 before their warnings.
     * Keys carry each ticket's life, its creation instant: A 10:00, B 10:05.
     */
    static List<String> expectedAlerts() {
        return List.of(
                "A/periodic_update/2026-11-22T10:00:00.000Z/1/p1-urgent@2 firing warning warning +0:24:30 P1 given",
                "A/periodic_update/2026-11-22T10:00:00.000Z/1/p1-urgent@2 firing breach warning +0:32 P1 given",
                "A/periodic_update/2026-11-22T10:00:00.000Z/1/p1-urgent@2 firing breach yellow +0:35 P1 given",
                "A/periodic_update/2026-11-22T10:00:00.000Z/1/p1-urgent@2 resolved breach yellow fulfilled +0:40 P1 given",
                "B/follow_up/2026-11-22T10:05:00.000Z/1/p1-urgent@2 firing warning warning +1:25 P1 derived",
                "B/follow_up/2026-11-22T10:05:00.000Z/1/p1-urgent@2 firing breach warning +1:40 P1 derived",
                "B/follow_up/2026-11-22T10:05:00.000Z/1/p1-urgent@2 firing breach yellow +1:46 P1 derived",
                "B/follow_up/2026-11-22T10:05:00.000Z/1/p1-urgent@2 firing breach orange +1:58 P1 derived",
                "B/follow_up/2026-11-22T10:05:00.000Z/1/p1-urgent@2 firing breach red +2:10 P1 derived");
    }

    private record Run(List<TicketKpi> kpis, List<SlaAlert> alerts, List<DeadLetter> deadLetters) {}

    private static Run run() throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config(), ListSource.of(lines()),
                new PipelineSinks(kpis, deadLetters).withAlerts(alerts, null));
        env.execute("ticketpulse-playbook-test");
        return new Run(kpis.values(), alerts.values(), deadLetters.values());
    }

    private static String line(SlaAlert a) {
        return a.dedupKey + " " + a.status + " " + a.kind + " " + a.severity
                + (a.resolveReason == null ? "" : " " + a.resolveReason) + " " + Times.at(a.changedAtMs) + " "
                + a.priority + (a.priorityDerived ? " derived" : " given");
    }

    @Test
    void replayGivesExactlyTheHandComputedRowsAndAlerts() throws Exception {
        Run run = run();

        assertThat(run.deadLetters()).isEmpty();
        List<TicketKpi> rows = new ArrayList<>(run.kpis());
        rows.sort(HandComputedScenario.BY_KEY);
        assertThat(rows).containsExactlyElementsOf(HandComputedScenario.sorted(expectedRows()));

        List<SlaAlert> ticketAlerts = new ArrayList<>(run.alerts().stream().filter(a -> a.ticketId != null).toList());
        ticketAlerts.sort(Comparator.comparing((SlaAlert a) -> a.ticketId).thenComparingLong(a -> a.changedAtMs));
        assertThat(ticketAlerts).extracting(PlaybookPipelineTest::line).containsExactlyElementsOf(expectedAlerts());
        assertThat(ticketAlerts).filteredOn(a -> a.ticketId.equals("B")).allSatisfy(a ->
                assertThat(a.summary).contains("(P1 web, derived priority)"));
    }

    @Test
    void everyRowAndRecordIsValidAgainstItsSchema() throws Exception {
        Run run = run();
        ObjectMapper mapper = new ObjectMapper();
        JsonSchema kpiSchema = Schemas.load(Schemas.TICKET_KPI);
        JsonSchema alertSchema = Schemas.load(Schemas.SLA_ALERT);

        for (TicketKpi k : run.kpis()) {
            assertThat(kpiSchema.validate(mapper.readTree(TicketKpiJson.toJson(k)))).as("%s", k).isEmpty();
        }
        for (SlaAlert a : run.alerts()) {
            assertThat(alertSchema.validate(mapper.readTree(io.ticketpulse.schema.SlaAlertJson.toJson(a))))
                    .as("%s", a).isEmpty();
        }
        assertThat(run.kpis()).extracting(k -> k.ahtCount).contains(1L);
    }
}
