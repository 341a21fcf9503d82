package io.ticketpulse.io.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.TicketKpi;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.Watermark;
import org.junit.jupiter.api.Test;

/** The dashboard's KPI writer settles a row when the watermark reaches its window end, never on the final one. */
class DashboardSinkTest {

    private static final long NINE_AM = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();
    private static final long QUARTER = 15 * 60_000;

    private static TicketKpi row(long endMs) {
        TicketKpi k = new TicketKpi();
        k.channel = "chat";
        k.priority = "P1";
        k.windowStartMs = endMs - 4 * QUARTER;
        k.windowEndMs = endMs;
        return k;
    }

    private static Long currentEnd(DashboardView view) {
        return view.snapshot(NINE_AM).current().isEmpty() ? null : view.snapshot(NINE_AM).current().get(0).windowEndMs();
    }

    @Test
    void rowsJoinTheCurrentWindowWhenTheWatermarkReachesTheirEnd() {
        DashboardView view = new DashboardView(null, 10);
        DashboardSink.KpiWriter writer = new DashboardSink.KpiWriter(view);

        writer.write(row(NINE_AM), null);
        writer.write(row(NINE_AM + QUARTER), null);
        assertThat(view.snapshot(NINE_AM).charts().get(0).series().get(0).points()).hasSize(2); // drawn at once
        writer.writeWatermark(new Watermark(NINE_AM));
        assertThat(currentEnd(view)).isEqualTo(NINE_AM);

        writer.writeWatermark(new Watermark(Long.MAX_VALUE)); // end of input: the tail stays out
        assertThat(currentEnd(view)).isEqualTo(NINE_AM);

        writer.write(row(NINE_AM - QUARTER), null); // behind the watermark: settled at once (older: ignored)
        writer.writeWatermark(new Watermark(NINE_AM + QUARTER));
        assertThat(currentEnd(view)).isEqualTo(NINE_AM + QUARTER);
    }

    @Test
    void aWriterWithoutItsDashboardDiscards() {
        DashboardSink.KpiWriter writer = new DashboardSink.KpiWriter(null);
        writer.write(row(NINE_AM), null);
        writer.writeWatermark(new Watermark(NINE_AM));
        assertThat(DashboardFeeds.find("no-such-dashboard")).isEmpty();
    }
}
