package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.PatternRules;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaPolicySet;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The policy file's {@code patterns} section read into {@link PatternRules}. */
class PatternPolicyFilesTest {

    private static final String POLICIES = "version: 2\npolicies:\n  - id: all\n    targets:\n      first_response: 1h\n";

    @Test
    void theExampleFileIsReadWithItsDefaults() {
        SlaPolicySet set = SlaPolicyFiles.load(Path.of("../schemas/examples/sla-policy/valid/risk-patterns.yaml"));
        PatternRules p = set.patterns();
        assertThat(p.enabled()).extracting(PatternRule::pattern).containsExactly(RiskPattern.values());
        assertThat(p.rule(RiskPattern.REASSIGNMENT_PING_PONG)).isEqualTo(new PatternRule(
                RiskPattern.REASSIGNMENT_PING_PONG, true, 3, Duration.ofHours(4), Severity.ORANGE));
        assertThat(p.rule(RiskPattern.CUSTOMER_CHASING)).isEqualTo(PatternRule.defaults(RiskPattern.CUSTOMER_CHASING));
        assertThat(p.rule(RiskPattern.REOPEN_LOOP)).isEqualTo(new PatternRule(
                RiskPattern.REOPEN_LOOP, true, 2, Duration.ofDays(7), Severity.ORANGE));
        assertThat(p.rule(RiskPattern.SILENT_RESOLUTION)).isEqualTo(new PatternRule(
                RiskPattern.SILENT_RESOLUTION, true, 1, Duration.ofDays(7), Severity.YELLOW));
        assertThat(p.rule(RiskPattern.ESCALATION_WITHOUT_RESPONSE)).isEqualTo(new PatternRule(
                RiskPattern.ESCALATION_WITHOUT_RESPONSE, true, 1, Duration.ofMinutes(30), Severity.RED));
    }

    @Test
    void noSectionOrAnEmptyOneRunsNoPattern() {
        assertThat(SlaPolicyFiles.parse("p.yaml", POLICIES).patterns()).isEqualTo(PatternRules.NONE);
        assertThat(SlaPolicyFiles.parse("p.yaml", POLICIES + "patterns: {}\n").patterns().anyEnabled()).isFalse();
        assertThat(SlaPolicyFiles.loadDefault().patterns().anyEnabled()).as("the shipped file runs none").isFalse();
    }

    @Test
    void aDisabledPatternIsKeptButDoesNotRun() {
        PatternRules p = SlaPolicyFiles.parse("p.yaml", POLICIES
                + "patterns:\n  reopen_loop:\n    enabled: false\n    count: 4\n  customer_chasing:\n    count: 5\n")
                .patterns();
        assertThat(p.rule(RiskPattern.REOPEN_LOOP).enabled()).isFalse();
        assertThat(p.rule(RiskPattern.REOPEN_LOOP).count()).isEqualTo(4);
        assertThat(p.enabled()).extracting(PatternRule::pattern).containsExactly(RiskPattern.CUSTOMER_CHASING);
        assertThat(p.rule(RiskPattern.CUSTOMER_CHASING).count()).isEqualTo(5);
    }
}
