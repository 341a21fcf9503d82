package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.io.JsonLinesSinks;
import io.ticketpulse.testing.FlinkTestEnvironments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ticketpulse run --policy-file F --watch-policy-file} on a live, unbounded input (the simulator with
 * {@code --run-forever}, its clock starting at the wall clock), through the job's own entry point, on a MiniCluster
 * (the job runs in a thread; the test rewrites the file while it runs, reads the run's committed output, and
 * stops the job with a savepoint as {@code flink stop} does):
 *
 * <ol>
 *   <li>version 1 (every ticket's first response within 2 s) raises alerts at once;
 *   <li>the file rewritten whole (a temporary file moved over it) as version 2 (4 s): it applies from its
 *       modification time {@code E}: version 1's firing alerts resolve {@code retargeted} at {@code E} and the
 *       metrics go on under version 2 ({@code …@2}, the first records at {@code E});
 *   <li>the file rewritten with an invalid version 3: one {@code INVALID_POLICY} dead letter naming the problem,
 *       and the alerts raised after it are still version 2's.
 * </ol>
 *
 * The live run needs the wall clock (the simulator's start is the test's start); every wait is a condition on the
 * committed output with a generous deadline (Awaitility), nothing is asserted about how long anything took.
 */
class WatchedPolicyFileRunTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static final String VERSION_1 = "version: 1\npolicies:\n  - id: all\n    targets: {first_response: 2s}\n";
    private static final String VERSION_2 = "version: 2\npolicies:\n  - id: all\n    targets: {first_response: 4s}\n";
    private static final String INVALID_3 = "version: 3\npolicies:\n  - id: all\n    targets: {first_response: 0s}\n";

    /** Writes the file whole, as the README says: a temporary file moved over it. Returns its modification time. */
    private static long rewrite(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Files.getLastModifiedTime(file).toMillis();
    }

    /** The committed output of the one run under {@code outputDir} (its folder is named by its start). */
    private record Output(Path outputDir) {
        Path folder(String prefix) throws IOException {
            if (!Files.isDirectory(outputDir)) {
                return outputDir.resolve("not-yet");
            }
            try (var runs = Files.list(outputDir)) {
                return runs.filter(Files::isDirectory).findFirst().orElse(outputDir.resolve("not-yet")).resolve(prefix);
            }
        }
    }

    private static List<SlaAlert> alerts(Output output) throws IOException {
        return RunOutput.committedLines(output.folder(JsonLinesSinks.ALERT_PREFIX)).stream().map(SlaAlertJson::fromJson)
                .filter(a -> a.ticketId != null).toList();
    }

    private static List<DeadLetter> deadLetters(Output output) throws IOException {
        return RunOutput.committedLines(output.folder(JsonLinesSinks.DEAD_LETTER_PREFIX)).stream()
                .map(l -> DeadLetterJson.fromJson(l.getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static boolean any(Output output, Predicate<SlaAlert> p) throws IOException {
        return alerts(output).stream().anyMatch(p);
    }

    @Test
    void aRewrittenFileRetargetsTheRunningJobAndAnInvalidOneIsADeadLetter(
            @TempDir Path dir, @InjectClusterClient ClusterClient<?> client) throws Exception {
        Path policies = dir.resolve("policies.yaml");
        rewrite(policies, VERSION_1);
        Path outputDir = dir.resolve("output");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String simStart = Instant.now().minusSeconds(5).toString(); // live: the simulated clock at the wall clock
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> TicketPulseJob.run(new String[] {
                "--policy-file", policies.toString(), "--watch-policy-file",
                "--run-forever", "--sim-rate", "20", "--sim-start", simStart,
                "--output-dir", outputDir.toString(), "--parallelism", "2", "--checkpoint-interval", "1s", "--quiet"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC()));
        Output output = new Output(outputDir);
        try {
            await().atMost(PATIENCE).until(() -> run.isDone() || any(output, a -> a.policyVersion == 1 && a.isFiring()));
            assertThat(run).as("the job runs; stderr: %s", err).isNotDone();

            long changedAt = rewrite(policies, VERSION_2);
            Predicate<SlaAlert> retargeted = a -> a.policyVersion == 1 && "retargeted".equals(a.resolveReason);
            await().atMost(PATIENCE).until(() -> any(output, retargeted)
                    && any(output, a -> a.policyVersion == 2 && a.changedAtMs == changedAt));

            long invalidAt = rewrite(policies, INVALID_3);
            await().atMost(PATIENCE).until(() -> deadLetters(output).stream()
                    .anyMatch(d -> d.reasonCode == DeadLetter.ReasonCode.INVALID_POLICY));
            // version 2 still in force after the invalid file: an alert started after it was written fires under it
            await().atMost(PATIENCE).until(() -> any(output,
                    a -> a.policyVersion == 2 && a.isFiring() && a.startedAtMs > invalidAt));

            stop(client, dir.resolve("savepoints"));
            assertThat(run.get(2, TimeUnit.MINUTES)).as("exit code; stderr: %s", err).isZero();

            List<SlaAlert> alerts = alerts(output);
            assertThat(alerts).filteredOn(retargeted).isNotEmpty()
                    .allSatisfy(a -> assertThat(a.changedAtMs).isEqualTo(changedAt));
            assertThat(alerts).filteredOn(a -> a.policyVersion == 2)
                    .allSatisfy(a -> assertThat(a.dedupKey).endsWith("/all@2"))
                    .allSatisfy(a -> assertThat(a.changedAtMs).isGreaterThanOrEqualTo(changedAt));
            assertThat(alerts).extracting(a -> a.policyVersion).containsOnly(1, 2);
            // every version-1 alert ended: none is left firing under the retired version (an alert's last record is
            // its last emitted one: a correction, e.g. a reply that arrived late, can go back in changed_at)
            Map<String, SlaAlert> lastOfVersion1 = new LinkedHashMap<>();
            alerts.stream().filter(a -> a.policyVersion == 1)
                    .sorted(Comparator.comparingLong((SlaAlert a) -> a.detectedAtMs).thenComparingLong(a -> a.changedAtMs))
                    .forEach(a -> lastOfVersion1.put(a.dedupKey, a));
            assertThat(lastOfVersion1.values()).isNotEmpty().allSatisfy(a -> assertThat(a.status).isEqualTo("resolved"));

            assertThat(deadLetters(output)).singleElement().satisfies(d -> {
                assertThat(d.reasonCode).isEqualTo(DeadLetter.ReasonCode.INVALID_POLICY);
                assertThat(d.origin).startsWith(policies.toString() + "@");
                assertThat(d.reason).contains("(version 2) is kept", "$.policies[0].targets.first_response");
                assertThat(d.payload).isEqualTo(INVALID_3.getBytes(StandardCharsets.UTF_8));
            });
            assertThat(invalidAt).isGreaterThanOrEqualTo(changedAt);
        } finally {
            if (!run.isDone()) {
                for (JobStatusMessage job : client.listJobs().get()) {
                    if (!job.getJobState().isGloballyTerminalState()) {
                        client.cancel(job.getJobId()).get();
                    }
                }
            }
        }
    }

    /** {@code flink stop}: a savepoint, then the job finishes (the run prints its summary and exits with 0). */
    private static void stop(ClusterClient<?> client, Path savepoints) throws Exception {
        JobID running = client.listJobs().get().stream().filter(j -> j.getJobState() == JobStatus.RUNNING)
                .map(JobStatusMessage::getJobId).findFirst().orElseThrow();
        client.stopWithSavepoint(running, false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get();
    }
}
