package io.ticketpulse.domain.ticket;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.closed;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.kpi.KpiAttribution;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.SlaTestPolicies;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A ticket id reused for a second life (its first life closed and its state released, then a new {@code CREATED}
 * with the same id): the SLA alerts of the two lives must never share a {@code dedup_key}, or Alertmanager,
 * PagerDuty and the {@code alert_current} table would merge them. The life is the event time of the life's
 * {@code CREATED}, as in the pattern alerts' keys.
 *
 * <p>Policies {@link SlaTestPolicies#policies()} (version 1), P2 ({@code p2-high}): first response 10 min, warning
 * at 75 % (7:30), breach at 10:00, yellow / orange / red at 10 / 30 / 50 % over (11:00, 13:00, 15:00). Ticket
 * retention R = 60 min, tombstone retention T = 120 min. Every expected key and record below is worked out by
 * hand from those numbers (T0 = 2026-11-22T10:00:00Z).
 */
class TicketLivesAlertKeyTest {

    private static final long MIN = 60_000;
    private static final long R = 60 * MIN;
    private static final long T = 120 * MIN;

    /** Life 1 created at T0; life 2 created at T0 + 200 min = 13:20Z. */
    private static final String LIFE_1 = "T1/first_response/2026-11-22T10:00:00.000Z/1/p2-high@1";
    private static final String LIFE_2 = "T1/first_response/2026-11-22T13:20:00.000Z/1/p2-high@1";

    private static TicketEngine engine() {
        return new TicketEngine(10 * MIN, R, T, SlaTestPolicies.policies(), KpiAttribution.NONE);
    }

    /**
     * Life 1: created at 0, never answered, closed at 30 (its state is released T after, at 150). Life 2: the same
     * id created again at 200, never answered: its metrics expire R after its last event, at 260.
     */
    private static List<TicketEvent> twoLives() {
        return List.of(
                created("a1", "T1", at(0), "email", "P2"),
                closed("a2", "T1", at(30)),
                created("b1", "T1", at(200), "email", "P2"));
    }

    private static List<String> firstResponse(List<SlaAlert> records) {
        List<String> out = new ArrayList<>();
        for (SlaAlert a : records) {
            if (a.slaMetric.equals("first_response")) {
                out.add(a.dedupKey + " " + (a.changedAtMs - at(0)) / 1000 + "s " + a.status + " " + a.kind + " "
                        + a.severity + (a.resolveReason == null ? "" : " " + a.resolveReason));
            }
        }
        return out;
    }

    /** Hand-computed: each life's first response warns, breaches, escalates to red, and ends. */
    private static final List<String> EXPECTED = List.of(
            LIFE_1 + " 450s firing warning warning",
            LIFE_1 + " 600s firing breach warning",
            LIFE_1 + " 660s firing breach yellow",
            LIFE_1 + " 780s firing breach orange",
            LIFE_1 + " 900s firing breach red",
            LIFE_1 + " 1800s resolved breach red cancelled", // closed at 30 min
            LIFE_2 + " 12450s firing warning warning", // 200 min + 7:30
            LIFE_2 + " 12600s firing breach warning",
            LIFE_2 + " 12660s firing breach yellow",
            LIFE_2 + " 12780s firing breach orange",
            LIFE_2 + " 12900s firing breach red",
            LIFE_2 + " 15600s resolved breach red expired"); // 200 + R = 260 min

    @Test
    void theTwoLivesOfAReusedTicketIdNeverShareADedupKey() {
        TicketReplay replay = engine().replay(TicketModel.fresh("T1"), twoLives(), Long.MAX_VALUE);

        assertThat(firstResponse(replay.records())).containsExactlyElementsOf(EXPECTED);
        Set<String> life1 = new LinkedHashSet<>();
        Set<String> life2 = new LinkedHashSet<>();
        for (SlaAlert a : replay.records()) {
            (a.startedAtMs < at(200) ? life1 : life2).add(a.dedupKey);
            assertThat(a.alertId).isEqualTo(a.dedupKey);
        }
        assertThat(life1).as("assignment and first response of life 1").hasSize(2);
        assertThat(life2).as("assignment and first response of life 2").hasSize(2).doesNotContainAnyElementsOf(life1);
    }

    /** The operator's way: events one by one, evaluated each minute, folding as it goes (life 1 is forgotten). */
    @Test
    void incrementalEvaluationGivesEachLifeItsOwnKeys() {
        TicketEngine engine = engine();
        List<TicketEvent> events = twoLives();
        TicketState state = TicketState.fresh("T1");
        List<SlaAlert> out = new ArrayList<>();
        int next = 0;
        for (int minute = 0; minute <= 300; minute++) {
            long clock = at(minute);
            while (next < events.size() && events.get(next).occurredAtMs <= clock) {
                state.buffer(events.get(next++));
            }
            out.addAll(TicketEvaluation.run(engine, state, clock, clock, clock + 1).alerts());
        }
        assertThat(firstResponse(out)).containsExactlyElementsOf(EXPECTED);
    }

    /**
     * State restored from a savepoint of a build whose keys had no life ({@code T1/first_response/1/p2-high@1}): the
     * alerts firing under the earlier keys resolve ({@code retracted}) at the next evaluation, and the running
     * metrics are matched anew, the states they had reached firing under the current keys at the fold instant
     * (12:00.001, breached there, as after a policy version change); nothing stays firing under an earlier key.
     */
    @Test
    void alertsRestoredWithKeysOfAnEarlierBuildResolveAndFireAgainUnderTheCurrentKeys() {
        TicketEngine engine = engine();
        List<TicketEvent> events = List.of(created("a1", "T1", at(0), "email", "P2"), reply("a2", "T1", at(14)));
        TicketState state = TicketState.fresh("T1");
        state.buffer(events.get(0));
        for (int minute = 0; minute <= 12; minute++) {
            TicketEvaluation.run(engine, state, at(minute), at(minute), at(minute) + 1);
        }
        // by 12:00 assignment (5 min) is red (7:30) and first response yellow (11:00): rewrite the keys as the
        // earlier build wrote them
        assertThat(state.alertMarks).hasSize(2);
        for (AlertMark mark : state.alertMarks) {
            for (SlaAlert a : new SlaAlert[] {mark.lastEmitted, mark.finalLast}) {
                if (a != null) {
                    a.dedupKey = a.ticketId + "/" + a.slaMetric + "/" + a.cycle + "/" + a.policyId + "@"
                            + a.policyVersion;
                    a.alertId = a.dedupKey;
                }
            }
        }

        List<SlaAlert> out = new ArrayList<>(TicketEvaluation.run(engine, state, at(13), at(13), at(13) + 1).alerts());
        state.buffer(events.get(1));
        out.addAll(TicketEvaluation.run(engine, state, at(14), at(14), at(14) + 1).alerts());

        String assignment = "T1/assignment/2026-11-22T10:00:00.000Z/1/p2-high@1";
        assertThat(out).extracting(a -> a.dedupKey + " " + (a.changedAtMs - at(0)) + "ms " + a.status + " " + a.kind
                + " " + a.severity + (a.resolveReason == null ? "" : " " + a.resolveReason)).containsExactly(
                        assignment + " 720001ms firing breach red",
                        LIFE_1 + " 720001ms firing breach yellow",
                        LIFE_1 + " 780000ms firing breach orange", // 13:00, 30 % over
                        "T1/assignment/1/p2-high@1 780000ms resolved breach red retracted",
                        "T1/first_response/1/p2-high@1 780000ms resolved breach yellow retracted",
                        LIFE_1 + " 840000ms resolved breach orange fulfilled"); // the reply at 14:00
        assertThat(out.get(0).breachedAtMs).isEqualTo(at(12) + 1);
        assertThat(state.alertMarks).extracting(AlertMark::dedupKey).containsExactly(assignment);
    }

    /** Within T of its last event a CREATED does not start a new life: the ticket continues, one key per metric. */
    @Test
    void aCreatedWithinTheTombstoneRetentionContinuesTheLife() {
        List<TicketEvent> events = List.of(
                created("a1", "T1", at(0), "email", "P2"),
                reply("a2", "T1", at(1)),
                closed("a3", "T1", at(30)),
                created("b1", "T1", at(100), "email", "P2")); // 70 min after the close, within T
        TicketReplay replay = engine().replay(TicketModel.fresh("T1"), events, Long.MAX_VALUE);

        assertThat(replay.records()).extracting(a -> a.dedupKey).containsOnly(
                "T1/assignment/2026-11-22T10:00:00.000Z/1/p2-high@1");
    }
}
