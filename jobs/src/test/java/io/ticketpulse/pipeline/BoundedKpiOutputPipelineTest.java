package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.KpiEmissionRule;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.HandComputedScenario;
import io.ticketpulse.testing.KpiRow;
import io.ticketpulse.testing.ListSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output proportional to input, through the real topology at parallelism 2: the hand-computed scenario replayed
 * once as it is and once with two more valid tickets of email/P3 that stay open, one created 30 days before the
 * rest (the first line) and one in 2099 (the last line: the watermark jumps 73 years). Before the emission rule
 * ({@link KpiEmissionRule}) this made a backlog row per window slide across both gaps, millions of rows; now
 * each of them adds the windows its own facts make exist, and every other row is the one the plain replay gives
 * (email/P3 with one more ticket in its open backlog).
 */
class BoundedKpiOutputPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    /** A runaway output fails the job at once instead of filling the memory. */
    private static final int ROW_CAP = 2_000;

    private static final long OLD = at(-30 * 24 * 60);
    private static final long FUTURE = Instant.parse("2099-01-01T00:00:00Z").toEpochMilli();

    /** Fails the job once one of its writers has received more than {@link #ROW_CAP} rows. */
    static final class CappedSink extends CollectingSink<TicketKpi> {
        private static final long serialVersionUID = 1L;
        private int received;

        @Override
        protected void onReceive(TicketKpi row) {
            if (++received > ROW_CAP) {
                throw new IllegalStateException("more than " + ROW_CAP + " KPI rows: the output is not bounded");
            }
        }
    }

    private record Run(List<TicketKpi> kpis, List<DeadLetter> deadLetters) {
        List<TicketKpi> finals() {
            return kpis.stream().filter(k -> k.isFinal).sorted(HandComputedScenario.BY_KEY).toList();
        }
    }

    private static Run run(PipelineConfig config, List<String> lines) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        CappedSink kpis = new CappedSink();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        TicketPulsePipeline.build(env, config, ListSource.of(lines), new PipelineSinks(kpis, deadLetters));
        env.execute("ticketpulse-bounded-output-test");
        return new Run(kpis.values(), deadLetters.values());
    }

    private static String json(io.ticketpulse.schema.TicketEvent e) {
        return new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8);
    }

    /** The 6 windows one email/P3 ticket created at {@code t} (never answered) makes exist, with its backlog. */
    private static List<TicketKpi> loneTicketRows(long t, long backlog) {
        long m = 60_000L;
        return List.of(
                // CREATED (and the backlog +1) in the pane [t, t+5m): the two windows holding it
                KpiRow.of("email", "P3", t - 5 * m, t + 5 * m).created(1).backlog(backlog).build(),
                KpiRow.of("email", "P3", t, t + 10 * m).created(1).backlog(backlog).build(),
                // the wait timeout at t + 10 min (the wait threshold)
                KpiRow.of("email", "P3", t + 5 * m, t + 15 * m).waits(1, 1).backlog(backlog).build(),
                KpiRow.of("email", "P3", t + 10 * m, t + 20 * m).waits(1, 1).backlog(backlog).build(),
                // size/slide = 2 quiet windows, then nothing
                KpiRow.of("email", "P3", t + 15 * m, t + 25 * m).backlog(backlog).build(),
                KpiRow.of("email", "P3", t + 20 * m, t + 30 * m).backlog(backlog).build());
    }

    @ParameterizedTest(name = "allowed lateness {0} min")
    @ValueSource(ints = {0, 2})
    void aTicket30DaysOldAndOneIn2099AddOnlyTheRowsTheirOwnFactsMakeExist(int latenessMinutes) throws Exception {
        // the wall clock stands in 2099, so that the event-time plausibility window (--max-future-skew) lets the
        // 2099 ticket in: this test is about what valid outliers do to the KPI output
        PipelineConfig config = HandComputedScenario.configBuilder(Duration.ofMinutes(latenessMinutes))
                .wallClock(Clock.fixed(Instant.ofEpochMilli(FUTURE).plus(Duration.ofHours(1)), ZoneOffset.UTC))
                .build();
        List<String> plain = HandComputedScenario.lines();
        List<String> withOutliers = new ArrayList<>();
        withOutliers.add(json(created("e-OLD1", "OLD", OLD, "email", "P3")));
        withOutliers.addAll(plain);
        withOutliers.add(json(created("e-FUT1", "FUT", FUTURE, "email", "P3")));

        Run baseline = run(config, plain);
        Run outliers = run(config, withOutliers);
        Set<String> extraWindows = windows(outliers.kpis());
        extraWindows.removeAll(windows(baseline.kpis()));
        long firstRows = outliers.kpis().stream().filter(k -> k.revision == 0).count();
        long finalRows = outliers.kpis().stream().filter(k -> k.isFinal).count();

        // both outliers are valid events (dated 1970-2999, not ahead of the wall clock): nothing more is
        // dead-lettered
        assertThat(outliers.deadLetters()).extracting(d -> d.reasonCode)
                .containsExactlyElementsOf(baseline.deadLetters().stream().map(d -> d.reasonCode).toList());

        // every row of the plain replay is there, email/P3's open backlog one higher (OLD stays open)
        List<TicketKpi> expected = new ArrayList<>();
        for (TicketKpi k : baseline.finals()) {
            if (k.channel.equals("email") && k.priority.equals("P3")) {
                k.backlogOpen += 1;
            }
            expected.add(k);
        }
        // plus the windows of OLD (backlog: OLD) and FUT (backlog: C, OLD and FUT), nothing in between
        List<TicketKpi> oldRows = loneTicketRows(OLD, 1);
        List<TicketKpi> futureRows = loneTicketRows(FUTURE, 3);
        expected.addAll(oldRows);
        expected.addAll(futureRows);
        for (TicketKpi k : expected) {
            k.revision = 0;
        }
        List<TicketKpi> actualFinals = new ArrayList<>();
        for (TicketKpi k : outliers.finals()) {
            k.revision = 0; // how many revisions a window gets is not the point here
            actualFinals.add(k);
        }
        assertThat(actualFinals).containsExactlyInAnyOrderElementsOf(expected);

        // the documented bound: each pane with facts makes at most size/slide + quiet windows exist; OLD and FUT
        // each have two (creation, wait timeout)
        KpiEmissionRule rule = config.kpiEmissionRule();
        assertThat(extraWindows).hasSize(oldRows.size() + futureRows.size())
                .hasSizeLessThanOrEqualTo((int) (4 * rule.windowsPerFactPane()));
        // and every window has one first row and one final row (the same row when the lateness is 0)
        assertThat(firstRows).isEqualTo(expected.size());
        assertThat(finalRows).isEqualTo(expected.size());
    }

    private static Set<String> windows(List<TicketKpi> rows) {
        return rows.stream().map(TicketKpi::upsertKey).collect(Collectors.toCollection(java.util.HashSet::new));
    }
}
