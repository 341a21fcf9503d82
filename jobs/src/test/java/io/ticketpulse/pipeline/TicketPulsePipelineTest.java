package io.ticketpulse.pipeline;

import static io.ticketpulse.testing.HandComputedScenario.BY_KEY;
import static io.ticketpulse.testing.HandComputedScenario.config;
import static io.ticketpulse.testing.HandComputedScenario.expectedRows;
import static io.ticketpulse.testing.HandComputedScenario.lines;
import static io.ticketpulse.testing.HandComputedScenario.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.JobCounters;
import io.ticketpulse.testing.ListSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import io.ticketpulse.testing.FlinkTestEnvironments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real topology on a MiniCluster at parallelism 2, on a hand-built multi-ticket input whose KPI rows are
 * computed by hand from the definitions (see the comments at each expected row).
 */
class TicketPulsePipelineTest {

    /** Keeps every metric of finished jobs, so the counters can be read after a run. */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            FlinkTestEnvironments.miniClusterWithTwoSlots(METRICS.addToConfiguration(new Configuration()));


    private record Run(List<TicketKpi> kpis, List<DeadLetter> deadLetters, JobID jobId) {

        /** The sum over all subtasks of the TicketPulse counter {@code name}. */
        long counter(String name) {
            return JobCounters.sum(METRICS, jobId.toString(), name, 2);
        }
    }

    private static Run run(PipelineConfig config, List<String> lines) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        TicketPulsePipeline.build(env, config, ListSource.of(lines), new PipelineSinks(kpis, deadLetters));
        JobExecutionResult result = env.execute("ticketpulse-test");
        return new Run(kpis.values(), deadLetters.values(), result.getJobID());
    }

    @Test
    void replayGivesExactlyTheHandComputedKpiRows() throws Exception {
        Run run = run(config(Duration.ZERO), lines());

        List<TicketKpi> actual = new ArrayList<>(run.kpis());
        actual.sort(BY_KEY);
        assertThat(actual).containsExactlyElementsOf(sorted(expectedRows()));
    }

    @Test
    void badInputIsDeadLetteredWithItsReasonAndOrigin() throws Exception {
        List<String> lines = lines();
        Run run = run(config(Duration.ZERO), lines);

        assertThat(run.deadLetters()).hasSize(1);
        DeadLetter d = run.deadLetters().get(0);
        assertThat(d.reasonCode).isEqualTo(DeadLetter.ReasonCode.MALFORMED_JSON);
        int line = lines.indexOf("{\"event_id\": \"broken\", \"ticket_id\": ") + 1;
        assertThat(d.origin).isEqualTo("test:" + line);
        assertThat(new String(d.payload, StandardCharsets.UTF_8)).isEqualTo(lines.get(line - 1));
    }

    @Test
    void countersAddUp() throws Exception {
        List<String> lines = lines();
        Run run = run(config(Duration.ZERO), lines);

        // 19 lines: 18 valid events (one a duplicate re-send of e-A2) and one malformed line
        assertThat(lines).hasSize(19);
        long in = run.counter("recordsIn");
        long parsed = run.counter("eventsParsed");
        long deadLettered = run.counter("recordsDeadLettered");
        assertThat(in).isEqualTo(19);
        assertThat(parsed).isEqualTo(18);
        assertThat(deadLettered).isEqualTo(1);
        assertThat(in).isEqualTo(parsed + deadLettered);
        long applied = run.counter("eventsApplied");
        long duplicates = run.counter("eventsDuplicate");
        long late = run.counter("eventsLate");
        assertThat(duplicates).isEqualTo(1);
        long conflicts = run.counter("eventsDuplicateConflict");
        assertThat(late).isZero();
        assertThat(conflicts).isZero();
        assertThat(parsed).isEqualTo(applied + duplicates + conflicts + late);
    }

    @Test
    void withAllowedLatenessEachWindowIsEmittedThenFinalizedWithTheSameValues() throws Exception {
        Run run = run(config(Duration.ofMinutes(2)), lines());

        Map<String, List<TicketKpi>> byWindow = new LinkedHashMap<>();
        for (TicketKpi k : run.kpis()) {
            byWindow.computeIfAbsent(k.upsertKey(), x -> new ArrayList<>()).add(k);
        }
        List<TicketKpi> finals = new ArrayList<>();
        for (List<TicketKpi> revisions : byWindow.values()) {
            revisions.sort(Comparator.comparingInt(k -> k.revision));
            for (int i = 0; i < revisions.size(); i++) {
                assertThat(revisions.get(i).revision).isEqualTo(i);
                assertThat(revisions.get(i).isFinal).isEqualTo(i == revisions.size() - 1);
            }
            assertThat(revisions).hasSizeGreaterThanOrEqualTo(2);
            TicketKpi last = revisions.get(revisions.size() - 1);
            last.revision = 0;
            finals.add(last);
        }
        finals.sort(BY_KEY);
        assertThat(finals).containsExactlyElementsOf(sorted(expectedRows()));
    }
}
