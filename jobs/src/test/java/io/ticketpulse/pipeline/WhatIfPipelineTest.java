package io.ticketpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.whatif.WhatIfComparison;
import io.ticketpulse.domain.whatif.WhatIfEvaluation;
import io.ticketpulse.io.EventsFileSource;
import io.ticketpulse.io.HistoryFile;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.io.WhatIfJson;
import io.ticketpulse.simulator.SimulatedRecord;
import io.ticketpulse.simulator.SimulatorOptions;
import io.ticketpulse.simulator.TicketSimulator;
import io.ticketpulse.testing.FlinkTestEnvironments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import io.ticketpulse.testing.WhatIfHandWorked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The what-if job ({@link WhatIfPipeline}) on a MiniCluster at parallelism 2: the hand-computed history of {@code
 * WhatIfComparisonTest} (plus a malformed line, an exact duplicate and a conflicting duplicate) gives exactly the
 * hand-computed records, and a simulated history of 3,000 tickets gives byte for byte the lines of the domain
 * evaluation (the reference: {@link WhatIfEvaluation} over {@link HistoryFile}), run after run.
 */
public class WhatIfPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final Duration RETENTION = Duration.ofDays(7);

    /** The policies of WhatIfComparisonTest: P1 first response 10 min (current), 5 min (candidate). */
    public static final String CURRENT = """
            version: 1
            policies:
              - id: p1
                match:
                  priorities: [P1]
                targets:
                  first_response: 10m
                  resolution: 2h
            """;

    public static final String CANDIDATE = CURRENT.replace("version: 1", "version: 2").replace("10m", "5m");

    public static final List<String> HAND_HISTORY = List.of(
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
    static Path dir;

    private static Path simulated;

    public static String event(String id, String ticket, String type, String time, String more) {
        return "{\"event_id\":\"" + id + "\",\"ticket_id\":\"" + ticket + "\",\"type\":\"" + type + "\"," + more
                + "\"occurred_at\":\"2026-11-22T" + time + "Z\"}";
    }

    @BeforeAll
    static void simulateHistory() throws IOException {
        // 3,000 simulated tickets with the simulator's duplicates, malformed records and late deliveries
        TicketSimulator simulator = new TicketSimulator(SimulatorOptions.builder().seed(11).build(), 0, 1, 3_000);
        List<String> lines = new ArrayList<>();
        while (simulator.hasNext()) {
            SimulatedRecord r = simulator.next();
            String line = new String(r.payload(), StandardCharsets.UTF_8);
            if (line.indexOf('\n') < 0) {
                lines.add(line);
            }
        }
        simulated = dir.resolve("simulated.jsonl");
        Files.write(simulated, lines, StandardCharsets.UTF_8);
    }

    @Test
    void theHandComputedHistoryGivesTheHandComputedRecords() throws Exception {
        Path history = dir.resolve("hand.jsonl");
        Files.write(history, HAND_HISTORY, StandardCharsets.UTF_8);
        SlaPolicySet current = policies("current.yaml", CURRENT);
        SlaPolicySet candidate = policies("candidate.yaml", CANDIDATE);

        List<String> lines = flink(history, current, candidate);

        // worked out by hand in WhatIfComparisonTest (times in seconds here); as_of is T3's STATUS_CHANGED
        assertThat(lines.get(0)).isEqualTo(WhatIfHandWorked.runLine(current.source(), candidate.source()));
        assertThat(lines).hasSize(1 + 6 + 3);
        assertThat(lines.get(5)).isEqualTo(WhatIfHandWorked.FIRST_RESPONSE_GROUP);
        // the changed outcomes, reasoned in WhatIfHandWorked.CHANGES
        assertThat(lines.subList(7, 10)).containsExactlyElementsOf(WhatIfHandWorked.CHANGES);
        assertThat(lines).isEqualTo(domain(history, current, candidate));
    }

    @Test
    void aSimulatedHistoryGivesTheDomainEvaluationsBytesRunAfterRun() throws Exception {
        SlaPolicySet current = SlaPolicyFiles.loadDefault();
        String shipped;
        try (InputStream in = WhatIfPipelineTest.class.getResourceAsStream("/sla/default-policies.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // a candidate with tighter first responses for P2 and P3 and a looser P1 resolution
        SlaPolicySet candidate = policies("tighter.yaml", shipped.replace("version: 2", "version: 3")
                .replace("first_response: 10m", "first_response: 5m")
                .replace("first_response: 2h", "first_response: 1h")
                .replace("resolution: 2h", "resolution: 3h"));

        List<String> reference = domain(simulated, current, candidate);
        List<String> first = flink(simulated, current, candidate);
        List<String> second = flink(simulated, current, candidate);

        assertThat(String.join("\n", first)).isEqualTo(String.join("\n", reference));
        assertThat(String.join("\n", second)).isEqualTo(String.join("\n", first));
        // not a vacuous comparison: thousands of tickets, rejects, duplicates, groups and changed outcomes
        assertThat(first.get(0)).containsPattern("\"tickets\":3000,").contains("\"MALFORMED_JSON\":")
                .containsPattern("\"duplicates\":[1-9]");
        assertThat(first.stream().filter(l -> l.startsWith("{\"record\":\"group\""))).hasSizeGreaterThan(20);
        assertThat(first.stream().filter(l -> l.startsWith("{\"record\":\"change\""))).hasSizeGreaterThan(100);
    }

    private static SlaPolicySet policies(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return SlaPolicyFiles.load(file);
    }

    /** The reference: the domain evaluation over the file read into memory, as {@code --engine domain} runs it. */
    static List<String> domain(Path history, SlaPolicySet current, SlaPolicySet candidate) throws IOException {
        HistoryFile file = HistoryFile.read(history, EventsFileSource.DEFAULT_MAX_LINE_BYTES);
        WhatIfComparison comparison = WhatIfComparison.of(
                WhatIfEvaluation.evaluate(WhatIfEvaluation.engine(current, RETENTION), file.tickets().values(),
                        file.asOfMs()),
                WhatIfEvaluation.evaluate(WhatIfEvaluation.engine(candidate, RETENTION), file.tickets().values(),
                        file.asOfMs()));
        return WhatIfJson.lines(file, current, candidate, comparison);
    }

    /** The what-if job at parallelism 2 over the file. */
    static List<String> flink(Path history, SlaPolicySet current, SlaPolicySet candidate) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        WhatIfPipeline.Outputs outputs = WhatIfPipeline.build(env, current, candidate, RETENTION,
                EventsFileSource.DEFAULT_MAX_LINE_BYTES,
                EventsFileSource.of(org.apache.flink.core.fs.Path.fromLocalFile(history.toFile())));
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<String> it = outputs.lines().collectAsync()) {
            env.execute("what-if test");
            it.forEachRemaining(lines::add);
        }
        return lines;
    }
}
