package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.io.RawRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FailOnceAtEndSource;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end of a bounded input after a restore (issue 10: a restart from a checkpoint must leave the rows of a run
 * without failure), on a MiniCluster at parallelism 2 through the real topology, with the exact interleaving that
 * lost alerts: every reader has read its whole input, a checkpoint taken after that completes, then the job fails
 * before any reader ends ({@link FailOnceAtEndSource}). The restored job reads no record again; its readers end at
 * once. No periodic watermark (interval 0): no record is followed by a watermark before the checkpoint, the widest
 * form of "read after the last watermark". Every output must be that of the run without failure: the ticket SLA
 * alerts, the hand-worked pattern alerts of {@link RiskPatternPipelineTest}, the KPI rows and the dead letters.
 *
 * <p>Before the fix the input horizon of those records was only in {@code EventHorizonOperator}'s memory, waiting
 * for a watermark: the restored per-ticket and pattern operators ended the input with no horizon, and emitted no
 * alert change at all.
 */
class EndOfInputRestoreTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    /** {@link RiskPatternPipelineTest#config()} on the event-time alert clock only. */
    private static PipelineConfig config() {
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(5))
                .allowedLateness(Duration.ofMinutes(5))
                .maxOutOfOrderness(Duration.ofMinutes(1))
                .ticketRetention(Duration.ofDays(1))
                .slaPolicies(RiskPatternPipelineTest.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .build();
    }

    /** The risk pattern test's input and a malformed line (a dead letter, read before the checkpoint). */
    private static List<String> lines() {
        List<String> lines = new ArrayList<>(RiskPatternPipelineTest.lines());
        lines.add(3, "{\"event_id\": \"broken\"");
        return lines;
    }

    private record Outputs(List<TicketKpi> kpis, List<DeadLetter> deadLetters, List<SlaAlert> alerts) {}

    private static Outputs run(Source<RawRecord, ?, ?> source, boolean checkpointsAndRestarts) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        if (checkpointsAndRestarts) {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            env.configure(conf);
            env.enableCheckpointing(20);
        }
        env.getConfig().setAutoWatermarkInterval(0); // the end-of-input watermark only
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config(), source, new PipelineSinks(kpis, deadLetters).withAlerts(alerts, null));
        env.execute("ticketpulse-end-of-input-restore-test");
        return new Outputs(kpis.values(), deadLetters.values(), alerts.values());
    }

    /** An alert record as its JSON, detected_at (processing time, different in each run) cleared. */
    private static List<String> withoutDetectedAt(List<SlaAlert> alerts) {
        return alerts.stream().map(a -> {
            SlaAlert copy = SlaAlertJson.fromJson(SlaAlertJson.toJsonString(a));
            copy.detectedAtMs = 0;
            return SlaAlertJson.toJsonString(copy);
        }).toList();
    }

    /** The pattern alerts as {@link RiskPatternPipelineTest#EXPECTED} writes them, in the order of their changes. */
    private static List<String> patternLines(List<SlaAlert> alerts) {
        return alerts.stream()
                .filter(a -> "pattern".equals(a.kind))
                .sorted(Comparator.comparingLong((SlaAlert a) -> a.changedAtMs).thenComparing(a -> a.dedupKey)
                        .thenComparing(a -> a.status))
                .map(a -> a.dedupKey + " " + a.status + (a.resolveReason == null ? "" : " " + a.resolveReason) + " "
                        + a.severity + " from " + (a.startedAtMs - at(0)) / 60_000 + " @"
                        + (a.changedAtMs - at(0)) / 60_000)
                .toList();
    }

    @Test
    void aRestoreAfterEveryRecordWasReadEndsTheInputWithEveryAlertAndRowOfARunWithoutFailure() throws Exception {
        Outputs reference = run(ListSource.of(lines()), false);
        FailOnceAtEndSource<RawRecord, ?, ?> source = new FailOnceAtEndSource<>(ListSource.of(lines()));
        Outputs restored = run(source, true);

        assertThat(source.failed()).as("the job failed once, after the checkpoint holding every record").isTrue();
        assertThat(reference.alerts()).as("the run without failure has ticket SLA alerts")
                .anyMatch(a -> !"pattern".equals(a.kind));
        assertThat(patternLines(restored.alerts())).containsExactlyElementsOf(RiskPatternPipelineTest.EXPECTED);
        assertThat(withoutDetectedAt(restored.alerts()))
                .containsExactlyInAnyOrderElementsOf(withoutDetectedAt(reference.alerts()));
        assertThat(reference.kpis()).isNotEmpty();
        assertThat(restored.kpis()).containsExactlyInAnyOrderElementsOf(reference.kpis());
        // read (and dead-lettered) before the checkpoint, not read again: once
        assertThat(reference.deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.reasonCode).isEqualTo(DeadLetter.ReasonCode.MALFORMED_JSON));
        assertThat(restored.deadLetters()).containsExactlyInAnyOrderElementsOf(reference.deadLetters());
    }
}
