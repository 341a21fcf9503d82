package io.ticketpulse.benchmark;

import io.ticketpulse.io.EventsFileSource;
import io.ticketpulse.io.JsonLinesFormat;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TicketPulsePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * State per open ticket: the full pipeline reads {@code N} open tickets (see {@link
 * SyntheticTickets#openTickets}) from a file source that stays open (so the job does not finish and its final
 * watermark does not fire every timer), on a MiniCluster this class starts itself so it can trigger a checkpoint
 * and read its statistics. When the input's sentinel line has reached the dead-letter sink ({@link SentinelSink})
 * every event has left the source, so the checkpoint triggered then covers them all (its barrier follows them).
 *
 * <p>Sizes are read from the job's checkpoint statistics (the numbers the web UI and the REST API
 * {@code /jobs/:jobid/checkpoints} show): {@code state_size} ("full checkpoint data size", the size of all state
 * the checkpoint references) and {@code checkpointed_size} (the data this checkpoint uploaded; smaller than the
 * full size only for an incremental checkpoint after an earlier one), and, as a cross-check, the bytes of the
 * job's checkpoint folder on disk after the checkpoint completed ({@code chk-<id>/}, {@code shared/},
 * {@code taskowned/}). The checkpoint folder is deleted afterwards unless asked to keep it.
 */
final class StateSizeProfile {

    /** What one measurement gave. */
    record Result(String backend, long openTickets, double ingestSeconds, long checkpointId, long stateSize,
            long checkpointedSize, long bytesOnDisk, long durationMs, Map<String, Long> stateSizeByOperator,
            String failure) {

        double bytesPerTicket() {
            return (double) stateSize / openTickets;
        }
    }

    private StateSizeProfile() {}

    static Result measure(String backend, boolean incremental, Path input, long openTickets, int parallelism,
            PipelineConfig pipelineConfig, Path workDir, boolean keepCheckpoints) throws Exception {
        Path runDir = Files.createTempDirectory(Files.createDirectories(workDir), "state-size-" + backend + "-");
        Path checkpoints = runDir.resolve("checkpoints");
        Path marker = runDir.resolve("sentinel-arrived.json");
        Configuration conf = PipelineBenchmark.configuration(backend, incremental);
        // a coordinator is needed to trigger checkpoints; the long interval keeps periodic ones out of the way
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofHours(12));
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofHours(2));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        MiniClusterConfiguration cluster = new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .withRandomPorts()
                .build();
        try (MiniCluster miniCluster = new MiniCluster(cluster)) {
            miniCluster.start();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(parallelism);
            FileSource<RawRecord> source = FileSource
                    .forRecordStreamFormat(
                            new JsonLinesFormat(input.getFileName().toString(), EventsFileSource.DEFAULT_MAX_LINE_BYTES),
                            new org.apache.flink.core.fs.Path(input.toUri()))
                    .monitorContinuously(Duration.ofHours(12)) // unbounded: the job stays up with its state
                    .build();
            TicketPulsePipeline.build(env, pipelineConfig, source,
                    new PipelineSinks(JsonDiscardingSink.kpis(), new SentinelSink(marker))
                            .withAlerts(JsonDiscardingSink.alerts(), null));
            JobGraph job = env.getStreamGraph().getJobGraph();
            JobID jobId = miniCluster.submitJob(job).get().getJobID();
            long start = System.nanoTime();
            while (!Files.exists(marker)) {
                JobStatus status = miniCluster.getJobStatus(jobId).get();
                if (status.isGloballyTerminalState()) {
                    return failed(backend, openTickets, "the job ended (" + status + ") before its input was read");
                }
                Thread.sleep(200); // a measuring tool polling a marker file, not a test
            }
            double ingestSeconds = (System.nanoTime() - start) / 1e9;
            long checkpointId = miniCluster.triggerCheckpoint(jobId, CheckpointType.CONFIGURED).get();
            CompletedCheckpointStats stats = completedStats(miniCluster, jobId, checkpointId);
            AccessExecutionGraph graph = miniCluster.getExecutionGraph(jobId).get();
            Map<String, Long> byOperator = new LinkedHashMap<>();
            for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
                TaskStateStats task = stats.getTaskStateStats(vertex.getJobVertexId());
                if (task != null && task.getStateSize() > 0) {
                    byOperator.put(vertex.getName(), task.getStateSize());
                }
            }
            long onDisk = folderBytes(checkpoints.resolve(jobId.toString()));
            miniCluster.cancelJob(jobId).get();
            miniCluster.requestJobResult(jobId).get(); // cancelled before the cluster stops
            return new Result(backend, openTickets, ingestSeconds, checkpointId, stats.getStateSize(),
                    stats.getCheckpointedSize(), onDisk, stats.getEndToEndDuration(), byOperator, null);
        } catch (Exception e) {
            return failed(backend, openTickets, PipelineBenchmark.rootCause(e));
        } finally {
            if (!keepCheckpoints) {
                deleteRecursively(runDir);
            }
        }
    }

    private static Result failed(String backend, long openTickets, String why) {
        return new Result(backend, openTickets, Double.NaN, -1, -1, -1, -1, -1, Map.of(), why);
    }

    /** The statistics of a completed checkpoint (they may reach the tracker a moment after completion). */
    private static CompletedCheckpointStats completedStats(MiniCluster cluster, JobID jobId, long checkpointId)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            AbstractCheckpointStats stats = cluster.getExecutionGraph(jobId).get()
                    .getCheckpointStatsSnapshot().getHistory().getCheckpointById(checkpointId);
            if (stats instanceof CompletedCheckpointStats completed) {
                return completed;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no statistics for completed checkpoint " + checkpointId);
            }
            Thread.sleep(100);
        }
    }

    static long folderBytes(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file removed while walking (a subsumed checkpoint)
                }
            }).sum();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
