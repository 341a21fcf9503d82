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
        this.intervalMs = PeriodicConsoleWriter.intervalMs(interval);
    }

    @Override
    public SinkWriter<SlaAlert> createWriter(WriterInitContext context) {
        return new Writer(context.getProcessingTimeService(), intervalMs, System.out);
    }

    /** Counts alerts and prints on a processing-time timer, in the task's mailbox thread. */
    static final class Writer extends PeriodicConsoleWriter<SlaAlert> {
        private final FiringAlertBoard board = new FiringAlertBoard();

        Writer(ProcessingTimeService time, long intervalMs, PrintStream out) {
            super(time, intervalMs, out);
        }

        @Override
        public void write(SlaAlert alert, Context context) {
            markChanged(board.offer(alert));
        }

        @Override
        public void flush(boolean endOfInput) {
            if (endOfInput) {
                print("Final ");
                markPrinted();
            }
        }

        @Override
        protected void printUpdate() {
            print("");
        }

        private void print(String prefix) {
            out.print('\n' + prefix + board.render());
            out.flush();
        }
    }
}
