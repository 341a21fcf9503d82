package io.ticketpulse.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which policy file is in force when: the highest version whose effective instant has come, whatever the order. */
class PolicyScheduleTest {

    private static final long T10 = 10_000;
    private static final long T20 = 20_000;
    private static final long T30 = 30_000;

    static SlaPolicySet file(int version) {
        return new SlaPolicySet("v" + version, version, io.ticketpulse.testing.SlaTestPolicies.policies().policies(),
                AggregateRules.DEFAULT);
    }

    @Test
    void theStartupFileIsInForceAlwaysUntilALaterOneComes() {
        PolicySchedule s = PolicySchedule.of(file(1));
        assertThat(s.versionAt(Long.MIN_VALUE)).isEqualTo(1);
        assertThat(s.versionAt(Long.MAX_VALUE)).isEqualTo(1);
        assertThat(s.nextChangeAfter(Long.MIN_VALUE)).isEqualTo(Long.MAX_VALUE);

        PolicySchedule two = s.with(T20, file(2));
        assertThat(two.versionAt(T20 - 1)).isEqualTo(1);
        assertThat(two.versionAt(T20)).isEqualTo(2);
        assertThat(two.nextChangeAfter(Long.MIN_VALUE)).isEqualTo(T20);
        assertThat(two.nextChangeAfter(T20)).isEqualTo(Long.MAX_VALUE);
        assertThat(two.latest().version()).isEqualTo(2);
    }

    @Test
    void theHighestVersionWhoseInstantHasComeWinsWhateverTheArrivalOrder() {
        // v3 from 10 s, v2 from 20 s: v2 is never in force (v3 already is when v2's instant comes)
        PolicySchedule a = PolicySchedule.of(file(1)).with(T20, file(2)).with(T10, file(3));
        PolicySchedule b = PolicySchedule.of(file(1)).with(T10, file(3)).with(T20, file(2));
        for (PolicySchedule s : List.of(a, b)) {
            assertThat(s.versionAt(T10 - 1)).isEqualTo(1);
            assertThat(s.versionAt(T10)).isEqualTo(3);
            assertThat(s.versionAt(T30)).isEqualTo(3);
            assertThat(s.stretches()).extracting(e -> e.policies().version()).containsExactly(1, 3);
        }
        // v2 from 10 s, v3 from 30 s: both in force in turn
        PolicySchedule c = PolicySchedule.of(file(1)).with(T30, file(3)).with(T10, file(2));
        assertThat(c.versionAt(T20)).isEqualTo(2);
        assertThat(c.versionAt(T30)).isEqualTo(3);
        assertThat(c.nextChangeAfter(T10)).isEqualTo(T30);
    }

    @Test
    void aVersionNotAboveTheStartupFileOrAlreadyKnownIsIgnored() {
        PolicySchedule s = PolicySchedule.of(file(5));
        assertThat(s.with(T10, file(4))).isSameAs(s);
        assertThat(s.with(T10, file(5))).isSameAs(s);
        PolicySchedule six = s.with(T10, file(6));
        assertThat(six.with(T20, file(6))).isSameAs(six);
        assertThat(six.byVersion(6)).isNotNull();
        assertThat(six.byVersion(4)).isNull();
    }

    @Test
    void aFileEffectiveFromTheBeginningOfTimeReplacesTheStartupFile() {
        PolicySchedule s = PolicySchedule.of(file(1)).with(Long.MIN_VALUE, file(2));
        assertThat(s.versionAt(Long.MIN_VALUE)).isEqualTo(2);
        assertThat(s.stretches()).hasSize(1);
    }
}
