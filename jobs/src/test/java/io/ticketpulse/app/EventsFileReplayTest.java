package io.ticketpulse.app;

import static io.ticketpulse.testing.HandComputedScenario.BY_KEY;
import static io.ticketpulse.testing.HandComputedScenario.expectedRows;
import static io.ticketpulse.testing.HandComputedScenario.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import io.ticketpulse.testing.HandComputedScenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's own entry point replaying a JSON-lines file (what {@code --events-file} does from the command line)
 * writes exactly the hand-computed KPI rows to its committed output files, and the malformed line as a dead
 * letter with its file and line number.
 */
class EventsFileReplayTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void replayOfAFileWritesExactlyTheHandComputedRows(@TempDir Path dir) throws IOException {
        List<String> lines = HandComputedScenario.lines();
        Path events = dir.resolve("events.jsonl");
        Files.write(events, lines, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = TicketPulseJob.run(new String[] {
                "--events-file", events.toString(),
                "--output-dir", dir.resolve("output").toString(),
                // the settings HandComputedScenario.config(0) describes
                "--window-size", "10m", "--window-slide", "5m", "--allowed-lateness", "0s",
                "--max-out-of-orderness", "5m", "--wait-threshold", "10m", "--ticket-retention", "1h",
                "--checkpoint-interval", "1s", "--quiet"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);

        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        RunOutput output = RunOutput.of(dir.resolve("output"), CLOCK.instant());
        List<TicketKpi> rows = new ArrayList<>();
        for (String line : RunOutput.committedLines(output.kpiDir())) {
            rows.add(TicketKpiJson.fromJson(line.getBytes(StandardCharsets.UTF_8)));
        }
        rows.sort(BY_KEY);
        assertThat(rows).containsExactlyElementsOf(sorted(expectedRows()));

        List<String> deadLetters = RunOutput.committedLines(output.deadLetterDir());
        assertThat(deadLetters).hasSize(1);
        DeadLetter d = DeadLetterJson.fromJson(deadLetters.get(0).getBytes(StandardCharsets.UTF_8));
        int line = lines.indexOf("{\"event_id\": \"broken\", \"ticket_id\": ") + 1;
        assertThat(d.reasonCode).isEqualTo(DeadLetter.ReasonCode.MALFORMED_JSON);
        assertThat(d.origin).endsWith("events.jsonl:" + line);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("KPI rows:     14 ").contains("Dead letters: 1 ");
        // a replay ends with its report, path printed last
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("Report:       " + output.dir().resolve("report.html")
                + System.lineSeparator());
        assertThat(output.dir().resolve("report.html")).isRegularFile();
    }
}
