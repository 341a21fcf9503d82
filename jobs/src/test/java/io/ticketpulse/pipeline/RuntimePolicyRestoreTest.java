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
import java.util.function.Predicate;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime policy (version 2 from 0:06, read from the policy stream; {@link RuntimePolicyPipelineTest}) through a
 * restore, on a MiniCluster at parallelism 2: a failure mid-stream with a restart from the latest checkpoint, and a
 * stop with a savepoint resumed by a new job, both commit exactly the alert records of a run without interruption
 * (exactly-once sink {@link CommittedAlerts}), which are the hand-computed sequence of
 * {@link RuntimePolicyPipelineTest#EXPECTED}.
 *
 * <p>The cut (each reader reads every other event, {@link RestoreRuns#forTwoReaders}): after 4 records per reader
 * the readers are at 0:10 and 0:11:30, the watermark at about 0:09, the alert clock (watermark − 2 min allowed
 * lateness) at about 0:07. Version 2 is then in force (0:06): T1's first response is firing under it, T2 (created
 * at 0:07) is measured under it. What follows the cut (T1's fulfilment at 0:08, T2's warning, breach, yellow and
 * fulfilment) comes from the restored broadcast state (the policy files) and keyed state: the policy records are
 * not read again (the bounded policy source has ended before the cut; a repeat would be passed over anyway).
 */
class RuntimePolicyRestoreTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final int CUT = 4;

    private static final List<String> LINES = RestoreRuns.forTwoReaders(RuntimePolicyPipelineTest.eventLines());

    private static final Predicate<SlaAlert> T1_FIRING_UNDER_V2 = a -> "T1".equals(a.ticketId)
            && a.policyVersion == 2 && a.isFiring();

    private static void build(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, Sink<SlaAlert> alerts,
            CollectingSink<SlaAlert> emitted) {
        TicketPulsePipeline.build(env, RuntimePolicyPipelineTest.config(), source,
                RuntimePolicyPipelineTest.policySource(RuntimePolicyPipelineTest.policyRecords()),
                new PipelineSinks(new CollectingSink<TicketKpi>(), new CollectingSink<DeadLetter>())
                        .withAlerts(alerts, emitted));
    }

    private static List<SlaAlert> reference() throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        CollectingSink<SlaAlert> alerts = new CollectingSink<>(); // one run, no restore: every record once
        build(env, RestoreRuns.oneSplitPerReader(LINES), alerts, new CollectingSink<>());
        JobClient job = env.executeAsync("runtime-policy-restore-reference");
        RestoreRuns.releaseOnceEveryReaderHasASplit(2);
        job.getJobExecutionResult().get();
        return alerts.values();
    }

    @Test
    void theInputAsArrangedGivesTheHandComputedAlerts() throws Exception {
        assertThat(RuntimePolicyPipelineTest.lines(reference()))
                .containsExactlyElementsOf(RuntimePolicyPipelineTest.EXPECTED);
    }

    @Test
    void aFailureAfterThePolicyChangeRestartsUnderTheNewPolicyWithExactlyTheAlertsOfARunWithoutFailure()
            throws Exception {
        List<SlaAlert> reference = reference();

        FailingOnce.reset(CUT); // reader 0's first record after the cut (T2 resolved at 0:12)
        SourceGate.reset();
        StreamExecutionEnvironment env = RestoreRuns.checkpointed(2);
        CommittedAlerts alerts = new CommittedAlerts();
        build(env, RestoreRuns.gated(LINES, CUT), alerts, new CollectingSink<>());
        JobClient job = env.executeAsync("runtime-policy-restore-failure");
        // held at the cut until T1's version-2 alert (0:06) is committed: a checkpoint completed after the change
        await().atMost(Duration.ofMinutes(2)).until(() -> alerts.values().stream().anyMatch(T1_FIRING_UNDER_V2));
        SourceGate.open();
        job.getJobExecutionResult().get();

        assertThat(FailingOnce.FAILED).as("the failure was injected").isTrue();
        assertThat(FailingOnce.timesGenerated(0)).as("restarted from a checkpoint, not from the start").isEqualTo(1);
        assertThat(RestoreRuns.withoutDetectedAt(alerts.values()))
                .containsExactlyInAnyOrderElementsOf(RestoreRuns.withoutDetectedAt(reference));
        assertThat(RuntimePolicyPipelineTest.lines(alerts.values()))
                .containsExactlyElementsOf(RuntimePolicyPipelineTest.EXPECTED);
        assertContinuedUnderVersion2(alerts);
    }

    @Test
    void aSavepointAfterThePolicyChangeResumedByANewJobContinuesUnderTheNewPolicy(@TempDir Path dir)
            throws Exception {
        List<SlaAlert> reference = reference();

        FailingOnce.reset(-1);
        SourceGate.reset();
        StreamExecutionEnvironment first = RestoreRuns.checkpointed(2);
        CommittedAlerts alerts = new CommittedAlerts();
        CollectingSink<SlaAlert> emitted = new CollectingSink<>();
        build(first, RestoreRuns.gated(LINES, CUT), alerts, emitted);
        JobClient job = first.executeAsync("runtime-policy-restore-before-savepoint");
        await().atMost(Duration.ofMinutes(2)).until(() -> SourceGate.passed() == 2 * CUT
                && emitted.values().stream().anyMatch(T1_FIRING_UNDER_V2));
        String savepoint = RestoreRuns.stopWithSavepoint(job, dir);

        StreamExecutionEnvironment second = RestoreRuns.resumedFrom(savepoint, 2);
        build(second, RestoreRuns.ungated(LINES), alerts.sameTopic(), new CollectingSink<>());
        second.execute("runtime-policy-restore-after-savepoint");

        assertThat(RestoreRuns.withoutDetectedAt(alerts.values()))
                .containsExactlyInAnyOrderElementsOf(RestoreRuns.withoutDetectedAt(reference));
        assertThat(RuntimePolicyPipelineTest.lines(alerts.values()))
                .containsExactlyElementsOf(RuntimePolicyPipelineTest.EXPECTED);
        assertContinuedUnderVersion2(alerts);
    }

    /** The change and T1's version-2 breach before the cut; T1's fulfilment and all of T2 (version 2) after it. */
    private static void assertContinuedUnderVersion2(CommittedAlerts alerts) {
        List<String> before = RuntimePolicyPipelineTest.lines(alerts.committed().stream()
                .filter(c -> !c.afterRestore()).map(CommittedAlerts.Committed::alert).toList());
        List<String> after = RuntimePolicyPipelineTest.lines(alerts.committed().stream()
                .filter(CommittedAlerts.Committed::afterRestore).map(CommittedAlerts.Committed::alert).toList());
        assertThat(before).contains("06:00 T1 assignment v1 resolved breach yellow retargeted",
                "06:00 T1 first_response v2 firing breach red");
        assertThat(after).contains("08:00 T1 first_response v2 resolved breach red fulfilled",
                "10:00 T2 first_response v2 firing warning warning",
                "11:00 T2 first_response v2 firing breach warning",
                "11:24 T2 first_response v2 firing breach yellow",
                "11:30 T2 first_response v2 resolved breach yellow fulfilled");
    }
}
