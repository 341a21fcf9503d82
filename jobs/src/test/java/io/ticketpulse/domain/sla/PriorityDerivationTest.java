package io.ticketpulse.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketpulse.domain.sla.PriorityDerivation.Factor;
import io.ticketpulse.domain.sla.PriorityDerivation.Threshold;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The priority derived from urgency x impact with the playbook's defaults: urgency weight 40, impact 30 (the score
 * is their weighted mean), levels low 1 / medium 3 / high 5 (or 1..5 as digits), thresholds P1 >= 4.5, P2 >= 3.5,
 * P3 >= 2.0, else P4; no scored attribute: P3. Each expected score is worked out by hand in the comment.
 */
class PriorityDerivationTest {

    private static final PriorityDerivation DEFAULT = PriorityDerivation.DEFAULT;

    private static Map<String, String> attrs(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void highUrgencyAndHighImpactScoreFiveAndArePriorityOne() {
        // (40 x 5 + 30 x 5) / 70 = 5.0 >= 4.5
        assertThat(DEFAULT.derive(attrs("urgency", "high", "impact", "high"))).isEqualTo("P1");
    }

    @Test
    void highUrgencyAndMediumImpactIsHigh() {
        // (40 x 5 + 30 x 3) / 70 = 290 / 70 = 4.14: >= 3.5, < 4.5
        assertThat(DEFAULT.derive(attrs("urgency", "high", "impact", "medium"))).isEqualTo("P2");
    }

    @Test
    void theUrgencyWeighsMoreThanTheImpact() {
        // high urgency, low impact: (200 + 30) / 70 = 3.29 -> P3; low urgency, high impact: (40 + 150) / 70 = 2.71 -> P3
        assertThat(DEFAULT.score(attrs("urgency", "high", "impact", "low")))
                .isGreaterThan(DEFAULT.score(attrs("urgency", "low", "impact", "high")));
        assertThat(DEFAULT.derive(attrs("urgency", "high", "impact", "low"))).isEqualTo("P3");
        assertThat(DEFAULT.derive(attrs("urgency", "low", "impact", "high"))).isEqualTo("P3");
    }

    @Test
    void mediumMediumIsNormalAndLowLowIsLow() {
        assertThat(DEFAULT.derive(attrs("urgency", "medium", "impact", "medium"))).isEqualTo("P3"); // 3.0
        assertThat(DEFAULT.derive(attrs("urgency", "low", "impact", "low"))).isEqualTo("P4"); // 1.0 < 2.0
        // low urgency, medium impact: (40 + 90) / 70 = 1.857 < 2.0
        assertThat(DEFAULT.derive(attrs("urgency", "low", "impact", "medium"))).isEqualTo("P4");
        // medium urgency, low impact: (120 + 30) / 70 = 2.143 >= 2.0
        assertThat(DEFAULT.derive(attrs("urgency", "medium", "impact", "low"))).isEqualTo("P3");
    }

    @Test
    void aThresholdIsReachedAtExactlyItsScoreWithoutRounding() {
        // digits are levels: urgency 4, impact 3 -> (160 + 90) / 70 = 3.571 -> P2; urgency 3, impact 4 -> 3.43 -> P3
        assertThat(DEFAULT.derive(attrs("urgency", "4", "impact", "3"))).isEqualTo("P2");
        assertThat(DEFAULT.derive(attrs("urgency", "3", "impact", "4"))).isEqualTo("P3");
        // one factor alone: exactly 2 is P3 (>= 2.0), exactly 4.5 is not a level of the defaults, 5 is P1
        assertThat(DEFAULT.derive(attrs("urgency", "2"))).isEqualTo("P3");
        PriorityDerivation exact = new PriorityDerivation(
                List.of(new Factor("u", BigDecimal.ONE), new Factor("i", BigDecimal.ONE)),
                Map.of("a", new BigDecimal("3.5"), "b", new BigDecimal("3.4")),
                PriorityDerivation.DEFAULT_THRESHOLDS, "P4", "P3");
        // (3.5 + 3.5) / 2 = 3.5 exactly: P2; (3.5 + 3.4) / 2 = 3.45: below 3.5, P3 (no rounding to one decimal)
        assertThat(exact.derive(attrs("u", "a", "i", "a"))).isEqualTo("P2");
        assertThat(exact.derive(attrs("u", "a", "i", "b"))).isEqualTo("P3");
    }

    @Test
    void aMissingOrUnknownFactorIsLeftOutAndTheOthersAreAveraged() {
        // impact unknown ("severe" is no level): the urgency alone scores 5
        assertThat(DEFAULT.derive(attrs("urgency", "high", "impact", "severe"))).isEqualTo("P1");
        assertThat(DEFAULT.derive(attrs("impact", "low"))).isEqualTo("P4");
        assertThat(DEFAULT.score(attrs("impact", "medium"))).isEqualByComparingTo("3");
    }

    @Test
    void levelsAreMatchedIgnoringCaseAndSurroundingBlanks() {
        assertThat(DEFAULT.derive(attrs("urgency", " High ", "impact", "HIGH"))).isEqualTo("P1");
    }

    @Test
    void withoutAnyScoredAttributeTheTicketGetsTheDefaultPriority() {
        assertThat(DEFAULT.score(attrs("issue_type", "billing"))).isNull();
        assertThat(DEFAULT.derive(attrs("issue_type", "billing"))).isEqualTo("P3");
        assertThat(DEFAULT.derive(null)).isEqualTo("P3");
        assertThat(DEFAULT.derive(Map.of())).isEqualTo("P3");
    }

    @Test
    void theWeightsAreRelativeOnlyTheirRatioCounts() {
        PriorityDerivation fractions = new PriorityDerivation(
                List.of(new Factor("urgency", new BigDecimal("0.4")), new Factor("impact", new BigDecimal("0.3"))),
                PriorityDerivation.DEFAULT_LEVELS, PriorityDerivation.DEFAULT_THRESHOLDS, "P4", "P3");
        for (String u : List.of("low", "medium", "high", "1", "2", "3", "4", "5")) {
            for (String i : List.of("low", "medium", "high", "1", "2", "3", "4", "5")) {
                assertThat(fractions.score(attrs("urgency", u, "impact", i)))
                        .isEqualByComparingTo(DEFAULT.score(attrs("urgency", u, "impact", i)));
            }
        }
    }

    @Test
    void theDefaultsAreThePlaybooks() {
        assertThat(DEFAULT.factors()).containsExactly(
                new Factor("urgency", new BigDecimal("40")), new Factor("impact", new BigDecimal("30")));
        assertThat(DEFAULT.thresholds()).containsExactly(
                new Threshold("P1", new BigDecimal("4.5")),
                new Threshold("P2", new BigDecimal("3.5")),
                new Threshold("P3", new BigDecimal("2.0")));
        assertThat(DEFAULT.belowThresholds()).isEqualTo("P4");
        assertThat(DEFAULT.withoutAttributes()).isEqualTo("P3");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new PriorityDerivation(List.of(new Factor("u", BigDecimal.ZERO)),
                PriorityDerivation.DEFAULT_LEVELS, PriorityDerivation.DEFAULT_THRESHOLDS, "P4", "P3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> new PriorityDerivation(List.of(new Factor("u", BigDecimal.ONE)),
                PriorityDerivation.DEFAULT_LEVELS,
                List.of(new Threshold("P2", new BigDecimal("2")), new Threshold("P1", new BigDecimal("3"))), "P4", "P3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("descend");
    }
}
