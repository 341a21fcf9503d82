package io.ticketpulse.domain.ticket;

import static io.ticketpulse.domain.TicketEvents.assigned;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static io.ticketpulse.domain.TicketEvents.withAttributes;
import static io.ticketpulse.domain.TicketEvents.withTeam;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FactType;
import io.ticketpulse.domain.kpi.KpiAttribution;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Facts attributed to team, agent and creation attributes for grouping sets ({@link KpiAttribution}): the value of
 * each at the fact's instant, the open backlog moving with the ticket's team and agent, and the (channel, priority)
 * facts unchanged by it.
 */
class TicketAttributionTest {

    private static final long MIN = 60_000L;
    private static final KpiAttribution ALL = new KpiAttribution(true, true, List.of("issue_type"));

    private static List<Fact> facts(KpiAttribution attribution, TicketEvent... events) {
        List<TicketEvent> sorted = new ArrayList<>(List.of(events));
        sorted.sort(TicketEngine.EVENT_ORDER);
        TicketEngine engine = new TicketEngine(10 * MIN, 7 * 24 * 60 * MIN, 8 * 24 * 60 * MIN, null, attribution);
        return engine.replay(TicketModel.fresh(sorted.get(0).ticketId), sorted, Long.MAX_VALUE).facts();
    }

    private static TicketEvent byAgent(TicketEvent e, String agent) {
        e.agentId = agent;
        return e;
    }

    private static Fact attributed(Fact f, String team, String agent, int moved) {
        f.team = team;
        f.agentId = agent;
        f.attributes = Map.of("issue_type", "refund");
        f.moved = moved;
        return f;
    }

    /**
     * T1 (chat/P2, team billing, issue type refund): assigned to ann at 10:01, ann replies at 10:02, reassigned to
     * bob at 10:05, moved to team refunds at 10:06, resolved by bob at 10:09.
     */
    private static TicketEvent[] reassignedTicket() {
        return new TicketEvent[] {
            withAttributes(withTeam(created("e1", "T1", at(0), "chat", "P2"), "billing"),
                    Map.of("issue_type", "refund", "region", "EU")),
            byAgent(assigned("e2", "T1", at(1), "billing"), "ann"),
            byAgent(reply("e3", "T1", at(2)), "ann"),
            byAgent(assigned("e4", "T1", at(5), null), "bob"),
            assigned("e5", "T1", at(6), "refunds"),
            byAgent(resolved("e6", "T1", at(9)), "bob")
        };
    }

    private static Fact group(long t, int delta, String team, String agent, int moved) {
        return attributed(Fact.groupBacklog(t, "T1", "chat", "P2", delta), team, agent, moved);
    }

    @Test
    void factsCarryTheTeamAgentAndTrackedAttributesOfTheirInstantAndTheGroupBacklogMovesWithThem() {
        assertThat(facts(ALL, reassignedTicket())).containsExactly(
                attributed(Fact.created(at(0), "T1", "chat", "P2"), "billing", null, 0),
                // the default rows' backlog entry, as always, and the grouping sets' one, attributed
                Fact.backlog(at(0), "T1", "chat", "P2", +1),
                group(at(0), +1, "billing", null, 0),
                // the assignment gives the open ticket an agent: it moves from "no agent" to ann
                group(at(1), -1, "billing", null, Fact.MOVED_AGENT),
                group(at(1), +1, "billing", "ann", Fact.MOVED_AGENT),
                // the first response is ann's
                attributed(Fact.firstResponse(at(2), "T1", "chat", "P2", 2 * MIN), "billing", "ann", 0),
                attributed(Fact.waitDecided(at(2), "T1", "chat", "P2", false), "billing", "ann", 0),
                group(at(5), -1, "billing", "ann", Fact.MOVED_AGENT),
                group(at(5), +1, "billing", "bob", Fact.MOVED_AGENT),
                group(at(6), -1, "billing", "bob", Fact.MOVED_TEAM),
                group(at(6), +1, "refunds", "bob", Fact.MOVED_TEAM),
                // handling time: an agent from 10:01 (ann, then bob) until the team-only ASSIGNED of 10:06 (no
                // agent_id: unassigned, as the AHT definition reads it), so 5 minutes; attributed like the others
                attributed(Fact.handlingTime(at(9), "T1", "chat", "P2", 5 * MIN), "refunds", "bob", 0),
                // resolved by bob in team refunds, one reply: one-touch; it leaves both backlogs (a real exit)
                attributed(Fact.resolved(at(9), "T1", "chat", "P2", 9 * MIN, true), "refunds", "bob", 0),
                Fact.backlog(at(9), "T1", "chat", "P2", -1),
                group(at(9), -1, "refunds", "bob", 0));
    }

    @Test
    void aTicketFoldedBeforeGroupingSetsEntersTheirBacklogAtItsNextEventAndNeverLeavesItUnentered() {
        // folded by an engine without grouping sets (a savepoint of an earlier configuration) up to 10:03
        TicketEngine plain = new TicketEngine(10 * MIN, 7 * 24 * 60 * MIN, 8 * 24 * 60 * MIN, null, KpiAttribution.NONE);
        TicketEvent creation = withTeam(created("e1", "T1", at(0), "chat", "P2"), "billing");
        TicketModel folded = plain.replay(TicketModel.fresh("T1"), List.of(creation), at(3)).folded();
        TicketEngine grouped = new TicketEngine(10 * MIN, 7 * 24 * 60 * MIN, 8 * 24 * 60 * MIN, null, ALL);

        List<Fact> after = grouped.replay(folded, List.of(byAgent(reply("e2", "T1", at(4)), "ann"),
                byAgent(resolved("e3", "T1", at(9)), "ann")), Long.MAX_VALUE).facts();

        assertThat(after).filteredOn(f -> f.type == FactType.GROUP_BACKLOG)
                .extracting(f -> f.timeMs, f -> f.delta, f -> f.team, f -> f.agentId, f -> f.moved)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at(4), +1, "billing", "ann", 0),
                        org.assertj.core.groups.Tuple.tuple(at(9), -1, "billing", "ann", 0));
        assertThat(after).filteredOn(f -> f.type == FactType.BACKLOG).singleElement()
                .isEqualTo(Fact.backlog(at(9), "T1", "chat", "P2", -1));
        // a ticket resolved before its first event under grouping sets never enters, so never leaves
        TicketModel resolvedEarly = plain.replay(TicketModel.fresh("T1"), List.of(creation,
                resolved("e9", "T1", at(1))), at(3)).folded();
        assertThat(grouped.replay(resolvedEarly, List.of(byAgent(reply("e4", "T1", at(5)), "ann")), Long.MAX_VALUE)
                .facts()).noneMatch(f -> f.type == FactType.GROUP_BACKLOG);
    }

    @Test
    void withoutAttributionTheFactsAreTheChannelAndPriorityOnesAsBefore() {
        assertThat(facts(KpiAttribution.NONE, reassignedTicket())).containsExactly(
                Fact.created(at(0), "T1", "chat", "P2"),
                Fact.backlog(at(0), "T1", "chat", "P2", +1),
                Fact.firstResponse(at(2), "T1", "chat", "P2", 2 * MIN),
                Fact.waitDecided(at(2), "T1", "chat", "P2", false),
                Fact.handlingTime(at(9), "T1", "chat", "P2", 5 * MIN),
                Fact.resolved(at(9), "T1", "chat", "P2", 9 * MIN, true),
                Fact.backlog(at(9), "T1", "chat", "P2", -1));
    }

    @Test
    void theChannelAndPriorityFactsOfAnAttributedRunAreThoseOfAPlainRun() {
        TicketEvent[] events = {
            withTeam(created("e1", "T2", at(0), "email", "P3"), "l1"),
            byAgent(assigned("e2", "T2", at(1), "l1"), "cy"),
            // priority and team move at the same instant: one move with both bits
            withTeam(priorityChanged("e3", "T2", at(4), "P1"), "l2"),
            byAgent(reply("e4", "T2", at(12)), "dee"),
            byAgent(resolved("e5", "T2", at(30)), "dee")
        };
        List<Fact> attributed = facts(ALL, events);
        List<Fact> projected = new ArrayList<>();
        for (Fact f : attributed) {
            // what the (channel, priority) family sees: moves without a priority bit are not its facts
            if (!f.countsForChannelPriority()) {
                continue; // GROUP_BACKLOG: the grouping sets' own backlog
            }
            Fact plain = f.withSign(f.sign);
            plain.team = null;
            plain.agentId = null;
            plain.attributes = null;
            plain.moved = 0;
            projected.add(plain);
        }

        assertThat(projected).containsExactlyElementsOf(facts(KpiAttribution.NONE, events));
        assertThat(attributed).filteredOn(f -> f.timeMs == at(4) && f.type == FactType.GROUP_BACKLOG)
                .extracting(f -> f.moved).containsExactly(Fact.MOVED_PRIORITY | Fact.MOVED_TEAM,
                        Fact.MOVED_PRIORITY | Fact.MOVED_TEAM);
        assertThat(attributed).filteredOn(f -> f.type == FactType.WAIT_DECIDED)
                .singleElement().satisfies(f -> {
                    assertThat(f.flag).as("timed out at 10:10").isTrue();
                    assertThat(f.agentId).isEqualTo("cy");
                    assertThat(f.team).isEqualTo("l2");
                    assertThat(f.attributes).isNull(); // T2 has no issue_type
                });
    }
}
