package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputTest {

    private static final Instant STARTED = Instant.parse("2026-11-23T08:05:09Z");

    @Test
    void theRunFolderIsNamedAfterTheStartInUtc(@TempDir Path dir) {
        RunOutput run = RunOutput.of(dir, STARTED);

        assertThat(run.dir()).isEqualTo(dir.toAbsolutePath().resolve("run-20261123-080509"));
        assertThat(run.kpiDir()).isEqualTo(run.dir().resolve("ticket-kpi"));
        assertThat(run.deadLetterDir()).isEqualTo(run.dir().resolve("dead-letter"));
    }

    @Test
    void countsCommittedLinesOnlyAndDeadLettersPerReason(@TempDir Path dir) throws IOException {
        RunOutput run = RunOutput.of(dir, STARTED);
        Files.createDirectories(run.kpiDir());
        Files.createDirectories(run.deadLetterDir());
        Files.writeString(run.kpiDir().resolve("ticket-kpi-a-0.jsonl"), "{\"n\":1}\n{\"n\":2}\n");
        Files.writeString(run.kpiDir().resolve("ticket-kpi-b-0.jsonl"), "{\"n\":3}\n");
        Files.writeString(run.kpiDir().resolve(".ticket-kpi-b-1.jsonl.inprogress.123"), "{\"n\":4}\n");
        Files.writeString(run.deadLetterDir().resolve("dead-letter-a-0.jsonl"),
                "{\"reason_code\":\"LATE_EVENT\"}\n{\"reason_code\":\"MALFORMED_JSON\"}\n"
                        + "{\"reason_code\":\"LATE_EVENT\"}\n");

        RunOutput.Counts counts = run.count();

        assertThat(counts.kpiRows()).isEqualTo(3);
        assertThat(counts.kpiFiles()).isEqualTo(2);
        assertThat(counts.deadLetters()).isEqualTo(3);
        assertThat(counts.deadLetterFiles()).isEqualTo(1);
        assertThat(counts.deadLettersByReason()).isEqualTo(Map.of("LATE_EVENT", 2L, "MALFORMED_JSON", 1L));
    }

    @Test
    void aRunThatWroteNothingCountsZero(@TempDir Path dir) {
        RunOutput.Counts counts = RunOutput.of(dir, STARTED).count();

        assertThat(counts.kpiRows()).isZero();
        assertThat(counts.deadLetters()).isZero();
        assertThat(counts.deadLettersByReason()).isEmpty();
    }
}
