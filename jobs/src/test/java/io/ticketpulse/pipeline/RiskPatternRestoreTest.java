package io.ticketpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketpulse.io.RawRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.CommittedAlerts;
import io.ticketpulse.testing.FailingOnce;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.RestoreRuns;
import io.ticketpulse.testing.SourceGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk patterns' state (CEP partial matches, the pattern alerts' firing alerts and pending signals) through a
 * restore, on a MiniCluster at parallelism 2 with the input of {@link RiskPatternPipelineTest} (each source reader
 * reading every other event, {@link RestoreRuns#forTwoReaders}): a failure mid-stream with a restart from the latest
 * checkpoint, and a stop with a savepoint resumed by a new job, both commit exactly the alert records of a run
 * without interruption (an exactly-once sink, {@link CommittedAlerts}: what a {@code read_committed} consumer of the
 * alert topic sees), which are the hand-worked pattern alerts of {@link RiskPatternPipelineTest#EXPECTED}.
 *
 * <p>Where the input is cut (minutes after {@code T0}; each reader's k-th record is the input's (2k)-th or
 * (2k+1)-th): after 19 records per reader the readers are at 40 and 45, the patterns' clock (watermark − 1 min
 * out-of-orderness − 5 min allowed lateness) at about 34. Then C's chasing alert has fired (30) and is resolved only
 * at 40; E's escalation (10, times out at 40) and R's reopen loop (reopens at 20 and 40) are partial matches in
 * CEP's state; P's and S's alerts have fired and resolved. The resumed part must complete and clear them from the
 * restored state alone: its source starts at the cut.
 */
class RiskPatternRestoreTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    /** Records per reader before the cut. */
    private static final int CUT = 19;

    private static final List<String> LINES = RestoreRuns.forTwoReaders(RiskPatternPipelineTest.lines());

    private static void build(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, Sink<SlaAlert> alerts,
            CollectingSink<SlaAlert> emitted) {
        TicketPulsePipeline.build(env, RiskPatternPipelineTest.config(), source,
                new PipelineSinks(new CollectingSink<TicketKpi>(), new CollectingSink<DeadLetter>())
                        .withAlerts(alerts, emitted));
    }

    /** The run without interruption (no checkpoints: committed at the end of the input). */
    private static List<SlaAlert> reference() throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        CollectingSink<SlaAlert> alerts = new CollectingSink<>(); // one run, no restore: every record once
        build(env, RestoreRuns.oneSplitPerReader(LINES), alerts, new CollectingSink<>());
        JobClient job = env.executeAsync("risk-pattern-restore-reference");
        RestoreRuns.releaseOnceEveryReaderHasASplit(2);
        job.getJobExecutionResult().get();
        return alerts.values();
    }

    private static List<String> patternLines(List<SlaAlert> alerts) {
        return alerts.stream().filter(a -> "pattern".equals(a.kind)).toList().stream()
                .sorted(java.util.Comparator.comparingLong((SlaAlert a) -> a.changedAtMs)
                        .thenComparing(a -> a.dedupKey).thenComparing(a -> a.status))
                .map(RiskPatternRestoreTest::line).toList();
    }

    private static String line(SlaAlert a) {
        long t0 = io.ticketpulse.domain.TicketEvents.at(0);
        return a.dedupKey + " " + a.status + (a.resolveReason == null ? "" : " " + a.resolveReason) + " "
                + a.severity + " from " + (a.startedAtMs - t0) / 60_000 + " @" + (a.changedAtMs - t0) / 60_000;
    }

    @Test
    void theInputAsArrangedGivesTheHandWorkedPatternAlerts() throws Exception {
        assertThat(patternLines(reference())).containsExactlyElementsOf(RiskPatternPipelineTest.EXPECTED);
    }

    @Test
    void aFailureMidStreamRestartsFromTheCheckpointAndCommitsExactlyTheAlertsOfARunWithoutFailure() throws Exception {
        List<SlaAlert> reference = reference();

        FailingOnce.reset(CUT); // reader 0's first record after the cut (the input's 38th event, at 50)
        SourceGate.reset();
        StreamExecutionEnvironment env = RestoreRuns.checkpointed(2);
        CommittedAlerts alerts = new CommittedAlerts();
        build(env, RestoreRuns.gated(LINES, CUT), alerts, new CollectingSink<>());
        JobClient job = env.executeAsync("risk-pattern-restore-failure");
        // held at the cut until C's chasing alert (30) is committed: a checkpoint completed with the state at the cut
        await().atMost(Duration.ofMinutes(2)).until(() -> alerts.values().stream()
                .anyMatch(a -> "C".equals(a.ticketId) && "pattern".equals(a.kind)));
        SourceGate.open();
        job.getJobExecutionResult().get();

        assertThat(FailingOnce.FAILED).as("the failure was injected").isTrue();
        assertThat(FailingOnce.timesGenerated(0)).as("restarted from a checkpoint, not from the start").isEqualTo(1);
        assertThat(RestoreRuns.withoutDetectedAt(alerts.values()))
                .containsExactlyInAnyOrderElementsOf(RestoreRuns.withoutDetectedAt(reference));
        assertThat(patternLines(alerts.values())).containsExactlyElementsOf(RiskPatternPipelineTest.EXPECTED);
        assertRestoredStateWasUsed(alerts);
    }

    @Test
    void aSavepointMidStreamResumedByANewJobCommitsExactlyTheAlertsOfARunWithoutInterruption(@TempDir Path dir)
            throws Exception {
        List<SlaAlert> reference = reference();

        FailingOnce.reset(-1);
        SourceGate.reset();
        StreamExecutionEnvironment first = RestoreRuns.checkpointed(2);
        CommittedAlerts alerts = new CommittedAlerts();
        CollectingSink<SlaAlert> emitted = new CollectingSink<>();
        build(first, RestoreRuns.gated(LINES, CUT), alerts, emitted);
        JobClient job = first.executeAsync("risk-pattern-restore-before-savepoint");
        // held at the cut, and C's chasing alert (30) emitted: the patterns' clock has reached the cut
        await().atMost(Duration.ofMinutes(2)).until(() -> SourceGate.passed() == 2 * CUT
                && emitted.values().stream().anyMatch(a -> "C".equals(a.ticketId) && "pattern".equals(a.kind)));
        String savepoint = RestoreRuns.stopWithSavepoint(job, dir);
        assertThat(alerts.values()).as("committed by the first job").isNotEmpty();

        StreamExecutionEnvironment second = RestoreRuns.resumedFrom(savepoint, 2);
        build(second, RestoreRuns.ungated(LINES), alerts.sameTopic(), new CollectingSink<>());
        second.execute("risk-pattern-restore-after-savepoint");

        assertThat(RestoreRuns.withoutDetectedAt(alerts.values()))
                .containsExactlyInAnyOrderElementsOf(RestoreRuns.withoutDetectedAt(reference));
        assertThat(patternLines(alerts.values())).containsExactlyElementsOf(RiskPatternPipelineTest.EXPECTED);
        assertRestoredStateWasUsed(alerts);
    }

    /**
     * C's alert fired before the cut and resolved after it (a firing alert in the restored state), and R's reopen
     * loop and E's escalation fired after it from events read before it (CEP's restored partial matches).
     */
    private static void assertRestoredStateWasUsed(CommittedAlerts alerts) {
        List<String> before = alerts.committed().stream().filter(c -> !c.afterRestore())
                .filter(c -> "pattern".equals(c.alert().kind)).map(c -> line(c.alert())).toList();
        List<String> after = alerts.committed().stream().filter(CommittedAlerts.Committed::afterRestore)
                .filter(c -> "pattern".equals(c.alert().kind)).map(c -> line(c.alert())).toList();
        assertThat(before).contains(
                "C/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@1 firing yellow from 10 @30");
        assertThat(after).contains(
                "C/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@1 resolved cancelled yellow from 10 @40",
                "R/reopen_loop/2026-11-22T10:00:00.000Z/1/patterns@1 firing orange from 20 @40",
                "E/escalation_without_response/2026-11-22T10:00:00.000Z/1/patterns@1 firing red from 10 @40");
    }
}
