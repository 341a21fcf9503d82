package io.ticketpulse.domain.sla;

import static io.ticketpulse.domain.TicketEvents.asTest;
import static io.ticketpulse.domain.TicketEvents.assigned;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.atH;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.customerReplied;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static io.ticketpulse.domain.sla.SlaTestPolicies.lines;
import static io.ticketpulse.domain.sla.SlaTestPolicies.upTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertReconcilerTest {

    private static final String T = "T-42";

    /** What the caller keeps: the last record emitted per key. */
    private final Map<String, SlaAlert> lastEmitted = new HashMap<>();
    private final List<TicketEvent> events = new ArrayList<>();

    private static TicketEvent createdP1() {
        return created("c", T, at(0), "chat", "P1");
    }

    /** One step of the caller: derive up to the clock, reconcile, store what is emitted. */
    private List<SlaAlert> step(long clockMs) {
        return step(clockMs, false);
    }

    private List<SlaAlert> step(long clockMs, boolean testTicket) {
        List<SlaAlert> derived = upTo(SlaTimeline.project(events, SlaTestPolicies.STANDARD), clockMs);
        List<SlaAlert> emit = AlertReconciler.toEmit(derived, lastEmitted, clockMs, testTicket);
        for (SlaAlert a : emit) {
            lastEmitted.put(a.dedupKey, a);
        }
        return emit;
    }

    @Test
    void theFirstCallEmitsEveryDerivedRecordInOrder() {
        events.add(createdP1());
        List<SlaAlert> derived = upTo(SlaTimeline.project(events, SlaTestPolicies.STANDARD), at(3));

        assertThat(AlertReconciler.toEmit(derived, Map.of(), at(3))).isEqualTo(derived);
        assertThat(lines(derived)).containsExactly(
                "assignment/1/p1 firing/warning/warning @1m30s",
                "assignment/1/p1 firing/breach/warning @2m",
                "assignment/1/p1 firing/breach/yellow @2m12s",
                "first_response/1/p1 firing/warning/warning @2m15s",
                "assignment/1/p1 firing/breach/orange @2m36s",
                "assignment/1/p1 firing/breach/red @3m",
                "first_response/1/p1 firing/breach/warning @3m");
    }

    @Test
    void rule1EmitsOnlyTheRecordsAfterTheLastEmittedOfEachKey() {
        events.add(createdP1());
        step(at(2, 20));

        assertThat(lines(step(at(3, 20)))).containsExactly(
                "assignment/1/p1 firing/breach/orange @2m36s",
                "assignment/1/p1 firing/breach/red @3m",
                "first_response/1/p1 firing/breach/warning @3m",
                "first_response/1/p1 firing/breach/yellow @3m18s");
    }

    @Test
    void callingAgainWithTheUpdatedLastEmittedEmitsNothing() {
        events.add(createdP1());
        assertThat(step(at(3, 20))).isNotEmpty();

        assertThat(step(at(3, 20))).isEmpty();
        assertThat(step(at(3, 25))).isEmpty();
    }

    @Test
    void rule1SkipsALaterRecordInTheSameStateAsThePreviousEmitted() {
        events.addAll(List.of(createdP1(), reply("r1", T, at(1)), assigned("a1", T, at(1), "billing")));
        assertThat(lines(step(atH(1, 35, 0)))).containsExactly("resolution/1/p1 firing/warning/warning @1h30m");

        // late: two minutes pending before the warning; the warning now happens at 1h32m, already reported
        events.addAll(List.of(statusChanged("s1", T, at(10), "pending"), statusChanged("s2", T, at(12), "open")));

        assertThat(step(atH(1, 35, 0))).isEmpty();
        assertThat(lines(step(atH(2, 2, 0)))).containsExactly("resolution/1/p1 firing/breach/warning @2h2m");
    }

    @Test
    void rule2EmitsTheCurrentDerivedStateAsACorrectionWhenALateEventChangedHistory() {
        events.add(createdP1());
        events.add(assigned("a1", T, at(0, 10), "billing"));
        assertThat(lines(step(at(3, 30)))).containsExactly(
                "first_response/1/p1 firing/warning/warning @2m15s",
                "first_response/1/p1 firing/breach/warning @3m",
                "first_response/1/p1 firing/breach/yellow @3m18s");

        events.add(reply("r1", T, at(2, 50))); // late: answered before the deadline

        List<SlaAlert> correction = step(at(3, 30));
        assertThat(lines(correction)).containsExactly("first_response/1/p1 resolved/warning/warning fulfilled @2m50s");
        assertThat(step(at(3, 30))).isEmpty();
        assertThat(step(atH(9, 0, 0))).extracting(a -> a.slaMetric).doesNotContain("first_response");
    }

    @Test
    void rule3ResolvesAsRetractedAFiringKeyThatIsNoLongerDerived() {
        events.add(createdP1());
        step(at(2, 20));

        events.add(priorityChanged("p", T, at(2, 5), "P3")); // late: P3 since 2m05s

        List<SlaAlert> emitted = step(at(2, 20));
        assertThat(lines(emitted)).containsExactly(
                "assignment/1/p1 resolved/breach/warning retargeted @2m5s",
                "first_response/1/p1 resolved/warning/warning retracted @2m20s");
        SlaAlert retracted = emitted.get(1);
        assertThat(retracted.changedAtMs).isEqualTo(at(2, 20));
        assertThat(retracted.elapsedS).isEqualTo(135.0);
        assertThat(retracted.priority).isEqualTo("P1");
        assertThat(retracted.summary).isEqualTo(
                "first_response resolved (retracted) on T-42 (P1 chat): 2m15s elapsed of 3m target, 75% used");
        assertThat(step(at(2, 20))).isEmpty();
        assertThat(lines(step(at(23)))).containsExactly("assignment/1/p3 firing/warning/warning @22m30s");
    }

    @Test
    void rule3SaysTestTicketWhenTheTicketBecameATestTicket() {
        events.add(createdP1());
        step(at(2, 20));

        events.add(asTest(customerReplied("u1", T, at(2))));

        assertThat(lines(step(at(2, 30), SlaTimeline.isTestTicket(events)))).containsExactly(
                "assignment/1/p1 resolved/breach/yellow test_ticket @2m30s",
                "first_response/1/p1 resolved/warning/warning test_ticket @2m30s");
        assertThat(step(at(9), true)).isEmpty();
    }

    @Test
    void theThreeArgumentFormSaysRetracted() {
        SlaAlert last = upTo(SlaTimeline.project(List.of(createdP1()), SlaTestPolicies.STANDARD), at(1, 30)).get(0);

        List<SlaAlert> emit = AlertReconciler.toEmit(List.of(), Map.of(last.dedupKey, last), at(2));

        assertThat(lines(emit)).containsExactly("assignment/1/p1 resolved/warning/warning retracted @2m");
    }

    @Test
    void aResolvedKeyThatIsNoLongerDerivedIsLeftAlone() {
        events.addAll(List.of(createdP1(), reply("r1", T, at(2, 30))));
        step(at(2, 40));
        assertThat(lastEmitted.get("T-42/first_response/2026-11-22T10:00:00.000Z/1/p1@3").status).isEqualTo("resolved");

        events.add(asTest(reply("r2", T, at(2, 45))));

        assertThat(step(at(2, 50), true)).extracting(a -> a.slaMetric).containsOnly("assignment");
    }

    @Test
    void recordsAfterTheClockAreNotEmitted() {
        List<SlaAlert> projected = SlaTimeline.project(List.of(createdP1()), SlaTestPolicies.STANDARD);

        assertThat(AlertReconciler.toEmit(projected, Map.of(), at(1, 40))).hasSize(1);
    }

    @Test
    void nextChangeAfterIsTheFirstProjectedChangeAfterTheClock() {
        List<SlaAlert> projected = SlaTimeline.project(List.of(createdP1()), SlaTestPolicies.STANDARD);

        assertThat(AlertReconciler.nextChangeAfter(projected, at(0))).isEqualTo(at(1, 30));
        assertThat(AlertReconciler.nextChangeAfter(projected, at(2))).isEqualTo(at(2, 12));
        assertThat(AlertReconciler.nextChangeAfter(projected, atH(3, 0, 0))).isEqualTo(Long.MAX_VALUE);
        assertThat(AlertReconciler.nextChangeAfter(List.of(), at(0))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void allEndedTellsWhetherAnythingIsStillPending() {
        // resolved, then the follow-up (an agent contact) made: nothing runs any more
        List<TicketEvent> done = List.of(createdP1(), reply("r1", T, at(3, 12)), resolved("z", T, at(5)),
                reply("r2", T, at(6)));
        List<TicketEvent> resolvedOnly = List.of(createdP1(), reply("r1", T, at(3, 12)), resolved("z", T, at(5)));
        List<TicketEvent> paused = List.of(createdP1(), reply("r1", T, at(1)), assigned("a1", T, at(1), "x"),
                statusChanged("s", T, at(2), "pending"));

        assertThat(SlaTimeline.allEnded(done, SlaTestPolicies.STANDARD)).isTrue();
        assertThat(SlaTimeline.allEnded(resolvedOnly, SlaTestPolicies.STANDARD))
                .as("the follow-up of the resolution runs (untracked under these policies)").isFalse();
        assertThat(SlaTimeline.allEnded(List.of(createdP1()), SlaTestPolicies.STANDARD)).isFalse();
        assertThat(SlaTimeline.allEnded(paused, SlaTestPolicies.STANDARD)).isFalse();
        assertThat(SlaTimeline.allEnded(List.of(reply("r1", T, at(1))), SlaTestPolicies.STANDARD)).isFalse();
        assertThat(SlaTimeline.allEnded(List.of(asTest(createdP1())), SlaTestPolicies.STANDARD)).isTrue();

        List<SlaAlert> doneProjected = SlaTimeline.project(done, SlaTestPolicies.STANDARD);
        assertThat(AlertReconciler.allEnded(doneProjected, at(5))).isTrue();
        assertThat(AlertReconciler.allEnded(doneProjected, at(4))).isFalse();
        // the projection cannot see the paused resolution: only SlaTimeline.allEnded can
        assertThat(AlertReconciler.allEnded(SlaTimeline.project(paused, SlaTestPolicies.STANDARD), at(3))).isTrue();
    }

    /**
     * Events arrive in a random order (some late), the clock moves on between arrivals: the emitted stream never
     * repeats a state for a key, and once everything has arrived its last record per key is the state the full
     * projection has at the final clock.
     */
    @Test
    void anIncrementalRunWithLateEventsConvergesToTheFullProjection() {
        for (List<TicketEvent> scenario : SlaTimelineTest.scenarios()) {
            Random random = new Random(7);
            for (int run = 0; run < 10; run++) {
                lastEmitted.clear();
                events.clear();
                List<TicketEvent> arrival = new ArrayList<>(scenario);
                Collections.shuffle(arrival, random);
                long clock = at(0);
                Map<String, List<SlaAlert>> emittedPerKey = new LinkedHashMap<>();
                for (TicketEvent e : arrival) {
                    events.add(e);
                    clock = Math.max(clock, e.occurredAtMs - random.nextInt(600_000));
                    for (SlaAlert a : step(clock)) {
                        emittedPerKey.computeIfAbsent(a.dedupKey, k -> new ArrayList<>()).add(a);
                    }
                }
                long end = atH(400, 0, 0);
                for (SlaAlert a : step(end)) {
                    emittedPerKey.computeIfAbsent(a.dedupKey, k -> new ArrayList<>()).add(a);
                }
                for (List<SlaAlert> stream : emittedPerKey.values()) {
                    for (int i = 1; i < stream.size(); i++) {
                        assertThat(AlertReconciler.sameState(stream.get(i - 1), stream.get(i)))
                                .as("repeat in %s", stream).isFalse();
                    }
                }
                Map<String, SlaAlert> finalState = new HashMap<>();
                for (SlaAlert a : SlaTimeline.project(scenario, SlaTestPolicies.STANDARD)) {
                    finalState.put(a.dedupKey, a);
                }
                for (Map.Entry<String, SlaAlert> e : lastEmitted.entrySet()) {
                    SlaAlert expected = finalState.get(e.getKey());
                    if (expected == null) {
                        assertThat(e.getValue().status).as(e.getKey()).isEqualTo("resolved");
                    } else {
                        assertThat(AlertReconciler.sameState(e.getValue(), expected)).as(e.getKey()).isTrue();
                    }
                }
                assertThat(lastEmitted.keySet()).containsAll(finalState.keySet());
                assertThat(step(end)).isEmpty();
            }
        }
    }
}
