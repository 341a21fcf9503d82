package io.ticketpulse.io.dashboard;

import io.ticketpulse.pipeline.DashboardSinks;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Feeds records of the embedded run to its {@link DashboardView} (found in {@link DashboardFeeds} by id). Keeps
 * no Flink state: after a restore the view simply goes on receiving (KPI rows upsert by window and revision,
 * alerts by {@code dedup_key}; event and dead-letter counts may count replayed records twice).
 */
public final class DashboardSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    /** What the sink feeds. */
    enum Feed {
        EVENTS((v, r) -> v.addEvents(1)),
        KPIS((v, r) -> v.offerSettledKpi((TicketKpi) r)), // see KpiWriter
        ALERTS((v, r) -> v.offerAlert((SlaAlert) r)),
        DEAD_LETTERS((v, r) -> v.offerDeadLetter(
                ((DeadLetter) r).reasonCode == null ? null : ((DeadLetter) r).reasonCode.name()));

        final BiConsumer<DashboardView, Object> apply;

        Feed(BiConsumer<DashboardView, Object> apply) {
            this.apply = apply;
        }
    }

    private final String viewId;
    private final Feed feed;

    private DashboardSink(String viewId, Feed feed) {
        this.viewId = viewId;
        this.feed = feed;
    }

    /** The pipeline's dashboard sinks feeding the view registered as {@code viewId}. */
    public static DashboardSinks sinks(String viewId) {
        return new DashboardSinks(new DashboardSink<TicketEvent>(viewId, Feed.EVENTS),
                new DashboardSink<TicketKpi>(viewId, Feed.KPIS), new DashboardSink<SlaAlert>(viewId, Feed.ALERTS),
                new DashboardSink<DeadLetter>(viewId, Feed.DEAD_LETTERS));
    }

    @Override
    @SuppressWarnings("unchecked")
    public SinkWriter<T> createWriter(WriterInitContext context) {
        DashboardView view = DashboardFeeds.find(viewId).orElse(null);
        if (feed == Feed.KPIS) {
            return (SinkWriter<T>) new KpiWriter(view);
        }
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                if (view != null) {
                    feed.apply.accept(view, element);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    /**
     * KPI rows go to the charts at once and to the current window once the watermark reached their window end
     * (rows arrive just before the watermark that fired them); the final watermark of a bounded input settles
     * nothing (see {@link DashboardView#settleKpi}).
     */
    static final class KpiWriter implements SinkWriter<TicketKpi> {
        /** Rows held back for a watermark, at most; beyond that the oldest are dropped (a guard). */
        static final int MAX_PENDING = 10_000;

        private final DashboardView view;
        private final Deque<TicketKpi> pending = new ArrayDeque<>();
        private long watermarkMs = Long.MIN_VALUE;

        KpiWriter(DashboardView view) {
            this.view = view;
        }

        @Override
        public void write(TicketKpi row, Context context) {
            if (view == null) {
                return;
            }
            view.offerKpi(row);
            if (row.windowEndMs <= watermarkMs) {
                view.settleKpi(row);
            } else {
                if (pending.size() == MAX_PENDING) {
                    pending.removeFirst();
                }
                pending.addLast(row);
            }
        }

        @Override
        public void writeWatermark(Watermark watermark) {
            if (view == null || watermark.getTimestamp() == Long.MAX_VALUE || watermark.getTimestamp() <= watermarkMs) {
                return;
            }
            watermarkMs = watermark.getTimestamp();
            for (Iterator<TicketKpi> it = pending.iterator(); it.hasNext(); ) {
                TicketKpi row = it.next();
                if (row.windowEndMs <= watermarkMs) {
                    view.settleKpi(row);
                    it.remove();
                }
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
