package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.TicketEvents.assigned;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.domain.kpi.GroupingSet;
import io.ticketpulse.domain.kpi.KpiSettings;
import io.ticketpulse.domain.kpi.VolatilityKpi;
import io.ticketpulse.domain.kpi.VolatilityRules;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.HandComputedScenario;
import io.ticketpulse.testing.KpiRow;
import io.ticketpulse.testing.ListSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Grouping sets through the real topology at parallelism 2, on a hand-computed input: the rows of two sets, per
 * agent (capped at 2 agents, first seen in event time) and overall, checked row by row against the definitions;
 * the default (channel, priority) rows unchanged by them; and a volatility alert on the overall rows.
 *
 * <p>10-minute windows sliding by 5 minutes (panes [10:00,10:05), [10:05,10:10), ...), 2 minutes allowed
 * lateness, final rows only (as a bounded replay), 10-minute wait threshold, 2 quiet windows. The window ending
 * at 10:n is called E(n). The tickets, each created with its agent:
 * <ul>
 *   <li>A chat/P2, ann, created 10:00; ann replies 10:02 (FRT 120 s); resolved by ann 10:08 (480 s, one reply).
 *   <li>B email/P3, bob, created 10:01; reassigned to ann 10:06; ann replies 10:07 (FRT 360 s); stays open.
 *   <li>C chat/P1, cy, created 10:03; cy replies 10:04 (FRT 60 s); reassigned to ann 10:16 (nothing else
 *       happens to chat/P1 then: a move its default rows must not see); stays open.
 *   <li>D chat/P2, dee, created 10:11; resolved by dee 10:12 (60 s, no reply: one-touch); its wait times out
 *       at 10:21 (no reply within 10 minutes).
 * </ul>
 * Agents kept: the pane [10:00,10:05) holds ann, bob and cy (in that order), so ann and bob are kept (cap 2);
 * cy, and dee (first in [10:10,10:15)), are counted under "other".
 */
class GroupingSetsPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final GroupingSet AGENT = GroupingSet.of("agent", "agent_id").withMaxValues(2);
    private static final GroupingSet OVERALL = GroupingSet.of("overall");

    private static TicketEvent agent(TicketEvent e, String agentId) {
        e.agentId = agentId;
        return e;
    }

    static List<String> lines() {
        List<TicketEvent> events = List.of(
                agent(created("a1", "A", at(0), "chat", "P2"), "ann"),
                agent(created("b1", "B", at(1), "email", "P3"), "bob"),
                agent(reply("a2", "A", at(2)), "ann"),
                agent(created("c1", "C", at(3), "chat", "P1"), "cy"),
                agent(reply("c2", "C", at(4)), "cy"),
                agent(assigned("b2", "B", at(6), null), "ann"),
                agent(reply("b3", "B", at(7)), "ann"),
                agent(resolved("a3", "A", at(8)), "ann"),
                agent(created("d1", "D", at(11), "chat", "P2"), "dee"),
                agent(resolved("d2", "D", at(12)), "dee"),
                agent(assigned("c3", "C", at(16), null), "ann"));
        List<String> lines = new ArrayList<>();
        for (TicketEvent e : events) {
            lines.add(new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static PipelineConfig.Builder config() {
        return HandComputedScenario.configBuilder(Duration.ofMinutes(2)).kpiUpdates(KpiUpdates.FINAL_ONLY);
    }

    private record Run(List<TicketKpi> kpis, List<SlaAlert> alerts, List<DeadLetter> deadLetters) {
        List<TicketKpi> family(String set) {
            return kpis.stream().filter(k -> java.util.Objects.equals(k.groupingSet, set)).sorted(ORDER).toList();
        }
    }

    private static final Comparator<TicketKpi> ORDER =
            Comparator.comparing(TicketKpi::groupKey).thenComparingLong(k -> k.windowEndMs);

    private static Run run(PipelineConfig config, int parallelism) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(parallelism);
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config, ListSource.of(lines()),
                new PipelineSinks(kpis, deadLetters).withAlerts(alerts, null));
        env.execute("ticketpulse-grouping-sets-test");
        return new Run(kpis.values(), alerts.values(), deadLetters.values());
    }

    private static KpiRow ann(int start, int end) {
        return KpiRow.group("agent", "agent_id", "ann", false, at(start), at(end));
    }

    private static KpiRow bob(int start, int end) {
        return KpiRow.group("agent", "agent_id", "bob", false, at(start), at(end));
    }

    private static KpiRow other(int start, int end) {
        return KpiRow.group("agent", "agent_id", null, true, at(start), at(end));
    }

    private static KpiRow overall(int start, int end) {
        return KpiRow.group("overall", null, null, false, at(start), at(end));
    }

    /** Agent load: open tickets (backlog_open), tickets handled (resolved) and FRT per agent. */
    static List<TicketKpi> expectedAgentRows() {
        return List.of(
                // ann: A (created, FRT 120 s in time) in [10:00,10:05); B moved to her at 10:06, her reply to B at
                // 10:07 (FRT 360 s), A resolved by her at 10:08 (480 s, one-touch)
                ann(-5, 5).created(1).frt(1, 120, 120, 120, 120, 120, 120).waits(0, 1).backlog(1).build(),
                // FRTs 120 and 360: p50 the 1st, p90 the 2nd; open at 10:10: B (A resolved)
                ann(0, 10).created(1).frt(2, 240, 120, 360, 360, 360, 360).waits(0, 2)
                        .resolved(1, 480, 480, 480, 1).backlog(1).build(),
                ann(5, 15).frt(1, 360, 360, 360, 360, 360, 360).waits(0, 1).resolved(1, 480, 480, 480, 1)
                        .backlog(1).build(),
                // C moved to her at 10:16: open at 10:20 and 10:25, B and C
                ann(10, 20).backlog(2).build(),
                ann(15, 25).backlog(2).build(),
                // her last fact is in [10:15,10:20): two quiet windows with B and C open
                ann(20, 30).backlog(2).build(),
                ann(25, 35).backlog(2).build(),
                // bob: B created 10:01, moved away at 10:06 (a fact of his rows: his backlog drops to 0)
                bob(-5, 5).created(1).backlog(1).build(),
                bob(0, 10).created(1).backlog(0).build(),
                bob(5, 15).backlog(0).build(),
                // other (cy, dee): C created 10:03, cy's reply 10:04 (FRT 60 s)
                other(-5, 5).created(1).frt(1, 60, 60, 60, 60, 60, 60).waits(0, 1).backlog(1).build(),
                other(0, 10).created(1).frt(1, 60, 60, 60, 60, 60, 60).waits(0, 1).backlog(1).build(),
                // D created and resolved (60 s, one-touch) in [10:10,10:15); C still open at 10:15
                other(5, 15).created(1).resolved(1, 60, 60, 60, 1).backlog(1).build(),
                // C moved from cy to ann at 10:16: "other" has no open ticket left at 10:20
                other(10, 20).created(1).resolved(1, 60, 60, 60, 1).backlog(0).build(),
                // C's move (a fact of this row) and D's wait timing out at 10:21; no quiet windows: nothing open
                other(15, 25).waits(1, 1).backlog(0).build(),
                other(20, 30).waits(1, 1).backlog(0).build());
    }

    /** All tickets; the moves of B and C between agents are not facts of these rows. */
    static List<TicketKpi> expectedOverallRows() {
        return List.of(
                // A, B, C created; FRTs 120 (A) and 60 (C): p50 the 1st of 60, 120, p90 the 2nd
                overall(-5, 5).created(3).frt(2, 90, 60, 120, 120, 120, 120).waits(0, 2).backlog(3).build(),
                // FRTs 60, 120, 360: p50 rank 2, p90 rank 3; A resolved (480 s); open at 10:10: B, C
                overall(0, 10).created(3).frt(3, 180, 120, 360, 360, 360, 360).waits(0, 3)
                        .resolved(1, 480, 480, 480, 1).backlog(2).build(),
                // D created; B's FRT 360; A (480 s) and D (60 s) resolved: p50 60, p90 480
                overall(5, 15).created(1).frt(1, 360, 360, 360, 360, 360, 360).waits(0, 1)
                        .resolved(2, 270, 60, 480, 2).backlog(2).build(),
                overall(10, 20).created(1).resolved(1, 60, 60, 60, 1).backlog(2).build(),
                overall(15, 25).waits(1, 1).backlog(2).build(),
                overall(20, 30).waits(1, 1).backlog(2).build(),
                overall(25, 35).backlog(2).build(),
                overall(30, 40).backlog(2).build());
    }

    @Test
    void twoGroupingSetsGiveTheHandComputedRowsAndLeaveTheDefaultRowsAsTheyAre() throws Exception {
        PipelineConfig plain = config().build();
        PipelineConfig grouped = config().kpiSettings(new KpiSettings(List.of(AGENT, OVERALL), null)).build();

        Run without = run(plain, 2);
        Run with = run(grouped, 2);

        assertThat(with.deadLetters()).isEmpty();
        assertThat(with.family("agent")).containsExactlyElementsOf(sorted(expectedAgentRows()));
        assertThat(with.family("overall")).containsExactlyElementsOf(sorted(expectedOverallRows()));
        // the default rows are exactly (as JSON) those of the run without grouping sets
        assertThat(json(with.family(null))).isNotEmpty().containsExactlyElementsOf(json(without.family(null)));
        assertThat(without.kpis()).allMatch(k -> k.groupingSet == null);
        // every row is final, revision 0 (a bounded replay), and valid against the contract's JSON Schema
        assertThat(with.kpis()).allMatch(k -> k.isFinal && k.revision == 0);
        var schema = io.ticketpulse.schema.Schemas.load(io.ticketpulse.schema.Schemas.TICKET_KPI);
        for (TicketKpi k : with.kpis()) {
            assertThat(schema.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(TicketKpiJson.toJson(k))))
                    .as(k.toString()).isEmpty();
        }
    }

    @Test
    void theSameRowsAtParallelismOneAndTwoAndAVolatilityAlertOnTheOverallRows() throws Exception {
        // tickets created per overall window, against the window 10 minutes (one size) earlier:
        // E15: 1 vs 3 (E5), -66.7 %: out (1); E20: 1 vs 3 (E10): out (2): fires. E25: 0 vs 1, E30: 0 vs 1: out;
        // E35 and E40: baselines 0, no percentage. It stays firing.
        VolatilityRules volatility = new VolatilityRules(10, VolatilityRules.Baseline.PREVIOUS_WINDOWS, 1,
                List.of(VolatilityKpi.TICKETS_CREATED), List.of("overall"), Severity.YELLOW);
        KpiSettings settings = new KpiSettings(List.of(AGENT, OVERALL), volatility);
        SlaPolicySet policies = new SlaPolicySet("test", 4, List.of(), AggregateRules.DEFAULT, settings);
        PipelineConfig config = config().slaPolicies(policies).build();

        Run two = run(config, 2);
        Run one = run(config, 1);

        assertThat(json(sorted(one.kpis()))).containsExactlyElementsOf(json(sorted(two.kpis())));
        assertThat(two.family("agent")).containsExactlyElementsOf(sorted(expectedAgentRows()));
        assertThat(two.alerts()).singleElement().satisfies(a -> {
            assertThat(a.dedupKey).isEqualTo("volatility/tickets_created/overall:@4");
            assertThat(a.kind).isEqualTo("volatility");
            assertThat(a.status).isEqualTo("firing");
            assertThat(a.severity).isEqualTo("yellow");
            assertThat(a.changedAtMs).isEqualTo(at(20));
            assertThat(a.targetS).isEqualTo(3.0);
            assertThat(a.elapsedS).isEqualTo(1.0);
            assertThat(a.overrunPct).isEqualTo((1 - 3) / 3.0 * 100);
            assertThat(a.channel).isNull();
            assertThat(a.groupingSet).isEqualTo("overall");
            assertThat(a.summary).isEqualTo(
                    "tickets created of all tickets -66.7 % vs the mean of the previous 1 windows: 1 vs 3");
            var schema = io.ticketpulse.schema.Schemas.load(io.ticketpulse.schema.Schemas.SLA_ALERT);
            try {
                assertThat(schema.validate(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(SlaAlertJson.toJson(a)))).isEmpty();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(one.alerts()).extracting(a -> a.dedupKey).containsExactly("volatility/tickets_created/overall:@4");
    }

    private static List<TicketKpi> sorted(List<TicketKpi> rows) {
        return rows.stream().sorted(ORDER).toList();
    }

    private static List<String> json(List<TicketKpi> rows) {
        return rows.stream().map(k -> new String(TicketKpiJson.toJson(k), StandardCharsets.UTF_8)).toList();
    }
}
