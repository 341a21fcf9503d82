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
import io.ticketpulse.domain.EventTimeBounds;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobOptionsTest {

    @Test
    void noArgumentsGiveTheDocumentedDefaults() {
        JobOptions o = JobOptions.parse();

        assertThat(o.eventsFile()).isEmpty();
        assertThat(o.outputDir()).isEqualTo(Path.of("output"));
        PipelineConfig c = o.pipelineConfig();
        assertThat(c.windowSize()).isEqualTo(Duration.ofHours(1));
        assertThat(c.windowSlide()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.allowedLateness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.quietWindows()).as("one window size of quiet windows: 1h / 1m").isEqualTo(60);
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
        assertThat(JobOptions.parse("--checkpoint-interval", text).checkpointInterval())
                .isEqualTo(Duration.ofMillis(expectedMs));
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
                "--quiet-windows", "3",
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
        assertThat(c.quietWindows()).isEqualTo(3);
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
                .hasMessage("Unknown options: '--window', '1h'");
    }

    @Test
    void argumentThatIsNoOption() {
        assertThatThrownBy(() -> JobOptions.parse("events.jsonl"))
                .isInstanceOf(OptionException.class)
                .hasMessage("Unmatched argument at index 1: 'events.jsonl'");
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
        "--max-payload-bytes|2147483647|--max-payload-bytes: must be at most 16777216, got 2147483647",
        "--parallelism|40000|--parallelism: must be at most 32768, got 40000",
        "--ticket-retention|36501d|--ticket-retention: \"36501d\" is too long a duration (at most 36500d, 100 years)",
        "--window-size|9223372036854775807ms|--window-size: \"9223372036854775807ms\" is too long a duration"
                + " (at most 36500d, 100 years)",
        "--allowed-lateness|106751991167d|--allowed-lateness: \"106751991167d\" is too long a duration"
                + " (at most 36500d, 100 years)",
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
                .hasMessage("Missing required parameter for option '--window-size' (DURATION)");
        assertThatThrownBy(() -> JobOptions.parse("--window-size", "--quiet"))
                .isInstanceOf(OptionException.class)
                .hasMessage("Expected parameter for option '--window-size' but found '--quiet'");
    }

    @Test
    void flagWithValueAndRepeatedOption() {
        assertThatThrownBy(() -> JobOptions.parse("--quiet=yes"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--quiet: 'yes' is not a boolean");
        assertThat(JobOptions.parse("--quiet=true").quiet()).isTrue();
        assertThatThrownBy(() -> JobOptions.parse("--quiet", "--quiet"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--quiet: given more than once");
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
    void quietWindowsDefaultToOneWindowSizeAndAreRangeChecked() {
        assertThat(JobOptions.parse("--window-size", "2h", "--window-slide", "5m").pipelineConfig().quietWindows())
                .isEqualTo(24);
        assertThat(JobOptions.parse("--window-size", "1d", "--window-slide", "1d").pipelineConfig().quietWindows())
                .as("tumbling: one quiet window")
                .isEqualTo(1);
        assertThat(JobOptions.parse("--quiet-windows", "0").pipelineConfig().quietWindows()).isZero();
        assertThat(JobOptions.parse("--quiet-windows", "100000").pipelineConfig().quietWindows())
                .isEqualTo(100_000);
        assertThatThrownBy(() -> JobOptions.parse("--quiet-windows", "100001"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--quiet-windows: must be at most 100000, got 100001");
        assertThatThrownBy(() -> JobOptions.parse("--quiet-windows", "-1"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--quiet-windows: must be at least 0, got -1");
        assertThatThrownBy(() -> JobOptions.parse("--quiet-windows", "99999999999999999999"))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--quiet-windows: ");
    }

    @Test
    void pipelineConfigRulesAreReportedAsOptionErrors() {
        assertThatThrownBy(() -> JobOptions.parse("--window-slide", "7m"))
                .isInstanceOf(OptionException.class)
                .hasMessageContaining("window-size")
                .hasMessageContaining("whole multiple of window-slide");
    }

    @Test
    void theShippedDefaultPoliciesAndTheAutoAlertClockAreTheDefaults() {
        JobOptions o = JobOptions.parse();
        assertThat(o.pipelineConfig().slaPolicies().source()).isEqualTo("classpath:sla/default-policies.yaml");
        assertThat(o.pipelineConfig().slaPolicies().policies()).hasSize(4);
        assertThat(o.pipelineConfig().alertClock()).isEqualTo(io.ticketpulse.pipeline.AlertClock.AUTO);
        assertThat(o.pipelineConfig().liveLagBound()).isEqualTo(java.time.Duration.ofMinutes(2));
    }

    @Test
    void aBoundedInputAlwaysTimesAlertsInEventTime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path events = java.nio.file.Files.writeString(dir.resolve("e.jsonl"), "");
        assertThat(JobOptions.parse("--events-file", events.toString()).pipelineConfig().alertClock())
                .isEqualTo(io.ticketpulse.pipeline.AlertClock.EVENT_TIME);
        assertThat(JobOptions.parse("--alert-clock", "event-time").pipelineConfig().alertClock())
                .isEqualTo(io.ticketpulse.pipeline.AlertClock.EVENT_TIME);
    }

    @Test
    void aBoundedInputEmitsOnlyFinalKpiRowsALiveOneEarlyAndLateRevisions(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path events = java.nio.file.Files.writeString(dir.resolve("e.jsonl"), "");
        assertThat(JobOptions.parse("--events-file", events.toString()).pipelineConfig().kpiUpdates())
                .isEqualTo(io.ticketpulse.domain.KpiUpdates.FINAL_ONLY);
        assertThat(JobOptions.parse("--kafka-bootstrap-servers", "localhost:9092", "--kafka-bounded")
                        .pipelineConfig().kpiUpdates())
                .isEqualTo(io.ticketpulse.domain.KpiUpdates.FINAL_ONLY);
        assertThat(JobOptions.parse("--kafka-bootstrap-servers", "localhost:9092").pipelineConfig().kpiUpdates())
                .isEqualTo(io.ticketpulse.domain.KpiUpdates.EARLY_AND_LATE);
        assertThat(JobOptions.parse().pipelineConfig().kpiUpdates())
                .as("the simulator is a live stream").isEqualTo(io.ticketpulse.domain.KpiUpdates.EARLY_AND_LATE);
        assertThat(JobOptions.parse("--events-file", events.toString(), "--kpi-updates", "early-and-late")
                        .pipelineConfig().kpiUpdates())
                .isEqualTo(io.ticketpulse.domain.KpiUpdates.EARLY_AND_LATE);
        assertThat(JobOptions.parse("--kpi-updates", "final-only").pipelineConfig().kpiUpdates())
                .isEqualTo(io.ticketpulse.domain.KpiUpdates.FINAL_ONLY);
        assertThatThrownBy(() -> JobOptions.parse("--kpi-updates", "sometimes"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--kpi-updates: \"sometimes\" is not auto, final-only or early-and-late");
    }

    @Test
    void maxParallelismDefaultsTo128OrFlinksDefaultAndIsAtLeastTheParallelism() {
        assertThat(JobOptions.parse().maxParallelism()).isEqualTo(128);
        assertThat(JobOptions.parse("--parallelism", "200").maxParallelism()).as("Flink's default").isEqualTo(512);
        assertThat(JobOptions.parse("--parallelism", "4", "--max-parallelism", "4").maxParallelism()).isEqualTo(4);
        assertThatThrownBy(() -> JobOptions.parse("--parallelism", "4", "--max-parallelism", "2"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--max-parallelism: must be at least --parallelism (4), got 2");
        assertThatThrownBy(() -> JobOptions.parse("--max-parallelism", "40000"))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--max-parallelism: must be at most 32768");
    }

    @Test
    void aBadAlertClockOrPolicyFileIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThatThrownBy(() -> JobOptions.parse("--alert-clock", "wall"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--alert-clock: \"wall\" is not auto or event-time");
        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("bad.yaml"),
                "version: 1\npolicies:\n  - id: p1\n    targets: {first_response: ten minutes}\n");
        assertThatThrownBy(() -> JobOptions.parse("--policy-file", bad.toString()))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--policy-file: SLA policy file " + bad)
                .hasMessageContaining("$.policies[0].targets.first_response")
                .hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> JobOptions.parse("--policy-file", dir.resolve("missing.yaml").toString()))
                .isInstanceOf(OptionException.class)
                .hasMessageContaining("missing.yaml")
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aSimulationDurationIsTheRateTimesTheDuration() {
        assertThat(JobOptions.parse("--sim-rate", "200", "--sim-duration", "90s").simEvents()).isEqualTo(18_000);
        assertThat(CliTesting.simulate("--kafka-bootstrap-servers", "k:9092", "--sim-rate", "0.5",
                "--sim-duration", "3s").simulator().events()).isEqualTo(2);
        assertThatThrownBy(() -> JobOptions.parse("--sim-duration", "1m", "--sim-events", "5"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--sim-duration: cannot be combined with --sim-events");
        assertThatThrownBy(() -> JobOptions.parse("--sim-duration", "1m", "--run-forever"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--sim-duration: cannot be combined with --run-forever");
        assertThatThrownBy(() -> JobOptions.parse("--sim-duration", "1m", "--sim-rate", "0"))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--sim-duration: needs a --sim-rate above 0");
    }

    @Test
    void helpWinsOverEverythingElse() {
        CliTesting.Result r = CliTesting.execute("--bogus", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(CliTesting.usage("run"));
    }

    @Test
    void theLargestValuesAreAccepted() {
        JobOptions o = JobOptions.parse("--max-payload-bytes", "16777216", "--ticket-retention", "36500d",
                "--tombstone-retention", "36500d");

        assertThat(o.pipelineConfig().maxPayloadBytes()).isEqualTo(16_777_216);
        assertThat(o.pipelineConfig().ticketRetention()).isEqualTo(Duration.ofDays(36_500));
        assertThat(o.pipelineConfig().tombstoneRetention()).isEqualTo(Duration.ofDays(36_500));
    }

    @Test
    void aTombstoneRetentionShorterThanTheTicketRetentionIsRefusedByName() {
        assertThatThrownBy(() -> JobOptions.parse("--ticket-retention", "30d", "--tombstone-retention", "7d"))
                .isInstanceOf(OptionException.class)
                .hasMessageContaining("tombstone-retention (PT168H) must be at least ticket-retention (PT720H)");
    }

    @Test
    void anOutputDirThatIsAFileOrUnderAFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        assertThatThrownBy(() -> JobOptions.parse("--output-dir", file.toString()))
                .isInstanceOf(OptionException.class)
                .hasMessage("--output-dir: \"" + file + "\" cannot be a folder: it is a file");
        assertThatThrownBy(() -> JobOptions.parse("--output-dir", file.resolve("sub").toString()))
                .isInstanceOf(OptionException.class)
                .hasMessage("--output-dir: \"" + file.resolve("sub") + "\" cannot be a folder: " + file
                        + " is a file");
        assertThat(JobOptions.parse("--output-dir", dir.resolve("new/sub").toString()).outputDir())
                .isEqualTo(dir.resolve("new/sub"));
    }

    @Test
    void aKafkaTransactionTimeoutMustFitKafkasIntMilliseconds() {
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", "broker:9092",
                        "--transaction-timeout", "25d"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--transaction-timeout: must be at most 2147483647 ms (24d20h31m23s647ms), got"
                        + " 2160000000 ms");
    }

    // ---- the event-time window ----

    private static final Clock WALL_CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void theEventTimeWindowDefaultsToFiveMinutesOfFutureSkewAndNoLowerBound() {
        EventTimeBounds bounds = JobOptions.parse(WALL_CLOCK).pipelineConfig().eventTimeBounds();

        assertThat(bounds.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(bounds.minEventTime()).isNull();
        assertThat(bounds.maxEventAge()).isNull();
        assertThat(bounds.wallClock()).isEqualTo(WALL_CLOCK);
    }

    @Test
    void theEventTimeWindowOptionsAreApplied() {
        EventTimeBounds bounds = JobOptions.parse(WALL_CLOCK, "--max-future-skew", "0s",
                "--min-event-time", "2026-01-01T00:00:00-00:00", "--max-event-age", "30d")
                .pipelineConfig().eventTimeBounds();

        assertThat(bounds.maxFutureSkew()).isZero();
        assertThat(bounds.minEventTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(bounds.maxEventAge()).isEqualTo(Duration.ofDays(30));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--max-event-age|0s|--max-event-age: must be longer than 0, got 0s",
        "--max-future-skew|-1m|--max-future-skew: \"-1m\" is not a duration (use e.g. 30s, 10m, 1h)",
        "--min-event-time|yesterday|--min-event-time: \"yesterday\" is not an RFC 3339 timestamp"
                + " (use e.g. 2026-11-23T08:00:00Z)"
    })
    void badEventTimeWindowValuesAreNamed(String option, String value, String message) {
        assertThatThrownBy(() -> JobOptions.parse(WALL_CLOCK, option, value))
                .isInstanceOf(OptionException.class)
                .hasMessage(message);
    }

    @Test
    void aSimulatorStartBeyondTheFutureSkewIsRefused() {
        assertThat(JobOptions.parse(WALL_CLOCK, "--sim-start", "2026-12-02T12:05:00Z").simStart())
                .isEqualTo(Instant.parse("2026-12-02T12:05:00Z"));
        assertThatThrownBy(() -> JobOptions.parse(WALL_CLOCK, "--sim-start", "2026-12-02T12:05:00.001Z"))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--sim-start: 2026-12-02T12:05:00.001Z is ahead of the wall clock"
                        + " (2026-12-02T12:00:00.000Z) by more than --max-future-skew");
    }

    // ---- Kafka ----

    private static final String BROKERS = "broker-1:9092,10.0.0.7:9093";

    @Test
    void kafkaDefaults() {
        JobOptions o = JobOptions.parse("--kafka-bootstrap-servers", BROKERS);

        assertThat(o.kafka()).isTrue();
        assertThat(o.kafkaBootstrapServers()).contains(BROKERS);
        assertThat(o.eventsTopic()).isEqualTo("ticket-events");
        assertThat(o.kpisTopic()).isEqualTo("ticket-kpis");
        assertThat(o.alertsTopic()).isEqualTo("sla-alerts");
        assertThat(o.alertsFastTopic()).isEmpty();
        assertThat(o.dlqTopic()).isEqualTo("ticket-events-dlq");
        assertThat(o.groupId()).isEqualTo("ticketpulse");
        assertThat(o.kafkaProperties()).isEmpty();
        assertThat(o.transactionalIdPrefix()).isEqualTo("ticketpulse");
        assertThat(o.transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.kafkaBounded()).isFalse();
        assertThat(o.stateBackend()).as("the cluster's setting applies").isEmpty();
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(JobOptions.parse().kafka()).isFalse();
    }

    @Test
    void everyKafkaOptionIsApplied() {
        JobOptions o = JobOptions.parse(
                "--kafka-bootstrap-servers", "localhost:19092",
                "--events-topic", "in",
                "--kpis-topic", "kpis.v1",
                "--alerts-topic", "alerts",
                "--alerts-fast-topic", "alerts-fast",
                "--dlq-topic", "dlq",
                "--group-id", "tp-2",
                "--kafka-property", "security.protocol=SASL_SSL",
                "--kafka-property=sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"u\" password=\"s3cr=t\";",
                "--transactional-id-prefix", "tp-2",
                "--transaction-timeout", "5m",
                "--kafka-bounded",
                "--state-backend", "rocksdb",
                "--checkpoint-interval", "30s",
                "--parallelism", "4");

        assertThat(o.eventsTopic()).isEqualTo("in");
        assertThat(o.kpisTopic()).isEqualTo("kpis.v1");
        assertThat(o.alertsTopic()).isEqualTo("alerts");
        assertThat(o.alertsFastTopic()).contains("alerts-fast");
        assertThat(o.dlqTopic()).isEqualTo("dlq");
        assertThat(o.groupId()).isEqualTo("tp-2");
        assertThat(o.kafkaProperties()).containsExactly(
                org.assertj.core.api.Assertions.entry("security.protocol", "SASL_SSL"),
                org.assertj.core.api.Assertions.entry("sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
                                + " password=\"s3cr=t\";"));
        assertThat(o.transactionalIdPrefix()).isEqualTo("tp-2");
        assertThat(o.transactionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.kafkaBounded()).isTrue();
        assertThat(o.stateBackend()).contains(JobOptions.StateBackend.ROCKSDB);
        assertThat(o.stateBackend().orElseThrow().configValue()).isEqualTo("rocksdb");
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.parallelism()).isEqualTo(4);
        // --alerts-fast-topic "" is off
        assertThat(JobOptions.parse("--kafka-bootstrap-servers", BROKERS, "--alerts-fast-topic=").alertsFastTopic())
                .isEmpty();
    }

    @Test
    void kafkaPropertyValuesAreNeverShown() {
        JobOptions o = JobOptions.parse("--kafka-bootstrap-servers", BROKERS,
                "--kafka-property", "ssl.keystore.password=hunter2", "--kafka-property", "security.protocol=SSL");

        assertThat(o.maskedKafkaProperties()).isEqualTo("ssl.keystore.password=***, security.protocol=***");
        assertThat(o.toString()).contains("ssl.keystore.password=***").doesNotContain("hunter2")
                .doesNotContain("=SSL");
        assertThat(TicketPulseJob.describe(o)).contains("ssl.keystore.password=***").doesNotContain("hunter2");
        assertThat(TicketPulseJob.kafkaClient(o).toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", BROKERS,
                "--kafka-property", "ssl.key.password=x", "--kafka-property", "ssl.key.password=hunter2"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--kafka-property: ssl.key.password given more than once");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--kafka-bootstrap-servers|localhost|--kafka-bootstrap-servers: \"localhost\" is not HOST:PORT"
                + " (use e.g. localhost:9092,broker2:9092)",
        "--kafka-bootstrap-servers|a:9092,,b:9092|--kafka-bootstrap-servers: \"\" is not HOST:PORT"
                + " (use e.g. localhost:9092,broker2:9092)",
        "--kafka-bootstrap-servers|a:70000|--kafka-bootstrap-servers: \"a:70000\" is not HOST:PORT"
                + " (use e.g. localhost:9092,broker2:9092)",
        "--state-backend|heap|--state-backend: \"heap\" is not hashmap or rocksdb",
        "--transaction-timeout|0s|--transaction-timeout: must be longer than 0, got 0s",
    })
    void badKafkaValuesNameTheOption(String option, String value, String message) {
        assertThatThrownBy(() -> JobOptions.parse(option, value))
                .isInstanceOf(OptionException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--events-topic|a/b|--events-topic: \"a/b\" is not a Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)",
        "--dlq-topic|..|--dlq-topic: \"..\" is not a Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)",
        "--group-id|my group|--group-id: \"my group\" must be 1-200 of a-z A-Z 0-9 . _ -",
        "--kafka-property|security.protocol|--kafka-property: needs KEY=VALUE, e.g. security.protocol=SASL_SSL",
        "--kafka-property|=x|--kafka-property: needs KEY=VALUE, e.g. security.protocol=SASL_SSL",
        "--kafka-property|bootstrap.servers=h:1|--kafka-property: bootstrap.servers cannot be set this way"
                + " (use --kafka-bootstrap-servers)",
        "--kafka-property|isolation.level=read_uncommitted|--kafka-property: isolation.level cannot be set this"
                + " way (the source always reads read_committed)",
        "--kafka-property|transaction.timeout.ms=1|--kafka-property: transaction.timeout.ms cannot be set this"
                + " way (use --transaction-timeout)",
        "--kpis-topic|ticket-events|--kpis-topic: \"ticket-events\" is already the topic of --events-topic;"
                + " every topic must be different",
        "--alerts-fast-topic|sla-alerts|--alerts-fast-topic: \"sla-alerts\" is already the topic of"
                + " --alerts-topic; every topic must be different",
        "--transaction-timeout|10s|--transaction-timeout: must be longer than --checkpoint-interval (10000 ms):"
                + " a transaction stays open for a checkpoint interval, got 10000 ms",
    })
    void badKafkaSettingsNameTheOption(String option, String value, String message) {
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", BROKERS, option, value))
                .isInstanceOf(OptionException.class)
                .hasMessage(message);
    }

    @Test
    void kafkaConflictsWithFileAndSimulatorOptions(@TempDir Path dir) throws IOException {
        String events = Files.writeString(dir.resolve("events.jsonl"), "{}\n").toString();
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", BROKERS, "--events-file", events))
                .isInstanceOf(OptionException.class)
                .hasMessage("--events-file: cannot be combined with --kafka-bootstrap-servers (the input is"
                        + " --events-topic)");
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", BROKERS, "--sim-rate", "10"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--sim-rate: only applies to the simulator, not with --kafka-bootstrap-servers"
                        + " (ticketpulse simulate produces simulated events to Kafka)");
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", BROKERS, "--output-dir", "out"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--output-dir: does not apply with --kafka-bootstrap-servers (the output is Kafka"
                        + " topics)");
        assertThat(JobOptions.parse("--kafka-bootstrap-servers", BROKERS, "--quiet").quiet()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"--events-topic, x", "--kpis-topic, x", "--alerts-topic, x", "--alerts-fast-topic, x",
        "--dlq-topic, x", "--group-id, x", "--kafka-property, a=b", "--transactional-id-prefix, x",
        "--transaction-timeout, 1m"})
    void kafkaOptionsNeedTheBootstrapServers(String option, String value) {
        assertThatThrownBy(() -> JobOptions.parse(option, value))
                .isInstanceOf(OptionException.class)
                .hasMessage(option + ": only applies with --kafka-bootstrap-servers");
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bounded"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--kafka-bounded: only applies with --kafka-bootstrap-servers");
    }

    @Test
    void stateBackendAppliesToEveryRun() {
        assertThat(JobOptions.parse("--state-backend", "rocksdb").stateBackend())
                .contains(JobOptions.StateBackend.ROCKSDB);
    }

    // ---- ticketpulse simulate ----

    @Test
    void simulatorJobOptions() {
        SimulatorJob.Settings o = CliTesting.simulate("--kafka-bootstrap-servers", BROKERS, "--events-topic", "in",
                "--kafka-property", "security.protocol=SSL", "--sim-rate", "100", "--sim-events", "500",
                "--sim-seed", "7", "--sim-start", "2026-01-01T00:00:00Z", "--parallelism", "1");

        assertThat(o.bootstrapServers()).isEqualTo(BROKERS);
        assertThat(o.eventsTopic()).isEqualTo("in");
        assertThat(o.kafkaProperties()).containsEntry("security.protocol", "SSL");
        assertThat(o.simulator().eventsPerSecond()).isEqualTo(100.0);
        assertThat(o.simulator().events()).isEqualTo(500L);
        assertThat(o.simulator().seed()).isEqualTo(7L);
        assertThat(o.simulator().start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(o.parallelism()).isEqualTo(1);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(SimulatorJob.describe(o)).contains("security.protocol=***").doesNotContain("=SSL");
        assertThat(o.toString()).contains("security.protocol=***").doesNotContain("=SSL");
        assertThat(CliTesting.simulate("--kafka-bootstrap-servers", BROKERS, "--run-forever").runForever())
                .isTrue();
    }

    @Test
    void simulatorJobNeedsKafkaAndKnowsOnlyItsOptions() {
        assertThatThrownBy(() -> CliTesting.simulate("--sim-events", "10"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--kafka-bootstrap-servers: is required (where to produce the events)");
        assertThatThrownBy(() -> CliTesting.simulate("--kafka-bootstrap-servers", BROKERS, "--kpis-topic", "k"))
                .isInstanceOf(OptionException.class)
                .hasMessage("Unknown options: '--kpis-topic', 'k'");
        String usage = CliTesting.usage("simulate");
        assertThat(usage).contains("--sim-rate", "--events-topic", "--kafka-property").doesNotContain("--kpis-topic")
                .doesNotContain("--window-size");
    }

    @Test
    void runtimePolicyOptions(@TempDir Path dir) throws IOException {
        Path policies = Files.writeString(dir.resolve("policies.yaml"),
                "version: 1\npolicies:\n  - id: all\n    targets: {first_response: 1h}\n");
        JobOptions watched = JobOptions.parse("--policy-file", policies.toString(), "--watch-policy-file");
        assertThat(watched.watchedPolicyFile()).contains(policies.toAbsolutePath());
        assertThat(watched.policyTopic()).isEmpty();
        JobOptions kafka = JobOptions.parse("--kafka-bootstrap-servers", "localhost:9092",
                "--policy-topic", "sla-policies");
        assertThat(kafka.policyTopic()).contains("sla-policies");
        assertThat(kafka.watchedPolicyFile()).isEmpty();
        JobOptions none = JobOptions.parse();
        assertThat(none.policyTopic()).isEmpty();
        assertThat(none.watchedPolicyFile()).isEmpty();

        assertThatThrownBy(() -> JobOptions.parse("--policy-topic", "sla-policies"))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--policy-topic: only applies with --kafka-bootstrap-servers");
        assertThatThrownBy(() -> JobOptions.parse("--watch-policy-file"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--watch-policy-file: needs --policy-file (the file to watch)");
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", "localhost:9092",
                        "--policy-file", policies.toString(), "--watch-policy-file"))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--watch-policy-file: does not apply with --kafka-bootstrap-servers");
        assertThatThrownBy(() -> JobOptions.parse("--kafka-bootstrap-servers", "localhost:9092",
                        "--policy-topic", "ticket-events"))
                .isInstanceOf(OptionException.class)
                .hasMessageContaining("is already the topic of --events-topic");
    }
}
