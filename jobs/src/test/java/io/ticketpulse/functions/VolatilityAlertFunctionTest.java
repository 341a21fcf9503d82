package io.ticketpulse.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.kpi.VolatilityKpi;
import io.ticketpulse.domain.kpi.VolatilityRules;
import io.ticketpulse.domain.kpi.VolatilityTracker;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link VolatilityAlertFunction}: tumbling 1-hour windows (E(n) ends at {@code T0 + n h}), the
 * baseline the previous window, +-10 % band, raise and clear after 2 windows, 5 minutes allowed lateness (a final
 * row arrives with the watermark at its end + 5 min).
 */
class VolatilityAlertFunctionTest {

    private static final long HOUR = 3_600_000L;
    private static final long LATENESS = 300_000L;
    private static final long T0 = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();

    private static VolatilityTracker tracker() {
        VolatilityRules rules = new VolatilityRules(10, VolatilityRules.Baseline.PREVIOUS_WINDOWS, 1,
                List.of(VolatilityKpi.TICKETS_CREATED), List.of("channel_priority"), Severity.WARNING);
        return new VolatilityTracker(rules, new AggregateRules(0.25, 2, 2, 5.0), HOUR, 1);
    }

    private static TicketKpi row(int n, long created) {
        TicketKpi k = new TicketKpi();
        k.channel = "chat";
        k.priority = "P2";
        k.windowStartMs = T0 + (n - 1) * HOUR;
        k.windowEndMs = T0 + n * HOUR;
        k.isFinal = true;
        k.ticketsCreated = created;
        return k;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, TicketKpi, SlaAlert> h, TicketKpi row)
            throws Exception {
        h.processElement(new StreamRecord<>(row, row.windowEndMs + LATENESS));
        h.processWatermark(new Watermark(row.windowEndMs + LATENESS));
    }

    @Test
    void aGroupFiresResolvesAndAfterTheBaselinesReachHoldsNothing() throws Exception {
        VolatilityAlertFunction function = new VolatilityAlertFunction(tracker(), HOUR, LATENESS);
        try (KeyedOneInputStreamOperatorTestHarness<String, TicketKpi, SlaAlert> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, VolatilityAlertFunction.BY_GROUP,
                        Types.STRING)) {
            long[] created = {10, 10, 20, 40, 42, 42, 42};
            for (int n = 0; n < created.length; n++) {
                send(h, row(n + 1, created[n]));
            }
            // E3: 20 vs 10 out (1); E4: 40 vs 20 out (2): fires; E5: 42 vs 40 +5 %: band; E6, E7: 0 %: back (2)
            assertThat(h.extractOutputValues()).extracting(a -> a.status + " E" + (a.changedAtMs - T0) / HOUR)
                    .containsExactly("firing E4", "resolved E7");

            // a duplicate and an older row are ignored
            send(h, row(7, 1));
            send(h, row(6, 1));
            assertThat(function.ignoredRowCount()).isEqualTo(2);
            assertThat(h.extractOutputValues()).hasSize(2);

            // the values are kept for one window (the baseline's reach) plus the lateness and a slide, then dropped
            long dropAt = T0 + 7 * HOUR + HOUR + LATENESS + HOUR + 1;
            h.processWatermark(new Watermark(dropAt - 1));
            assertThat(h.numKeyedStateEntries()).isGreaterThan(0);
            h.processWatermark(new Watermark(dropAt));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void rowsArrivingOutOfOrderAreAppliedInWindowOrder() throws Exception {
        VolatilityAlertFunction function = new VolatilityAlertFunction(tracker(), HOUR, LATENESS);
        try (KeyedOneInputStreamOperatorTestHarness<String, TicketKpi, SlaAlert> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, VolatilityAlertFunction.BY_GROUP,
                        Types.STRING)) {
            h.processElement(new StreamRecord<>(row(3, 40), 0L));
            h.processElement(new StreamRecord<>(row(1, 10), 0L));
            h.processElement(new StreamRecord<>(row(2, 20), 0L));
            h.processWatermark(new Watermark(T0 + 3 * HOUR));

            assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.changedAtMs).isEqualTo(T0 + 3 * HOUR);
                assertThat(a.targetS).isEqualTo(20.0);
            });
        }
    }

    /**
     * A row whose window ends exactly when the history of the rows before it would be dropped is applied at its
     * window end, with that history (the drop timer is never a row's timer, so moving it cannot take a row's).
     */
    @Test
    void aRowEndingWhenTheHistoryWouldBeDroppedIsAppliedInTimeWithItsBaseline() throws Exception {
        VolatilityAlertFunction function = new VolatilityAlertFunction(tracker(), HOUR, 0);
        try (KeyedOneInputStreamOperatorTestHarness<String, TicketKpi, SlaAlert> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, VolatilityAlertFunction.BY_GROUP,
                        Types.STRING)) {
            h.processElement(new StreamRecord<>(row(1, 10), 0L));
            h.processWatermark(new Watermark(T0 + HOUR));
            // E2 and E3 (E3 = E1 + reach + slide, where the history of E1 is kept up to) arrive together
            h.processElement(new StreamRecord<>(row(2, 20), 0L));
            h.processElement(new StreamRecord<>(row(3, 40), 0L));
            h.processWatermark(new Watermark(T0 + 2 * HOUR));
            h.processWatermark(new Watermark(T0 + 3 * HOUR));

            // E2: 20 vs 10 out (1); E3: 40 vs 20 out (2): fires at E3, at the watermark E3
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(a -> assertThat(a.changedAtMs).isEqualTo(T0 + 3 * HOUR));
        }
    }
}
