package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import io.ticketpulse.testing.FlinkTestEnvironments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The file source on a MiniCluster at parallelism 2: exact payloads and origins of a small file. */
class EventsFileSourceTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    @TempDir
    java.nio.file.Path dir;

    @Test
    void replaysEveryNonBlankLineOnceWithItsOrigin() throws Exception {
        String created = "{\"event_id\":\"e1\",\"ticket_id\":\"T-1\",\"type\":\"CREATED\","
                + "\"occurred_at\":\"2026-11-23T08:00:00.000Z\",\"channel\":\"chat\",\"priority\":\"P2\"}";
        String replied = "{\"event_id\":\"e2\",\"ticket_id\":\"T-1\",\"type\":\"AGENT_REPLIED\","
                + "\"occurred_at\":\"2026-11-23T08:00:40.000Z\"}";
        String oversized = "{\"event_id\":\"e3\",\"pad\":\"" + "x".repeat(300) + "\"}";
        String text = created + "\n\n" + replied + "\r\n" + "{truncated\n" + oversized + "\n";
        java.nio.file.Path file = dir.resolve("events.jsonl");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        var source = EventsFileSource.of(new Path(file.toUri()), 256);
        List<String> records = new ArrayList<>();
        try (CloseableIterator<RawRecord> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "events-file").executeAndCollect()) {
            it.forEachRemaining(r -> records.add(r.origin + " " + new String(r.payload, StandardCharsets.UTF_8)));
        }

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(records).containsExactlyInAnyOrder(
                "events.jsonl:1 " + created,
                "events.jsonl:3 " + replied,
                "events.jsonl:4 {truncated",
                "events.jsonl:5 " + oversized.substring(0, 257));
    }

    @Test
    void anEmptyFileGivesNoRecords() throws Exception {
        java.nio.file.Path file = dir.resolve("empty.jsonl");
        Files.write(file, new byte[0]);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<RawRecord> records = new ArrayList<>();
        try (CloseableIterator<RawRecord> it = env.fromSource(
                        EventsFileSource.of(new Path(file.toUri())), WatermarkStrategy.noWatermarks(), "empty")
                .executeAndCollect()) {
            it.forEachRemaining(records::add);
        }
        assertThat(records).isEmpty();
    }
}
