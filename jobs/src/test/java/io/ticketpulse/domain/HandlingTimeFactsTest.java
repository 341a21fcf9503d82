package io.ticketpulse.domain;

import static io.ticketpulse.domain.TicketEvents.assignedTo;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.closed;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static io.ticketpulse.domain.TicketEvents.reopened;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static io.ticketpulse.domain.TicketEvents.withAttributes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.TicketEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The handling-time (AHT) facts and the derived creation priority of the reference projection {@link TicketFacts}:
 * per resolution cycle, the time with an agent assigned while open in status new/open (or none), at the cycle's
 * RESOLVED or CLOSED. Every expected value is worked out by hand in the comment above it.
 */
class HandlingTimeFactsTest {

    private static final long MIN = 60_000;

    private static List<Fact> handlingTimes(TicketEvent... events) {
        return TicketFacts.derive(List.of(events), Long.MAX_VALUE, 10 * MIN).stream()
                .filter(f -> f.type == FactType.HANDLING_TIME).toList();
    }

    private static TicketEvent createdT1() {
        return created("e0", "T1", at(0), "chat", "P2");
    }

    @Test
    void theTimeWithAnAgentInStatusNewOrOpenCountsAndPendingDoesNot() {
        // agent from 0:02; pending 0:10-0:30: 8 m + 20 m (0:30-0:50) = 28 m, at the resolution
        assertThat(handlingTimes(createdT1(), assignedTo("e1", "T1", at(2), "a1"),
                statusChanged("e2", "T1", at(10), "pending"), statusChanged("e3", "T1", at(30), "open"),
                resolved("e4", "T1", at(50)))).containsExactly(
                Fact.handlingTime(at(50), "T1", "chat", "P2", 28 * MIN));
    }

    @Test
    void onHoldAndSolvedStopTheCountAndANewStatusResumesIt() {
        // 0:01-0:05 (4 m), on hold 0:05-0:15, new 0:15-0:20 (5 m), solved 0:20-0:40, open 0:40-0:41 (1 m): 10 m
        assertThat(handlingTimes(createdT1(), assignedTo("e1", "T1", at(1), "a1"),
                statusChanged("e2", "T1", at(5), "on_hold"), statusChanged("e3", "T1", at(15), "new"),
                statusChanged("e4", "T1", at(20), "solved"), statusChanged("e5", "T1", at(40), "open"),
                resolved("e6", "T1", at(41)))).containsExactly(
                Fact.handlingTime(at(41), "T1", "chat", "P2", 10 * MIN));
    }

    @Test
    void anAssignedWithoutAgentUnassignsAndTheNextAgentResumesTheCount() {
        // a1 0:00-0:10 (10 m), back to the queue 0:10-0:25, a2 0:25-0:30 (5 m): 15 m
        assertThat(handlingTimes(createdT1(), assignedTo("e1", "T1", at(0), "a1"),
                assignedTo("e2", "T1", at(10), null), assignedTo("e3", "T1", at(25), "a2"),
                resolved("e4", "T1", at(30)))).containsExactly(
                Fact.handlingTime(at(30), "T1", "chat", "P2", 15 * MIN));
    }

    @Test
    void eachResolutionCycleHasItsOwnHandlingTimeAndTheAgentStaysAssignedThroughAReopen() {
        // cycle 1: 0:05-0:20 (15 m); between the resolution and the reopen nothing counts; cycle 2 from the reopen at
        // 1:00 to the CLOSED at 1:12 (12 m); the RESOLVED at 1:30 after the CLOSED ends no cycle
        assertThat(handlingTimes(createdT1(), assignedTo("e1", "T1", at(5), "a1"), resolved("e2", "T1", at(20)),
                reopened("e3", "T1", at(60)), closed("e4", "T1", at(72)), resolved("e5", "T1", at(90))))
                .containsExactly(
                        Fact.handlingTime(at(20), "T1", "chat", "P2", 15 * MIN),
                        Fact.handlingTime(at(72), "T1", "chat", "P2", 12 * MIN));
    }

    @Test
    void aCycleWithoutAnyAgentHasNoHandlingTimeNotZero() {
        // never assigned: no fact; a queue assignment (no agent) does not count either
        assertThat(handlingTimes(createdT1(), reply("e1", "T1", at(3)), resolved("e2", "T1", at(9)))).isEmpty();
        assertThat(handlingTimes(createdT1(), assignedTo("e1", "T1", at(3), null), resolved("e2", "T1", at(9))))
                .isEmpty();
    }

    @Test
    void eventsAtOneInstantApplyInEventIdOrderAndOnlyTheStateAfterThemHolds() {
        // at 0:10 pending (e2) then open (e3): no pause; an agent assigned at the instant of the resolution, before
        // it (e6 < e7), gives the cycle an agent and 0 s; 0:00-0:20 counts (20 m)
        assertThat(handlingTimes(createdT1(), assignedTo("e1", "T1", at(0), "a1"),
                statusChanged("e2", "T1", at(10), "pending"), statusChanged("e3", "T1", at(10), "open"),
                resolved("e4", "T1", at(20)))).containsExactly(Fact.handlingTime(at(20), "T1", "chat", "P2", 20 * MIN));
        assertThat(handlingTimes(createdT1(), assignedTo("e6", "T1", at(20), "a1"), resolved("e7", "T1", at(20))))
                .containsExactly(Fact.handlingTime(at(20), "T1", "chat", "P2", 0));
        // after it (e9 > e8): the cycle had no agent
        assertThat(handlingTimes(createdT1(), resolved("e8", "T1", at(20)), assignedTo("e9", "T1", at(20), "a1")))
                .isEmpty();
    }

    @Test
    void anAssignmentStampedBeforeTheCreationCountsFromTheCreation() {
        // assigned at -0:05 (clock skew): applied at the creation instant; handled 0:00-0:07
        assertThat(handlingTimes(assignedTo("e1", "T1", at(0) - 5 * MIN, "a1"), createdT1(),
                resolved("e2", "T1", at(7)))).containsExactly(Fact.handlingTime(at(7), "T1", "chat", "P2", 7 * MIN));
    }

    @Test
    void theCreationStatusCountsAndTheFactTakesThePriorityInForceAtTheResolution() {
        // created pending (no count) until open at 0:04; agent from 0:00; P1 from 0:06: 6 m counted, fact on P1
        TicketEvent c = createdT1();
        c.status = "pending";
        assertThat(handlingTimes(c, assignedTo("e1", "T1", at(0), "a1"), statusChanged("e2", "T1", at(4), "open"),
                priorityChanged("e3", "T1", at(6), "P1"), resolved("e4", "T1", at(10))))
                .containsExactly(Fact.handlingTime(at(10), "T1", "chat", "P1", 6 * MIN));
    }

    @Test
    void aCreationWithoutPriorityIsAttributedToTheDerivedPriorityAndTheCreatedFactSaysSo() {
        // urgency medium (3), impact high (5): (120 + 150) / 70 = 3.86 -> P2
        TicketEvent c = withAttributes(created("e0", "T1", at(0), "web", null), Map.of("urgency", "medium",
                "impact", "high"));
        List<Fact> facts = TicketFacts.derive(List.of(c, reply("e1", "T1", at(2))), Long.MAX_VALUE, 10 * MIN);

        assertThat(facts).startsWith(Fact.created(at(0), "T1", "web", "P2", true));
        assertThat(facts.get(0).flag).isTrue();
        assertThat(facts).contains(Fact.firstResponse(at(2), "T1", "web", "P2", 2 * MIN));
    }

    @Test
    void aPriorityChangeAtTheCreationInstantMakesTheCreationPriorityGiven() {
        TicketEvent c = created("e0", "T1", at(0), "web", null);
        List<Fact> facts = TicketFacts.derive(List.of(c, priorityChanged("e1", "T1", at(0), "P1")), Long.MAX_VALUE,
                10 * MIN);

        assertThat(facts).startsWith(Fact.created(at(0), "T1", "web", "P1", false));
    }
}
