package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.ticketpulse.schema.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.ticketpulse.testing.WhatIfHandWorked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ticketpulse what-if} end to end on a small history file: the history of {@code WhatIfComparisonTest}
 * (worked out by hand there) plus a malformed line, an exact duplicate and a conflicting duplicate, under two
 * policy files written like a user would. Every line is valid against {@code what-if.schema.json}. The default
 * engine is the Flink job (an embedded MiniCluster); {@code --engine domain} writes the same bytes.
 */
class WhatIfCommandTest {

    private static final String CURRENT = """
            version: 1
            policies:
              - id: p1
                match:
                  priorities: [P1]
                targets:
                  first_response: 10m
                  resolution: 2h
            """;

    private static final String CANDIDATE = CURRENT.replace("version: 1", "version: 2").replace("10m", "5m");

    private static final List<String> HISTORY = List.of(
            event("e1", "T1", "CREATED", "10:00:00", "\"channel\":\"email\",\"priority\":\"P1\","),
            event("e2", "T1", "AGENT_REPLIED", "10:07:00", ""),
            event("e3", "T1", "RESOLVED", "10:30:00", ""),
            event("e4", "T2", "CREATED", "10:00:00", "\"channel\":\"chat\",\"priority\":\"P1\","),
            event("e5", "T2", "AGENT_REPLIED", "10:12:00", ""),
            event("e5", "T2", "AGENT_REPLIED", "10:12:00", ""),
            event("e5", "T2", "AGENT_REPLIED", "10:02:00", ""),
            "{not json",
            "",
            event("e7", "T3", "STATUS_CHANGED", "11:00:00", "\"status\":\"open\","),
            event("e6", "T3", "CREATED", "10:51:00", "\"channel\":\"email\",\"priority\":\"P1\","));

    @TempDir
    Path dir;

    private static String event(String id, String ticket, String type, String time, String more) {
        return "{\"event_id\":\"" + id + "\",\"ticket_id\":\"" + ticket + "\",\"type\":\"" + type + "\"," + more
                + "\"occurred_at\":\"2026-11-22T" + time + "Z\"}";
    }

    private CliTesting.Result run(Path output, String... more) throws IOException {
        Path events = dir.resolve("history.jsonl");
        Files.write(events, HISTORY, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("current.yaml"), CURRENT);
        Files.writeString(dir.resolve("candidate.yaml"), CANDIDATE);
        List<String> args = new java.util.ArrayList<>(List.of("what-if", "--events-file", events.toString(),
                "--policy-file", dir.resolve("current.yaml").toString(),
                "--candidate-policy-file", dir.resolve("candidate.yaml").toString(),
                "--output-file", output.toString()));
        args.addAll(List.of(more));
        return CliTesting.execute(args.toArray(String[]::new));
    }

    @Test
    void writesTheComparisonAsJsonLinesAndATable() throws IOException {
        Path output = dir.resolve("out/what-if.jsonl");
        CliTesting.Result r = run(output);

        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(WhatIfHandWorked.runLine(dir.resolve("current.yaml").toString(), dir.resolve("candidate.yaml").toString()));
        assertThat(lines).hasSize(1 + 6 + 3);
        // the first-response totals of WhatIfComparisonTest, in seconds
        assertThat(lines.get(5)).isEqualTo(WhatIfHandWorked.FIRST_RESPONSE_GROUP);
        // each change names the ticket's life: its CREATED (T1 and T2 at 10:00, T3 at 10:51)
        assertThat(lines.subList(7, 10)).containsExactlyElementsOf(WhatIfHandWorked.CHANGES);

        JsonSchema schema = Schemas.load("schemas/what-if.schema.json");
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            assertThat(schema.validate(mapper.readTree(line))).as(line).isEmpty();
        }

        assertThat(r.out()).contains("current.yaml v1 -> candidate " + dir.resolve("candidate.yaml") + " v2")
                .contains("3 metric(s) change their outcome")
                .contains("  T1 first_response #1: met/none -> breached/orange +2m00s")
                .containsPattern("(?m)^all +all +first_response +50\\.0% -> 0\\.0% +1 -> 0 +1 -> 3 ");
    }

    @Test
    void theReportFileIsTheReportSectionOfTheComparison() throws IOException {
        Path events = dir.resolve("history.jsonl");
        run(dir.resolve("what-if.jsonl"), "--engine", "domain");
        Path page = dir.resolve("pages/what-if.html");
        CliTesting.Result r = CliTesting.execute("what-if", "--events-file", events.toString(),
                "--policy-file", dir.resolve("current.yaml").toString(),
                "--candidate-policy-file", dir.resolve("candidate.yaml").toString(),
                "--output-file", dir.resolve("what-if.jsonl").toString(), "--report-file", page.toString(),
                "--engine", "domain");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).endsWith("HTML page:  " + page + "\n");
        String html = Files.readString(page);
        // the first-response totals above: 50 % -> 0 %, pages 1/1/0/0 -> 3/3/3/2, p90 overrun 2m -> 7m
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<b id=\"whatif-current-policy\">" + dir.resolve("current.yaml") + " v1</b>")
                .contains("<td id=\"whatif-total-first_response-attainment\">50.0 % → 0.0 %</td>")
                .contains("<td id=\"whatif-total-first_response-pages\">1/1/0/0 → 3/3/3/2</td>")
                .contains("<td id=\"whatif-total-first_response-overrun-p90\">2.0 min → 7.0 min</td>")
                .contains("<td id=\"whatif-change-2-ticket\">T3</td>")
                .contains("<td id=\"whatif-change-2-current\">open/warning</td>")
                .contains("<td id=\"whatif-change-2-candidate\">breached/red +4.0 min</td>")
                .doesNotContain("<script");
    }

    @Test
    void aReplayTwiceGivesTheSameBytes() throws IOException {
        run(dir.resolve("a.jsonl"));
        run(dir.resolve("b.jsonl"));

        assertThat(Files.readAllBytes(dir.resolve("a.jsonl"))).isEqualTo(Files.readAllBytes(dir.resolve("b.jsonl")));
    }

    @Test
    void theDomainEngineWritesTheFlinkJobsBytesAndTable() throws IOException {
        CliTesting.Result flink = run(dir.resolve("flink.jsonl"), "--parallelism", "2");
        CliTesting.Result domain = run(dir.resolve("domain.jsonl"), "--engine", "domain");

        assertThat(domain.code()).as(domain.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("domain.jsonl")))
                .isEqualTo(Files.readAllBytes(dir.resolve("flink.jsonl")));
        assertThat(flink.out()).startsWith("What-if over 7 events of 3 tickets (1 duplicates dropped, 2 records"
                + " rejected {MALFORMED_JSON=1, DUPLICATE_CONFLICT=1}), as of 2026-11-22T11:00:00.000Z [Flink,"
                + " parallelism 2]:\n");
        assertThat(domain.out().replace("[domain engine]", "[Flink, parallelism 2]")
                .replace("domain.jsonl", "flink.jsonl")).isEqualTo(flink.out());
    }

    @Test
    void optionsOfTheOtherInputOrEngineAreRefused() throws IOException {
        Path events = dir.resolve("history.jsonl");
        Files.write(events, HISTORY, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("candidate.yaml"), CANDIDATE);
        String candidate = dir.resolve("candidate.yaml").toString();

        CliTesting.Result until = CliTesting.execute("what-if", "--events-file", events.toString(),
                "--candidate-policy-file", candidate, "--kafka-until", "2026-11-22T00:00:00Z");
        CliTesting.Result both = CliTesting.execute("what-if", "--events-file", events.toString(),
                "--candidate-policy-file", candidate, "--kafka-bootstrap-servers", "127.0.0.1:9");
        CliTesting.Result domainKafka = CliTesting.execute("what-if", "--engine", "domain",
                "--candidate-policy-file", candidate, "--kafka-bootstrap-servers", "127.0.0.1:9");
        CliTesting.Result domainParallelism = CliTesting.execute("what-if", "--engine", "domain",
                "--events-file", events.toString(), "--candidate-policy-file", candidate, "--parallelism", "4");
        CliTesting.Result badEngine = CliTesting.execute("what-if", "--engine", "spark",
                "--events-file", events.toString(), "--candidate-policy-file", candidate);
        CliTesting.Result topic = CliTesting.execute("what-if", "--events-file", events.toString(),
                "--candidate-policy-file", candidate, "--events-topic", "other-events");

        assertThat(List.of(until, both, domainKafka, domainParallelism, badEngine, topic))
                .allSatisfy(r -> assertThat(r.code()).isEqualTo(TicketPulseCli.EXIT_USAGE));
        assertThat(until.err()).startsWith("ticketpulse: --kafka-until: only applies with --kafka-bootstrap-servers");
        assertThat(both.err()).startsWith("ticketpulse: --events-file: cannot be combined with"
                + " --kafka-bootstrap-servers");
        assertThat(domainKafka.err()).startsWith("ticketpulse: --engine: domain reads --events-file only");
        assertThat(domainParallelism.err()).startsWith("ticketpulse: --parallelism: only applies with --engine flink");
        assertThat(badEngine.err()).contains("--engine").contains("expected flink or domain, got 'spark'");
        assertThat(topic.err()).startsWith("ticketpulse: --events-topic: only applies with --kafka-bootstrap-servers");
    }

    @Test
    void theCandidateIsRequiredAndABadPolicyFileNamesItsOption() throws IOException {
        Path events = dir.resolve("history.jsonl");
        Files.write(events, HISTORY, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("bad.yaml"), "version: 0\npolicies: []\n");

        CliTesting.Result missing = CliTesting.execute("what-if", "--events-file", events.toString());
        CliTesting.Result bad = CliTesting.execute("what-if", "--events-file", events.toString(),
                "--candidate-policy-file", dir.resolve("bad.yaml").toString());

        assertThat(missing.code()).isEqualTo(TicketPulseCli.EXIT_USAGE);
        assertThat(missing.err()).startsWith("ticketpulse: --candidate-policy-file: is required");
        assertThat(bad.code()).isEqualTo(TicketPulseCli.EXIT_USAGE);
        assertThat(bad.err()).startsWith("ticketpulse: --candidate-policy-file: ");
    }
}
