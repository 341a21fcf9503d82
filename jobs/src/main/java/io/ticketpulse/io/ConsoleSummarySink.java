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
        /** Rows whose window end the watermark reached. */
        private final KpiSummaryBoard settled = new KpiSummaryBoard();
        /** Every row, for the final table of an input too short for any watermark to reach a window end. */
        private final KpiSummaryBoard received = new KpiSummaryBoard();
        private final Deque<TicketKpi> pending = new ArrayDeque<>();
        private long watermarkMs = Long.MIN_VALUE;
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
            received.offer(row);
            if (row.windowEndMs <= watermarkMs) {
                changed |= settled.offer(row);
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
                    changed |= settled.offer(row);
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
                print("KPIs", settled);
                changed = false;
            }
            time.registerTimer(now + intervalMs, this::onTimer);
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
