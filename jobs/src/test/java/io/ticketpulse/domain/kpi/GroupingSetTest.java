package io.ticketpulse.domain.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketpulse.domain.Fact;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which row of a grouping set a fact counts in ({@link GroupingSet#keyOf}), and what a set may be. */
class GroupingSetTest {

    private static final long T = 1_700_000_000_000L;

    private static Fact created(String team, String agent, Map<String, String> attributes) {
        Fact f = Fact.created(T, "T1", "chat", "P2");
        f.team = team;
        f.agentId = agent;
        f.attributes = attributes;
        return f;
    }

    @Test
    void aFactCountsInTheRowOfItsValuesInTheSetsOrder() {
        Fact f = created("billing", "ann", Map.of("issue_type", "refund", "region", "EU"));

        assertThat(GroupingSet.of("team", "team").keyOf(f)).isEqualTo("team:billing");
        assertThat(GroupingSet.of("agent-channel", "agent_id", "channel").keyOf(f)).isEqualTo("agent-channel:ann/chat");
        assertThat(GroupingSet.of("issue", "attributes.issue_type").keyOf(f)).isEqualTo("issue:refund");
        assertThat(GroupingSet.of("channel", "channel").keyOf(f)).isEqualTo("channel:chat");
        assertThat(GroupingSet.of("overall").keyOf(f)).isEqualTo("overall:");
    }

    @Test
    void missingAndEmptyValuesAreUnknown() {
        Fact f = created(null, "", Map.of("issue_type", ""));

        assertThat(GroupingSet.of("team-agent-issue", "team", "agent_id", "attributes.issue_type").keyOf(f))
                .isEqualTo("team-agent-issue:~/~/~");
        assertThat(GroupingSet.of("region", "attributes.region").keyOf(created("a", "b", null)))
                .isEqualTo("region:~");
    }

    @Test
    void anAllowListFoldsEveryOtherKnownValueIntoOther() {
        GroupingSet set = GroupingSet.of("issue", "attributes.issue_type")
                .withAllowed("attributes.issue_type", Set.of("incident", "request"));

        assertThat(set.keyOf(created(null, null, Map.of("issue_type", "incident")))).isEqualTo("issue:incident");
        assertThat(set.keyOf(created(null, null, Map.of("issue_type", "spam")))).isEqualTo("issue:*");
        assertThat(set.keyOf(created(null, null, Map.of()))).as("unknown is not folded").isEqualTo("issue:~");
        assertThat(set.keepsFirstSeen()).isFalse();
        assertThat(GroupingSet.of("team", "team").keepsFirstSeen()).isTrue();
        assertThat(GroupingSet.of("channel", "channel").keepsFirstSeen()).as("channel is not capped").isFalse();
    }

    @Test
    void aBacklogMoveCountsOnlyInTheFamiliesWhoseDimensionsMoved() {
        Fact leave = Fact.groupBacklog(T, "T1", "chat", "P2", -1);
        leave.team = "billing";
        leave.agentId = "ann";
        leave.moved = Fact.MOVED_AGENT;
        Fact enter = Fact.groupBacklog(T, "T1", "chat", "P2", +1);
        enter.team = "billing";
        enter.agentId = "bob";
        enter.moved = Fact.MOVED_AGENT;

        assertThat(GroupingSet.of("agent", "agent_id").keyOf(leave)).isEqualTo("agent:ann");
        assertThat(GroupingSet.of("agent", "agent_id").keyOf(enter)).isEqualTo("agent:bob");
        assertThat(GroupingSet.of("team", "team").keyOf(leave)).isNull();
        assertThat(GroupingSet.of("overall").keyOf(enter)).isNull();
        // a real entry (moved 0) counts everywhere
        enter.moved = 0;
        assertThat(GroupingSet.of("overall").keyOf(enter)).isEqualTo("overall:");
        // the default rows' BACKLOG facts are not the sets' (they count GROUP_BACKLOG), and the other way round
        assertThat(GroupingSet.of("overall").keyOf(Fact.backlog(T, "T1", "chat", "P2", +1))).isNull();
        assertThat(Fact.backlog(T, "T1", "chat", "P2", +1).countsForChannelPriority()).isTrue();
        assertThat(enter.countsForChannelPriority()).isFalse();
    }

    @Test
    void aSetIsCheckedWhenBuilt() {
        assertThatThrownBy(() -> GroupingSet.of("x", "team", "team")).hasMessageContaining("distinct");
        assertThatThrownBy(() -> GroupingSet.of("x", "team", "agent_id", "channel", "priority", "attributes.a"))
                .hasMessageContaining("at most 4");
        assertThatThrownBy(() -> GroupingSet.of("x", "queue")).hasMessageContaining("Unknown dimension 'queue'");
        assertThatThrownBy(() -> GroupingSet.of("x", "channel").withAllowed("channel", Set.of("chat")))
                .hasMessageContaining("not one of its capped dimensions");
        assertThatThrownBy(() -> GroupingSet.of("x", "team").withMaxValues(1).withAllowed("team", Set.of("a", "b")))
                .hasMessageContaining("more than max_values 1");
        assertThatThrownBy(() -> GroupingSet.of("x", "team").withMaxValues(0)).hasMessageContaining("max_values");
    }

    @Test
    void settingsRefuseDuplicatesAndTheDefaultFamilyAndTellWhatFactsMustCarry() {
        assertThat(KpiSettings.problems(List.of(GroupingSet.of("a", "team"), GroupingSet.of("a", "agent_id")), null))
                .containsExactly("grouping set id 'a' is used twice (channel_priority is the default rows')");
        assertThat(KpiSettings.problems(List.of(GroupingSet.of("cp", "priority", "channel")), null))
                .containsExactly("grouping set 'cp' has the dimensions of 'channel_priority'");
        assertThat(KpiSettings.problems(List.of(GroupingSet.of("a", "team", "channel"),
                GroupingSet.of("b", "channel", "team")), null))
                .containsExactly("grouping set 'b' has the dimensions of 'a'");
        VolatilityRules unknownSet = new VolatilityRules(10, VolatilityRules.Baseline.PREVIOUS_WINDOWS, 3,
                VolatilityRules.DEFAULT_KPIS, List.of("channel_priority", "nope"), io.ticketpulse.domain.sla.Severity.WARNING);
        assertThat(KpiSettings.problems(List.of(), unknownSet))
                .containsExactly("volatility: unknown grouping set 'nope' (channel_priority or an id of kpis.grouping_sets)");

        KpiSettings settings = new KpiSettings(List.of(GroupingSet.of("team", "team"),
                GroupingSet.of("issue", "attributes.issue_type", "attributes.area"), GroupingSet.of("overall")), null);
        assertThat(settings.attribution()).isEqualTo(new KpiAttribution(true, false, List.of("area", "issue_type")));
        assertThat(KpiSettings.DEFAULT.attribution().any()).isFalse();
        assertThat(new KpiSettings(List.of(GroupingSet.of("c", "channel")), null).attribution().any()).isFalse();
    }
}
