package io.ticketpulse.io;

import static io.ticketpulse.io.KpiSummaryTableTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.TicketKpi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.junit.jupiter.api.Test;

class ConsoleSummarySinkTest {

    private static final long EIGHT = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
    private static final long NINE = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000;
    private static final long HALF_HOUR = HOUR / 2;
    private static final long INTERVAL = 2_000;

    private final ManualTime time = new ManualTime(1_000_000);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ConsoleSummarySink.Writer writer =
            new ConsoleSummarySink.Writer(time, INTERVAL, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @Test
    void printsOnTheTimerOnlyWhenSomethingChanged() throws Exception {
        writer.write(kpi("email", 0, EIGHT), null);
        writer.writeWatermark(new Watermark(NINE));
        assertThat(printed()).isEmpty();

        time.fire();
        assertThat(printed()).startsWith("\nKPIs, newest window [2026-11-23T08:00:00.000Z, 2026-11-23T09:00:00.000Z) UTC,"
                + " 1 KPI rows received\nwindow ");
        int afterFirst = printed().length();

        time.fire();
        assertThat(printed()).hasSize(afterFirst);

        writer.write(kpi("email", 1, EIGHT), null);
        time.fire();
        assertThat(printed().substring(afterFirst)).startsWith("\nKPIs, newest window").contains("2 KPI rows received");
    }

    @Test
    void aRowIsShownOnceTheWatermarkReachedItsWindowEnd() throws Exception {
        writer.write(kpi("email", 0, EIGHT), null);
        time.fire();
        writer.writeWatermark(new Watermark(NINE - 1));
        time.fire();
        assertThat(printed()).isEmpty();

        writer.writeWatermark(new Watermark(NINE));
        time.fire();
        assertThat(printed()).contains("11-23 08:00-09:00  email");
    }

    @Test
    void theFinalTableLeavesOutWindowsFiredOnlyByTheEndOfInput() throws Exception {
        writer.write(kpi("email", 0, EIGHT), null);
        writer.writeWatermark(new Watermark(NINE));
        writer.write(kpi("email", 0, EIGHT + HALF_HOUR), null); // the tail: fired by the final watermark
        writer.writeWatermark(new Watermark(Long.MAX_VALUE));

        writer.flush(true);

        assertThat(printed()).startsWith("\nFinal KPIs, newest window [2026-11-23T08:00:00.000Z,"
                + " 2026-11-23T09:00:00.000Z) UTC, 2 KPI rows received\n")
                .contains("11-23 08:00-09:00  email")
                .doesNotContain("08:30-09:30");
    }

    @Test
    void aShortInputStillGetsAFinalTable() throws Exception {
        writer.write(kpi("chat", 0, EIGHT), null);
        writer.writeWatermark(new Watermark(Long.MAX_VALUE));
        writer.flush(false);
        assertThat(printed()).isEmpty();

        writer.flush(true);
        assertThat(printed()).startsWith("\nFinal KPIs, newest window").contains("11-23 08:00-09:00  chat");
    }

    @Test
    void timersKeepComingEveryIntervalUntilClosed() throws Exception {
        assertThat(time.pending).containsExactly(1_000_000 + INTERVAL);
        time.fire();
        assertThat(time.pending).containsExactly(1_000_000 + 2 * INTERVAL);
        writer.close();
        time.fire();
        assertThat(time.pending).isEmpty();
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A one-hour window starting at {@code startMs}. */
    private static TicketKpi kpi(String channel, int revision, long startMs) {
        TicketKpi k = row(channel, "P1", startMs, startMs + HOUR);
        k.revision = revision;
        return k;
    }

    /** Processing time that moves only when a test fires the earliest timer. */
    private static final class ManualTime implements ProcessingTimeService {
        private long now;
        private final List<Long> pending = new ArrayList<>();
        private final List<ProcessingTimeCallback> callbacks = new ArrayList<>();

        ManualTime(long now) {
            this.now = now;
        }

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
            pending.add(timestamp);
            callbacks.add(callback);
            return null;
        }

        void fire() throws Exception {
            long at = pending.remove(0);
            ProcessingTimeCallback callback = callbacks.remove(0);
            now = at;
            callback.onProcessingTime(at);
        }
    }
}
