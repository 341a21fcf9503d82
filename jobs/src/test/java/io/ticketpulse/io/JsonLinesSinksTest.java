package io.ticketpulse.io;

import static io.ticketpulse.io.KpiSummaryTableTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The file sinks on a MiniCluster: a bounded run commits every record, one JSON object per line. */
class JsonLinesSinksTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long EIGHT = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
    private static final long NINE = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();

    @Test
    void aBoundedRunCommitsEveryRecordAsJsonLines(@TempDir Path dir) throws Exception {
        List<TicketKpi> kpis = new ArrayList<>();
        for (String channel : List.of("email", "chat", "phone")) {
            TicketKpi k = row(channel, "P2", EIGHT, NINE);
            k.ticketsCreated = channel.length();
            k.frtP50S = 12.5;
            kpis.add(k);
        }
        List<DeadLetter> deadLetters = List.of(
                new DeadLetter(DeadLetter.ReasonCode.MALFORMED_JSON, "not JSON", "events.jsonl:3",
                        "{oops".getBytes(StandardCharsets.UTF_8)),
                new DeadLetter(DeadLetter.ReasonCode.OVERSIZED, "too big", "events.jsonl:9", new byte[] {1, 2}));
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);

        env.fromData(kpis, TypeInformation.of(TicketKpi.class)).sinkTo(JsonLinesSinks.kpis(dir.resolve("kpi")));
        env.fromData(deadLetters, TypeInformation.of(DeadLetter.class))
                .sinkTo(JsonLinesSinks.deadLetters(dir.resolve("dl")));
        env.execute("json lines sinks");

        assertThat(lines(dir.resolve("kpi")).stream().map(l -> TicketKpiJson.fromJson(bytes(l))))
                .containsExactlyInAnyOrderElementsOf(kpis);
        assertThat(lines(dir.resolve("dl")).stream().map(l -> DeadLetterJson.fromJson(bytes(l))))
                .containsExactlyInAnyOrderElementsOf(deadLetters);
        assertThat(allFileNames(dir.resolve("kpi"))).allMatch(n -> n.startsWith("ticket-kpi-") && n.endsWith(".jsonl"));
        assertThat(allFileNames(dir.resolve("dl"))).allMatch(n -> n.startsWith("dead-letter-") && n.endsWith(".jsonl"));
    }

    /** The lines of the committed files; every file ends with a newline. */
    private static List<String> lines(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                assertThat(text).endsWith("\n");
                lines.addAll(text.lines().toList());
            }
        }
        return lines;
    }

    /** Every file name in the folder, hidden in-progress files included. */
    private static List<String> allFileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static byte[] bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }
}
