package io.ticketpulse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The rule deciding which KPI windows of a key get a row. Windows of 10 min sliding by 1 min (10 windows contain
 * a pane) with 4 quiet windows; the pane with the key's latest fact starts at {@code FACT}; the window ending at
 * {@code FACT + n min} is E(n).
 */
class KpiEmissionRuleTest {

    private static final long MIN = 60_000L;
    private static final long FACT = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final KpiEmissionRule RULE = new KpiEmissionRule(10 * MIN, MIN, 4);

    private static long e(long n) {
        return FACT + n * MIN;
    }

    @Test
    void everyWindowHoldingTheFactIsEmittedWhateverTheBacklog() {
        for (long n = 1; n <= 10; n++) {
            assertThat(RULE.isEmitted(e(n), FACT, 0)).as("E(%d), backlog 0", n).isTrue();
            assertThat(RULE.isEmitted(e(n), FACT, 3)).as("E(%d), backlog 3", n).isTrue();
        }
    }

    @Test
    void quietWindowsFollowOnlyWithAnOpenBacklogAndOnlyAsManyAsConfigured() {
        for (long n = 11; n <= 14; n++) {
            assertThat(RULE.isEmitted(e(n), FACT, 1)).as("quiet E(%d) with a backlog", n).isTrue();
            assertThat(RULE.isEmitted(e(n), FACT, -1)).as("quiet E(%d), backlog not zero", n).isTrue();
            assertThat(RULE.isEmitted(e(n), FACT, 0)).as("quiet E(%d) without a backlog", n).isFalse();
        }
        assertThat(RULE.isEmitted(e(15), FACT, 1)).as("past the quiet windows").isFalse();
        assertThat(RULE.isEmitted(e(60L * 24 * 365), FACT, 1)).as("a year later").isFalse();
    }

    @Test
    void aKeyWithoutFactsEmitsNothing() {
        assertThat(RULE.isEmitted(e(1), KpiEmissionRule.NO_FACT, 5)).isFalse();
    }

    @Test
    void theEmittedWindowsOfOneFactPaneAreExactlyTheBound() {
        long emitted = LongStream.rangeClosed(-100, 10_000).filter(n -> n > 0)
                .filter(n -> RULE.isEmitted(e(n), FACT, 1)).count();
        assertThat(emitted).isEqualTo(RULE.windowsPerFactPane()).isEqualTo(14);
        assertThat(RULE.lastWindowEndOf(FACT)).isEqualTo(e(14));
    }

    @Test
    void zeroQuietWindowsEmitOnlyWindowsWithFacts() {
        KpiEmissionRule none = new KpiEmissionRule(10 * MIN, MIN, 0);
        assertThat(none.isEmitted(e(10), FACT, 1)).isTrue();
        assertThat(none.isEmitted(e(11), FACT, 1)).isFalse();
        assertThat(none.windowsPerFactPane()).isEqualTo(10);
    }

    @Test
    void tumblingWindowsByDefaultHaveOneQuietWindow() {
        long hour = 60 * MIN;
        int quiet = KpiEmissionRule.defaultQuietWindows(hour, hour);
        KpiEmissionRule tumbling = new KpiEmissionRule(hour, hour, quiet);
        assertThat(quiet).isEqualTo(1);
        assertThat(tumbling.isEmitted(FACT + hour, FACT, 1)).isTrue();
        assertThat(tumbling.isEmitted(FACT + 2 * hour, FACT, 1)).isTrue();
        assertThat(tumbling.isEmitted(FACT + 3 * hour, FACT, 1)).isFalse();
        assertThat(KpiEmissionRule.defaultQuietWindows(60 * MIN, MIN)).isEqualTo(60);
    }

    @Test
    void extremeTimesNeitherOverflowNorEmit() {
        long yearOne = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
        long year9999 = Instant.parse("9999-12-31T23:00:00Z").toEpochMilli();
        assertThat(RULE.isEmitted(year9999, yearOne, 1)).isFalse();
        assertThat(RULE.isEmitted(Long.MAX_VALUE - MIN + 1, Long.MIN_VALUE + 1, 1)).isFalse();
        assertThat(RULE.lastWindowEndOf(Long.MAX_VALUE - MIN)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void invalidArgumentsAreRefused() {
        assertThatThrownBy(() -> new KpiEmissionRule(10 * MIN, 3 * MIN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of the slide");
        assertThatThrownBy(() -> new KpiEmissionRule(10 * MIN, MIN, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quiet-windows");
        assertThatThrownBy(() -> new KpiEmissionRule(10 * MIN, MIN, KpiEmissionRule.MAX_QUIET_WINDOWS + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quiet-windows");
        assertThatThrownBy(() -> RULE.isEmitted(e(1), e(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not start before");
    }
}
