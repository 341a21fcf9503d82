package io.ticketpulse.io;

import io.ticketpulse.simulator.SimulatedRecord;
import io.ticketpulse.simulator.SimulatorOptions;
import io.ticketpulse.simulator.TicketSimulator;
import java.time.Clock;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The generator behind {@link SimulatorSource}: each source reader owns one {@link TicketSimulator}, instance
 * {@code subtask} of {@code parallelism} (seed {@code seed + subtask}, its share of the ticket arrival rate),
 * and turns each requested index into the simulator's next record. The index itself is not used: records come
 * from the simulator's sequence, and the origin is {@code simulator-<subtask>#<n>} with {@code n} counting this
 * reader's records from 0; the key is the record's ticket id (also for malformed records).
 *
 * <p>The simulated clock never runs ahead of the wall clock: simulated time usually runs far faster than real
 * time (a past start, thousands of records per second), but once it catches up with the wall clock, each record
 * is held until the wall clock reaches its delivery time, so the simulator turns into a real-time live stream
 * and its events stay inside the event-time window ({@code --max-future-skew}). Holding blocks the reader
 * (checkpoints of this reader wait for at most one record's gap, seconds at the simulated arrival rate).
 */
final class SimulatorGenerator implements GeneratorFunction<Long, RawRecord> {

    private static final long serialVersionUID = 1L;

    private final SimulatorOptions options;
    private final Clock wallClock;

    private transient TicketSimulator simulator;
    private transient String originPrefix;
    private transient long emitted;

    SimulatorGenerator(SimulatorOptions options, Clock wallClock) {
        this.options = options;
        this.wallClock = wallClock;
    }

    @Override
    public void open(SourceReaderContext context) {
        int subtask = context.getIndexOfSubtask();
        simulator = new TicketSimulator(options, subtask, Math.max(subtask + 1, context.currentParallelism()));
        originPrefix = "simulator-" + subtask + "#";
        emitted = 0;
    }

    @Override
    public RawRecord map(Long index) {
        SimulatedRecord record = simulator.next();
        holdUntilDelivery(record.deliveredAtMs());
        return new RawRecord(record.payload(), originPrefix + emitted++, record.ticketId());
    }

    /** Waits until the wall clock reaches {@code deliveredAtMs} (at once when it is already past). */
    private void holdUntilDelivery(long deliveredAtMs) {
        long wait;
        while ((wait = aheadOfWallClockMs(deliveredAtMs, wallClock.millis())) > 0) {
            try {
                Thread.sleep(Math.min(wait, 1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the task is being cancelled
            }
        }
    }

    /** How far {@code deliveredAtMs} is ahead of {@code nowMs}, or 0. */
    static long aheadOfWallClockMs(long deliveredAtMs, long nowMs) {
        return Math.max(0, deliveredAtMs - nowMs);
    }
}
