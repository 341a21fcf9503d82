package io.ticketpulse.io;

import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.Timestamps;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A live console view of the KPI rows for the embedded run: prints the current rows (see {@link KpiSummaryBoard})
 * as a {@link KpiSummaryTable} to stdout at most once per interval of processing time, only when something
 * changed, plus a final table at the end of a bounded input. Meant to run at parallelism 1 (one table); it keeps
 * no Flink state: after a restore it starts empty and fills with the next rows.
 *
 * <p>The table follows the sink's event-time watermark: a row is shown once the watermark reached its window
 * end (rows arrive just before the watermark that fired them). The final watermark of a bounded input fires
 * every remaining window at once, including windows that reach past the last event and hold only the input's
 * tail; those are left out, so the final table shows the windows that ended by the last regular watermark. If
 * there are none (a short input), it shows the newest rows received.
 */
public final class ConsoleSummarySink implements Sink<TicketKpi> {

    private static final long serialVersionUID = 1L;

    /** Rows held back for a watermark, at most; beyond that the oldest are dropped (a guard, not expected). */
    static final int MAX_PENDING = 10_000;

    private final long intervalMs;

    public ConsoleSummarySink(Duration interval) {
        this.intervalMs = PeriodicConsoleWriter.intervalMs(interval);
    }

    @Override
    public SinkWriter<TicketKpi> createWriter(WriterInitContext context) {
        return new Writer(context.getProcessingTimeService(), intervalMs, System.out);
    }

    /** Collects rows and prints the table on a processing-time timer. Runs in the task's mailbox thread. */
    static final class Writer extends PeriodicConsoleWriter<TicketKpi> {

        /** Rows whose window end the watermark reached. */
        private final KpiSummaryBoard settled = new KpiSummaryBoard();
        /** Every row, for the final table of an input too short for any watermark to reach a window end. */
        private final KpiSummaryBoard received = new KpiSummaryBoard();
        private final Deque<TicketKpi> pending = new ArrayDeque<>();
        private long watermarkMs = Long.MIN_VALUE;

        Writer(ProcessingTimeService time, long intervalMs, PrintStream out) {
            super(time, intervalMs, out);
        }

        @Override
        public void write(TicketKpi row, Context context) {
            received.offer(row);
            if (row.windowEndMs <= watermarkMs) {
                markChanged(settled.offer(row));
            } else {
                if (pending.size() == MAX_PENDING) {
                    pending.removeFirst();
                }
                pending.addLast(row);
            }
        }

        @Override
        public void writeWatermark(Watermark watermark) {
            if (watermark.getTimestamp() == Long.MAX_VALUE || watermark.getTimestamp() <= watermarkMs) {
                return; // the end of input: what it fires is the tail, see the class comment
            }
            watermarkMs = watermark.getTimestamp();
            for (Iterator<TicketKpi> it = pending.iterator(); it.hasNext(); ) {
                TicketKpi row = it.next();
                if (row.windowEndMs <= watermarkMs) {
                    markChanged(settled.offer(row));
                    it.remove();
                }
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            if (endOfInput) {
                if (!settled.isEmpty()) {
                    print("Final KPIs", settled);
                } else if (!received.isEmpty()) {
                    print("Final KPIs", received);
                }
                markPrinted();
            }
        }

        @Override
        protected void printUpdate() {
            print("KPIs", settled);
        }

        private void print(String title, KpiSummaryBoard board) {
            String header = title + ", newest window [" + Timestamps.format(board.newestWindowStartMs()) + ", "
                    + Timestamps.format(board.newestWindowEndMs()) + ") UTC, " + received.rowsSeen()
                    + " KPI rows received\n";
            out.print('\n' + header + KpiSummaryTable.render(board.rows()));
            out.flush();
        }
    }
}
