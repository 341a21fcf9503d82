package io.ticketpulse.domain.ticket;

import static io.ticketpulse.domain.TicketEvents.assigned;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.kpi.KpiAttribution;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.PolicySchedule;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.Timestamps;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A policy file that comes into force at runtime ({@link PolicySchedule}), on the engine alone. Version 1 is
 * {@link SlaTestPolicies#policies()} (P2: assignment 5 min, first response 10 min, resolution 24 h); version 2
 * sets P2 to assignment 20 min, first response 4 min, resolution 24 h. Both warn at 75 % and escalate yellow /
 * orange / red at 10 / 30 / 50 % over. Every expected record below is worked out by hand from those numbers.
 */
class RuntimePolicyChangeTest {

    private static final long MIN = 60_000;
    private static final long RETENTION = 7 * 24 * 60 * MIN;

    static SlaPolicySet version2() {
        Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        targets.put(SlaMetric.ASSIGNMENT, Duration.ofMinutes(20));
        targets.put(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(4));
        targets.put(SlaMetric.RESOLUTION, Duration.ofHours(24));
        SlaPolicy p2 = new SlaPolicy("p2-high", new PolicyMatch(Set.of(), Set.of("P2"), Set.of(), Map.of()), targets,
                WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION);
        return new SlaPolicySet("v2", 2, List.of(p2), AggregateRules.DEFAULT);
    }

    private static TicketEngine engine(PolicySchedule schedule) {
        return TicketEngine.scheduled(10 * MIN, RETENTION, RETENTION + MIN, schedule, KpiAttribution.NONE);
    }

    private static List<TicketEvent> ticket() {
        return List.of(
                created("e1", "T1", at(0), "email", "P2"),
                reply("e2", "T1", at(8)),
                assigned("e3", "T1", at(9), "team-a"),
                resolved("e4", "T1", at(10)));
    }

    /** The whole history replayed at once: every record, in order of occurrence. */
    private static List<String> replayAll(TicketEngine engine, List<TicketEvent> events) {
        TicketReplay replay = engine.replay(TicketModel.fresh("T1"), events, Long.MAX_VALUE);
        return lines(replay.records());
    }

    /**
     * The operator's way: the events arrive one by one and the ticket is evaluated at each minute (watermark =
     * clock, fold at the clock), emitting what the reconciler decides.
     */
    private static List<String> evaluatedMinuteByMinute(TicketEngine engine, List<TicketEvent> events) {
        TicketState state = TicketState.fresh("T1");
        List<SlaAlert> out = new ArrayList<>();
        int next = 0;
        for (int minute = 0; minute <= 12; minute++) {
            long clock = at(minute);
            while (next < events.size() && events.get(next).occurredAtMs <= clock) {
                state.buffer(events.get(next++));
            }
            out.addAll(TicketEvaluation.run(engine, state, clock, clock, clock + 1).alerts());
        }
        return lines(out);
    }

    private static List<String> lines(List<SlaAlert> records) {
        List<String> out = new ArrayList<>();
        for (SlaAlert a : records) {
            out.add(Timestamps.format(a.changedAtMs).substring(14, 19) + " " + a.slaMetric + " v" + a.policyVersion
                    + " " + a.status + " " + a.kind + " " + a.severity
                    + (a.resolveReason == null ? "" : " " + a.resolveReason)
                    + (a.breachedAtMs == null ? "" : " breached " + Timestamps.format(a.breachedAtMs).substring(14, 19)));
        }
        return out;
    }

    private static final List<String> V2_FROM_6_MIN = List.of(
            // assignment under v1 (5 min): warning at 3:45, breach at 5:00, yellow at 5:30 (10 % of 5 min)
            "03:45 assignment v1 firing warning warning",
            "05:00 assignment v1 firing breach warning breached 05:00",
            "05:30 assignment v1 firing breach yellow breached 05:00",
            // v2 at 6:00: the firing v1 alert resolves; first response (v1 10 min, warning at 7:30, so nothing yet)
            // is 6 min into a 4 min target under v2: past red (4 min + 50 % = 6:00), raised at once, breached at
            // the change; assignment under v2 (20 min) is far from its warning at 15:00
            "06:00 assignment v1 resolved breach yellow retargeted breached 05:00",
            "06:00 first_response v2 firing breach red breached 06:00",
            // the reply at 8:00 fulfils first response; the assignment at 9:00 ends assignment silently
            "08:00 first_response v2 resolved breach red fulfilled breached 06:00");

    @Test
    void firingAlertsOfTheRetiredVersionResolveAsRetargetedAndMetricsContinueUnderTheNewOne() {
        PolicySchedule schedule = PolicySchedule.of(SlaTestPolicies.policies()).with(at(6), version2());
        assertThat(replayAll(engine(schedule), ticket())).containsExactlyElementsOf(V2_FROM_6_MIN);
    }

    @Test
    void incrementalEvaluationGivesTheSameRecordsAsOneReplay() {
        PolicySchedule schedule = PolicySchedule.of(SlaTestPolicies.policies()).with(at(6), version2());
        assertThat(evaluatedMinuteByMinute(engine(schedule), ticket())).containsExactlyElementsOf(V2_FROM_6_MIN);
    }

    @Test
    void withoutTheChangeTheTicketRunsUnderVersionOne() {
        PolicySchedule schedule = PolicySchedule.of(SlaTestPolicies.policies());
        assertThat(replayAll(engine(schedule), ticket())).containsExactly(
                "03:45 assignment v1 firing warning warning",
                "05:00 assignment v1 firing breach warning breached 05:00",
                "05:30 assignment v1 firing breach yellow breached 05:00",
                "06:30 assignment v1 firing breach orange breached 05:00",
                "07:30 assignment v1 firing breach red breached 05:00",
                "07:30 first_response v1 firing warning warning",
                "08:00 first_response v1 resolved warning warning fulfilled",
                "09:00 assignment v1 resolved breach red fulfilled breached 05:00");
    }

    @Test
    void timeAlreadyCountedIsKeptAcrossTheChange() {
        PolicySchedule schedule = PolicySchedule.of(SlaTestPolicies.policies()).with(at(6), version2());
        TicketReplay replay = engine(schedule).replay(TicketModel.fresh("T1"), ticket(), Long.MAX_VALUE);
        SlaAlert red = replay.records().get(4);
        assertThat(red.startedAtMs).isEqualTo(at(0));
        assertThat(red.elapsedS).isEqualTo(360.0);
        assertThat(red.targetS).isEqualTo(240.0);
        assertThat(red.dedupKey).isEqualTo("T1/first_response/2026-11-22T10:00:00.000Z/1/p2-high@2");
    }

    @Test
    void aTicketCreatedAfterTheChangeStartsUnderTheNewVersion() {
        PolicySchedule schedule = PolicySchedule.of(SlaTestPolicies.policies()).with(at(6), version2());
        List<TicketEvent> later = List.of(created("e1", "T1", at(7), "email", "P2"), reply("e2", "T1", at(12)),
                resolved("e3", "T1", at(13)));
        // first response 4 min from 7:00: warning 10:00, breach 11:00, yellow 11:24, orange 12:12 (30 % = 72 s);
        // the reply at 12:00 fulfils it before orange
        assertThat(replayAll(engine(schedule), later)).containsExactly(
                "10:00 first_response v2 firing warning warning",
                "11:00 first_response v2 firing breach warning breached 11:00",
                "11:24 first_response v2 firing breach yellow breached 11:00",
                "12:00 first_response v2 resolved breach yellow fulfilled breached 11:00");
    }

    @Test
    void eventsAtTheEffectiveInstantComeBeforeTheNewVersionsCatchUp() {
        PolicySchedule schedule = PolicySchedule.of(SlaTestPolicies.policies()).with(at(8), version2());
        // at 8:00 the v1 alerts resolve; the reply at 8:00 applies before the clock transitions of 8:00 (as a
        // reply exactly at a deadline is in time), so first response ends fulfilled under v2 before it is caught up
        assertThat(replayAll(engine(schedule), ticket())).containsExactly(
                "03:45 assignment v1 firing warning warning",
                "05:00 assignment v1 firing breach warning breached 05:00",
                "05:30 assignment v1 firing breach yellow breached 05:00",
                "06:30 assignment v1 firing breach orange breached 05:00",
                "07:30 assignment v1 firing breach red breached 05:00",
                "07:30 first_response v1 firing warning warning",
                "08:00 assignment v1 resolved breach red retargeted breached 05:00",
                "08:00 first_response v1 resolved warning warning retargeted");
    }

    @Test
    void aPolicyThatArrivesAfterTheFoldInstantPassedItAppliesFromThereAndRetractsTheOldAlerts() {
        TicketEngine v1 = engine(PolicySchedule.of(SlaTestPolicies.policies()));
        TicketState state = TicketState.fresh("T1");
        state.buffer(ticket().get(0));
        List<SlaAlert> out = new ArrayList<>(TicketEvaluation.run(v1, state, at(6), at(6), at(6) + 1).alerts());
        // v2 (effective 6:00) reaches the operator only now: the ticket is folded up to 6:00 + 1 ms already
        TicketEngine v2 = engine(PolicySchedule.of(SlaTestPolicies.policies()).with(at(6), version2()));
        out.addAll(TicketEvaluation.run(v2, state, at(7), at(7), at(7) + 1).alerts());
        assertThat(lines(out)).containsExactly(
                "03:45 assignment v1 firing warning warning",
                "05:00 assignment v1 firing breach warning breached 05:00",
                "05:30 assignment v1 firing breach yellow breached 05:00",
                // re-matched at the fold instant (6:00.001): first response red at once, assignment (20 min) quiet
                "06:00 first_response v2 firing breach red breached 06:00",
                "07:00 assignment v1 resolved breach yellow retracted breached 05:00");
    }
}
