package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.simulator.SimulatorOptions;
import io.ticketpulse.simulator.TicketSimulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import io.ticketpulse.testing.FlinkTestEnvironments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator source on a MiniCluster at parallelism 2: count, origins, and the readers' simulator output. */
class SimulatorSourceTest {

    private static final Pattern ORIGIN = Pattern.compile("simulator-(\\d+)#(\\d+)");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private final SimulatorOptions options = SimulatorOptions.builder()
            .seed(99)
            .start(Instant.parse("2026-11-23T08:00:00Z"))
            .unthrottled()
            .events(3_000)
            .build();

    @Test
    void emitsTheConfiguredCountAndEachReaderEmitsItsSimulatorSequence() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Map<Integer, Map<Long, byte[]>> bySubtask = new TreeMap<>();
        int count = 0;
        try (CloseableIterator<RawRecord> it = env.fromSource(
                        new SimulatorSource(options), WatermarkStrategy.noWatermarks(), "simulator")
                .executeAndCollect()) {
            while (it.hasNext()) {
                RawRecord r = it.next();
                count++;
                Matcher m = ORIGIN.matcher(r.origin);
                assertThat(m.matches()).as(r.origin).isTrue();
                byte[] previous = bySubtask.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeMap<>())
                        .put(Long.parseLong(m.group(2)), r.payload);
                assertThat(previous).as("origin %s seen twice", r.origin).isNull();
            }
        }

        assertThat(count).isEqualTo(3_000);
        assertThat(bySubtask.keySet()).isSubsetOf(0, 1);
        for (Map.Entry<Integer, Map<Long, byte[]>> reader : bySubtask.entrySet()) {
            // reader i is simulator instance i of 2; its records are numbered 0, 1, 2, ... without gaps
            TicketSimulator expected = new TicketSimulator(options, reader.getKey(), 2);
            List<Long> numbers = new ArrayList<>(reader.getValue().keySet());
            assertThat(numbers.get(numbers.size() - 1)).isEqualTo(numbers.size() - 1L);
            for (byte[] payload : reader.getValue().values()) {
                assertThat(payload).isEqualTo(expected.next().payload());
            }
        }
    }

    @Test
    void boundednessFollowsTheEventCount() {
        assertThat(new SimulatorSource(options).getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(new SimulatorSource(options.toBuilder().unbounded().eventsPerSecond(10).build()).getBoundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }
}
