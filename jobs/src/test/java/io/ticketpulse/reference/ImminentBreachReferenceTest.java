package io.ticketpulse.reference;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.EscalationTier;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.reference.ImminentCeilingReference.Row;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The references of the imminent-breach differential test on hand-worked input (so that the references are checked
 * by hand, not only against the job). First response targets: P1 10 min, P2 30 min, P3 3 h; horizon 5 min.
 */
class ImminentBreachReferenceTest {

    private static final long H = Duration.ofMinutes(5).toMillis();
    private static final long R = Duration.ofHours(2).toMillis();
    private static final long T = Duration.ofDays(1).toMillis();

    private static SlaPolicy policy(String priority, Duration firstResponse, List<EscalationTier> tiers) {
        return new SlaPolicy("p-" + priority, new PolicyMatch(Set.of(), Set.of(priority), Set.of(), Map.of()),
                Map.of(SlaMetric.FIRST_RESPONSE, firstResponse), WarningRule.NONE, tiers);
    }

    private static SlaPolicySet policies(AggregateRules rules, List<EscalationTier> tiers) {
        return new SlaPolicySet("imminent.yaml", 1, List.of(
                policy("P1", Duration.ofMinutes(10), tiers),
                policy("P2", Duration.ofMinutes(30), tiers),
                policy("P3", Duration.ofHours(3), tiers)), rules);
    }

    private static final SlaPolicySet POLICIES = policies(AggregateRules.DEFAULT, SlaPolicy.DEFAULT_ESCALATION);

    private static TicketEvent event(String id, String ticket, EventType type, long atMs) {
        return new TicketEvent(id, ticket, type, atMs);
    }

    private static TicketEvent status(String id, String ticket, String status, long atMs) {
        TicketEvent e = event(id, ticket, EventType.STATUS_CHANGED, atMs);
        e.status = status;
        return e;
    }

    /** ImminentBreachPipelineTest's input: A 0:00 reply 12:00, B 3:00 reply 11:00, C 14:00, D email 40:00 reply 41:00. */
    private static List<TicketEvent> pipelineTestInput() {
        return new ArrayList<>(List.of(
                TicketEvents.created("a1", "A", at(0), "chat", "P1"),
                TicketEvents.created("b1", "B", at(3), "chat", "P1"),
                event("b2", "B", EventType.AGENT_REPLIED, at(11)),
                event("a2", "A", EventType.AGENT_REPLIED, at(12)),
                TicketEvents.created("c1", "C", at(14), "chat", "P1"),
                TicketEvents.created("d1", "D", at(40), "email", "P1"),
                event("d2", "D", EventType.AGENT_REPLIED, at(41))));
    }

    @Test
    void countsTheMetricsWhoseDeadlineIsInTheHorizonAfterTheWindowEnd() {
        ImminentBreachReference ref = new ImminentBreachReference(pipelineTestInput(), POLICIES, R, T, H);

        // deadlines: A 10:00, B 13:00, C 24:00; [W, W + 5m)
        assertThat(ref.count("chat", "P1", at(5))).isZero(); // A's 10:00 is not before 5:00 + 5m
        assertThat(ref.count("chat", "P1", at(6))).isEqualTo(1); // A
        assertThat(ref.count("chat", "P1", at(10))).isEqualTo(2); // A breaching exactly at W still counts, and B
        // A breached at 10:00; B's reply at 11:00 is not before W = 11:00, so B still counts there (like the backlog)
        assertThat(ref.count("chat", "P1", at(11))).isEqualTo(1);
        assertThat(ref.count("chat", "P1", at(11) + 1)).isZero(); // B answered
        assertThat(ref.count("chat", "P1", at(20))).isEqualTo(1); // C
        assertThat(ref.count("chat", "P1", at(30))).isZero(); // C breached at 24:00
        assertThat(ref.countsAt(at(41))).isEmpty(); // D's deadline 50:00 is beyond the horizon
    }

    @Test
    void aPausedClockNeverBreachesAndAResumedOneMovesTheDeadline() {
        List<TicketEvent> events = List.of(
                TicketEvents.created("c1", "C", at(14), "chat", "P1"),
                status("c2", "C", "pending", at(20)),
                status("c3", "C", "open", at(22)));
        // first response does not pause: only resolution and periodic update do; so use the resolution metric
        SlaPolicySet resolution = new SlaPolicySet("imminent.yaml", 1, List.of(new SlaPolicy("p-P1",
                new PolicyMatch(Set.of(), Set.of("P1"), Set.of(), Map.of()),
                Map.of(SlaMetric.RESOLUTION, Duration.ofMinutes(10)), WarningRule.NONE,
                SlaPolicy.DEFAULT_ESCALATION)), AggregateRules.DEFAULT);
        ImminentBreachReference ref = new ImminentBreachReference(events, resolution, R, T, H);

        assertThat(ref.count("chat", "P1", at(20))).isEqualTo(1); // deadline 24:00, pending only from 20:00 on
        assertThat(ref.count("chat", "P1", at(21))).isZero(); // paused
        assertThat(ref.count("chat", "P1", at(22))).isZero(); // the resume at 22:00 is not before W
        assertThat(ref.count("chat", "P1", at(23))).isEqualTo(1); // deadline 26:00
        assertThat(ref.count("chat", "P1", at(26))).isEqualTo(1);
        assertThat(ref.count("chat", "P1", at(26) + 1)).isZero(); // breached at 26:00
    }

    @Test
    void aPriorityChangeRetargetsAndMovesTheMetricToItsNewPriority() {
        List<TicketEvent> events = pipelineTestInput();
        TicketEvent toP2 = event("a3", "A", EventType.PRIORITY_CHANGED, at(7));
        toP2.priority = "P2";
        events.add(toP2);
        ImminentBreachReference ref = new ImminentBreachReference(events, POLICIES, R, T, H);

        assertThat(ref.count("chat", "P1", at(7))).isEqualTo(1); // A under P1, deadline 10:00
        assertThat(ref.count("chat", "P1", at(8))).isZero(); // A now under P2: deadline 30:00
        assertThat(ref.count("chat", "P1", at(10))).isEqualTo(1); // B only
        assertThat(ref.count("chat", "P2", at(8))).isZero();
        // A is answered at 12:00: before 30:00 - 5m, so it never counts under P2
        assertThat(ref.count("chat", "P2", at(26))).isZero();
    }

    @Test
    void aMetricStopsCountingWhenItExpiresAndATestTicketNeverCounts() {
        TicketEvent created = TicketEvents.created("e1", "E", at(0), "chat", "P3");
        // P3's first response is due at 3:00: imminent from 2:55, but R = 2 h after the last event it expired
        assertThat(new ImminentBreachReference(List.of(created), POLICIES, R, T, H).count("chat", "P3", at(178)))
                .isZero();
        assertThat(new ImminentBreachReference(List.of(created), POLICIES, Duration.ofHours(4).toMillis(), T, H)
                .count("chat", "P3", at(178))).isEqualTo(1);
        TicketEvent laterTest = event("e2", "E", EventType.CUSTOMER_REPLIED, at(200));
        laterTest.isTest = true;
        assertThat(new ImminentBreachReference(List.of(created, laterTest), POLICIES, Duration.ofHours(4).toMillis(),
                T, H).count("chat", "P3", at(178))).isZero();
    }

    @Test
    void duplicatesCountOnceAndEventsAtOrAfterTheWindowEndDoNotCount() {
        List<TicketEvent> events = pipelineTestInput();
        events.add(TicketEvents.created("c1", "C", at(14), "chat", "P1")); // an exact duplicate
        ImminentBreachReference ref = new ImminentBreachReference(events, POLICIES, R, T, H);

        assertThat(ref.count("chat", "P1", at(20))).isEqualTo(1);
        assertThat(ref.count("chat", "P1", at(14))).isZero(); // C is created at W: not before it
    }

    @Test
    void theCeilingAlertOfThePipelineTestFiresRedAndRecovers() {
        // ceiling 0.5, default tiers (yellow 0.55, orange 0.65, red 0.75), raise and clear after 2, hysteresis 5
        SlaPolicySet policies = policies(new AggregateRules(null, 2, 2, 5.0, 0.5), SlaPolicy.DEFAULT_ESCALATION);
        List<Row> rows = List.of(new Row("chat", "P1", at(10), 2), new Row("chat", "P1", at(20), 1),
                new Row("chat", "P1", at(30), 0), new Row("chat", "P1", at(40), 0));

        assertThat(ImminentCeilingReference.alerts(policies, rows)).containsExactly(
                new ImminentCeilingReference.Change("aggregate/imminent_breach/chat/P1/p-P1@1", "firing", "red",
                        at(20), 1.0, at(20)),
                new ImminentCeilingReference.Change("aggregate/imminent_breach/chat/P1/p-P1@1", "resolved", "red",
                        at(40), 0.0, at(20)));
    }

    @Test
    void theCeilingAlertStepsDownThroughTheHysteresisBand() {
        // ceiling 1, tiers yellow 10 % (1.1), orange 200 % (3), red 400 % (5); hysteresis 40 points: clear of
        // yellow below 0.7, of orange below 2.6; raise after 1, clear after 2
        List<EscalationTier> tiers = List.of(new EscalationTier(Severity.YELLOW, 10),
                new EscalationTier(Severity.ORANGE, 200), new EscalationTier(Severity.RED, 400));
        SlaPolicySet policies = policies(new AggregateRules(null, 1, 2, 40.0, 1.0), tiers);
        long[] counts = {3, 2, 2, 1, 0, 0, 5};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            rows.add(new Row("chat", "P1", at(10 * (i + 1)), counts[i]));
        }

        assertThat(ImminentCeilingReference.alerts(policies, rows)).extracting(c -> c.status() + " " + c.severity()
                + " at " + (c.changedAtMs() - at(0)) / 60_000 + "m, count " + c.count()).containsExactly(
                "firing orange at 10m, count 3.0", // 3 >= 3
                "firing yellow at 30m, count 2.0", // two rows clear of orange (< 2.6), not of yellow
                // 1 is in yellow's hysteresis band (not clear: 0.7 <= 1 < 1.1); then 0, 0: clear twice
                "resolved yellow at 60m, count 0.0",
                "firing red at 70m, count 5.0");
    }
}
