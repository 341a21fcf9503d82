package io.ticketpulse.domain.sla;

import static io.ticketpulse.domain.TicketEvents.assigned;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.atH;
import static io.ticketpulse.domain.TicketEvents.closed;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.customerReplied;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static io.ticketpulse.domain.TicketEvents.rated;
import static io.ticketpulse.domain.TicketEvents.reopened;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static io.ticketpulse.domain.TicketEvents.withAttributes;
import static io.ticketpulse.domain.sla.SlaTestPolicies.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The playbooks' stage metrics in the reference projection: {@code periodic_update} (each agent reply of an open
 * ticket to the next one, paused while pending or on hold) and {@code follow_up} (from the end of a resolution cycle
 * to a rating or an agent contact), and the derived priority on alerts. Policies: {@code p1} (P1) tracks only
 * periodic_update 30m and follow_up 1h, {@code p3} (P3) only follow_up 4h; warning at 75 %, tiers yellow / orange /
 * red at 10 / 30 / 50 % over: for 30m at 22m30s, 30m, 33m, 39m, 45m; for 1h at 45m, 1h, 1h06m, 1h18m, 1h30m. Every
 * expected line is worked out by hand in the comment above it.
 */
class PlaybookMetricsTest {

    private static final String T = "T-42";

    private static final SlaPolicySet POLICIES = SlaTestPolicies.set(
            policy("p1", "P1", Map.of(SlaMetric.PERIODIC_UPDATE, Duration.ofMinutes(30),
                    SlaMetric.FOLLOW_UP, Duration.ofHours(1))),
            policy("p3", "P3", Map.of(SlaMetric.FOLLOW_UP, Duration.ofHours(4))));

    private static SlaPolicy policy(String id, String priority, Map<SlaMetric, Duration> targets) {
        return new SlaPolicy(id, new PolicyMatch(Set.of(), Set.of(priority), Set.of(), Map.of()), targets,
                WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION);
    }

    private static List<SlaAlert> project(TicketEvent... events) {
        return SlaTimeline.project(List.of(events), POLICIES);
    }

    private static TicketEvent createdP1() {
        return created("c", T, at(0), "chat", "P1");
    }

    // ---- periodic_update ---------------------------------------------------------------------------------------

    @Test
    void eachAgentReplyOfAnOpenTicketEndsOneUpdateGapAndStartsTheNext() {
        // gap 1 from 0:05 warns at 27:30, fulfilled by the reply at 30:00 (25 m); gap 2 from 30:00 warns at 52:30,
        // breaches at 1:00, yellow 1:03, orange 1:09, fulfilled at 1:10; gap 3 from 1:10 is cancelled by the
        // resolution at 1:20 before its warning (nothing); the customer reply changes no gap
        List<SlaAlert> records = project(createdP1(), reply("r1", T, at(5)), customerReplied("u1", T, at(20)),
                reply("r2", T, at(30)), reply("r3", T, at(70)), resolved("z", T, at(80)));

        assertThat(lines(records, SlaMetric.PERIODIC_UPDATE)).containsExactly(
                "periodic_update/1/p1 firing/warning/warning @27m30s",
                "periodic_update/1/p1 resolved/warning/warning fulfilled @30m",
                "periodic_update/2/p1 firing/warning/warning @52m30s",
                "periodic_update/2/p1 firing/breach/warning @1h",
                "periodic_update/2/p1 firing/breach/yellow @1h3m",
                "periodic_update/2/p1 firing/breach/orange @1h9m",
                "periodic_update/2/p1 resolved/breach/orange fulfilled @1h10m");
        SlaAlert breach = records.stream().filter(a -> a.slaMetric.equals("periodic_update") && a.cycle == 2
                && "breach".equals(a.kind)).findFirst().orElseThrow();
        assertThat(breach.dedupKey).isEqualTo("T-42/periodic_update/2026-11-22T10:00:00.000Z/2/p1@3");
        assertThat(breach.startedAtMs).isEqualTo(at(30));
        assertThat(breach.deadlineAtMs).isEqualTo(at(60));
        assertThat(breach.summary).startsWith("periodic_update #2 breached on T-42 (P1 chat): 30m elapsed of 30m");
    }

    @Test
    void theGapClockStandsStillWhilePendingAndAReplyWhilePendingStartsAPausedGap() {
        // gap 1 from 0:05; pending 0:15-1:15 (10 m counted before): warning at 22m30s counted = 1:27:30, breach at
        // 30 m counted = 1:35, fulfilled by the reply at 1:36 (31 m counted, 60 m paused). That reply happens while
        // pending again (since 1:35:30), so gap 2 starts paused; open at 2:00: warning at 2:22:30
        List<SlaAlert> records = project(createdP1(), reply("r1", T, at(5)), statusChanged("s1", T, at(15), "pending"),
                statusChanged("s2", T, at(75), "open"), statusChanged("s3", T, at(95, 30), "on_hold"),
                reply("r2", T, at(96)), statusChanged("s4", T, at(120), "open"), resolved("z", T, at(143)));

        assertThat(lines(records, SlaMetric.PERIODIC_UPDATE)).containsExactly(
                "periodic_update/1/p1 firing/warning/warning @1h27m30s",
                "periodic_update/1/p1 firing/breach/warning @1h35m",
                "periodic_update/1/p1 resolved/breach/warning fulfilled @1h36m",
                "periodic_update/2/p1 firing/warning/warning @2h22m30s",
                "periodic_update/2/p1 resolved/warning/warning cancelled @2h23m");
        SlaAlert fulfilled = records.get(2);
        assertThat(fulfilled.pausedS).isEqualTo(3630.0); // 1:00 pending + 0:30 on hold before the reply
        assertThat(fulfilled.elapsedS).isEqualTo(30.5 * 60); // ran again from 1:35 to the on_hold at 1:35:30
    }

    @Test
    void agentRepliesAfterTheResolutionStartNoGapAndAReopenedTicketWaitsForItsNextReply() {
        // resolved at 0:10 (gap 1 from 0:05 cancelled, silent); the reply at 0:20 is the follow-up, not a gap;
        // reopened at 1:00: no gap until the reply at 2:00 (gap 2), which warns at 2:22:30, breaches at 2:30 and is
        // cancelled by the resolution at 2:31
        List<SlaAlert> records = project(createdP1(), reply("r1", T, at(5)), resolved("z1", T, at(10)),
                reply("r2", T, at(20)), reopened("o", T, at(60)), reply("r3", T, at(120)), resolved("z2", T, at(151)));

        assertThat(lines(records, SlaMetric.PERIODIC_UPDATE)).containsExactly(
                "periodic_update/2/p1 firing/warning/warning @2h22m30s",
                "periodic_update/2/p1 firing/breach/warning @2h30m",
                "periodic_update/2/p1 resolved/breach/warning cancelled @2h31m");
    }

    // ---- follow_up ---------------------------------------------------------------------------------------------

    @Test
    void aFollowUpIsDueFromTheResolutionAndARatingFulfilsIt() {
        // resolved at 1:00: warning 1:45, breach 2:00, yellow 2:06; the rating at 2:10 fulfils it; CLOSED changes nothing
        List<SlaAlert> records = project(createdP1(), resolved("z", T, at(60)), closed("x", T, at(100)),
                rated("s", T, at(130), 4));

        assertThat(lines(records, SlaMetric.FOLLOW_UP)).containsExactly(
                "follow_up/1/p1 firing/warning/warning @1h45m",
                "follow_up/1/p1 firing/breach/warning @2h",
                "follow_up/1/p1 firing/breach/yellow @2h6m",
                "follow_up/1/p1 resolved/breach/yellow fulfilled @2h10m");
        assertThat(records.get(0).dedupKey).isEqualTo("T-42/follow_up/2026-11-22T10:00:00.000Z/1/p1@3");
        assertThat(records.get(0).startedAtMs).isEqualTo(at(60));
    }

    @Test
    void anAgentContactFulfilsTheFollowUpAndARatingBeforeTheResolutionDoesNot() {
        // the rating at 0:05 comes before the resolution (0:10); the agent reply at 0:50 fulfils the follow-up
        // before its warning (0:55): nothing is emitted
        List<SlaAlert> records = project(createdP1(), rated("s", T, at(5), 5), resolved("z", T, at(10)),
                reply("r", T, at(50)));

        assertThat(lines(records, SlaMetric.FOLLOW_UP)).isEmpty();
    }

    @Test
    void aReopenCancelsTheFollowUpAndTheNextResolutionStartsTheFollowUpOfItsCycle() {
        // cycle 1 resolved at 0:30 warns at 1:15, cancelled by the reopen at 1:20; cycle 2 is closed (no RESOLVED)
        // at 1:40: its follow-up warns at 2:25, and the agent reply at 2:30 fulfils it
        List<SlaAlert> records = project(createdP1(), resolved("z1", T, at(30)), reopened("o", T, at(80)),
                closed("x", T, at(100)), reply("r", T, at(150)));

        assertThat(lines(records, SlaMetric.FOLLOW_UP)).containsExactly(
                "follow_up/1/p1 firing/warning/warning @1h15m",
                "follow_up/1/p1 resolved/warning/warning cancelled @1h20m",
                "follow_up/2/p1 firing/warning/warning @2h25m",
                "follow_up/2/p1 resolved/warning/warning fulfilled @2h30m");
    }

    @Test
    void aFollowUpNobodyMakesRunsUntilTheTicketRetentionEnds() {
        // resolved at 0:10, no contact: warning 0:55, breach 1:10, yellow 1:16, orange 1:28, red 1:40; retention 1 d
        // after the last event (0:10): expired at 1d 0:10
        List<SlaAlert> records = SlaTimeline.project(List.of(createdP1(), resolved("z", T, at(10))), POLICIES,
                Duration.ofDays(1).toMillis());

        assertThat(lines(records, SlaMetric.FOLLOW_UP)).containsExactly(
                "follow_up/1/p1 firing/warning/warning @55m",
                "follow_up/1/p1 firing/breach/warning @1h10m",
                "follow_up/1/p1 firing/breach/yellow @1h16m",
                "follow_up/1/p1 firing/breach/orange @1h28m",
                "follow_up/1/p1 firing/breach/red @1h40m",
                "follow_up/1/p1 resolved/breach/red expired @1d10m");
    }

    @Test
    void aResolutionAtTheBreachInstantComesBeforeTheBreach() {
        // gap 1 from 0:05 reaches its deadline at 0:35, the instant of the resolution: the event comes first, so the
        // gap is cancelled at its warning state
        List<SlaAlert> records = project(createdP1(), reply("r1", T, at(5)), resolved("z", T, at(35)));

        assertThat(lines(records, SlaMetric.PERIODIC_UPDATE)).containsExactly(
                "periodic_update/1/p1 firing/warning/warning @27m30s",
                "periodic_update/1/p1 resolved/warning/warning cancelled @35m");
    }

    @Test
    void aPriorityChangeRetargetsTheStageMetricsLikeTheOthers() {
        // gap 1 from 0:05 warns at 27:30 under p1; the change to P3 at 0:28 matches p3, which has no periodic_update
        // target: the warning resolves retargeted and the gap is no longer tracked (no breach at 0:35)
        List<SlaAlert> records = project(createdP1(), reply("r1", T, at(5)), priorityChanged("p", T, at(28), "P3"),
                resolved("z", T, at(40)));

        assertThat(lines(records, SlaMetric.PERIODIC_UPDATE)).containsExactly(
                "periodic_update/1/p1 firing/warning/warning @27m30s",
                "periodic_update/1/p1 resolved/warning/warning retargeted @28m");
        // the follow-up of the resolution at 0:40 runs under p3 (4h): warning at 3h40m
        assertThat(lines(records, SlaMetric.FOLLOW_UP)).first().isEqualTo("follow_up/1/p3 firing/warning/warning @3h40m");
    }

    // ---- derived priority -------------------------------------------------------------------------------------

    @Test
    void aTicketCreatedWithoutPriorityIsMatchedWithItsDerivedPriorityAndItsAlertsSaySo() {
        // urgency high, impact high: score 5, P1 (p1); a reply at 0:05 starts gap 1, which warns at 27:30; the
        // priority change to P1 at 0:29 (same policy) makes the priority given from then on
        TicketEvent c = withAttributes(created("c", T, at(0), "chat", null), Map.of("urgency", "high", "impact", "high"));
        List<SlaAlert> records = project(c, reply("r1", T, at(5)), priorityChanged("p", T, at(29), "P1"),
                assigned("a", T, at(31), "billing"));

        assertThat(lines(records, SlaMetric.PERIODIC_UPDATE)).startsWith(
                "periodic_update/1/p1 firing/warning/warning @27m30s",
                "periodic_update/1/p1 firing/breach/warning @35m");
        assertThat(records.get(0).priority).isEqualTo("P1");
        assertThat(records.get(0).priorityDerived).isTrue();
        assertThat(records.get(1).priorityDerived).as("after the PRIORITY_CHANGED at 0:29").isFalse();
    }

    @Test
    void aTicketWithoutPriorityAndWithoutTheAttributesGetsTheDefaultPriority() {
        // no urgency, no impact: P3 (p3: follow_up 4h from the resolution at 0:10, warning at 3h10m)
        TicketEvent c = withAttributes(created("c", T, at(0), "email", null), Map.of("issue_type", "billing"));
        List<SlaAlert> records = project(c, resolved("z", T, at(10)), rated("s", T, atH(3, 30, 0), 2));

        assertThat(lines(records)).containsExactly(
                "follow_up/1/p3 firing/warning/warning @3h10m",
                "follow_up/1/p3 resolved/warning/warning fulfilled @3h30m");
        assertThat(records).allSatisfy(a -> {
            assertThat(a.priority).isEqualTo("P3");
            assertThat(a.priorityDerived).isTrue();
            assertThat(a.summary).contains("(P3 email, derived priority)");
        });
    }
}
