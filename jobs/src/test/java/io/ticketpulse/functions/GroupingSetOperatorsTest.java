package io.ticketpulse.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.domain.kpi.GroupingSet;
import io.ticketpulse.domain.kpi.KpiSettings;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.KpiGroupKey;
import io.ticketpulse.schema.TicketKpi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of the grouping sets' operators: the pre-aggregator's side output, the value caps
 * ({@link ValueFoldFunction}), the watermark delay, and the KPI windows of a grouping set's key. 1-minute panes,
 * 10-minute windows, 2 minutes allowed lateness; pane P(n) starts at {@code T0 + n min}.
 */
class GroupingSetOperatorsTest {

    private static final long MIN = 60_000L;
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final GroupingSet TEAM = GroupingSet.of("team", "team").withMaxValues(1);
    private static final GroupingSet ISSUE = GroupingSet.of("issue", "attributes.issue_type")
            .withAllowed("attributes.issue_type", Set.of("incident"));
    private static final GroupingSet OVERALL = GroupingSet.of("overall");

    private static PipelineConfig config() {
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(1))
                .allowedLateness(Duration.ofMinutes(2))
                .kpiSettings(new KpiSettings(List.of(TEAM, ISSUE, OVERALL), null))
                .build();
    }

    private static Fact created(long t, String ticket, String team, String issueType) {
        Fact f = Fact.created(t, ticket, "chat", "P2");
        f.team = team;
        f.attributes = issueType == null ? null : java.util.Map.of("issue_type", issueType);
        return f;
    }

    private static PaneDelta teamDelta(int pane, String team) {
        return PaneDelta.ofGroup(KpiGroupKey.encode("team", new String[] {team}, null), T0 + pane * MIN)
                .add(created(T0 + pane * MIN, "T-" + team + pane, team, null));
    }

    @Test
    void thePreAggregatorSendsTheDefaultDeltasOnAndOneDeltaPerGroupingSetRowToItsSideOutput() throws Exception {
        FactPreAggregator op = new FactPreAggregator(MIN, 1000, List.of(TEAM, ISSUE, OVERALL));
        try (OneInputStreamOperatorTestHarness<Fact, PaneDelta> h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            h.processElement(new StreamRecord<>(created(T0, "t1", "billing", "incident")));
            h.processElement(new StreamRecord<>(created(T0 + 1, "t2", "sales", "spam")));
            h.processElement(new StreamRecord<>(created(T0 + 2, "t3", "sales", null)));
            h.processWatermark(new Watermark(T0 + MIN));

            assertThat(h.extractOutputValues()).extracting(PaneDelta::key, d -> d.created)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("chat/P2", 3L));
            List<String> grouped = new ArrayList<>();
            for (StreamRecord<PaneDelta> r : h.getSideOutput(FactPreAggregator.GROUPED)) {
                grouped.add(r.getValue().key() + "+" + r.getValue().created);
            }
            assertThat(grouped).containsExactlyInAnyOrder("team:billing+1", "team:sales+2", "issue:incident+1",
                    "issue:*+1", "issue:~+1", "overall:+3");
        }
    }

    @Test
    void aMoveBetweenTeamsIsAFactOfTheTeamRowsOnlyNotOfTheChannelAndPriorityRows() throws Exception {
        FactPreAggregator op = new FactPreAggregator(MIN, 1000, List.of(TEAM, OVERALL));
        try (OneInputStreamOperatorTestHarness<Fact, PaneDelta> h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            Fact leave = Fact.groupBacklog(T0, "t1", "chat", "P2", -1);
            leave.team = "billing";
            leave.moved = Fact.MOVED_TEAM;
            Fact enter = Fact.groupBacklog(T0, "t1", "chat", "P2", +1);
            enter.team = "sales";
            enter.moved = Fact.MOVED_TEAM;
            h.processElement(new StreamRecord<>(leave));
            h.processElement(new StreamRecord<>(enter));
            h.processWatermark(new Watermark(T0 + MIN));

            assertThat(h.extractOutputValues()).as("no (channel, priority) delta at all").isEmpty();
            List<String> grouped = new ArrayList<>();
            for (StreamRecord<PaneDelta> r : h.getSideOutput(FactPreAggregator.GROUPED)) {
                grouped.add(r.getValue().key() + " backlog " + r.getValue().backlogDelta);
            }
            assertThat(grouped).containsExactlyInAnyOrder("team:billing backlog -1", "team:sales backlog 1");
        }
    }

    @Test
    void valueCapsDecideWhenThePaneCanNoLongerChangeAndThenLetEveryDeltaThrough() throws Exception {
        ValueFoldFunction function = new ValueFoldFunction(config());
        try (KeyedOneInputStreamOperatorTestHarness<String, PaneDelta, PaneDelta> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, ValueFoldFunction.BY_SET,
                        Types.STRING)) {
            h.processElement(new StreamRecord<>(teamDelta(0, "sales")));
            h.processElement(new StreamRecord<>(teamDelta(0, "billing")));
            h.processElement(new StreamRecord<>(teamDelta(1, "apps")));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // the next decision: P(0) at its end + 2 min

            // P(0) is decided at T0 + 3 min: billing is kept (cap 1, lexicographic), the others folded
            h.processWatermark(new Watermark(T0 + 3 * MIN - 1));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(new Watermark(T0 + 3 * MIN));
            assertThat(h.extractOutputValues()).extracting(PaneDelta::key)
                    .containsExactlyInAnyOrder("team:billing", "team:*", "team:*");
            h.getOutput().clear();

            // from now on nothing waits: every delta goes on at once
            h.processElement(new StreamRecord<>(teamDelta(9, "zed")));
            h.processElement(new StreamRecord<>(teamDelta(9, "billing")));
            assertThat(h.extractOutputValues()).extracting(PaneDelta::key).containsExactly("team:*", "team:billing");
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(function.foldedDeltaCount()).isEqualTo(3);
            // what stays is the kept value (bounded by the cap) and nothing else
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);

            // a set without first-seen caps passes straight through and keeps nothing
            PaneDelta overall = PaneDelta.ofGroup("overall:", T0).add(created(T0, "t9", null, null));
            h.processElement(new StreamRecord<>(overall));
            assertThat(h.extractOutputValues()).extracting(PaneDelta::key).contains("overall:");
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    @Test
    void theWatermarkDelayHoldsWatermarksBackButNotTheEndOfInput() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h =
                new OneInputStreamOperatorTestHarness<>(new WatermarkDelay<>(2 * MIN))) {
            h.open();
            h.processWatermark(new Watermark(T0));
            h.processElement(new StreamRecord<>("x", T0 + 5));
            h.processWatermark(new Watermark(T0 + MIN));
            h.processWatermark(new Watermark(Long.MAX_VALUE));

            List<Object> out = new ArrayList<>(h.getOutput());
            assertThat(out).containsExactly(new Watermark(T0 - 2 * MIN), new StreamRecord<>("x", T0 + 5),
                    new Watermark(T0 - MIN), new Watermark(Long.MAX_VALUE));
        }
    }

    @Test
    void theKpiWindowsOfAGroupingSetKeyEmitItsRowsAndEndWithNoState() throws Exception {
        PipelineConfig config = PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(1))
                .allowedLateness(Duration.ZERO)
                .quietWindows(0)
                .kpiSettings(new KpiSettings(List.of(TEAM, ISSUE, OVERALL), null))
                .build();
        KpiWindowFunction function = new KpiWindowFunction(config);
        try (KeyedTwoInputStreamOperatorTestHarness<String, PaneDelta, Long, TicketKpi> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(function, List.of(KpiWindowFunction.HORIZON_STATE)),
                        PaneDelta::key, horizon -> "", Types.STRING)) {
            h.open();
            PaneDelta folded = PaneDelta.ofGroup("issue:*", T0).add(created(T0, "t1", null, "spam"));
            h.processElement1(new StreamRecord<>(folded, T0));
            h.processBothWatermarks(new Watermark(T0 + MIN));

            List<TicketKpi> rows = new ArrayList<>();
            for (Object o : h.getOutput()) {
                if (o instanceof StreamRecord<?> r) {
                    rows.add((TicketKpi) r.getValue());
                }
            }
            assertThat(rows).singleElement().satisfies(k -> {
                assertThat(k.groupingSet).isEqualTo("issue");
                assertThat(k.dimensionNames).containsExactly("attributes.issue_type");
                assertThat(k.dimensionValues).containsExactly("other");
                assertThat(k.foldedDimensions).containsExactly("attributes.issue_type");
                assertThat(k.channel).isNull();
                assertThat(k.priority).isNull();
                assertThat(k.ticketsCreated).isEqualTo(1);
                assertThat(k.upsertKey()).isEqualTo("issue:*/" + (T0 - 9 * MIN) + "/" + (T0 + MIN));
            });
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
