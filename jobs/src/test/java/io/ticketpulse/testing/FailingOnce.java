package io.ticketpulse.testing;

import io.ticketpulse.io.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The lines as raw records (origin {@code test:<n>} as {@link ListSource}) for a {@code DataGeneratorSource}; fails
 * once at one index (none if negative), so that a job with checkpoints restarts from its latest checkpoint. One
 * failure per JVM at a time (static flags: call {@link #reset} before each run).
 */
public final class FailingOnce implements GeneratorFunction<Long, RawRecord> {

    private static final long serialVersionUID = 1L;

    static final AtomicBoolean FAILED_FLAG = new AtomicBoolean();
    public static volatile boolean FAILED;
    static volatile long failAt;
    static final Map<Long, Integer> GENERATED = new ConcurrentHashMap<>();

    private final ArrayList<String> lines;

    public FailingOnce(List<String> lines) {
        this.lines = new ArrayList<>(lines);
    }

    public static void reset(long index) {
        FAILED_FLAG.set(false);
        FAILED = false;
        failAt = index;
        GENERATED.clear();
    }

    /** The indexes generated more than once (read again after the restore). */
    public static Set<Long> generatedTwice() {
        return GENERATED.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** How often the record at {@code index} was generated. */
    public static int timesGenerated(long index) {
        return GENERATED.getOrDefault(index, 0);
    }

    @Override
    public RawRecord map(Long index) {
        if (index == failAt && FAILED_FLAG.compareAndSet(false, true)) {
            FAILED = true;
            throw new IllegalStateException("injected failure at record " + index);
        }
        GENERATED.merge(index, 1, Integer::sum);
        return new RawRecord(lines.get(index.intValue()).getBytes(StandardCharsets.UTF_8), "test:" + (index + 1));
    }
}
