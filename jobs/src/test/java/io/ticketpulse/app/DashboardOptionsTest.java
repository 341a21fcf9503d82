package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketpulse.app.JobOptions.OptionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --dashboard-port}, {@code --dashboard-linger}, {@code --no-dashboard}: defaults and refusals. */
class DashboardOptionsTest {

    private static final Clock WALL_CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void theEmbeddedRunServesADashboardOnAnyFreePortByDefault() {
        DashboardSettings d = JobOptions.parse(WALL_CLOCK).dashboard();
        assertThat(d).isEqualTo(new DashboardSettings(true, 0, Optional.empty()));
        assertThat(d.lingerFor(true)).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.lingerFor(false)).isEqualTo(Duration.ZERO);
    }

    @Test
    void portAndLingerAreTaken() {
        DashboardSettings d = JobOptions.parse(WALL_CLOCK, "--dashboard-port", "8090", "--dashboard-linger", "30s")
                .dashboard();
        assertThat(d).isEqualTo(new DashboardSettings(true, 8090, Optional.of(Duration.ofSeconds(30))));
        assertThat(d.lingerFor(true)).isEqualTo(Duration.ofSeconds(30));
        assertThat(JobOptions.parse(WALL_CLOCK, "--dashboard-linger", "0s").dashboard().lingerFor(true)).isZero();
    }

    @Test
    void noDashboardTurnsItOffAndRefusesItsSettings() {
        assertThat(JobOptions.parse(WALL_CLOCK, "--no-dashboard").dashboard()).isEqualTo(DashboardSettings.OFF);
        assertThatThrownBy(() -> JobOptions.parse(WALL_CLOCK, "--no-dashboard", "--dashboard-port", "8090"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--dashboard-port: cannot be combined with --no-dashboard");
    }

    @Test
    void aKafkaRunServesNone() {
        assertThat(JobOptions.parse(WALL_CLOCK, "--kafka-bootstrap-servers", "localhost:9092").dashboard())
                .isEqualTo(DashboardSettings.OFF);
        assertThatThrownBy(() -> JobOptions.parse(WALL_CLOCK, "--kafka-bootstrap-servers", "localhost:9092",
                        "--dashboard-linger", "1m"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--dashboard-linger: does not apply with --kafka-bootstrap-servers (run ticketpulse"
                        + " dashboard beside the job)");
    }

    @Test
    void aPortOutOfRangeIsNamed() {
        assertThatThrownBy(() -> JobOptions.parse(WALL_CLOCK, "--dashboard-port", "65536"))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--dashboard-port: must be at most 65535");
        assertThatThrownBy(() -> JobOptions.parse(WALL_CLOCK, "--dashboard-port", "-1"))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--dashboard-port: must be at least 0");
    }
}
