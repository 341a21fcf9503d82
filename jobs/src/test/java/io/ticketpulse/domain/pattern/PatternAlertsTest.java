package io.ticketpulse.domain.pattern;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.event;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.PriorityDerivation;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The life of pattern alerts of one ticket, on named instants after {@code T0} (minutes). */
class PatternAlertsTest {

    private static final int VERSION = 3;
    private static final PatternRules RULES = new PatternRules(List.of(
            new PatternRule(RiskPattern.CUSTOMER_CHASING, true, 3, Duration.ofMinutes(60), Severity.YELLOW),
            new PatternRule(RiskPattern.REOPEN_LOOP, true, 2, Duration.ofDays(1), Severity.ORANGE),
            new PatternRule(RiskPattern.SILENT_RESOLUTION, false, 1, Duration.ofDays(1), Severity.YELLOW)));

    private final PatternAlerts alerts = new PatternAlerts(RULES, VERSION, PriorityDerivation.DEFAULT);
    private PatternTicketState state;

    @BeforeEach
    void ticket() {
        state = PatternTicketState.fresh("T-1");
        assertThat(alerts.onEvent(state, created("c", "T-1", at(0), "email", "P2"))).isEmpty();
    }

    private static PatternHit chasing(int fromMin, int toMin) {
        return new PatternHit("T-1", RiskPattern.CUSTOMER_CHASING, at(fromMin), at(toMin), 3);
    }

    @Test
    void aHitFiresWithTheFilesSeverityAndItsOwnDedupKey() {
        SlaAlert a = alerts.onHit(state, chasing(10, 30));

        assertThat(a.status).isEqualTo("firing");
        assertThat(a.kind).isEqualTo("pattern");
        assertThat(a.severity).isEqualTo("yellow");
        assertThat(a.slaMetric).isEqualTo("customer_chasing");
        assertThat(a.dedupKey).isEqualTo("T-1/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@3").isEqualTo(a.alertId);
        assertThat(a.policyId).isEqualTo("patterns");
        assertThat(a.policyVersion).isEqualTo(VERSION);
        assertThat(a.cycle).isEqualTo(1);
        assertThat(a.channel).isEqualTo("email");
        assertThat(a.priority).isEqualTo("P2");
        assertThat(a.priorityDerived).isFalse();
        assertThat(a.startedAtMs).isEqualTo(at(10));
        assertThat(a.changedAtMs).isEqualTo(at(30));
        assertThat(a.breachedAtMs).isEqualTo(at(30));
        assertThat(a.deadlineAtMs).isEqualTo(at(70));
        assertThat(a.targetS).isEqualTo(3600.0);
        assertThat(a.elapsedS).isEqualTo(1200.0);
        assertThat(a.overrunPct).isCloseTo(-66.667, org.assertj.core.data.Offset.offset(0.001));
        assertThat(a.resolveReason).isNull();
        assertThat(a.summary).isEqualTo("P2 email ticket T-1: customer chasing (3 customer replies in a row without"
                + " an agent reply within 1h)");
    }

    @Test
    void aHitOfAFiringPatternChangesNothing() {
        assertThat(alerts.onHit(state, chasing(10, 30))).isNotNull();
        assertThat(alerts.onHit(state, chasing(31, 40))).isNull();
        assertThat(state.firing).hasSize(1);
    }

    @Test
    void anAgentReplyResolvesWhatItClearsAndTheNextEpisodeHasANewKey() {
        alerts.onHit(state, chasing(10, 30));
        alerts.onHit(state, new PatternHit("T-1", RiskPattern.REOPEN_LOOP, at(20), at(35), 2));

        List<SlaAlert> cleared = alerts.onEvent(state, event("r", "T-1", EventType.AGENT_REPLIED, at(45)));

        assertThat(cleared).singleElement().satisfies(r -> {
            assertThat(r.dedupKey).isEqualTo("T-1/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@3");
            assertThat(r.status).isEqualTo("resolved");
            assertThat(r.resolveReason).isEqualTo("fulfilled");
            assertThat(r.changedAtMs).isEqualTo(at(45));
            assertThat(r.elapsedS).isEqualTo(2100.0);
            assertThat(r.breachedAtMs).isEqualTo(at(30));
        });
        assertThat(state.firing).extracting(f -> f.pattern).containsExactly("reopen_loop");
        assertThat(alerts.onHit(state, chasing(50, 70)).dedupKey).isEqualTo("T-1/customer_chasing/2026-11-22T10:00:00.000Z/2/patterns@3");
    }

    @Test
    void theEndOfTheTicketResolvesEveryFiringAlertInPatternOrder() {
        alerts.onHit(state, new PatternHit("T-1", RiskPattern.REOPEN_LOOP, at(20), at(35), 2));
        alerts.onHit(state, chasing(10, 36));

        List<SlaAlert> ended = alerts.onEvent(state, event("x", "T-1", EventType.CLOSED, at(90)));

        assertThat(ended).extracting(a -> a.slaMetric + " " + a.status + " " + a.resolveReason + " " + a.changedAtMs)
                .containsExactly("customer_chasing resolved cancelled " + at(90),
                        "reopen_loop resolved cancelled " + at(90));
        assertThat(state.ended).isTrue();
        assertThat(state.firing).isEmpty();
    }

    @Test
    void disabledOrUnlistedPatternsAndUnknownTicketsRaiseNothing() {
        assertThat(alerts.onHit(state, new PatternHit("T-1", RiskPattern.SILENT_RESOLUTION, at(0), at(5), 2)))
                .isNull();
        assertThat(alerts.onHit(state, new PatternHit("T-1", RiskPattern.REASSIGNMENT_PING_PONG, at(0), at(5), 3)))
                .isNull();
        PatternTicketState unknown = PatternTicketState.fresh("T-2");
        alerts.onEvent(unknown, event("a", "T-2", EventType.CUSTOMER_REPLIED, at(1)));
        assertThat(alerts.onHit(unknown, new PatternHit("T-2", RiskPattern.CUSTOMER_CHASING, at(1), at(3), 3)))
                .isNull();
    }

    @Test
    void alertsCarryTheTicketsCurrentPriorityTeamAndDerivation() {
        PatternTicketState derived = PatternTicketState.fresh("T-3");
        var c = created("c3", "T-3", at(0), "chat", null);
        c.attributes = Map.of("urgency", "high", "impact", "high");
        alerts.onEvent(derived, c);
        SlaAlert first = alerts.onHit(derived, new PatternHit("T-3", RiskPattern.CUSTOMER_CHASING, at(1), at(3), 3));
        assertThat(first.priority).isEqualTo(PriorityDerivation.DEFAULT.derive(c.attributes));
        assertThat(first.priorityDerived).isTrue();

        var assigned = event("a3", "T-3", EventType.ASSIGNED, at(4));
        assigned.team = "billing";
        alerts.onEvent(derived, assigned);
        alerts.onEvent(derived, priorityChanged("p3", "T-3", at(5), "P1"));
        SlaAlert resolved = alerts.onEvent(derived, event("r3", "T-3", EventType.AGENT_REPLIED, at(6))).get(0);
        assertThat(resolved.priority).isEqualTo("P1");
        assertThat(resolved.priorityDerived).isFalse();
        assertThat(resolved.team).isEqualTo("billing");
    }

    @Test
    void aReusedTicketIdsNextLifeNeverRepeatsADedupKey() {
        SlaAlert firstLife = alerts.onHit(state, chasing(10, 30));
        alerts.onEvent(state, event("x", "T-1", EventType.CLOSED, at(90)));
        assertThat(state.ended).isTrue();

        // the ticket ended: its state is forgotten, and a CREATED of the same id starts a life with episode 1 again
        PatternTicketState next = PatternTicketState.fresh("T-1");
        alerts.onEvent(next, created("c2", "T-1", at(200), "email", "P2"));
        SlaAlert secondLife = alerts.onHit(next, chasing(210, 230));

        assertThat(secondLife.cycle).isEqualTo(firstLife.cycle).isEqualTo(1);
        assertThat(firstLife.dedupKey).isEqualTo("T-1/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@3");
        assertThat(secondLife.dedupKey).isEqualTo("T-1/customer_chasing/2026-11-22T13:20:00.000Z/1/patterns@3")
                .isNotEqualTo(firstLife.dedupKey).isEqualTo(secondLife.alertId);
        assertThat(alerts.onEvent(next, event("r", "T-1", EventType.AGENT_REPLIED, at(240)))).singleElement()
                .satisfies(r -> assertThat(r.dedupKey).isEqualTo(secondLife.dedupKey));
    }

    @Test
    void aLateEarlierCreatedDoesNotChangeTheKeyOfAFiringAlert() {
        SlaAlert fired = alerts.onHit(state, chasing(10, 30));
        alerts.onEvent(state, created("c0", "T-1", at(-5), "email", "P2"));
        assertThat(alerts.resolveAll(state, at(40))).singleElement()
                .satisfies(r -> assertThat(r.dedupKey).isEqualTo(fired.dedupKey));
    }

    @Test
    void expiryResolvesCancelled() {
        alerts.onHit(state, chasing(10, 30));
        assertThat(alerts.resolveAll(state, at(1000))).singleElement()
                .satisfies(r -> assertThat(r.resolveReason).isEqualTo("cancelled"));
        assertThat(state.firing).isEmpty();
    }

    @Test
    void durationsAreWrittenAsInThePolicyFile() {
        assertThat(PatternAlerts.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(PatternAlerts.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(PatternAlerts.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
