package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ticketpulse.importer.Bpi2013Import;
import io.ticketpulse.importer.ImportFiles;
import io.ticketpulse.importer.ImportResult;
import io.ticketpulse.importer.ServiceNowIncidentLog;
import io.ticketpulse.importer.TicketImporter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two real exports, imported, replay through the job ({@code --events-file}, daily tumbling windows) without
 * a single dead letter, and the final KPI rows count every ticket created and first resolved exactly once. An ITCase
 * (failsafe) because the replays take minutes on a shared machine; skipped without {@code shared/data/real}.
 */
class ImportReplayITCase {

    @Test
    void serviceNowLog(@TempDir Path dir) throws IOException {
        replayWithoutDeadLetters(ServiceNowIncidentLog.IMPORTER, "servicenow_incident_event_log.zip", dir);
    }

    @Test
    void bpiChallenge2013Log(@TempDir Path dir) throws IOException {
        replayWithoutDeadLetters(Bpi2013Import.IMPORTER, "bpi2013_vinst_incidents.csv.gz", dir);
    }

    private static void replayWithoutDeadLetters(TicketImporter importer, String file, Path dir) throws IOException {
        Path data = realData();
        assumeTrue(data != null && Files.isRegularFile(data.resolve(file)), "no shared/data/real/" + file);
        ImportResult imported;
        try (InputStream in = ImportFiles.open(data.resolve(file))) {
            imported = importer.convert(in);
        }
        Path events = dir.resolve(importer.format() + ".jsonl");
        try (OutputStream out = Files.newOutputStream(events)) {
            ImportFiles.writeEvents(imported.events().iterator(), out);
        }

        RunOutput output = ImportReplayTest.replay(events, dir.resolve("output"));

        assertThat(RunOutput.committedLines(output.deadLetterDir())).isEmpty();
        long created = 0;
        long resolved = 0;
        for (String line : RunOutput.committedLines(output.kpiDir())) {
            TicketKpi row = TicketKpiJson.fromJson(line.getBytes(StandardCharsets.UTF_8));
            created += row.ticketsCreated;
            resolved += row.resolved;
        }
        assertThat(created).isEqualTo(imported.report().eventsByType().get(EventType.CREATED));
        assertThat(resolved).isEqualTo(imported.events().stream().filter(e -> e.type == EventType.RESOLVED)
                .map(e -> e.ticketId).distinct().count());
    }

    /** {@code shared/data/real} in the working directory or one of its parents, or null. */
    private static Path realData() {
        List<Path> candidates = new ArrayList<>();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            candidates.add(p.resolve("shared").resolve("data").resolve("real"));
        }
        return candidates.stream().filter(Files::isDirectory).findFirst().orElse(null);
    }
}
