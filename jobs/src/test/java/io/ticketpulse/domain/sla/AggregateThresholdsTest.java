package io.ticketpulse.domain.sla;

import static io.ticketpulse.domain.sla.AggregateFixtures.CHAT;
import static io.ticketpulse.domain.sla.AggregateFixtures.P1;
import static io.ticketpulse.domain.sla.AggregateFixtures.POLICIES;
import static io.ticketpulse.domain.sla.AggregateFixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregateThresholdsTest {

    private static final AggregateThresholds P1_FRT =
            AggregateThresholds.of(POLICIES, P1, AggregateMetric.FRT_P90).orElseThrow();

    @Test
    void tiersAreTheOverrunMarginsOverTheTarget() {
        assertThat(P1_FRT.reference()).isEqualTo(180.0);
        assertThat(P1_FRT.threshold(0)).isCloseTo(198.0, within(1e-9));
        assertThat(P1_FRT.threshold(1)).isCloseTo(234.0, within(1e-9));
        assertThat(P1_FRT.threshold(2)).isCloseTo(270.0, within(1e-9));
        assertThat(P1_FRT.severity(0)).isEqualTo(Severity.YELLOW);
        assertThat(P1_FRT.severity(2)).isEqualTo(Severity.RED);
    }

    @Test
    void aValueIsInTheHighestTierItIsAtOrOver() {
        assertThat(P1_FRT.tierOf(180.0)).isEqualTo(AggregateThresholds.NONE);
        assertThat(P1_FRT.tierOf(197.9)).isEqualTo(AggregateThresholds.NONE);
        assertThat(P1_FRT.tierOf(198.0)).isEqualTo(0);
        assertThat(P1_FRT.tierOf(233.9)).isEqualTo(0);
        assertThat(P1_FRT.tierOf(234.0)).isEqualTo(1);
        assertThat(P1_FRT.tierOf(270.0)).isEqualTo(2);
        assertThat(P1_FRT.tierOf(10_000.0)).isEqualTo(2);
    }

    @Test
    void clearOfATierMeansBelowItByMoreThanTheHysteresis() {
        // 5 points of the 180 s target = 9 s below each threshold
        assertThat(P1_FRT.clearThreshold(0)).isCloseTo(189.0, within(1e-9));
        assertThat(P1_FRT.isClearOf(188.9, 0)).isTrue();
        assertThat(P1_FRT.isClearOf(189.0, 0)).isFalse();
        assertThat(P1_FRT.isClearOf(224.9, 1)).isTrue();
        assertThat(P1_FRT.isClearOf(261.0, 2)).isFalse();
    }

    @Test
    void overrunIsRelativeToTheTarget() {
        assertThat(P1_FRT.overrunPct(252.0)).isCloseTo(40.0, within(1e-9));
        assertThat(P1_FRT.overrunPct(90.0)).isCloseTo(-50.0, within(1e-9));
    }

    @Test
    void waitTimeoutTiersAreRelativeToTheCeiling() {
        AggregateThresholds t = AggregateThresholds.of(POLICIES, P1, AggregateMetric.WAIT_TIMEOUT_RATE).orElseThrow();
        assertThat(t.reference()).isEqualTo(0.25);
        assertThat(t.threshold(0)).isCloseTo(0.275, within(1e-12));
        assertThat(t.threshold(1)).isCloseTo(0.325, within(1e-12));
        assertThat(t.threshold(2)).isCloseTo(0.375, within(1e-12));
        assertThat(t.clearThreshold(0)).isCloseTo(0.2625, within(1e-12));
    }

    @Test
    void aMetricWithoutTargetOrCeilingIsNotTracked() {
        assertThat(AggregateThresholds.of(POLICIES, CHAT, AggregateMetric.FRT_P90)).isEmpty();
        assertThat(AggregateThresholds.of(POLICIES, CHAT, AggregateMetric.MTTR_MEAN)).isPresent();
        SlaPolicySet ceilingOff = policies(new AggregateRules(null, 2, 2, 5.0));
        assertThat(AggregateThresholds.of(ceilingOff, P1, AggregateMetric.WAIT_TIMEOUT_RATE)).isEmpty();
        SlaPolicy zeroTarget = new SlaPolicy("zero", PolicyMatch.ANY,
                Map.of(SlaMetric.FIRST_RESPONSE, Duration.ZERO), WarningRule.NONE, SlaPolicy.DEFAULT_ESCALATION);
        assertThat(AggregateThresholds.of(POLICIES, zeroTarget, AggregateMetric.FRT_P90)).isEmpty();
        SlaPolicy noTiers = new SlaPolicy("no-tiers", PolicyMatch.ANY,
                Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(3)), WarningRule.NONE, List.of());
        assertThat(AggregateThresholds.of(POLICIES, noTiers, AggregateMetric.FRT_P90)).isEmpty();
    }

    @Test
    void tiersAreSortedByOverrun() {
        SlaPolicy shuffled = new SlaPolicy("shuffled", PolicyMatch.ANY,
                Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(10)), WarningRule.NONE,
                List.of(new EscalationTier(Severity.RED, 100), new EscalationTier(Severity.YELLOW, 20)));
        AggregateThresholds t = AggregateThresholds.of(POLICIES, shuffled, AggregateMetric.FRT_P90).orElseThrow();
        assertThat(t.severity(0)).isEqualTo(Severity.YELLOW);
        assertThat(t.tierOf(1200.0)).isEqualTo(1);
    }
}
