package io.ticketpulse.io;

import java.io.PrintStream;
import java.time.Duration;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * The common part of the embedded run's console sinks: a writer that, on a processing-time timer every interval,
 * prints an update when something changed since the last one. Runs in the task's mailbox thread; keeps no Flink
 * state.
 */
abstract class PeriodicConsoleWriter<T> implements SinkWriter<T> {

    protected final PrintStream out;
    private final ProcessingTimeService time;
    private final long intervalMs;
    private boolean changed;
    private boolean closed;

    PeriodicConsoleWriter(ProcessingTimeService time, long intervalMs, PrintStream out) {
        this.time = time;
        this.intervalMs = intervalMs;
        this.out = out;
        time.registerTimer(time.getCurrentProcessingTime() + intervalMs, this::onTimer);
    }

    /** The interval of a console sink in milliseconds; it must be positive. */
    static long intervalMs(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("summary interval must be positive, got " + interval);
        }
        return interval.toMillis();
    }

    /** Prints the periodic update; called on the timer when something changed. */
    protected abstract void printUpdate();

    /** Notes that the next timer should print (when {@code changed}). */
    protected final void markChanged(boolean changed) {
        this.changed |= changed;
    }

    /** Nothing new to print since the last update (e.g. after a final print). */
    protected final void markPrinted() {
        changed = false;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void onTimer(long now) {
        if (closed) {
            return;
        }
        if (changed) {
            printUpdate();
            changed = false;
        }
        time.registerTimer(now + intervalMs, this::onTimer);
    }
}
