package io.ticketpulse.io;

import io.ticketpulse.schema.SlaAlert;
import java.io.PrintStream;
import java.time.Duration;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The live console line of the embedded run for SLA alerts: the alerts firing now by severity (see
 * {@link FiringAlertBoard}), printed at most once per interval of processing time when something changed, and
 * once more at the end of a bounded input. Meant to run at parallelism 1; keeps no Flink state.
 */
public final class AlertConsoleSink implements Sink<SlaAlert> {

    private static final long serialVersionUID = 1L;

    private final long intervalMs;

    public AlertConsoleSink(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("summary interval must be positive, got " + interval);
        }
        this.intervalMs = interval.toMillis();
    }

    @Override
    public SinkWriter<SlaAlert> createWriter(WriterInitContext context) {
        return new Writer(context.getProcessingTimeService(), intervalMs, System.out);
    }

    /** Counts alerts and prints on a processing-time timer, in the task's mailbox thread. */
    static final class Writer implements SinkWriter<SlaAlert> {
        private final ProcessingTimeService time;
        private final long intervalMs;
        private final PrintStream out;
        private final FiringAlertBoard board = new FiringAlertBoard();
        private boolean changed;
        private boolean closed;

        Writer(ProcessingTimeService time, long intervalMs, PrintStream out) {
            this.time = time;
            this.intervalMs = intervalMs;
            this.out = out;
            time.registerTimer(time.getCurrentProcessingTime() + intervalMs, this::onTimer);
        }

        @Override
        public void write(SlaAlert alert, Context context) {
            changed |= board.offer(alert);
        }

        @Override
        public void flush(boolean endOfInput) {
            if (endOfInput) {
                print("Final ");
            }
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
                print("");
            }
            time.registerTimer(now + intervalMs, this::onTimer);
        }

        private void print(String prefix) {
            out.print('\n' + prefix + board.render());
            out.flush();
            changed = false;
        }
    }
}
