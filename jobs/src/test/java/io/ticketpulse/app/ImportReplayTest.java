package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.importer.Bpi2013Import;
import io.ticketpulse.importer.ImportFiles;
import io.ticketpulse.importer.JiraServiceManagementImport;
import io.ticketpulse.importer.ServiceNowIncidentLog;
import io.ticketpulse.importer.TicketImporter;
import io.ticketpulse.importer.ZendeskImport;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the importers write replays through the job ({@code --events-file}) without a single dead letter: the
 * events of all four fixtures (ServiceNow, BPI 2013, Zendesk export and webhooks, Jira), merged by time, give KPI
 * rows that count every ticket created, first resolved and rated exactly once (daily tumbling windows, so each
 * fact lies in one window).
 */
class ImportReplayTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void theFixturesImportsReplayWithoutDeadLetters(@TempDir Path dir) throws IOException {
        List<TicketEvent> events = new ArrayList<>();
        events.addAll(convert(ServiceNowIncidentLog.IMPORTER, "/servicenow/incident_event_log_sample.csv"));
        events.addAll(convert(Bpi2013Import.IMPORTER, "/bpi2013/vinst_incidents_sample.csv"));
        events.addAll(convert(ZendeskImport.IMPORTER, "/zendesk/ticket_events_export.json"));
        events.addAll(convert(ZendeskImport.IMPORTER, "/zendesk/webhooks.jsonl"));
        events.addAll(convert(JiraServiceManagementImport.IMPORTER, "/jira/issues_with_changelog.json"));
        events.sort(Comparator.<TicketEvent>comparingLong(e -> e.occurredAtMs).thenComparing(e -> e.ticketId)
                .thenComparing(e -> e.eventId));
        Path file = dir.resolve("imported.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            ImportFiles.writeEvents(events.iterator(), out);
        }

        RunOutput output = replay(file, dir.resolve("output"));

        assertThat(RunOutput.committedLines(output.deadLetterDir())).isEmpty();
        List<TicketKpi> rows = new ArrayList<>();
        for (String line : RunOutput.committedLines(output.kpiDir())) {
            rows.add(TicketKpiJson.fromJson(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.isFinal).isTrue());
        assertThat(rows.stream().mapToLong(r -> r.ticketsCreated).sum())
                .isEqualTo(count(events, EventType.CREATED)).isEqualTo(4 + 4 + 2 + 2 + 2);
        assertThat(rows.stream().mapToLong(r -> r.resolved).sum()).as("tickets resolved at least once")
                .isEqualTo(events.stream().filter(e -> e.type == EventType.RESOLVED).map(e -> e.ticketId)
                        .distinct().count());
        assertThat(rows.stream().mapToLong(r -> r.csatCount).sum())
                .isEqualTo(count(events, EventType.SATISFACTION_RATED)).isEqualTo(2);
        assertThat(rows.stream().map(r -> r.channel).distinct().sorted().toList())
                .containsExactly("email", "jira", "phone", "vinst", "web");
    }

    /** Replays {@code file} with daily tumbling windows; BPI's request 1-364285768 pauses 722 days. */
    static RunOutput replay(Path file, Path outputDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--events-file", file.toString(),
                "--output-dir", outputDir.toString(),
                "--window-size", "1d", "--window-slide", "1d", "--tombstone-retention", "800d",
                "--checkpoint-interval", "2s", "--quiet"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TicketPulseJob.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        return RunOutput.of(outputDir, CLOCK.instant());
    }

    private static List<TicketEvent> convert(TicketImporter importer, String resource) throws IOException {
        try (InputStream in = ImportReplayTest.class.getResourceAsStream(resource)) {
            return importer.convert(in).events();
        }
    }

    private static long count(List<TicketEvent> events, EventType type) {
        return events.stream().filter(e -> e.type == type).count();
    }
}
