package io.ticketpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.app.ReferenceReplay;
import io.ticketpulse.testing.CommittedTopics;
import io.ticketpulse.testing.JobOutput;
import io.ticketpulse.testing.LocalEnvStack;
import io.ticketpulse.testing.OutputComparison;
import io.ticketpulse.testing.PolicyUpgradeCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash drill as a test, on real data: ServiceNow incidents (UCI "Incident management process enriched event
 * log", converted to ticket events by the project's importer ({@code ticketpulse import servicenow}), then
 * the 315 incidents created on 2016-03-01 with all their 2,473 events selected and sorted by event time by
 * {@code src/test/resources/chaos/make_servicenow_sample.py}; three hostile records mixed in, see
 * {@link #eventsFile}) replayed through Kafka into the built fat jar
 * on a local-env stack (real Kafka broker and Flink JobManager/TaskManager processes), exactly once, with several
 * {@code kill -9}s of the TaskManager and of the Kafka broker (restarted on the same data dir), then the committed
 * output ({@code read_committed}) compared record by record with a file replay of the same events in this JVM
 * ({@link ReferenceReplay}): 0 lost, 0 duplicated, every (key, revision) once and equal, the final KPI rows equal,
 * the alerts equal by (dedup_key, status, kind, severity, changed_at), the dead letters equal.
 *
 * <p>Why the two runs must agree: the events are produced keyed by ticket in event-time order, so every partition
 * is in event-time order and no event is ever late, however fast each partition is read; the idle timeout (1 h) is
 * longer than the test, so no partition goes idle and no watermark jumps ahead of a partition that is merely slow;
 * the alert clock is event time; the Kafka run ends with {@code stop --drain} (MAX_WATERMARK, then the final
 * savepoint commits the last transactions), as the file replay ends with the MAX watermark of its bounded source.
 *
 * <p>The drill: the events are cut into kills + 1 slices. Per kill, half a slice is produced, a checkpoint
 * completes, the other half is produced and the victim is killed at once (so an open transaction and records in
 * flight are lost with it); then a new TaskManager ({@code restart-taskmanager.sh}) or the broker restarted on its
 * data ({@code restart-kafka.sh --kill}), and the job must be RUNNING again with a new completed checkpoint. After
 * the last slice: wait until the job's consumer group has committed the end of every partition, stop with
 * {@code --drain}, read everything.
 *
 * <p>Short version (the suite): 3 TaskManager kills and 1 broker kill. The long drill is the same test with
 * {@code -Dticketpulse.chaos.kills=12 -Dticketpulse.chaos.brokerKills=3 -Dticketpulse.chaos.events=FILE} (see
 * README, "Crash drills"): {@code mvn -B -pl jobs -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test='ChaosE2EITCase#exactlyOnceThroughTaskManagerAndBrokerKills' -Dticketpulse.chaos.kills=12 ...}.
 */
class ChaosE2EITCase {

    static final int TM_KILLS = Integer.getInteger("ticketpulse.chaos.kills", 3);
    static final int BROKER_KILLS = Integer.getInteger("ticketpulse.chaos.brokerKills", 1);
    /** A ticket-event JSON-lines file (event-time order) instead of the committed fixture. */
    static final String EVENTS_FILE = System.getProperty("ticketpulse.chaos.events", "");
    static final String FIXTURE = "/chaos/servicenow-sample.jsonl";

    /** The pipeline settings of both runs: 1-day KPI windows (the log spans weeks), alerts on event time. */
    static final List<String> PIPELINE_ARGS = List.of("--window-size", "1d", "--window-slide", "1d",
            "--alert-clock", "event-time",
            // the reference is a file replay, the drilled run a live topic: the same rows, revisions included
            "--kpi-updates", "early-and-late");

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STARTED = System.nanoTime();
    private static Path repoRoot;
    private static LocalEnvStack stack;

    @BeforeAll
    static void startStack() throws IOException {
        Path jobsDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        repoRoot = jobsDir.getParent();
        stack = LocalEnvStack.create(repoRoot, jobsDir.resolve("target/local-env-chaos"));
        log("starting the local-env stack in %s (Kafka %s, Flink REST %s)", stack.runDir(), stack.bootstrapServers(),
                stack.restUrl());
        stack.start();
        log("stack up");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.closeAndCheckNothingLeft();
            log("stack stopped, no process of the run directory left");
        }
    }

    @Test
    void exactlyOnceThroughTaskManagerAndBrokerKills(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path eventsFile = eventsFile(tmp);
        List<String> events = Files.readAllLines(eventsFile, StandardCharsets.UTF_8);
        JobOutput reference = ReferenceReplay.replay(eventsFile, tmp.resolve("reference"), PIPELINE_ARGS);
        log("reference (file replay of %d events): %s", events.size(), reference);
        assertThat(reference.kpis()).as("reference KPI records").isNotEmpty();
        assertThat(reference.alerts()).as("reference alerts").isNotEmpty();
        assertThat(reference.deadLetters()).as("reference dead letters (the truncated line, the unknown type)")
                .hasSize(2);

        Topics topics = Topics.fresh("chaos");
        createTopics(topics);
        String jobId = submit(topics, null, 2, null);

        int kills = TM_KILLS + BROKER_KILLS;
        List<List<String>> slices = slices(events, kills + 1);
        int tmKills = 0;
        int brokerKills = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int k = 0; k < kills; k++) {
                List<String> slice = slices.get(k);
                long checkpoint = latestCompletedCheckpoint(jobId);
                send(producer, topics.events, slice.subList(0, slice.size() / 2));
                awaitCheckpointAfter(jobId, checkpoint);
                send(producer, topics.events, slice.subList(slice.size() / 2, slice.size()));
                // the broker's kills spread over the drill: kill k = (i + 1/2) * kills / BROKER_KILLS, i = 0, 1, ...
                boolean broker = brokerKills < BROKER_KILLS
                        && k == (2 * brokerKills + 1) * kills / (2 * BROKER_KILLS);
                long kill = System.nanoTime();
                checkpoint = latestCompletedCheckpoint(jobId);
                if (broker) {
                    long pid = stack.killAndRestartKafka();
                    brokerKills++;
                    log("kill %d: kill -9 of the Kafka broker, restarted on its data (pid %d) after %.1f s", k + 1,
                            pid, seconds(kill));
                } else {
                    String restoredBefore = latestRestore(jobId);
                    long killed = stack.killTaskManager();
                    long pid = stack.restartTaskManager();
                    tmKills++;
                    awaitRestoredAfter(jobId, restoredBefore);
                    log("kill %d: kill -9 of the TaskManager (pid %d); new one (pid %d); job restored after %.1f s",
                            k + 1, killed, pid, seconds(kill));
                }
                awaitRunning(jobId);
                awaitCheckpointAfter(jobId, checkpoint);
                log("kill %d: RUNNING with a new completed checkpoint %.1f s after the kill", k + 1, seconds(kill));
            }
            send(producer, topics.events, slices.get(kills));
        }
        awaitCaughtUp(topics.events, topics.group);
        String savepoint = stack.stopJob(jobId, true);
        log("all input read and checkpointed; stopped with --drain, savepoint %s", savepoint);

        JobOutput committed = CommittedTopics.read(clientProperties(), topics.kpis, topics.alerts, topics.dlq);
        OutputComparison.Report report = OutputComparison.compare(reference, committed);
        log("chaos drill: %d TaskManager kills, %d broker kills, %d events, committed %s in %.0f s%n%s", tmKills,
                brokerKills, events.size(), committed, seconds(t0), report);
        assertThat(tmKills).isEqualTo(TM_KILLS);
        assertThat(brokerKills).isEqualTo(BROKER_KILLS);
        assertThat(report.equal()).as("committed output against the file replay:%n%s", report).isTrue();
    }

    /**
     * Savepoint upgrade and rescale on the same real data, four slices: parallelism 2 under the shipped policies
     * (their version, "version 1" below); stop with a savepoint; resume with the same jar and the same file under the
     * next version number ("version 2" below); stop; resume at
     * parallelism 1; stop; resume at parallelism 2; stop with {@code --drain}. The max parallelism is not changed:
     * Flink refuses to restore keyed state under another one (local-env sets {@code pipeline.max-parallelism: 128};
     * see README, "Rescaling"). What must hold:
     * <ul>
     *   <li>KPI records equal to the file replay record by record (every (key, revision) once, same content): the
     *       per-ticket operator {@code tickets} (keyed by ticket id, with the broadcast policy input) and the KPI
     *       windows carry their state through 2 -> 2 -> 1 -> 2;</li>
     *   <li>alerts: no record twice; every version-1 record is one of the reference's, or a {@code retracted}
     *       resolution, and no version-1 ticket alert is left firing; every version-2 record but the first of its
     *       dedup_key is one of the reference's (version mapped); the final state of every alert (ticket, metric,
     *       cycle, policy) equals the reference's — a version-1 alert retracted without a version-2 successor only
     *       where the reference's alert ends resolved.</li>
     * </ul>
     */
    @Test
    void savepointUpgradeAndRescaleKeepTheOutputExact(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path eventsFile = eventsFile(tmp);
        List<String> events = Files.readAllLines(eventsFile, StandardCharsets.UTF_8);
        JobOutput reference = ReferenceReplay.replay(eventsFile, tmp.resolve("reference"), PIPELINE_ARGS);
        // the shipped file's version (the reference's) and the next one (the upgrade's)
        int shippedVersion = io.ticketpulse.io.SlaPolicyFiles.loadDefault().version();
        int upgradedVersion = shippedVersion + 1;
        Path policyV2 = tmp.resolve("policies-v" + upgradedVersion + ".yaml");
        try (InputStream in = ChaosE2EITCase.class.getResourceAsStream("/sla/default-policies.yaml")) {
            String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(shipped).contains("\nversion: " + shippedVersion + "\n");
            Files.writeString(policyV2, shipped.replace("\nversion: " + shippedVersion + "\n",
                    "\nversion: " + upgradedVersion + "\n"));
        }

        Topics topics = Topics.fresh("rescale");
        createTopics(topics);
        List<List<String>> slices = slices(events, 4);
        int[] parallelism = {2, 2, 1, 2};
        String savepoint = null;
        List<String> maxParallelism = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int step = 0; step < 4; step++) {
                String jobId = submit(topics, savepoint, parallelism[step], step == 0 ? null : policyV2);
                maxParallelism.add(maxParallelism(jobId));
                send(producer, topics.events, slices.get(step));
                awaitCaughtUp(topics.events, topics.group);
                savepoint = stack.stopJob(jobId, step == 3);
                log("step %d (parallelism %d, policy version %d, max parallelism %s): stopped%s, savepoint %s",
                        step + 1, parallelism[step], step == 0 ? shippedVersion : upgradedVersion, maxParallelism.get(step),
                        step == 3 ? " with --drain" : "", savepoint);
            }
        }
        JobOutput committed = CommittedTopics.read(clientProperties(), topics.kpis, topics.alerts, topics.dlq);
        OutputComparison.Report report = OutputComparison.compare(reference, committed);
        log("upgrade + rescale 2 -> 2 (policy v2) -> 1 -> 2: committed %s in %.0f s%n%s", committed, seconds(t0),
                report);
        assertThat(maxParallelism).as("max parallelism per vertex, per step (local-env's pipeline.max-parallelism)")
                .allSatisfy(perVertex -> assertThat(perVertex.split(",")).containsOnly("128"));
        assertThat(report.kpiRecords().equal()).as("KPI records:%n%s", report.kpiRecords()).isTrue();
        assertThat(report.finalKpiRows().equal()).as("final KPI rows:%n%s", report.finalKpiRows()).isTrue();
        assertThat(report.deadLetters().equal()).as("dead letters:%n%s", report.deadLetters()).isTrue();
        List<String> problems = PolicyUpgradeCheck.problems(reference.alerts(), committed.alerts(), shippedVersion,
                upgradedVersion);
        long v1 = committed.alerts().stream().filter(a -> a.policyVersion == shippedVersion).count();
        long retracted = committed.alerts().stream().filter(a -> "retracted".equals(a.resolveReason)).count();
        log("alerts: %d committed (%d under version %d, %d retracted, %d under version %d), reference %d; %d problems",
                committed.alerts().size(), v1, shippedVersion, retracted, committed.alerts().size() - v1,
                upgradedVersion, reference.alerts().size(),
                problems.size());
        assertThat(v1).as("alerts under the shipped version before the upgrade").isPositive();
        assertThat(problems).as("alerts against the reference with the policy change").isEmpty();
    }

    /** The max parallelism of every vertex of the job, as the REST API reports it. */
    static String maxParallelism(String jobId) throws Exception {
        List<String> values = new ArrayList<>();
        for (JsonNode v : JSON.readTree(stack.rest("/jobs/" + jobId)).path("vertices")) {
            values.add(v.path("maxParallelism").asText());
        }
        return String.join(",", values);
    }

    // ---------------------------------------------------------------------------------------------------------

    record Topics(String events, String kpis, String alerts, String dlq, String group) {
        static Topics fresh(String prefix) {
            String run = prefix + UUID.randomUUID().toString().substring(0, 8);
            return new Topics(run + "-ticket-events", run + "-ticket-kpis", run + "-sla-alerts",
                    run + "-ticket-events-dlq", run);
        }
    }

    /**
     * The events of the drill (the fixture, or {@code -Dticketpulse.chaos.events}) with three hostile records
     * mixed in, the same in both runs: a truncated JSON line at 1/4, a record of an unknown type at 1/2 (both dead
     * letters), and at 3/4 a re-send of the line before it (same event id and content, as a producer retrying
     * does: de-duplicated, no output). The re-send carries the latest event time of its partition, so it is never
     * late, and neither of the others has an event time.
     */
    static Path eventsFile(Path tmp) throws IOException {
        List<String> lines;
        if (!EVENTS_FILE.isEmpty()) {
            lines = Files.readAllLines(Path.of(EVENTS_FILE), StandardCharsets.UTF_8);
        } else {
            try (InputStream in = ChaosE2EITCase.class.getResourceAsStream(FIXTURE)) {
                assertThat(in).as("fixture %s", FIXTURE).isNotNull();
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
        }
        List<String> events = new ArrayList<>(lines);
        int n = lines.size();
        events.add(3 * n / 4, lines.get(3 * n / 4 - 1));
        String occurredAt = JSON.readTree(lines.get(n / 2)).path("occurred_at").asText();
        events.add(n / 2, "{\"event_id\":\"chaos-teleported\",\"ticket_id\":\"chaos-x\",\"type\":\"TELEPORTED\","
                + "\"occurred_at\":\"" + occurredAt + "\"}");
        events.add(n / 4, "{\"event_id\": \"chaos-truncated\", \"ticket_id\": ");
        Path file = tmp.resolve("events.jsonl");
        Files.write(file, events, StandardCharsets.UTF_8);
        return file;
    }

    static List<List<String>> slices(List<String> events, int n) {
        List<List<String>> slices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slices.add(events.subList(i * events.size() / n, (i + 1) * events.size() / n));
        }
        return slices;
    }

    static Properties clientProperties() {
        Properties p = stack.clientProperties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return p;
    }

    static void createTopics(Topics t) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(List.of(
                    new NewTopic(t.events, 4, (short) 1),
                    new NewTopic(t.kpis, 4, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(t.alerts, 4, (short) 1),
                    new NewTopic(t.dlq, 2, (short) 1))).all().get();
        }
    }

    /** {@code submit.sh [--savepoint S]} of the built jar; waits until every task is RUNNING. */
    static String submit(Topics topics, String savepoint, int parallelism, Path policyFile) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--kafka-bootstrap-servers", stack.bootstrapServers(),
                "--events-topic", topics.events, "--kpis-topic", topics.kpis, "--alerts-topic", topics.alerts,
                "--dlq-topic", topics.dlq, "--group-id", topics.group, "--transactional-id-prefix", topics.group,
                "--parallelism", String.valueOf(parallelism), "--checkpoint-interval", "2s",
                // no partition goes idle during the test: the watermark waits for every partition
                "--idle-timeout", "1h", "--state-backend", "rocksdb"));
        if (policyFile != null) {
            args.addAll(List.of("--policy-file", policyFile.toString()));
        }
        args.addAll(PIPELINE_ARGS);
        String jobId = stack.submit(builtJar(), savepoint, args);
        awaitRunning(jobId);
        log("job %s submitted (parallelism %d%s%s)", jobId, parallelism,
                savepoint == null ? "" : ", from " + savepoint, policyFile == null ? "" : ", policy " + policyFile);
        return jobId;
    }

    static Path builtJar() throws IOException {
        Path target = repoRoot.resolve("jobs/target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("ticketpulse-jobs-") && n.endsWith(".jar") && !n.contains("-tests")
                        && !n.contains("-sources");
            }).toList();
            assertThat(jars).as("the fat jar in %s (built by `package` before failsafe runs)", target).hasSize(1);
            return jars.get(0);
        }
    }

    static KafkaProducer<byte[], byte[]> producer() {
        Properties p = clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Each line keyed by its ticket id (the default partitioner: one ticket, one partition, in order). */
    static void send(KafkaProducer<byte[], byte[]> producer, String topic, List<String> lines) throws Exception {
        for (String line : lines) {
            byte[] key;
            try {
                key = JSON.readTree(line).path("ticket_id").asText().getBytes(StandardCharsets.UTF_8);
            } catch (IOException notJson) {
                key = null; // the truncated line: any partition
            }
            producer.send(new ProducerRecord<>(topic, key, line.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    static void awaitRunning(String jobId) throws Exception {
        await("job " + jobId + " RUNNING with every task running", () -> {
            JsonNode job = JSON.readTree(stack.rest("/jobs/" + jobId));
            boolean running = "RUNNING".equals(job.path("state").asText()) && job.path("vertices").size() > 0;
            for (JsonNode v : job.path("vertices")) {
                running &= "RUNNING".equals(v.path("status").asText());
            }
            return running;
        });
    }

    static long latestCompletedCheckpoint(String jobId) throws Exception {
        JsonNode c = JSON.readTree(stack.rest("/jobs/" + jobId + "/checkpoints")).path("latest").path("completed");
        return c.isObject() ? c.path("id").asLong() : -1;
    }

    static void awaitCheckpointAfter(String jobId, long checkpointId) throws Exception {
        await("a checkpoint after " + checkpointId + " of job " + jobId,
                () -> latestCompletedCheckpoint(jobId) > checkpointId);
    }

    static String latestRestore(String jobId) throws Exception {
        return JSON.readTree(stack.rest("/jobs/" + jobId + "/checkpoints")).path("latest").path("restored")
                .toString();
    }

    static void awaitRestoredAfter(String jobId, String restoredBefore) throws Exception {
        await("job " + jobId + " restored from a checkpoint again", () -> {
            String now = latestRestore(jobId);
            return !now.equals(restoredBefore) && !now.isEmpty() && !"\"\"".equals(now);
        });
    }

    /** Until the consumer group has committed (on checkpoints) the end offset of every partition of {@code topic}. */
    static void awaitCaughtUp(String topic, String group) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int i = 0; i < partitions; i++) {
                latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            await("group " + group + " committed " + end, () -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                return end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
            });
        }
    }

    /** Polls {@code condition} every 500 ms (errors of a recovering cluster count as "not yet") until {@link #WAIT}. */
    static void await(String what, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsMatching(e -> e instanceof IOException || e instanceof ExecutionException)
                    .until(condition);
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError(String.format("not within %s: %s%s; jobs: %s", WAIT, what,
                    timeout.getCause() == null ? "" : " (last error: " + timeout.getCause() + ")", jobStates()),
                    timeout);
        }
    }

    static String jobStates() {
        try {
            return stack.rest("/jobs/overview").replaceAll("\"tasks\":\\{[^}]*},", "");
        } catch (Exception e) {
            return "(REST: " + e.getMessage() + ")";
        }
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[chaos %6.1f s] %s%n", seconds(STARTED), String.format(Locale.ROOT, format,
                args));
    }
}
