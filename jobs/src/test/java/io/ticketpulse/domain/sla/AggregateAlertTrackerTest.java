package io.ticketpulse.domain.sla;

import static io.ticketpulse.domain.sla.AggregateFixtures.MIN;
import static io.ticketpulse.domain.sla.AggregateFixtures.POLICIES;
import static io.ticketpulse.domain.sla.AggregateFixtures.T0;
import static io.ticketpulse.domain.sla.AggregateFixtures.briefs;
import static io.ticketpulse.domain.sla.AggregateFixtures.frt;
import static io.ticketpulse.domain.sla.AggregateFixtures.policies;
import static io.ticketpulse.domain.sla.AggregateFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The debounce rules of {@link AggregateAlertTracker}, on email/P1 FRT p90 rows unless a test says otherwise
 * (target 180 s; yellow 198 s, orange 234 s, red 270 s; clear below 189 s, 225 s, 261 s; raise after 2,
 * clear after 2). Rows are E(1), E(2), … in order.
 */
class AggregateAlertTrackerTest {

    private AggregateAlertTracker tracker = new AggregateAlertTracker(POLICIES);
    private AggregateAlertState state;
    private final List<SlaAlert> alerts = new ArrayList<>();
    private int nextWindow = 1;

    /** Applies email/P1 rows with these FRT p90 values to E(next), E(next+1), …; returns the alerts of those rows. */
    private List<String> frtValues(Double... values) {
        List<TicketKpi> rows = new ArrayList<>();
        for (Double v : values) {
            rows.add(frt(nextWindow++, v));
        }
        return apply(rows);
    }

    private List<String> apply(List<TicketKpi> rows) {
        List<SlaAlert> emitted = new ArrayList<>();
        for (TicketKpi row : rows) {
            AggregateAlertTracker.Step step = tracker.next(state, row);
            state = step.state();
            emitted.addAll(step.alerts());
        }
        alerts.addAll(emitted);
        return briefs(emitted);
    }

    private List<String> apply(TicketKpi... rows) {
        return apply(List.of(rows));
    }

    // --- entering a tier -------------------------------------------------------------------------------------

    @Test
    void entersYellowAfterTwoConsecutiveFinalWindowsAtOrOverIt() {
        assertThat(frtValues(198.0)).isEmpty();
        assertThat(frtValues(200.0)).containsExactly("frt_p90 firing yellow E2");
    }

    @Test
    void oneWindowOverIsNotEnough() {
        assertThat(frtValues(250.0, 150.0, 300.0, 100.0)).isEmpty();
        assertThat(state).as("nothing pending, nothing kept").isNull();
    }

    @Test
    void entersOrangeOrRedDirectly() {
        assertThat(frtValues(240.0, 250.0)).containsExactly("frt_p90 firing orange E2");
        tracker = new AggregateAlertTracker(POLICIES);
        state = null;
        assertThat(frtValues(300.0, 280.0)).containsExactly("frt_p90 firing red E4");
    }

    @Test
    void aMixedRunEntersTheHighestTierAllItsWindowsReached() {
        // red then yellow: two windows at or over yellow, only one at or over red
        assertThat(frtValues(300.0, 200.0)).containsExactly("frt_p90 firing yellow E2");
    }

    // --- escalation and de-escalation ------------------------------------------------------------------------

    @Test
    void escalatesYellowOrangeRedEachAfterTwoWindows() {
        assertThat(frtValues(200.0, 200.0)).containsExactly("frt_p90 firing yellow E2");
        assertThat(frtValues(240.0)).isEmpty();
        assertThat(frtValues(240.0)).containsExactly("frt_p90 firing orange E4");
        assertThat(frtValues(280.0)).isEmpty();
        assertThat(frtValues(280.0)).containsExactly("frt_p90 firing red E6");
        assertThat(frtValues(290.0, 300.0)).as("never twice for the same state").isEmpty();
    }

    @Test
    void deEscalatesOnlyWhenClearOfTheTierByTheHysteresis() {
        frtValues(300.0, 300.0); // red at E2
        // 265 s is under red (270 s) but not clear of it (261 s): stays red
        assertThat(frtValues(265.0, 262.0, 265.0, 261.0)).isEmpty();
        // clear of red, still in orange: orange after two windows
        assertThat(frtValues(250.0)).isEmpty();
        assertThat(frtValues(250.0)).containsExactly("frt_p90 firing orange E8");
        // clear of every tier: resolved after two windows, straight from orange
        assertThat(frtValues(150.0)).isEmpty();
        assertThat(frtValues(150.0)).containsExactly("frt_p90 resolved orange E10");
        assertThat(state).isNull();
    }

    @Test
    void deEscalatesToTheTierWhoseHysteresisBandTheValueIsIn() {
        frtValues(300.0, 300.0); // red
        // 230 s: clear of red and under orange (234 s), but not clear of orange (225 s): orange
        assertThat(frtValues(230.0, 230.0)).containsExactly("frt_p90 firing orange E4");
        // 195 s: clear of orange, under yellow (198 s) but not clear of it (189 s): yellow
        assertThat(frtValues(195.0, 195.0)).containsExactly("frt_p90 firing yellow E6");
        assertThat(frtValues(195.0, 190.0, 196.0)).isEmpty();
    }

    @Test
    void fromRedStraightToResolved() {
        frtValues(300.0, 300.0);
        assertThat(frtValues(100.0, 100.0)).containsExactly("frt_p90 resolved red E4");
    }

    @Test
    void aWindowBackOverTheTierRestartsTheClearRun() {
        frtValues(200.0, 200.0); // yellow
        assertThat(frtValues(150.0, 190.0, 150.0)).as("190 s is not clear of yellow: the run restarts").isEmpty();
        assertThat(frtValues(150.0)).containsExactly("frt_p90 resolved yellow E6");
    }

    @Test
    void reEscalatingAfterADeEscalationNeedsTwoWindowsAgain() {
        frtValues(300.0, 300.0, 240.0, 240.0); // red at E2, orange at E4
        assertThat(frtValues(280.0)).isEmpty();
        assertThat(frtValues(280.0)).containsExactly("frt_p90 firing red E6");
    }

    // --- no flapping -----------------------------------------------------------------------------------------

    @Test
    void aValueHoveringAtTheThresholdDoesNotFlap() {
        // alternating just over and just under yellow never makes two consecutive windows over it
        assertThat(frtValues(199.0, 197.0, 199.0, 197.0, 199.0, 197.0)).isEmpty();
        // once firing, hovering around the threshold stays inside the hysteresis band: no record at all
        assertThat(frtValues(199.0, 199.0)).containsExactly("frt_p90 firing yellow E8");
        assertThat(frtValues(197.0, 199.0, 190.0, 199.0, 189.0, 198.0)).isEmpty();
        // hovering at the clear threshold: never two consecutive windows clear of it
        assertThat(frtValues(188.0, 190.0, 188.0, 190.0, 188.0)).isEmpty();
        assertThat(briefs(alerts)).containsExactly("frt_p90 firing yellow E8");
    }

    // --- nulls -----------------------------------------------------------------------------------------------

    @Test
    void aNullWindowNeitherAdvancesNorBreaksARun() {
        assertThat(frtValues(200.0, null, null)).isEmpty();
        assertThat(frtValues(200.0)).as("the null windows did not break the run").containsExactly("frt_p90 firing yellow E4");
        assertThat(frtValues(null, null, null)).as("a quiet firing alert stays firing").isEmpty();
        assertThat(frtValues(150.0, null)).isEmpty();
        assertThat(frtValues(150.0)).containsExactly("frt_p90 resolved yellow E10");
    }

    @Test
    void nullsAloneKeepNoState() {
        assertThat(frtValues(null, null)).isEmpty();
        assertThat(state).isNull();
    }

    // --- records ---------------------------------------------------------------------------------------------

    @Test
    void firingRecordCarriesTheContract() {
        frtValues(240.0, 252.0);
        SlaAlert a = alerts.get(0);
        assertThat(a.alertId).isEqualTo("aggregate/frt_p90/email/P1/p1@7");
        assertThat(a.dedupKey).isEqualTo(a.alertId);
        assertThat(a.status).isEqualTo("firing");
        assertThat(a.isFiring()).isTrue();
        assertThat(a.kind).isEqualTo("aggregate");
        assertThat(a.severity).isEqualTo("orange");
        assertThat(a.slaMetric).isEqualTo("frt_p90");
        assertThat(a.ticketId).isNull();
        assertThat(a.channel).isEqualTo("email");
        assertThat(a.priority).isEqualTo("P1");
        assertThat(a.team).isNull();
        assertThat(a.policyId).isEqualTo("p1");
        assertThat(a.policyVersion).isEqualTo(7);
        assertThat(a.cycle).isZero();
        assertThat(a.targetS).isEqualTo(180.0);
        assertThat(a.startedAtMs).isEqualTo(T0 + 2 * MIN - 60 * MIN);
        assertThat(a.deadlineAtMs).isNull();
        assertThat(a.breachedAtMs).isEqualTo(T0 + 2 * MIN);
        assertThat(a.changedAtMs).isEqualTo(T0 + 2 * MIN);
        assertThat(a.elapsedS).isEqualTo(252.0);
        assertThat(a.pausedS).isZero();
        assertThat(a.overrunPct).isCloseTo(40.0, within(1e-9));
        assertThat(a.resolveReason).isNull();
        assertThat(a.detectedAtMs).as("set by the operator").isZero();
        assertThat(a.summary).isEqualTo("FRT p90 of email/P1 orange: 252.0 s is +40.0% vs the target of 180.0 s");
    }

    @Test
    void recordsOfOneEpisodeKeepItsBreachInstantAndResolvedSaysRecovered() {
        frtValues(200.0, 200.0, 240.0, 240.0, 100.0, 90.0);
        assertThat(briefs(alerts)).containsExactly(
                "frt_p90 firing yellow E2", "frt_p90 firing orange E4", "frt_p90 resolved orange E6");
        assertThat(alerts).extracting(a -> a.breachedAtMs).containsOnly(T0 + 2 * MIN);
        SlaAlert resolved = alerts.get(2);
        assertThat(resolved.status).isEqualTo("resolved");
        assertThat(resolved.isFiring()).isFalse();
        assertThat(resolved.resolveReason).isEqualTo("recovered");
        assertThat(resolved.elapsedS).isEqualTo(90.0);
        assertThat(resolved.overrunPct).isCloseTo(-50.0, within(1e-9));
        assertThat(resolved.changedAtMs).isEqualTo(T0 + 6 * MIN);
        assertThat(resolved.startedAtMs).isEqualTo(T0 + 6 * MIN - 60 * MIN);
        assertThat(resolved.summary).isEqualTo("FRT p90 of email/P1 recovered: 90.0 s is -50.0% vs the target of 180.0 s");
        assertThat(state).as("a resolved, quiet key keeps no state").isNull();
    }

    @Test
    void aNewEpisodeAfterRecoveryHasItsOwnBreachInstant() {
        frtValues(200.0, 200.0, 100.0, 100.0, 200.0, 200.0);
        assertThat(briefs(alerts)).containsExactly(
                "frt_p90 firing yellow E2", "frt_p90 resolved yellow E4", "frt_p90 firing yellow E6");
        assertThat(alerts.get(2).breachedAtMs).isEqualTo(T0 + 6 * MIN);
    }

    // --- metrics, policies, ceilings ---------------------------------------------------------------------------

    @Test
    void eachMetricIsItsOwnAlert() {
        // P1 MTTR target 2 h = 7200 s: yellow 7920 s; wait-timeout ceiling 0.25: red 0.375
        assertThat(apply(row("email", "P1", 1, 200.0, 8000.0, 0.40), row("email", "P1", 2, 200.0, 8000.0, 0.40)))
                .containsExactly("frt_p90 firing yellow E2", "mttr_mean firing yellow E2", "wait_timeout_rate firing red E2");
        assertThat(alerts).extracting(a -> a.alertId).containsExactly(
                "aggregate/frt_p90/email/P1/p1@7",
                "aggregate/mttr_mean/email/P1/p1@7",
                "aggregate/wait_timeout_rate/email/P1/p1@7");
        assertThat(apply(row("email", "P1", 3, 100.0, 8000.0, 0.40), row("email", "P1", 4, 100.0, 8000.0, 0.40)))
                .containsExactly("frt_p90 resolved yellow E4");
    }

    @Test
    void waitTimeoutRateIsMeasuredAgainstTheCeiling() {
        assertThat(apply(row("web", "P2", 1, null, null, 0.30), row("web", "P2", 2, null, null, 0.28)))
                .containsExactly("wait_timeout_rate firing yellow E2");
        SlaAlert a = alerts.get(0);
        assertThat(a.alertId).isEqualTo("aggregate/wait_timeout_rate/web/P2/p2@7");
        assertThat(a.targetS).isEqualTo(0.25);
        assertThat(a.elapsedS).isEqualTo(0.28);
        assertThat(a.overrunPct).isCloseTo(12.0, within(1e-9));
        assertThat(a.summary).isEqualTo("wait-timeout rate of web/P2 yellow: 28.0% is +12.0% vs the ceiling of 25.0%");
        // 0.27 is in the hysteresis band (clear below 0.2625); 0.26 is clear
        assertThat(apply(row("web", "P2", 3, null, null, 0.27), row("web", "P2", 4, null, null, 0.26))).isEmpty();
        assertThat(apply(row("web", "P2", 5, null, null, 0.20))).containsExactly("wait_timeout_rate resolved yellow E5");
    }

    @Test
    void waitTimeoutCeilingOffNeverAlerts() {
        tracker = new AggregateAlertTracker(policies(new AggregateRules(null, 2, 2, 5.0)));
        assertThat(apply(row("web", "P2", 1, null, null, 1.0), row("web", "P2", 2, null, null, 1.0))).isEmpty();
        assertThat(state).isNull();
    }

    @Test
    void aPolicyWithoutATargetForTheMetricDoesNotTrackIt() {
        // chat-resolution matches chat/P1 first (first match wins) and has no first-response target
        assertThat(apply(row("chat", "P1", 1, 10_000.0, 4000.0, null), row("chat", "P1", 2, 10_000.0, 4000.0, null)))
                .containsExactly("mttr_mean firing yellow E2");
        assertThat(alerts.get(0).alertId).isEqualTo("aggregate/mttr_mean/chat/P1/chat-resolution@7");
        assertThat(alerts.get(0).targetS).isEqualTo(3600.0);
    }

    @Test
    void aKeyWithoutPolicyNeverAlerts() {
        assertThat(apply(row("email", "P4", 1, 1e6, 1e6, 1.0), row("email", "P4", 2, 1e6, 1e6, 1.0))).isEmpty();
        assertThat(state).isNull();
    }

    @Test
    void theRulesDriveTheDebounce() {
        tracker = new AggregateAlertTracker(policies(new AggregateRules(0.25, 1, 3, 0.0)));
        assertThat(frtValues(198.0)).as("raise after 1").containsExactly("frt_p90 firing yellow E1");
        assertThat(frtValues(197.9, 197.9)).as("no hysteresis, but clear after 3").isEmpty();
        assertThat(frtValues(197.9)).containsExactly("frt_p90 resolved yellow E4");
    }

    // --- which rows count --------------------------------------------------------------------------------------

    @Test
    void onlyFinalRowsCount() {
        TicketKpi provisional = frt(1, 300.0);
        provisional.isFinal = false;
        provisional.revision = 0;
        TicketKpi provisional2 = frt(2, 300.0);
        provisional2.isFinal = false;
        assertThat(apply(provisional, provisional2)).isEmpty();
        assertThat(state).isNull();
        assertThat(AggregateAlertTracker.counts(provisional)).isFalse();
        assertThat(AggregateAlertTracker.counts(frt(1, 300.0))).isTrue();
    }

    @Test
    void aRowNotAfterTheLastAppliedIsIgnored() {
        assertThat(apply(frt(2, 300.0), frt(2, 300.0), frt(1, 300.0))).as("duplicate and older row").isEmpty();
        assertThat(apply(frt(3, 300.0))).containsExactly("frt_p90 firing red E3");
    }

    @Test
    void theGivenStateIsNotChanged() {
        frtValues(200.0);
        AggregateAlertState before = state.copy();
        AggregateAlertTracker.Step step = tracker.next(state, frt(2, 200.0));
        assertThat(step.alerts()).hasSize(1);
        assertThat(state).isEqualTo(before);
        assertThat(step.state()).isNotEqualTo(before);
    }
}
