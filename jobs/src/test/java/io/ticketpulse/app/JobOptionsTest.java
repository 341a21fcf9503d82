package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.pipeline.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobOptionsTest {

    @Test
    void noArgumentsGiveTheDocumentedDefaults() {
        JobOptions o = JobOptions.parse();

        assertThat(o.help()).isFalse();
        assertThat(o.eventsFile()).isEmpty();
        assertThat(o.outputDir()).isEqualTo(Path.of("output"));
        PipelineConfig c = o.pipelineConfig();
        assertThat(c.windowSize()).isEqualTo(Duration.ofHours(1));
        assertThat(c.windowSlide()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.allowedLateness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.sourceIdleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.waitThreshold()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.ticketRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.maxPayloadBytes()).isEqualTo(65_536);
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.simRate()).isEqualTo(2_500.0);
        assertThat(o.simEvents()).isEqualTo(150_000L);
        assertThat(o.simSeed()).isEqualTo(42L);
        assertThat(o.simStart()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(o.runForever()).isFalse();
        assertThat(o.summaryInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.quiet()).isFalse();
    }

    @Test
    void theDefaultDemoEndsWellUnderTwoMinutes() {
        JobOptions o = JobOptions.parse();

        assertThat(o.simEvents() / o.simRate()).isLessThanOrEqualTo(90.0);
    }

    @ParameterizedTest
    @CsvSource({
        "250ms, 250",
        "90s, 90000",
        "10m, 600000",
        "1h, 3600000",
        "7d, 604800000",
        "1h30m, 5400000",
        "2m15s, 135000"
    })
    void durationsInEveryUnit(String text, long expectedMs) {
        assertThat(JobOptions.parseDuration("--x", text)).isEqualTo(Duration.ofMillis(expectedMs));
    }

    @Test
    void everyOptionIsApplied(@TempDir Path dir) throws IOException {
        Path events = Files.writeString(dir.resolve("events.jsonl"), "{}\n");
        JobOptions o = JobOptions.parse(
                "--events-file", events.toString(),
                "--output-dir", dir.resolve("out").toString(),
                "--window-size", "2h",
                "--window-slide=5m",
                "--allowed-lateness", "0s",
                "--max-out-of-orderness", "250ms",
                "--idle-timeout", "90s",
                "--wait-threshold", "15m",
                "--ticket-retention", "1d",
                "--max-payload-bytes", "1024",
                "--parallelism", "4",
                "--checkpoint-interval", "1m",
                "--summary-interval", "500ms",
                "--quiet");

        assertThat(o.eventsFile()).contains(events);
        assertThat(o.outputDir()).isEqualTo(dir.resolve("out"));
        PipelineConfig c = o.pipelineConfig();
        assertThat(c.windowSize()).isEqualTo(Duration.ofHours(2));
        assertThat(c.windowSlide()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.allowedLateness()).isEqualTo(Duration.ZERO);
        assertThat(c.maxOutOfOrderness()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.sourceIdleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.waitThreshold()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.ticketRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(c.maxPayloadBytes()).isEqualTo(1024);
        assertThat(o.parallelism()).isEqualTo(4);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.summaryInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.quiet()).isTrue();
    }

    @Test
    void simulatorOptions() {
        JobOptions o = JobOptions.parse("--sim-rate", "0", "--sim-events", "1_000", "--sim-seed", "-7",
                "--sim-start", "2026-01-01T12:00:00+01:00");

        assertThat(o.simRate()).isZero();
        assertThat(o.simEvents()).isEqualTo(1_000L);
        assertThat(o.simSeed()).isEqualTo(-7L);
        assertThat(o.simStart()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
        assertThat(JobOptions.parse("--run-forever").runForever()).isTrue();
    }

    @Test
    void unknownOptionIsNamed() {
        assertThatThrownBy(() -> JobOptions.parse("--window", "1h"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--window: unknown option");
    }

    @Test
    void argumentThatIsNoOption() {
        assertThatThrownBy(() -> JobOptions.parse("events.jsonl"))
                .isInstanceOf(OptionException.class)
                .hasMessage("unexpected argument \"events.jsonl\" (options start with --)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--window-slide|5x|--window-slide: \"5x\" is not a duration (use e.g. 30s, 10m, 1h)",
        "--window-size|1.5h|--window-size: \"1.5h\" is not a duration (use e.g. 30s, 10m, 1h)",
        "--window-size|60|--window-size: \"60\" is not a duration (use e.g. 30s, 10m, 1h)",
        "--idle-timeout|0s|--idle-timeout: must be longer than 0, got 0s",
        "--parallelism|two|--parallelism: \"two\" is not a whole number",
        "--parallelism|0|--parallelism: must be at least 1, got 0",
        "--max-payload-bytes|100|--max-payload-bytes: must be at least 256, got 100",
        "--sim-events|0|--sim-events: must be at least 1, got 0",
        "--sim-rate|-5|--sim-rate: must be 0 (unthrottled) or more, got -5",
        "--sim-rate|fast|--sim-rate: \"fast\" is not a number",
        "--sim-start|2026-11-23 08:00|--sim-start: \"2026-11-23 08:00\" is not an RFC 3339 timestamp"
                + " (use e.g. 2026-11-23T08:00:00Z)"
    })
    void badValuesNameTheOptionAndTheProblem(String option, String value, String message) {
        assertThatThrownBy(() -> JobOptions.parse(option, value))
                .isInstanceOf(OptionException.class)
                .hasMessage(message);
    }

    @Test
    void missingValue() {
        assertThatThrownBy(() -> JobOptions.parse("--window-size"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--window-size: needs a value (DURATION)");
        assertThatThrownBy(() -> JobOptions.parse("--window-size", "--quiet"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--window-size: needs a value (DURATION)");
    }

    @Test
    void flagWithValueAndRepeatedOption() {
        assertThatThrownBy(() -> JobOptions.parse("--quiet=yes"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--quiet: is a flag and takes no value");
        assertThatThrownBy(() -> JobOptions.parse("--parallelism", "1", "--parallelism", "2"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--parallelism: given more than once");
    }

    @Test
    void missingEventsFile(@TempDir Path dir) {
        String missing = dir.resolve("nope.jsonl").toString();
        assertThatThrownBy(() -> JobOptions.parse("--events-file", missing))
                .isInstanceOf(OptionException.class)
                .hasMessage("--events-file: no such file: " + missing);
    }

    @Test
    void simulatorOptionsConflictWithAnEventsFile(@TempDir Path dir) throws IOException {
        String events = Files.writeString(dir.resolve("events.jsonl"), "{}\n").toString();
        assertThatThrownBy(() -> JobOptions.parse("--events-file", events, "--sim-rate", "10"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--sim-rate: only applies to the simulator, not with --events-file");
        assertThatThrownBy(() -> JobOptions.parse("--run-forever", "--events-file", events))
                .isInstanceOf(OptionException.class)
                .hasMessage("--run-forever: only applies to the simulator, not with --events-file");
        assertThatThrownBy(() -> JobOptions.parse("--run-forever", "--sim-events", "10"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--sim-events: cannot be combined with --run-forever");
    }

    @Test
    void pipelineConfigRulesAreReportedAsOptionErrors() {
        assertThatThrownBy(() -> JobOptions.parse("--window-slide", "7m"))
                .isInstanceOf(OptionException.class)
                .hasMessageContaining("window-size")
                .hasMessageContaining("whole multiple of window-slide");
    }

    @Test
    void helpWinsOverEverythingElse() {
        assertThat(JobOptions.parse("--bogus", "--help").help()).isTrue();
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String usage = JobOptions.usage();

        assertThat(JobOptions.optionNames()).hasSize(20);
        for (String name : JobOptions.optionNames()) {
            assertThat(usage).containsPattern("(?m)^  " + name + "( [A-Z]+)? +\\S");
        }
        assertThat(usage)
                .containsPattern("(?m)^  --window-slide DURATION +KPI window slide.*\\(default: 1m\\)$")
                .containsPattern("(?m)^  --sim-events N +.*\\(default: 150000\\)$")
                .containsPattern("(?m)^  --sim-start TIME +.*\\(default: 2026-11-23T08:00:00Z\\)$")
                .containsPattern("(?m)^  --run-forever +simulate until stopped \\(Ctrl-C\\)$");
    }
}
