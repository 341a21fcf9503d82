package io.ticketpulse.functions;

import static io.ticketpulse.domain.sla.AggregateFixtures.MIN;
import static io.ticketpulse.domain.sla.AggregateFixtures.POLICIES;
import static io.ticketpulse.domain.sla.AggregateFixtures.T0;
import static io.ticketpulse.domain.sla.AggregateFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.pipeline.AggregateAlerts;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link AggregateAlertFunction}: final KPI rows and watermarks in, alert records out, keyed
 * state and timers back to zero once a key is resolved. Policies and thresholds from
 * {@link io.ticketpulse.domain.sla.AggregateFixtures} (email/P1 FRT p90: yellow 198 s, orange 234 s, red 270 s;
 * raise and clear after 2 windows). The row E(n) ends at {@code T0 + n min}. As in the pipeline, a final row
 * arrives once the watermark is past its window end plus the allowed lateness (here 10 min).
 */
class AggregateAlertFunctionTest {

    private static final long LATENESS = 10 * MIN;

    private KeyedOneInputStreamOperatorTestHarness<String, TicketKpi, SlaAlert> harness;
    private AggregateAlertFunction function;

    @BeforeEach
    void setUp() throws Exception {
        function = new AggregateAlertFunction(POLICIES);
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                function, new AggregateAlerts.ChannelPriority(), Types.STRING);
        harness.setProcessingTime(42_000L);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static long end(int n) {
        return T0 + n * MIN;
    }

    private void send(TicketKpi row) throws Exception {
        harness.processElement(new StreamRecord<>(row, row.windowEndMs + LATENESS));
    }

    /** Sends the final row E(n) of email/P1 with FRT p90 {@code frt}, then the watermark that released it. */
    private void finalRow(int n, Double frt) throws Exception {
        send(row("email", "P1", n, frt, null, null));
        watermark(end(n) + LATENESS);
    }

    private void watermark(long t) throws Exception {
        harness.processWatermark(new Watermark(t));
    }

    private List<SlaAlert> drainAlerts() {
        List<SlaAlert> alerts = harness.extractOutputValues();
        harness.getOutput().clear();
        return alerts;
    }

    private List<String> drain() {
        return drainAlerts().stream()
                .map(a -> a.channel + '/' + a.priority + ' ' + a.slaMetric + ' ' + a.status + ' ' + a.severity + " E"
                        + (a.changedAtMs - T0) / MIN)
                .collect(Collectors.toList());
    }

    @Test
    void rowsAreAppliedWhenTheWatermarkPassesTheirWindowEndInWindowOrder() throws Exception {
        watermark(end(2) + LATENESS);
        send(row("email", "P1", 2, 200.0, null, null));
        send(row("email", "P1", 1, 200.0, null, null)); // out of order, within the same watermark
        assertThat(drain()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        watermark(end(2) + LATENESS + 1);
        List<SlaAlert> alerts = drainAlerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).severity).isEqualTo("yellow");
        assertThat(alerts.get(0).changedAtMs).isEqualTo(end(2));
        assertThat(alerts.get(0).detectedAtMs).as("processing time of the operator").isEqualTo(42_000L);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aWholeEpisodeGivesExactlyOneRecordPerStateChangeThenNoState() throws Exception {
        Double[] frt = {150.0, 200.0, 210.0, 240.0, 250.0, 300.0, 290.0, 265.0, 250.0, 250.0, 195.0, 180.0, 150.0};
        for (int i = 0; i < frt.length; i++) {
            finalRow(i + 1, frt[i]);
        }
        assertThat(drain()).containsExactly(
                "email/P1 frt_p90 firing yellow E3",
                "email/P1 frt_p90 firing orange E5",
                "email/P1 frt_p90 firing red E7",
                "email/P1 frt_p90 firing orange E10", // 250, 250: clear of red (261 s)
                "email/P1 frt_p90 firing yellow E12", // 195, 180: clear of orange (225 s); 195 not clear of yellow
                "email/P1 frt_p90 resolved yellow E13"); // 180, 150: clear of yellow (189 s)
        assertThat(harness.numKeyedStateEntries()).as("a resolved key holds no state").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void keysAreIndependent() throws Exception {
        watermark(end(2) + LATENESS);
        send(row("email", "P1", 1, 300.0, null, null));
        send(row("web", "P2", 1, null, 40_000.0, null)); // P2 MTTR target 8 h = 28800 s: orange from 37440 s
        send(row("email", "P1", 2, 300.0, null, null));
        send(row("web", "P2", 2, null, 40_000.0, null));
        watermark(end(3) + LATENESS);
        assertThat(drain()).containsExactlyInAnyOrder(
                "email/P1 frt_p90 firing red E2", "web/P2 mttr_mean firing orange E2");
    }

    @Test
    void aFiringKeyHoldsBoundedState() throws Exception {
        finalRow(1, 300.0);
        finalRow(2, 300.0);
        assertThat(drain()).containsExactly("email/P1 frt_p90 firing red E2");
        int entries = harness.numKeyedStateEntries();
        for (int n = 3; n <= 60; n++) {
            finalRow(n, 300.0 + n);
        }
        assertThat(drain()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(entries);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void provisionalRowsAreIgnoredAndKeepNoState() throws Exception {
        TicketKpi provisional = row("email", "P1", 1, 300.0, null, null);
        provisional.isFinal = false;
        provisional.revision = 0;
        send(provisional);
        watermark(end(5));
        assertThat(drain()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void duplicateAndStaleRowsAreIgnored() throws Exception {
        finalRow(1, 300.0);
        send(row("email", "P1", 1, 300.0, null, null)); // stale: E1 was applied already
        finalRow(2, 300.0);
        send(row("email", "P1", 3, 100.0, null, null));
        send(row("email", "P1", 3, 100.0, null, null)); // duplicate before it was applied
        watermark(end(3) + LATENESS);
        finalRow(4, 100.0);
        assertThat(drain()).containsExactly("email/P1 frt_p90 firing red E2", "email/P1 frt_p90 resolved red E4");
        assertThat(function.ignoredRowCount()).isEqualTo(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theEndOfInputAppliesEveryPendingRow() throws Exception {
        send(row("email", "P1", 1, 240.0, null, null));
        send(row("email", "P1", 2, 240.0, null, null));
        watermark(Long.MAX_VALUE);
        assertThat(drain()).containsExactly("email/P1 frt_p90 firing orange E2");
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
