package io.ticketpulse.domain.ticket;

import static io.ticketpulse.domain.TicketEvents.T0;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FactType;
import io.ticketpulse.domain.kpi.KpiAttribution;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * IMMINENT facts: a tracked metric counts as about to breach while its clock runs and its counted time is in
 * [target - horizon, target) (deadline in (t, t + horizon]). Horizon 3m; P1: first response 10m, resolution 10m;
 * P2: first response 30m.
 */
class ImminentBreachFactsTest {

    private static final long MIN = 60_000;

    private static SlaPolicy policy(String id, String priority, Duration firstResponse, Duration resolution) {
        Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        targets.put(SlaMetric.FIRST_RESPONSE, firstResponse);
        if (resolution != null) {
            targets.put(SlaMetric.RESOLUTION, resolution);
        }
        return new SlaPolicy(id, new PolicyMatch(Set.of(), Set.of(priority), Set.of(), Map.of()), targets,
                WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION);
    }

    private static final SlaPolicySet POLICIES = new SlaPolicySet("test.yaml", 1, List.of(
            policy("p1", "P1", Duration.ofMinutes(10), Duration.ofMinutes(10)),
            policy("p2", "P2", Duration.ofMinutes(30), null)), AggregateRules.DEFAULT);

    private static List<String> imminent(long horizonMs, TicketEvent... events) {
        TicketEngine engine = new TicketEngine(10 * MIN, 7 * 24 * 60 * MIN, 8 * 24 * 60 * MIN, POLICIES,
                KpiAttribution.NONE, horizonMs);
        TicketReplay replay = engine.replay(TicketModel.fresh(events[0].ticketId), List.of(events), Long.MIN_VALUE);
        return replay.facts().stream().filter(f -> f.type == FactType.IMMINENT).map(ImminentBreachFactsTest::line)
                .toList();
    }

    private static String line(Fact f) {
        long offset = f.timeMs - T0.toEpochMilli();
        return (f.delta > 0 ? "+1" : "-1") + " " + f.priority + " @" + offset / MIN + "m";
    }

    @Test
    void aReplyBeforeTheDeadlineEndsIt() {
        assertThat(imminent(3 * MIN, created("e1", "T1", at(0), "email", "P1"), reply("e2", "T1", at(9)),
                resolved("e3", "T1", at(9))))
                .containsExactly("+1 P1 @7m", "+1 P1 @7m", "-1 P1 @9m", "-1 P1 @9m");
    }

    @Test
    void theBreachEndsIt() {
        assertThat(imminent(3 * MIN, created("e1", "T1", at(0), "email", "P1"), reply("e2", "T1", at(1))))
                // first response fulfilled at 1m (never imminent); resolution 7m..10m, then breached
                .containsExactly("+1 P1 @7m", "-1 P1 @10m");
    }

    @Test
    void aPausedClockIsNotAboutToBreachAndCountsAgainWhenItRuns() {
        assertThat(imminent(3 * MIN, created("e1", "T1", at(0), "email", "P1"), reply("e2", "T1", at(1)),
                statusChanged("e3", "T1", at(8), "pending"), statusChanged("e4", "T1", at(20), "open")))
                // resolution: 7m..8m; paused 8m..20m (counted 8m); again at 20m until the deadline at 22m
                .containsExactly("+1 P1 @7m", "-1 P1 @8m", "+1 P1 @20m", "-1 P1 @22m");
    }

    @Test
    void aPriorityChangeMovesItOrRetargetsItAway() {
        // first response retargeted at 8m from 10m (imminent since 7m) to 30m: not imminent until 27m
        assertThat(imminent(3 * MIN, created("e1", "T1", at(0), "email", "P1"),
                priorityChanged("e2", "T1", at(8), "P2"), reply("e3", "T1", at(40))))
                .containsExactly("+1 P1 @7m", "+1 P1 @7m", "-1 P1 @8m", "-1 P1 @8m", "+1 P2 @27m", "-1 P2 @30m");
    }

    @Test
    void aHorizonLongerThanTheTargetCountsFromTheStart() {
        assertThat(imminent(15 * MIN, created("e1", "T1", at(0), "email", "P1"), reply("e2", "T1", at(4)),
                resolved("e3", "T1", at(5))))
                .containsExactly("+1 P1 @0m", "+1 P1 @0m", "-1 P1 @4m", "-1 P1 @5m");
    }

    @Test
    void noHorizonNoFacts() {
        assertThat(imminent(0, created("e1", "T1", at(0), "email", "P1"))).isEmpty();
    }
}
