package io.ticketpulse.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;

/**
 * A rate limiter for a {@code DataGeneratorSource} in MiniCluster tests: each reader emits its first {@code
 * perReader} records, then waits until the gate is {@link #open()}ed (its task stays responsive meanwhile:
 * checkpoints, savepoints, cancellation), so a test can stop the job with a savepoint, or let it fail, at a known
 * point mid-stream. One gated job at a time in a JVM (static: {@link #reset()} before each run).
 */
public final class SourceGate {

    private static final AtomicInteger PASSED = new AtomicInteger();
    private static volatile CompletableFuture<Void> opened = new CompletableFuture<>();

    private SourceGate() {}

    /** Closes the gate and counts from zero. */
    public static void reset() {
        PASSED.set(0);
        opened = new CompletableFuture<>();
    }

    /** Lets every reader go on (also the readers of a restarted job). */
    public static void open() {
        opened.complete(null);
    }

    /** Records let through before the gate, over all readers. */
    public static int passed() {
        return PASSED.get();
    }

    /** Lets {@code perReader} records of each reader through, then waits for {@link #open()}. */
    public static <S extends SourceSplit> RateLimiterStrategy<S> after(int perReader) {
        return parallelism -> new RateLimiter<S>() {
            private int left = perReader;

            @Override
            public CompletionStage<Void> acquire(int permits) {
                CompletableFuture<Void> gate = opened;
                if (gate.isDone()) {
                    return gate;
                }
                if (left >= permits) {
                    left -= permits;
                    PASSED.addAndGet(permits);
                    return CompletableFuture.completedFuture(null);
                }
                return gate;
            }
        };
    }
}
