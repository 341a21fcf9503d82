package io.ticketpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * imminent_breach in the KPI rows through the real topology on a MiniCluster at parallelism 2. Tumbling 10-minute
 * windows, no lateness, horizon 5 min; P1's first response target 10 min (imminent from 5 min to 10 min after
 * creation unless answered or paused). Worked out by hand:
 *
 * <pre>
 * A chat/P1 created 0:00, reply 12:00: imminent 5:00..10:00 (breach at 10:00)
 * B chat/P1 created 3:00, reply 11:00: imminent 8:00..11:00
 * C chat/P1 created 14:00, never answered: imminent 19:00..24:00 (breach at 24:00)
 * D email/P1 created 40:00, reply 41:00: never imminent
 * a row counts the state just before its end W (the facts before W, like backlog_open): deadline in [W, W + 5m)
 * chat/P1 at W=10:00: A (deadline 10:00, breaching exactly at W) and B (deadline 13:00) -> 2
 *         at W=20:00: C (deadline 24:00) -> 1;  at W=30:00 -> 0
 * </pre>
 *
 * With {@code aggregates.imminent_breach_ceiling: 0.5} (red from 0.75, raise after 2) the two final windows with 2
 * and 1 fire the red aggregate alert at 20:00, and two windows back at 0 resolve it.
 */
class ImminentBreachPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static String event(String id, String ticket, String type, int minute, String more) {
        return "{\"event_id\":\"" + id + "\",\"ticket_id\":\"" + ticket + "\",\"type\":\"" + type + "\"," + more
                + "\"occurred_at\":\"" + T0.plus(Duration.ofMinutes(minute)) + "\"}";
    }

    private static String created(String id, String ticket, int minute, String channel) {
        return event(id, ticket, "CREATED", minute, "\"channel\":\"" + channel + "\",\"priority\":\"P1\",");
    }

    private static final List<String> LINES = List.of(
            created("a1", "A", 0, "chat"),
            created("b1", "B", 3, "chat"),
            event("b2", "B", "AGENT_REPLIED", 11, ""),
            event("a2", "A", "AGENT_REPLIED", 12, ""),
            created("c1", "C", 14, "chat"),
            created("d1", "D", 40, "email"),
            event("d2", "D", "AGENT_REPLIED", 41, ""));

    private static PipelineConfig config(Duration horizon) {
        SlaPolicy p1 = new SlaPolicy("p1", new PolicyMatch(Set.of(), Set.of("P1"), Set.of(), Map.of()),
                Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(10)), WarningRule.NONE,
                SlaPolicy.DEFAULT_ESCALATION);
        SlaPolicySet policies = new SlaPolicySet("imminent.yaml", 1, List.of(p1),
                new AggregateRules(null, 2, 2, 5.0, 0.5));
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(10))
                .allowedLateness(Duration.ZERO)
                .maxOutOfOrderness(Duration.ZERO)
                .kpiUpdates(KpiUpdates.FINAL_ONLY)
                .slaPolicies(policies)
                .alertClock(AlertClock.EVENT_TIME)
                .imminentHorizon(horizon)
                .build();
    }

    private record Output(List<TicketKpi> kpis, List<SlaAlert> alerts) {}

    private static Output run(Duration horizon) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config(horizon), ListSource.of(LINES),
                new PipelineSinks(kpis, new CollectingSink<DeadLetter>()).withAlerts(alerts, null));
        env.execute("ticketpulse-imminent-test");
        return new Output(kpis.values(), alerts.values());
    }

    private static List<String> rows(List<TicketKpi> kpis) {
        return kpis.stream()
                .sorted(java.util.Comparator.comparing((TicketKpi k) -> k.channel).thenComparingLong(k -> k.windowEndMs))
                .map(k -> k.channel + "/" + k.priority + " " + Duration.ofMillis(k.windowEndMs - T0.toEpochMilli())
                        .toMinutes() + "m imminent=" + k.imminentBreach + " backlog=" + k.backlogOpen)
                .toList();
    }

    @Test
    void theRowsCountTheMetricsAboutToBreachAtTheirWindowEnd() throws Exception {
        Output out = run(Duration.ofMinutes(5));

        assertThat(rows(out.kpis())).filteredOn(r -> r.startsWith("chat/P1 10m") || r.startsWith("chat/P1 20m")
                        || r.startsWith("chat/P1 30m"))
                .containsExactly("chat/P1 10m imminent=2 backlog=2", "chat/P1 20m imminent=1 backlog=3",
                        "chat/P1 30m imminent=0 backlog=3");
        assertThat(out.kpis()).filteredOn(k -> k.windowEndMs > T0.plus(Duration.ofMinutes(30)).toEpochMilli()
                || "email".equals(k.channel)).allSatisfy(k -> assertThat(k.imminentBreach).isZero());
        assertThat(out.alerts()).filteredOn(a -> "imminent_breach".equals(a.slaMetric))
                .extracting(a -> a.dedupKey + " " + a.status + " " + a.severity + " "
                        + Duration.ofMillis(a.changedAtMs - T0.toEpochMilli()).toMinutes() + "m " + a.elapsedS)
                .containsExactly("aggregate/imminent_breach/chat/P1/p1@1 firing red 20m 1.0",
                        "aggregate/imminent_breach/chat/P1/p1@1 resolved red 40m 0.0");
    }

    @Test
    void withoutAHorizonEveryRowCarriesZeroAndNoAlertFires() throws Exception {
        Output out = run(Duration.ZERO);

        assertThat(out.kpis()).isNotEmpty().allSatisfy(k -> assertThat(k.imminentBreach).isZero());
        assertThat(out.alerts()).noneMatch(a -> "imminent_breach".equals(a.slaMetric));
    }

    @Test
    void aReplayGivesTheSameRows() throws Exception {
        assertThat(rows(run(Duration.ofMinutes(5)).kpis())).isEqualTo(rows(run(Duration.ofMinutes(5)).kpis()));
    }
}
