package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketPulseJobTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void badOptionExitsWithTwoAndAOneLineReason() {
        int code = run("--window-slide", "5x");

        assertThat(code).isEqualTo(TicketPulseJob.EXIT_USAGE);
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).isEqualTo("ticketpulse: --window-slide: \"5x\" is not a duration (use e.g. 30s, 10m, 1h)\n"
                + "Run with --help to see every option.\n");
    }

    @Test
    void anAbsurdParallelismForTheEmbeddedRunExitsWithTwo() {
        int code = run("--parallelism", "5000");

        assertThat(code).isEqualTo(TicketPulseJob.EXIT_USAGE);
        assertThat(text(err)).startsWith("ticketpulse: --parallelism: 5000 is more than an embedded run on this"
                + " machine can hold (at most " + TicketPulseJob.maxEmbeddedParallelism(
                        Runtime.getRuntime().availableProcessors()) + ": 4 per CPU core, at least 8)");
        assertThat(TicketPulseJob.maxEmbeddedParallelism(2)).isEqualTo(8);
        assertThat(TicketPulseJob.maxEmbeddedParallelism(16)).isEqualTo(64);
    }

    @Test
    void aTruncatedGzipEventsFileExitsWithTwoBeforeTheJobRuns(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(gz)) {
            for (int i = 0; i < 2000; i++) {
                zip.write(("{\"event_id\":\"e" + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] whole = gz.toByteArray();
        Path truncated = Files.write(dir.resolve("events.jsonl.gz"), Arrays.copyOf(whole, whole.length / 2));

        int code = run("--events-file", truncated.toString(), "--output-dir", dir.resolve("out").toString());

        assertThat(code).isEqualTo(TicketPulseJob.EXIT_USAGE);
        assertThat(text(err)).startsWith("ticketpulse: --events-file: events.jsonl.gz is not a valid .gz file"
                + " (corrupt or truncated): java.io.EOFException");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() {
        int code = run("--help");

        assertThat(code).isEqualTo(TicketPulseJob.EXIT_OK);
        assertThat(text(out)).isEqualTo(CliTesting.usage("run"));
        assertThat(text(err)).isEmpty();
    }

    @Test
    void flinkRuntimeSettings(@TempDir Path dir) {
        RunOutput output = RunOutput.of(dir, CLOCK.instant());
        Configuration conf = TicketPulseJob.flinkConfiguration(
                JobOptions.parse("--parallelism", "3", "--checkpoint-interval", "5s"), output);

        assertThat(conf.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
        assertThat(conf.get(PipelineOptions.MAX_PARALLELISM)).isEqualTo(128);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(conf.get(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH)).isTrue();
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(conf.get(PipelineOptions.AUTO_GENERATE_UIDS)).isFalse();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(dir.toAbsolutePath().resolve("run-20261123-080000/checkpoints").toUri().toString());
    }

    @Test
    void durationsAreShownAsTheOptionsWriteThem() {
        assertThat(TicketPulseJob.human(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(TicketPulseJob.human(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(TicketPulseJob.human(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(TicketPulseJob.human(Duration.ZERO)).isEqualTo("0s");
    }

    private int run(String... args) {
        return TicketPulseJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
