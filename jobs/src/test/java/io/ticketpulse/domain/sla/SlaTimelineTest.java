package io.ticketpulse.domain.sla;

import static io.ticketpulse.domain.TicketEvents.asTest;
import static io.ticketpulse.domain.TicketEvents.assigned;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.atH;
import static io.ticketpulse.domain.TicketEvents.closed;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.customerReplied;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static io.ticketpulse.domain.TicketEvents.reopened;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static io.ticketpulse.domain.TicketEvents.withAttributes;
import static io.ticketpulse.domain.TicketEvents.withTeam;
import static io.ticketpulse.domain.sla.SlaTestPolicies.lines;
import static io.ticketpulse.domain.sla.SlaTestPolicies.policy;
import static io.ticketpulse.domain.sla.SlaTestPolicies.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaTimelineTest {

    private static final String T = "T-42";

    private static TicketEvent createdP1() {
        return created("c", T, at(0), "chat", "P1");
    }

    /** A P1 ticket that is answered and assigned at once, so only its resolution runs. */
    private static List<TicketEvent> handledP1(TicketEvent... more) {
        List<TicketEvent> events = new ArrayList<>(List.of(createdP1(), reply("r1", T, at(1)), assigned("a1", T, at(1), "billing")));
        events.addAll(List.of(more));
        return events;
    }

    private static List<SlaAlert> projectAll(List<TicketEvent> events) {
        return SlaTimeline.project(events, SlaTestPolicies.STANDARD);
    }

    // ---- warning, breach, escalation, fulfilment ------------------------------------------------------------

    @Test
    void firstResponseWarnsAtSeventyFivePercentThenBreachesAtTheDeadlineThenEscalatesThroughEachTier() {
        List<SlaAlert> records = project(withTeam(createdP1(), "billing"));

        assertThat(lines(records, SlaMetric.FIRST_RESPONSE)).containsExactly(
                "first_response/1/p1 firing/warning/warning @2m15s",
                "first_response/1/p1 firing/breach/warning @3m",
                "first_response/1/p1 firing/breach/yellow @3m18s",
                "first_response/1/p1 firing/breach/orange @3m54s",
                "first_response/1/p1 firing/breach/red @4m30s");
        SlaAlert yellow = records.stream().filter(a -> a.slaMetric.equals("first_response")).toList().get(2);
        assertThat(yellow.dedupKey).isEqualTo("T-42/first_response/2026-11-22T10:00:00.000Z/1/p1@3");
        assertThat(yellow.alertId).isEqualTo(yellow.dedupKey);
        assertThat(yellow.ticketId).isEqualTo(T);
        assertThat(yellow.channel).isEqualTo("chat");
        assertThat(yellow.priority).isEqualTo("P1");
        assertThat(yellow.team).isEqualTo("billing");
        assertThat(yellow.policyId).isEqualTo("p1");
        assertThat(yellow.policyVersion).isEqualTo(3);
        assertThat(yellow.cycle).isEqualTo(1);
        assertThat(yellow.targetS).isEqualTo(180.0);
        assertThat(yellow.startedAtMs).isEqualTo(at(0));
        assertThat(yellow.deadlineAtMs).isEqualTo(at(3));
        assertThat(yellow.breachedAtMs).isEqualTo(at(3));
        assertThat(yellow.changedAtMs).isEqualTo(at(3, 18));
        assertThat(yellow.elapsedS).isEqualTo(198.0);
        assertThat(yellow.pausedS).isEqualTo(0.0);
        assertThat(yellow.overrunPct).isCloseTo(10.0, within(1e-9));
        assertThat(yellow.resolveReason).isNull();
        assertThat(yellow.detectedAtMs).isZero();
        assertThat(yellow.summary).isEqualTo("first_response breached (yellow) on T-42 (P1 chat): 3m18s elapsed of 3m target, 10% over");
        SlaAlert warning = records.stream().filter(a -> a.slaMetric.equals("first_response")).findFirst().orElseThrow();
        assertThat(warning.breachedAtMs).isNull();
        assertThat(warning.summary).isEqualTo("first_response warning on T-42 (P1 chat): 2m15s elapsed of 3m target, 75% used");
    }

    @Test
    void aMetricFulfilledBeforeItsWarningInstantRaisesNothing() {
        List<SlaAlert> records = project(createdP1(), reply("r1", T, at(2)));

        assertThat(lines(records, SlaMetric.FIRST_RESPONSE)).isEmpty();
    }

    @Test
    void aMetricFulfilledAfterItFiredResolvesAsFulfilledWithFinalElapsedAndTheLastSeverity() {
        List<SlaAlert> records = project(createdP1(), reply("r1", T, at(3, 12)));

        assertThat(lines(records, SlaMetric.FIRST_RESPONSE)).containsExactly(
                "first_response/1/p1 firing/warning/warning @2m15s",
                "first_response/1/p1 firing/breach/warning @3m",
                "first_response/1/p1 resolved/breach/warning fulfilled @3m12s");
        SlaAlert done = records.stream().filter(a -> a.slaMetric.equals("first_response")).toList().get(2);
        assertThat(done.elapsedS).isEqualTo(192.0);
        assertThat(done.overrunPct).isCloseTo(6.667, within(1e-3));
        assertThat(done.breachedAtMs).isEqualTo(at(3));
        assertThat(done.summary).isEqualTo("first_response resolved (fulfilled) on T-42 (P1 chat): 3m12s elapsed of 3m target, 7% over");
    }

    @Test
    void aReplyExactlyAtTheDeadlineIsInTime() {
        List<SlaAlert> records = project(createdP1(), reply("r1", T, at(3)));

        assertThat(lines(records, SlaMetric.FIRST_RESPONSE)).containsExactly(
                "first_response/1/p1 firing/warning/warning @2m15s",
                "first_response/1/p1 resolved/warning/warning fulfilled @3m");
        SlaAlert done = records.stream().filter(a -> a.slaMetric.equals("first_response")).toList().get(1);
        assertThat(done.overrunPct).isEqualTo(0.0);
        assertThat(done.breachedAtMs).isNull();
    }

    @Test
    void aReplyExactlyAtTheWarningInstantRaisesNothing() {
        assertThat(lines(project(createdP1(), reply("r1", T, at(2, 15))), SlaMetric.FIRST_RESPONSE)).isEmpty();
    }

    @Test
    void assignmentRunsFromCreationToTheFirstAssignedAndRecordsTheLatestTeam() {
        List<SlaAlert> records = project(createdP1(), reply("r1", T, at(0, 30)),
                assigned("a1", T, at(1, 45), "billing"), assigned("a2", T, at(5), "tier2"));

        assertThat(lines(records, SlaMetric.ASSIGNMENT)).containsExactly(
                "assignment/1/p1 firing/warning/warning @1m30s",
                "assignment/1/p1 resolved/warning/warning fulfilled @1m45s");
        assertThat(records.get(0).team).isNull();
        assertThat(records.get(1).team).isEqualTo("billing");
    }

    @Test
    void aMetricWithoutATargetInTheMatchedPolicyIsNotTracked() {
        SlaPolicySet noAssignment = SlaTestPolicies.set(policy("p1", "P1", null, "3m", "2h", null));

        List<SlaAlert> records = SlaTimeline.project(List.of(createdP1()), noAssignment);

        assertThat(records).isNotEmpty();
        assertThat(records).noneMatch(a -> a.slaMetric.equals("assignment"));
    }

    @Test
    void aTicketWithoutCreatedHasNoAlerts() {
        assertThat(project(reply("r1", T, at(1)), customerReplied("u1", T, at(2)))).isEmpty();
    }

    @Test
    void aTestTicketNeverAlerts() {
        assertThat(project(createdP1(), asTest(customerReplied("u1", T, at(1))))).isEmpty();
    }

    @Test
    void noMatchingPolicyMeansNoAlerts() {
        assertThat(project(created("c", T, at(0), "chat", "P9"))).isEmpty();
    }

    @Test
    void theFirstMatchingPolicyWinsOnChannelTeamAndCreationAttributes() {
        SlaPolicy vip = policy("vip", new PolicyMatch(Set.of("chat"), Set.of(), Set.of("vip"), Map.of("tier", "gold")),
                null, "1m", null, null);
        SlaPolicySet policies = SlaTestPolicies.set(vip, policy("p1", "P1", null, "3m", null, null));

        List<SlaAlert> gold = SlaTimeline.project(
                List.of(withAttributes(withTeam(createdP1(), "vip"), Map.of("tier", "gold"))), policies);
        List<SlaAlert> silver = SlaTimeline.project(
                List.of(withAttributes(withTeam(createdP1(), "vip"), Map.of("tier", "silver"))), policies);
        List<SlaAlert> otherTeam = SlaTimeline.project(
                List.of(withAttributes(withTeam(createdP1(), "core"), Map.of("tier", "gold"))), policies);

        assertThat(lines(gold).get(0)).isEqualTo("first_response/1/vip firing/warning/warning @45s");
        assertThat(lines(silver).get(0)).isEqualTo("first_response/1/p1 firing/warning/warning @2m15s");
        assertThat(lines(otherTeam).get(0)).isEqualTo("first_response/1/p1 firing/warning/warning @2m15s");
    }

    @Test
    void aTicketWithoutTeamOrPriorityDoesNotMatchAPolicyThatFiltersOnThem() {
        SlaPolicy vip = policy("vip", new PolicyMatch(Set.of(), Set.of("P1"), Set.of("vip"), Map.of()),
                null, "1m", null, null);
        SlaPolicySet policies = SlaTestPolicies.set(vip, policy("any", PolicyMatch.ANY, null, "3m", null, null));

        assertThat(lines(SlaTimeline.project(List.of(createdP1()), policies)).get(0))
                .isEqualTo("first_response/1/any firing/warning/warning @2m15s");
        assertThat(lines(SlaTimeline.project(List.of(created("c", T, at(0), "chat", null)), policies)).get(0))
                .isEqualTo("first_response/1/any firing/warning/warning @2m15s");
    }

    @Test
    void aTeamSetLaterIsUsedByMetricsThatStartOrAreRematchedLater() {
        SlaPolicy vip = policy("vip", new PolicyMatch(Set.of(), Set.of(), Set.of("vip"), Map.of()),
                null, "3m", null, "1m");
        SlaPolicySet policies = SlaTestPolicies.set(vip, policy("any", PolicyMatch.ANY, null, "3m", null, "10m"));

        List<SlaAlert> records = SlaTimeline.project(List.of(createdP1(), assigned("a1", T, at(0, 30), "vip"),
                reply("r1", T, at(1)), customerReplied("u1", T, at(2)), priorityChanged("p", T, at(2, 10), "P2")),
                policies);

        assertThat(lines(records)).startsWith(
                "next_response/1/vip firing/warning/warning @2m45s",
                "next_response/1/vip firing/breach/warning @3m");
    }

    // ---- resolved / closed --------------------------------------------------------------------------------

    @Test
    void resolvedCancelsFiringResponseMetricsAndFulfilsTheResolution() {
        List<SlaAlert> records = project(createdP1(), customerReplied("u1", T, at(1)), resolved("z", T, at(2, 30)));

        assertThat(lines(records)).containsExactly(
                "assignment/1/p1 firing/warning/warning @1m30s",
                "assignment/1/p1 firing/breach/warning @2m",
                "assignment/1/p1 firing/breach/yellow @2m12s",
                "first_response/1/p1 firing/warning/warning @2m15s",
                "assignment/1/p1 resolved/breach/yellow cancelled @2m30s",
                "first_response/1/p1 resolved/warning/warning cancelled @2m30s");
    }

    @Test
    void resolvedBeforeAnythingFiredCancelsSilentlyAndNothingFiresLater() {
        assertThat(project(createdP1(), resolved("z", T, at(1)), customerReplied("u1", T, at(5)))).isEmpty();
    }

    @Test
    void closedFulfilsTheResolutionLikeResolved() {
        List<SlaAlert> records = projectAll(handledP1(closed("z", T, atH(2, 30, 0))));

        assertThat(lines(records)).containsExactly(
                "resolution/1/p1 firing/warning/warning @1h30m",
                "resolution/1/p1 firing/breach/warning @2h",
                "resolution/1/p1 firing/breach/yellow @2h12m",
                "resolution/1/p1 resolved/breach/yellow fulfilled @2h30m");
    }

    // ---- pauses --------------------------------------------------------------------------------------------

    @Test
    void resolutionPausesWhilePendingAndItsDeadlineMovesByThePausedTime() {
        List<SlaAlert> records = projectAll(handledP1(
                statusChanged("s1", T, at(30), "pending"), statusChanged("s2", T, atH(1, 30, 0), "open")));

        assertThat(lines(records)).containsExactly(
                "resolution/1/p1 firing/warning/warning @2h30m",
                "resolution/1/p1 firing/breach/warning @3h",
                "resolution/1/p1 firing/breach/yellow @3h12m",
                "resolution/1/p1 firing/breach/orange @3h36m",
                "resolution/1/p1 firing/breach/red @4h");
        SlaAlert warning = records.get(0);
        assertThat(warning.elapsedS).isEqualTo(5400.0);
        assertThat(warning.pausedS).isEqualTo(3600.0);
        assertThat(warning.deadlineAtMs).isEqualTo(atH(3, 0, 0));
        assertThat(warning.summary).isEqualTo("resolution warning on T-42 (P1 chat): 1h30m elapsed of 2h target, 75% used, 1h paused");
        assertThat(records.get(1).breachedAtMs).isEqualTo(atH(3, 0, 0));
    }

    @Test
    void onHoldPausesTooAndNoEscalationProgressesWhilePaused() {
        List<SlaAlert> records = projectAll(handledP1(
                statusChanged("s1", T, atH(2, 5, 0), "on_hold"),
                statusChanged("s2", T, atH(5, 5, 0), "open"),
                resolved("z", T, atH(5, 40, 0))));

        assertThat(lines(records)).containsExactly(
                "resolution/1/p1 firing/warning/warning @1h30m",
                "resolution/1/p1 firing/breach/warning @2h",
                "resolution/1/p1 firing/breach/yellow @5h12m",
                "resolution/1/p1 firing/breach/orange @5h36m",
                "resolution/1/p1 resolved/breach/orange fulfilled @5h40m");
        SlaAlert done = records.get(4);
        assertThat(done.pausedS).isEqualTo(3 * 3600.0);
        assertThat(done.elapsedS).isEqualTo(9600.0);
        assertThat(done.deadlineAtMs).isEqualTo(atH(5, 0, 0));
        assertThat(done.breachedAtMs).isEqualTo(atH(2, 0, 0));
    }

    @Test
    void aResolutionPausedForGoodNeverFires() {
        assertThat(projectAll(handledP1(statusChanged("s1", T, atH(1, 0, 0), "pending")))).isEmpty();
    }

    @Test
    void pendingExactlyAtTheDeadlineWinsOverTheBreach() {
        List<SlaAlert> records = projectAll(handledP1(statusChanged("s1", T, atH(2, 0, 0), "pending")));

        assertThat(lines(records)).containsExactly("resolution/1/p1 firing/warning/warning @1h30m");
    }

    @Test
    void aClockPausedExactlyOnTheDeadlineBreachesWhenItResumes() {
        List<SlaAlert> records = projectAll(handledP1(
                statusChanged("s1", T, atH(2, 0, 0), "pending"), statusChanged("s2", T, atH(2, 40, 0), "open")));

        assertThat(lines(records)).startsWith(
                "resolution/1/p1 firing/warning/warning @1h30m",
                "resolution/1/p1 firing/breach/warning @2h40m",
                "resolution/1/p1 firing/breach/yellow @2h52m");
        assertThat(records.get(1).breachedAtMs).isEqualTo(atH(2, 40, 0));
        assertThat(records.get(1).deadlineAtMs).isEqualTo(atH(2, 40, 0));
    }

    @Test
    void aStricterTargetWhilePausedBreachesAtTheChangeInstantButEscalatesOnlyOnceResumed() {
        List<SlaAlert> records = SlaTimeline.project(List.of(
                created("c", T, at(0), "chat", "P3"), reply("r1", T, at(1)), assigned("a1", T, at(1), "billing"),
                statusChanged("s1", T, atH(2, 30, 0), "pending"), priorityChanged("p", T, atH(3, 0, 0), "P1"),
                statusChanged("s2", T, atH(4, 0, 0), "open")), SlaTestPolicies.STANDARD);

        assertThat(lines(records)).startsWith(
                "resolution/1/p1 firing/breach/yellow @3h",
                "resolution/1/p1 firing/breach/orange @4h6m",
                "resolution/1/p1 firing/breach/red @4h30m");
        assertThat(records.get(0).elapsedS).isEqualTo(9000.0);
        assertThat(records.get(0).pausedS).isEqualTo(1800.0);
    }

    @Test
    void responseMetricsNeverPause() {
        List<SlaAlert> records = project(createdP1(), assigned("a1", T, at(0, 10), "billing"),
                statusChanged("s1", T, at(1), "pending"));

        assertThat(lines(records, SlaMetric.FIRST_RESPONSE)).startsWith(
                "first_response/1/p1 firing/warning/warning @2m15s",
                "first_response/1/p1 firing/breach/warning @3m");
        assertThat(lines(records, SlaMetric.RESOLUTION)).isEmpty();
    }

    // ---- cycles and episodes -------------------------------------------------------------------------------

    @Test
    void reopenedStartsANewResolutionCycleCarryingItsNumber() {
        List<SlaAlert> records = projectAll(handledP1(
                resolved("z1", T, atH(1, 0, 0)), reopened("o1", T, atH(2, 0, 0)), reopened("o2", T, atH(2, 10, 0)),
                resolved("z2", T, atH(4, 30, 0))));

        assertThat(lines(records)).containsExactly(
                "resolution/2/p1 firing/warning/warning @3h30m",
                "resolution/2/p1 firing/breach/warning @4h",
                "resolution/2/p1 firing/breach/yellow @4h12m",
                "resolution/2/p1 resolved/breach/yellow fulfilled @4h30m");
        assertThat(records.get(0).dedupKey).isEqualTo("T-42/resolution/2026-11-22T10:00:00.000Z/2/p1@3");
        assertThat(records.get(0).startedAtMs).isEqualTo(atH(2, 0, 0));
        assertThat(records.get(0).summary).startsWith("resolution #2 warning on T-42");
    }

    @Test
    void nextResponseRunsFromTheOldestUnansweredCustomerReplyAndEachEpisodeIsItsOwnAlert() {
        List<SlaAlert> records = project(createdP1(), assigned("a1", T, at(0, 10), "billing"),
                reply("r1", T, at(1)), customerReplied("u1", T, at(5)), customerReplied("u2", T, at(8)),
                reply("r2", T, at(14)), customerReplied("u3", T, at(20)));

        assertThat(lines(records, SlaMetric.NEXT_RESPONSE)).containsExactly(
                "next_response/1/p1 firing/warning/warning @12m30s",
                "next_response/1/p1 resolved/warning/warning fulfilled @14m",
                "next_response/2/p1 firing/warning/warning @27m30s",
                "next_response/2/p1 firing/breach/warning @30m",
                "next_response/2/p1 firing/breach/yellow @31m",
                "next_response/2/p1 firing/breach/orange @33m",
                "next_response/2/p1 firing/breach/red @35m");
        SlaAlert first = records.stream().filter(a -> a.slaMetric.equals("next_response")).findFirst().orElseThrow();
        assertThat(first.startedAtMs).isEqualTo(at(5));
        assertThat(first.dedupKey).isEqualTo("T-42/next_response/2026-11-22T10:00:00.000Z/1/p1@3");
    }

    @Test
    void customerRepliesBeforeTheFirstResponseOrWhileResolvedStartNoNextResponse() {
        List<SlaAlert> records = project(createdP1(), assigned("a1", T, at(0, 10), "billing"),
                customerReplied("u1", T, at(0, 30)), reply("r1", T, at(1)), resolved("z", T, at(2)),
                customerReplied("u2", T, at(3)));

        assertThat(records).isEmpty();
    }

    @Test
    void resolvedCancelsAFiringNextResponse() {
        List<SlaAlert> records = project(createdP1(), assigned("a1", T, at(0, 10), "billing"),
                reply("r1", T, at(1)), customerReplied("u1", T, at(2)), resolved("z", T, at(10)));

        assertThat(lines(records, SlaMetric.NEXT_RESPONSE)).containsExactly(
                "next_response/1/p1 firing/warning/warning @9m30s",
                "next_response/1/p1 resolved/warning/warning cancelled @10m");
    }

    // ---- priority changes ----------------------------------------------------------------------------------

    @Test
    void aStricterTargetAlreadyExceededBreachesAtTheChangeInstantAtTheHighestCrossedSeverity() {
        List<SlaAlert> records = project(created("c", T, at(0), "chat", "P2"), priorityChanged("p", T, at(3, 12), "P1"));

        assertThat(lines(records)).startsWith(
                "assignment/1/p1 firing/breach/red @3m12s",
                "first_response/1/p1 firing/breach/warning @3m12s",
                "first_response/1/p1 firing/breach/yellow @3m18s");
        SlaAlert frt = records.get(1);
        assertThat(frt.breachedAtMs).isEqualTo(at(3, 12));
        assertThat(frt.startedAtMs).isEqualTo(at(0));
        assertThat(frt.deadlineAtMs).isEqualTo(at(3));
        assertThat(frt.summary).isEqualTo("first_response breached on T-42 (P1 chat): 3m12s elapsed of 3m target, 7% over");
        assertThat(records.get(0).breachedAtMs).isEqualTo(at(3, 12));
        assertThat(records.get(2).breachedAtMs).isEqualTo(at(3, 12));
    }

    @Test
    void aLooserTargetResolvesTheFiredAlertAsRetargetedAndTheMetricContinuesUnderTheNewPolicyFromItsOriginalStart() {
        List<SlaAlert> records = project(createdP1(), priorityChanged("p", T, at(2, 30), "P3"));

        assertThat(lines(records)).startsWith(
                "assignment/1/p1 firing/warning/warning @1m30s",
                "assignment/1/p1 firing/breach/warning @2m",
                "assignment/1/p1 firing/breach/yellow @2m12s",
                "first_response/1/p1 firing/warning/warning @2m15s",
                "assignment/1/p1 resolved/breach/yellow retargeted @2m30s",
                "first_response/1/p1 resolved/warning/warning retargeted @2m30s",
                "assignment/1/p3 firing/warning/warning @22m30s",
                "assignment/1/p3 firing/breach/warning @30m");
        SlaAlert p3 = records.get(6);
        assertThat(p3.startedAtMs).isEqualTo(at(0));
        assertThat(p3.deadlineAtMs).isEqualTo(at(30));
        assertThat(p3.priority).isEqualTo("P3");
        assertThat(records.get(4).priority).isEqualTo("P3");
        assertThat(records).noneMatch(a -> a.slaMetric.equals("resolution") && a.policyId.equals("p1"));
    }

    @Test
    void aPriorityChangeExactlyAtTheDeadlineWinsOverTheBreach() {
        List<SlaAlert> records = project(createdP1(), assigned("a1", T, at(0, 10), "billing"),
                priorityChanged("p", T, at(3), "P2"));

        assertThat(lines(records, SlaMetric.FIRST_RESPONSE)).startsWith(
                "first_response/1/p1 firing/warning/warning @2m15s",
                "first_response/1/p1 resolved/warning/warning retargeted @3m",
                "first_response/1/p2 firing/warning/warning @7m30s");
    }

    @Test
    void aPriorityChangeWithinTheSamePolicyKeepsTheAlertGoing() {
        SlaPolicy urgent = policy("urgent", new PolicyMatch(Set.of(), Set.of("P1", "P2"), Set.of(), Map.of()),
                null, "3m", null, null);
        List<SlaAlert> records = SlaTimeline.project(List.of(
                created("c", T, at(0), "chat", "P2"), priorityChanged("p", T, at(2, 30), "P1")),
                SlaTestPolicies.set(urgent));

        assertThat(lines(records)).startsWith(
                "first_response/1/urgent firing/warning/warning @2m15s",
                "first_response/1/urgent firing/breach/warning @3m");
        assertThat(records.get(0).priority).isEqualTo("P2");
        assertThat(records.get(1).priority).isEqualTo("P1");
    }

    // ---- ties, order, clocks ---------------------------------------------------------------------------------

    @Test
    void eventsAtTheSameInstantApplyInEventIdOrder() {
        List<SlaAlert> replyFirst = project(createdP1(), reply("e2", T, at(2, 30)), resolved("e3", T, at(2, 30)));
        List<SlaAlert> resolveFirst = project(createdP1(), reply("e9", T, at(2, 30)), resolved("e3", T, at(2, 30)));

        assertThat(lines(replyFirst, SlaMetric.FIRST_RESPONSE)).containsExactly(
                "first_response/1/p1 firing/warning/warning @2m15s",
                "first_response/1/p1 resolved/warning/warning fulfilled @2m30s");
        assertThat(lines(resolveFirst, SlaMetric.FIRST_RESPONSE)).containsExactly(
                "first_response/1/p1 firing/warning/warning @2m15s",
                "first_response/1/p1 resolved/warning/warning cancelled @2m30s");
    }

    @Test
    void eventsStampedBeforeTheCreationApplyAtTheCreation() {
        List<SlaAlert> records = project(created("c", T, at(10), "chat", "P1"), reply("r1", T, at(5)),
                assigned("a1", T, at(5), "billing"));

        assertThat(lines(records)).containsExactly(
                "resolution/1/p1 firing/warning/warning @1h40m",
                "resolution/1/p1 firing/breach/warning @2h10m",
                "resolution/1/p1 firing/breach/yellow @2h22m",
                "resolution/1/p1 firing/breach/orange @2h46m",
                "resolution/1/p1 firing/breach/red @3h10m");
        assertThat(records.get(0).team).isEqualTo("billing");
    }

    @Test
    void arrivalOrderDoesNotMatter() {
        for (List<TicketEvent> scenario : scenarios()) {
            List<SlaAlert> expected = projectAll(scenario);
            Random random = new Random(42);
            for (int i = 0; i < 20; i++) {
                List<TicketEvent> shuffled = new ArrayList<>(scenario);
                Collections.shuffle(shuffled, random);
                assertThat(projectAll(shuffled)).isEqualTo(expected);
            }
        }
    }

    @Test
    void recordsAreSortedByTimeThenKeyAndNoAlertRepeatsAState() {
        for (List<TicketEvent> scenario : scenarios()) {
            List<SlaAlert> records = projectAll(scenario);
            Map<String, SlaAlert> previous = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                SlaAlert a = records.get(i);
                if (i > 0) {
                    SlaAlert b = records.get(i - 1);
                    assertThat(b.changedAtMs < a.changedAtMs
                            || b.changedAtMs == a.changedAtMs && b.dedupKey.compareTo(a.dedupKey) <= 0)
                            .as("order at %s", a).isTrue();
                }
                SlaAlert prev = previous.put(a.dedupKey, a);
                if (prev != null) {
                    assertThat(AlertReconciler.sameState(prev, a)).as("repeat %s", a).isFalse();
                }
            }
        }
    }

    /**
     * Causality, precisely: let t be any instant and t' the first event time after t (or the end of time). The
     * projection of the events at or before t and the projection of all events agree on every record before t'.
     * It does not extend to t' itself: an event at t' wins over a transition due at t'.
     */
    @Test
    void projectingAPrefixOfTheEventsGivesTheFullRecordsUpToTheNextEvent() {
        for (List<TicketEvent> scenario : scenarios()) {
            List<SlaAlert> full = projectAll(scenario);
            List<Long> instants = new ArrayList<>();
            for (TicketEvent e : scenario) {
                instants.add(e.occurredAtMs);
                instants.add(e.occurredAtMs - 1);
                instants.add(e.occurredAtMs + 7_000);
            }
            for (long t : instants) {
                List<TicketEvent> prefix = new ArrayList<>();
                long next = Long.MAX_VALUE;
                for (TicketEvent e : scenario) {
                    if (e.occurredAtMs <= t) {
                        prefix.add(e);
                    } else {
                        next = Math.min(next, e.occurredAtMs);
                    }
                }
                assertThat(before(projectAll(prefix), next)).as("prefix at %d", t).isEqualTo(before(full, next));
            }
        }
    }

    @Test
    void aPrefixProjectionMayDifferFromTheFullOneFromTheNextEventOn() {
        List<TicketEvent> events = List.of(createdP1(), reply("r1", T, at(3)));

        List<SlaAlert> prefix = projectAll(events.subList(0, 1));
        List<SlaAlert> full = projectAll(events);

        assertThat(lines(prefix, SlaMetric.FIRST_RESPONSE)).contains("first_response/1/p1 firing/breach/warning @3m");
        assertThat(lines(full, SlaMetric.FIRST_RESPONSE)).doesNotContain("first_response/1/p1 firing/breach/warning @3m");
        assertThat(before(prefix, at(3))).isEqualTo(before(full, at(3)));
    }

    // ---- retention ------------------------------------------------------------------------------------------

    @Test
    void metricsStillRunningExpireWhenTheTicketHasNoEventForTheRetention() {
        List<TicketEvent> events = List.of(createdP1(), reply("r1", T, at(1)), assigned("a1", T, at(1), "billing"));

        List<SlaAlert> records = SlaTimeline.project(events, SlaTestPolicies.STANDARD, Duration.ofHours(4).toMillis());

        assertThat(lines(records, SlaMetric.RESOLUTION)).containsExactly(
                "resolution/1/p1 firing/warning/warning @1h30m",
                "resolution/1/p1 firing/breach/warning @2h",
                "resolution/1/p1 firing/breach/yellow @2h12m",
                "resolution/1/p1 firing/breach/orange @2h36m",
                "resolution/1/p1 firing/breach/red @3h",
                "resolution/1/p1 resolved/breach/red expired @4h1m");
    }

    @Test
    void anEventAtExactlyTheRetentionComesFirstAndKeepsTheTicketRunning() {
        List<TicketEvent> events = List.of(createdP1(), reply("r1", T, at(1)), assigned("a1", T, at(1), "billing"),
                customerReplied("u1", T, atH(4, 1, 0)));

        List<SlaAlert> records = SlaTimeline.project(events, SlaTestPolicies.STANDARD, Duration.ofHours(4).toMillis());

        assertThat(lines(records, SlaMetric.RESOLUTION)).last().isEqualTo("resolution/1/p1 resolved/breach/red expired @8h1m");
        assertThat(lines(records, SlaMetric.NEXT_RESPONSE)).last()
                .isEqualTo("next_response/1/p1 resolved/breach/red expired @8h1m");
    }

    private static List<SlaAlert> before(List<SlaAlert> records, long exclusiveMs) {
        return records.stream().filter(a -> a.changedAtMs < exclusiveMs).toList();
    }

    /** A few tickets exercising every rule, for the properties. */
    static List<List<TicketEvent>> scenarios() {
        return List.of(
                List.of(createdP1(), reply("r1", T, at(3, 12))),
                List.of(createdP1(), customerReplied("u1", T, at(1)), resolved("z", T, at(2, 30))),
                List.of(created("c", T, at(0), "chat", "P2"), priorityChanged("p", T, at(3, 12), "P1"),
                        assigned("a1", T, at(4), "billing"), reply("r1", T, at(6)), customerReplied("u1", T, at(7)),
                        customerReplied("u2", T, at(9)), priorityChanged("p2", T, at(12), "P3"), reply("r2", T, at(40)),
                        statusChanged("s1", T, atH(1, 0, 0), "pending"), statusChanged("s2", T, atH(3, 0, 0), "open"),
                        resolved("z1", T, atH(5, 0, 0)), reopened("o1", T, atH(6, 0, 0)),
                        customerReplied("u3", T, atH(6, 5, 0)), closed("z2", T, atH(90, 0, 0))),
                handledP1(statusChanged("s1", T, atH(2, 5, 0), "on_hold"),
                        statusChanged("s2", T, atH(5, 5, 0), "open"), resolved("z", T, atH(5, 40, 0))),
                List.of(createdP1(), priorityChanged("p", T, at(2, 30), "P3"), priorityChanged("q", T, at(2, 30), "P2"),
                        reply("e2", T, at(2, 30)), priorityChanged("p3", T, at(50), "P1"), resolved("z", T, atH(3, 0, 0))));
    }
}
