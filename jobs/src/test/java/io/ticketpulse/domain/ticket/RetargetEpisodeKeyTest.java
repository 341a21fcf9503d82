package io.ticketpulse.domain.ticket;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.kpi.KpiAttribution;
import io.ticketpulse.domain.sla.SlaTimeline;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.SlaTestPolicies;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A metric re-targeted away from a policy and back to it: its alert under the policy resolved {@code retargeted}
 * when it left, and that record must stay the last of its {@code dedup_key} (Alertmanager, PagerDuty and the
 * {@code alert_current} table rely on it), so the second time under the policy is a new episode with its own key,
 * {@code …@<version>#2}.
 *
 * <p>Policies {@link SlaTestPolicies#policies()} (version 1): assignment 5 min under P2 ({@code p2-high}), 2 min
 * under P1 ({@code p1-urgent}); warning at 75 %, tiers at 10 / 30 / 50 % over. R = 60 min. Worked out by hand:
 * created P2 at 0:00 (warning 3:45); P1 at 0:04 (elapsed 4:00 is past P1's red tier 3:00: breach red at once); P2
 * again at 0:04:30 (elapsed 4:30: past the warning, so warning at once; breach 5:00, yellow 5:30, orange 6:30, red
 * 7:30); nothing more: expired at 0:04:30 + R = 64:30.
 */
class RetargetEpisodeKeyTest {

    private static final long MIN = 60_000;
    private static final String KEY = "T1/assignment/2026-11-22T10:00:00.000Z/1/";

    private static TicketEngine engine() {
        return new TicketEngine(10 * MIN, 60 * MIN, 120 * MIN, SlaTestPolicies.policies(), KpiAttribution.NONE);
    }

    private static List<TicketEvent> events() {
        return List.of(
                created("a1", "T1", at(0), "email", "P2"),
                priorityChanged("a2", "T1", at(4), "P1"),
                priorityChanged("a3", "T1", at(4, 30), "P2"));
    }

    private static final List<String> EXPECTED = List.of(
            KEY + "p2-high@1 225s firing warning warning",
            KEY + "p1-urgent@1 240s firing breach red", // within an instant in dedup_key order
            KEY + "p2-high@1 240s resolved warning warning retargeted",
            KEY + "p1-urgent@1 270s resolved breach red retargeted",
            KEY + "p2-high@1#2 270s firing warning warning",
            KEY + "p2-high@1#2 300s firing breach warning",
            KEY + "p2-high@1#2 330s firing breach yellow",
            KEY + "p2-high@1#2 390s firing breach orange",
            KEY + "p2-high@1#2 450s firing breach red",
            KEY + "p2-high@1#2 3870s resolved breach red expired");

    private static List<String> assignment(List<SlaAlert> records) {
        List<String> out = new ArrayList<>();
        for (SlaAlert a : records) {
            if (a.slaMetric.equals("assignment")) {
                out.add(a.dedupKey + " " + (a.changedAtMs - at(0)) / 1000 + "s " + a.status + " " + a.kind + " "
                        + a.severity + (a.resolveReason == null ? "" : " " + a.resolveReason));
            }
        }
        return out;
    }

    /** No record after a key's resolved record. */
    private static void assertResolvedIsLast(List<SlaAlert> records) {
        Map<String, SlaAlert> resolved = new HashMap<>();
        for (SlaAlert a : records) {
            assertThat(resolved.get(a.dedupKey)).as("a record after the resolved record of " + a.dedupKey).isNull();
            if (!a.isFiring()) {
                resolved.put(a.dedupKey, a);
            }
            assertThat(a.alertId).isEqualTo(a.dedupKey);
        }
    }

    @Test
    void aMetricRetargetedAwayAndBackStartsANewEpisodeKey() {
        TicketReplay replay = engine().replay(TicketModel.fresh("T1"), events(), Long.MAX_VALUE);
        List<SlaAlert> records = new ArrayList<>(replay.records()); // in order of occurrence: as emitted, sorted
        records.sort(Comparator.comparingLong((SlaAlert a) -> a.changedAtMs).thenComparing(a -> a.dedupKey));

        assertThat(assignment(records)).containsExactlyElementsOf(EXPECTED);
        assertResolvedIsLast(replay.records());
    }

    /** The operator's way: events one by one, evaluated every 30 s, folding as it goes (the episodes kept). */
    @Test
    void incrementalEvaluationKeepsTheEpisodesAcrossFolds() {
        TicketEngine engine = engine();
        List<TicketEvent> events = events();
        TicketState state = TicketState.fresh("T1");
        List<SlaAlert> out = new ArrayList<>();
        int next = 0;
        for (int halfMinute = 0; halfMinute <= 140; halfMinute++) {
            long clock = at(0) + halfMinute * 30_000L;
            while (next < events.size() && events.get(next).occurredAtMs <= clock) {
                state.buffer(events.get(next++));
            }
            out.addAll(TicketEvaluation.run(engine, state, clock, clock, clock + 1).alerts());
        }
        assertThat(assignment(out)).containsExactlyElementsOf(EXPECTED);
        assertResolvedIsLast(out);
    }

    /** The reference projection ({@code SlaTimeline}, test tree) gives the same hand-computed records. */
    @Test
    void theReferenceProjectionGivesTheSameEpisodeKeys() {
        List<SlaAlert> records = SlaTimeline.project(events(), SlaTestPolicies.policies(), 60 * MIN);

        assertThat(assignment(records)).containsExactlyElementsOf(EXPECTED);
        assertResolvedIsLast(records);
    }
}
