package io.ticketpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Validation and defaults of the simulator options, and the simulator core's independence from Flink. */
class SimulatorOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SimulatorOptions o = SimulatorOptions.defaults();
        assertThat(o.eventsPerSecond()).isEqualTo(1_000);
        assertThat(o.throttled()).isTrue();
        assertThat(o.bounded()).isFalse();
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.start()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(o.ticketsPerHour()).isEqualTo(600);
        assertThat(o.duplicateRate()).isEqualTo(0.005);
        assertThat(o.malformedRate()).isEqualTo(0.003);
        assertThat(o.maxJitter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.mildLateRate()).isEqualTo(0.005);
        assertThat(o.veryLateRate()).isEqualTo(0.001);
        assertThat(o.testTicketRate()).isEqualTo(0.01);
    }

    @Test
    void zeroRateMeansUnthrottledAndACountMakesItBounded() {
        SimulatorOptions o = SimulatorOptions.builder().unthrottled().events(1).build();
        assertThat(o.throttled()).isFalse();
        assertThat(o.bounded()).isTrue();
        assertThat(o.toBuilder().unbounded().build().events()).isEqualTo(SimulatorOptions.UNBOUNDED);
    }

    @Test
    void everyBadSettingIsNamed() {
        assertThatThrownBy(() -> SimulatorOptions.builder()
                        .eventsPerSecond(-1)
                        .events(0)
                        .ticketsPerHour(0)
                        .duplicateRate(1.5)
                        .malformedRate(-0.1)
                        .maxJitter(Duration.ofMinutes(2))
                        .start(null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events-per-second")
                .hasMessageContaining("events must be at least 1")
                .hasMessageContaining("tickets-per-hour")
                .hasMessageContaining("duplicate-rate")
                .hasMessageContaining("malformed-rate")
                .hasMessageContaining("max-jitter")
                .hasMessageContaining("start");
        assertThatThrownBy(() -> SimulatorOptions.builder().mildLateRate(0.6).veryLateRate(0.5).build())
                .hasMessageContaining("mild-late-rate + very-late-rate");
    }

    @Test
    void simulatorCoreHasNoFlinkInIt() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ticketpulse.simulator");
        assertThat(classes).isNotEmpty();
        ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
                .check(classes);
    }
}
