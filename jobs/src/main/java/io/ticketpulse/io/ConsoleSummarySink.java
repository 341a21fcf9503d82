package io.ticketpulse.io;

import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.Timestamps;
import java.io.PrintStream;
import java.time.Duration;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A live console view of the KPI rows for the embedded run: keeps the current rows in a {@link KpiSummaryBoard}
 * and prints them as a {@link KpiSummaryTable} to stdout at most once per interval of processing time (only
 * when something changed), plus a final table at the end of a bounded input. Meant to run at parallelism 1
 * (one table); it keeps no Flink state: after a restore it starts empty and fills with the next rows.
 */
public final class ConsoleSummarySink implements Sink<TicketKpi> {

    private static final long serialVersionUID = 1L;

    private final long intervalMs;

    public ConsoleSummarySink(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("summary interval must be positive, got " + interval);
        }
        this.intervalMs = interval.toMillis();
    }

    @Override
    public SinkWriter<TicketKpi> createWriter(WriterInitContext context) {
        return new Writer(context.getProcessingTimeService(), intervalMs, System.out);
    }

    /** Collects rows and prints the table on a processing-time timer. Runs in the task's mailbox thread. */
    static final class Writer implements SinkWriter<TicketKpi> {

        private final ProcessingTimeService time;
        private final long intervalMs;
        private final PrintStream out;
        private final KpiSummaryBoard board = new KpiSummaryBoard();
        private boolean changed;
        private boolean closed;

        Writer(ProcessingTimeService time, long intervalMs, PrintStream out) {
            this.time = time;
            this.intervalMs = intervalMs;
            this.out = out;
            time.registerTimer(time.getCurrentProcessingTime() + intervalMs, this::onTimer);
        }

        @Override
        public void write(TicketKpi row, Context context) {
            changed |= board.offer(row);
        }

        @Override
        public void flush(boolean endOfInput) {
            if (endOfInput && !board.isEmpty()) {
                print("Final KPIs");
                changed = false;
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
                print("KPIs");
                changed = false;
            }
            time.registerTimer(now + intervalMs, this::onTimer);
        }

        private void print(String title) {
            String header = title + ", newest window [" + Timestamps.format(board.newestWindowStartMs()) + ", "
                    + Timestamps.format(board.newestWindowEndMs()) + ") UTC, " + board.rowsSeen()
                    + " KPI rows received\n";
            out.print('\n' + header + KpiSummaryTable.render(board.rows()));
            out.flush();
        }
    }
}
