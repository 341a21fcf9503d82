package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.importer.Bpi2013Import;
import io.ticketpulse.importer.ImportFiles;
import io.ticketpulse.importer.ImportResult;
import io.ticketpulse.importer.Importers;
import io.ticketpulse.importer.TicketImporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ticketpulse import}: parameters, options, outputs, exit codes. */
class ImportCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    /** What a command line printed and returned. */
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new TicketPulseCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK, new Configuration(), Map.of())
                .execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command line; returns its exit code (for the Kafka ITCase). */
    static int execute(Path dir, String... args) {
        Run r = run(args);
        assertThat(r.code()).as("stderr: %s", r.err()).isZero();
        return r.code();
    }

    private static Path fixture(Path dir, String resource) throws IOException {
        Path file = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = ImportCommandTest.class.getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void helpListsTheParametersEveryOptionAndEveryFormat() {
        Run r = run("import", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ticketpulse import FORMAT INPUT [OUTPUT] [OPTIONS]", "FORMAT", "INPUT",
                "OUTPUT", "--rejects", "--copies", "--copy-shift", "--kafka-bootstrap-servers", "--events-topic",
                "--kafka-property", "--kafka-property-file", "--options-file");
        for (TicketImporter importer : Importers.all()) {
            assertThat(r.out()).contains("  " + importer.format()).contains(importer.description());
        }
        assertThat(run("--help").out()).contains("import");
    }

    @Test
    void writesTheEventsTheRejectsAndPrintsTheCounts(@TempDir Path dir) throws IOException {
        Path input = fixture(dir, "/bpi2013/vinst_incidents_sample.csv");
        Path output = dir.resolve("out/events.jsonl");
        Path rejects = dir.resolve("out/rejects.jsonl");

        Run r = run("import", "bpi2013", input.toString(), output.toString(), "--rejects", rejects.toString());

        assertThat(r.code()).as(r.err()).isZero();
        ImportResult expected;
        try (InputStream in = Files.newInputStream(input)) {
            expected = Bpi2013Import.IMPORTER.convert(in);
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ImportFiles.writeEvents(expected.events().iterator(), lines);
        assertThat(Files.readString(output)).isEqualTo(lines.toString(StandardCharsets.UTF_8));
        List<String> rejected = Files.readAllLines(rejects);
        assertThat(rejected).hasSize(5);
        assertThat(rejected.get(0)).startsWith("{\"format\":\"bpi2013\",\"line\":30,\"reason\":\"UNKNOWN_STATUS\","
                + "\"detail\":\"Status/Sub Status \\\"Unmatched/Unmatched\\\"\",\"record\":\"9-000000001,");
        assertThat(r.out()).contains("records in: 39 (converted 31, without events 3, rejected 5)",
                "rejected UNKNOWN_STATUS", "(first at line 30)", "events out: 60",
                "written: 60 events (1 copy, shift PT0S) to " + output, "rejects: 5 records to " + rejects);
    }

    @Test
    void outputDashWritesTheEventsToStandardOutputAndTheCountsToStandardError(@TempDir Path dir)
            throws IOException {
        Path input = fixture(dir, "/jira/issues_with_changelog.json");
        Run r = run("import", "jira", input.toString(), "-");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(18).allSatisfy(l -> assertThat(l).startsWith("{\"event_id\":"));
        assertThat(r.err()).contains("records in: 23", "written: 18 events");
    }

    @Test
    void copiesHaveTheirOwnIdsAndShiftedTimes(@TempDir Path dir) throws IOException {
        Path input = fixture(dir, "/zendesk/webhooks.jsonl");
        Path output = dir.resolve("x3.jsonl");
        Run r = run("import", "zendesk", input.toString(), output.toString(), "--copies", "3", "--copy-shift", "1d");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(3 * 16);
        assertThat(lines.stream().filter(l -> l.contains("\"ticket_id\":\"201-c2\"")).findFirst().orElseThrow())
                .contains("\"event_id\":\"201-c2-0001\"").contains("\"occurred_at\":\"2024-03-07T08:00:00.000Z\"");
        assertThat(lines.stream().collect(Collectors.toSet())).hasSize(lines.size());
    }

    @Test
    void usageErrorsExitWith2AndNameTheProblem(@TempDir Path dir) throws IOException {
        Path input = fixture(dir, "/zendesk/webhooks.jsonl");
        Run unknown = run("import", "freshdesk", input.toString(), "-");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("'freshdesk' is not a format: one of servicenow, zendesk, jira, bpi2013");
        Run noOutput = run("import", "zendesk", input.toString());
        assertThat(noOutput.code()).isEqualTo(2);
        assertThat(noOutput.err()).contains("OUTPUT: is required unless the events are produced to Kafka");
        Run noInput = run("import", "zendesk", dir.resolve("missing.json").toString(), "-");
        assertThat(noInput.code()).isEqualTo(2);
        assertThat(noInput.err()).contains("INPUT: no such file");
        Run copies = run("import", "zendesk", input.toString(), "-", "--copies", "0");
        assertThat(copies.code()).isEqualTo(2);
        assertThat(copies.err()).contains("--copies");
    }

    @Test
    void inputThatIsNotTheFormatExitsWith1(@TempDir Path dir) throws IOException {
        Path input = fixture(dir, "/zendesk/webhooks.jsonl");
        Run r = run("import", "bpi2013", input.toString(), dir.resolve("out.jsonl").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("ticketpulse import: the CSV header has no column");
    }
}
