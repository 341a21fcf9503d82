package io.ticketpulse.testing;

import io.ticketpulse.io.RawRecord;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The pieces of the restore tests on a MiniCluster: a source held at a known point mid-stream ({@link SourceGate}),
 * then either failing once as it goes on ({@link FailingOnce}, under checkpoints and a restart strategy: the job
 * restarts from its latest checkpoint) or stopped with a savepoint and resumed by a new job, and the alert records
 * compared without their processing-time field.
 */
public final class RestoreRuns {

    /** Checkpoint interval of the runs with a failure. */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(50);

    private RestoreRuns() {}

    /**
     * The records of a time-ordered input rearranged for a source at parallelism 2 ({@code DataGeneratorSource} gives
     * each reader one contiguous half): every other record first, then the rest, so each reader reads every other
     * record of the input in time order and both cover its whole time range, like two partitions of a live feed.
     */
    public static <T> List<T> forTwoReaders(List<T> inTimeOrder) {
        List<T> l = new ArrayList<>();
        for (int i = 0; i < inTimeOrder.size(); i += 2) {
            l.add(inTimeOrder.get(i));
        }
        for (int i = 1; i < inTimeOrder.size(); i += 2) {
            l.add(inTimeOrder.get(i));
        }
        return l;
    }

    /** A strict environment with checkpoints every {@link #CHECKPOINT_INTERVAL} and up to 2 restarts. */
    public static StreamExecutionEnvironment checkpointed(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(parallelism);
        env.configure(conf);
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());
        return env;
    }

    /** A strict environment whose job starts from {@code savepoint}. */
    public static StreamExecutionEnvironment resumedFrom(String savepoint, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(parallelism);
        env.configure(conf);
        return env;
    }

    /**
     * The lines, each reader held after its first {@code perReader} records until the gate opens ({@link
     * SourceGate#reset} first), failing once at the index {@link FailingOnce#reset} names (none if negative).
     */
    public static DataGeneratorSource<RawRecord> gated(List<String> lines, int perReader) {
        return new DataGeneratorSource<>(new FailingOnce(lines), lines.size(), SourceGate.after(perReader),
                TypeInformation.of(RawRecord.class));
    }

    /**
     * The lines for a run without interruption, read as {@link #forTwoReaders} arranged them: one split per reader.
     * {@code DataGeneratorSource} hands its splits out on request, so a reader that starts first could finish its
     * split and take the other one too, reading the other reader's events after its own: behind its watermark,
     * late. So each reader is held after its first record until {@link #releaseOnceEveryReaderHasASplit} sees every
     * reader holding one. Resets {@link FailingOnce} (no failure) and the {@link SourceGate}.
     */
    public static DataGeneratorSource<RawRecord> oneSplitPerReader(List<String> lines) {
        FailingOnce.reset(-1);
        SourceGate.reset();
        return gated(lines, 1);
    }

    /** Opens the gate of {@link #oneSplitPerReader} once each of {@code readers} readers has emitted its first record. */
    public static void releaseOnceEveryReaderHasASplit(int readers) {
        org.awaitility.Awaitility.await("every reader holding a split").atMost(Duration.ofMinutes(2))
                .until(() -> SourceGate.passed() == readers);
        SourceGate.open();
    }

    /** The lines, all of them (the resumption of a gated run: the same source, its position from the savepoint). */
    public static DataGeneratorSource<RawRecord> ungated(List<String> lines) {
        return new DataGeneratorSource<>(new FailingOnce(lines), lines.size(), TypeInformation.of(RawRecord.class));
    }

    /**
     * {@code flink stop --savepointPath dir}: the savepoint's path once the job has stopped. A stop whose savepoint
     * fails (seen when it met a bounded source task that was just finishing: "Task local checkpoint failure") leaves
     * the job running; it is tried again, as an operator would, up to 5 times.
     */
    public static String stopWithSavepoint(JobClient job, Path dir) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                String path = job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
                job.getJobExecutionResult().get();
                return path;
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt == 5 || job.getJobStatus().get().isGloballyTerminalState()) {
                    throw e;
                }
            }
        }
    }

    /** Every alert record as its JSON text without {@code detected_at} (processing time: differs between runs). */
    public static List<String> withoutDetectedAt(List<SlaAlert> alerts) {
        return alerts.stream().map(a -> {
            SlaAlert copy = SlaAlertJson.fromJson(SlaAlertJson.toJsonString(a));
            copy.detectedAtMs = 0;
            return SlaAlertJson.toJsonString(copy);
        }).toList();
    }
}
