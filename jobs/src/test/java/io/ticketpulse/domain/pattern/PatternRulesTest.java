package io.ticketpulse.domain.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketpulse.domain.sla.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternRulesTest {

    @Test
    void noSectionRunsNothing() {
        assertThat(PatternRules.NONE.anyEnabled()).isFalse();
        assertThat(PatternRules.NONE.rule(RiskPattern.CUSTOMER_CHASING)).isNull();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        PatternRules all = PatternRules.allDefaults();
        assertThat(all.enabled()).extracting(PatternRule::pattern).containsExactly(RiskPattern.values());
        assertThat(all.rule(RiskPattern.REASSIGNMENT_PING_PONG))
                .isEqualTo(new PatternRule(RiskPattern.REASSIGNMENT_PING_PONG, true, 3, Duration.ofHours(4),
                        Severity.ORANGE));
        assertThat(all.rule(RiskPattern.CUSTOMER_CHASING))
                .isEqualTo(new PatternRule(RiskPattern.CUSTOMER_CHASING, true, 3, Duration.ofHours(24),
                        Severity.YELLOW));
        assertThat(all.rule(RiskPattern.REOPEN_LOOP))
                .isEqualTo(new PatternRule(RiskPattern.REOPEN_LOOP, true, 2, Duration.ofDays(7), Severity.ORANGE));
        assertThat(all.rule(RiskPattern.SILENT_RESOLUTION))
                .isEqualTo(new PatternRule(RiskPattern.SILENT_RESOLUTION, true, 1, Duration.ofDays(7),
                        Severity.YELLOW));
        assertThat(all.rule(RiskPattern.ESCALATION_WITHOUT_RESPONSE))
                .isEqualTo(new PatternRule(RiskPattern.ESCALATION_WITHOUT_RESPONSE, true, 1, Duration.ofHours(1),
                        Severity.RED));
    }

    @Test
    void disabledRulesDoNotRunAndRulesKeepPatternOrder() {
        PatternRules rules = new PatternRules(List.of(
                new PatternRule(RiskPattern.REOPEN_LOOP, true, 2, Duration.ofDays(1), Severity.RED),
                new PatternRule(RiskPattern.CUSTOMER_CHASING, false, 3, Duration.ofHours(1), Severity.YELLOW)));
        assertThat(rules.rules()).extracting(PatternRule::pattern)
                .containsExactly(RiskPattern.CUSTOMER_CHASING, RiskPattern.REOPEN_LOOP);
        assertThat(rules.enabled()).extracting(PatternRule::pattern).containsExactly(RiskPattern.REOPEN_LOOP);
    }

    @Test
    void countsAndWindowsAreChecked() {
        assertThatThrownBy(() -> new PatternRule(RiskPattern.CUSTOMER_CHASING, true, 1, Duration.ofHours(1),
                Severity.RED)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new PatternRule(RiskPattern.SILENT_RESOLUTION, true, 2, Duration.ofHours(1),
                Severity.RED)).hasMessageContaining("takes no count");
        assertThatThrownBy(() -> new PatternRule(RiskPattern.SILENT_RESOLUTION, true, 1, Duration.ZERO,
                Severity.RED)).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> new PatternRules(List.of(PatternRule.defaults(RiskPattern.REOPEN_LOOP),
                PatternRule.defaults(RiskPattern.REOPEN_LOOP)))).hasMessageContaining("twice");
    }

    @Test
    void wireNamesRoundTrip() {
        for (RiskPattern p : RiskPattern.values()) {
            assertThat(RiskPattern.fromWireName(p.wireName())).isSameAs(p);
        }
        assertThat(RiskPattern.ESCALATION_WITHOUT_RESPONSE.wireName()).isEqualTo("escalation_without_response");
    }
}
