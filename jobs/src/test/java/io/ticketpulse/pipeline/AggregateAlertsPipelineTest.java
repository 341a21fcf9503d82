package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.sla.AggregateFixtures.MIN;
import static io.ticketpulse.domain.sla.AggregateFixtures.POLICIES;
import static io.ticketpulse.domain.sla.AggregateFixtures.T0;
import static io.ticketpulse.domain.sla.AggregateFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import io.ticketpulse.testing.FlinkTestEnvironments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AggregateAlerts#build} on a MiniCluster at parallelism 2 (no generic types, no generated uids), fed a
 * bounded list of KPI rows of two keys, timestamped by window end with monotonous watermarks as the KPI windows
 * give them. The row E(n) ends at {@code T0 + n min}.
 */
class AggregateAlertsPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static List<SlaAlert> run(List<TicketKpi> rows) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        DataStream<TicketKpi> kpis = env.fromData(rows)
                .uid("test-kpi-rows")
                .name("test KPI rows")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<TicketKpi>forMonotonousTimestamps()
                        .withTimestampAssigner((row, previous) -> row.windowEndMs))
                .uid("test-kpi-watermarks")
                .name("test KPI watermarks");
        CollectingSink<SlaAlert> sink = new CollectingSink<>();
        AggregateAlerts.build(kpis, POLICIES).sinkTo(sink).uid("test-alert-sink").name("test alerts");
        env.execute("aggregate-alerts-test");
        return sink.values();
    }

    /** Every field but {@code detectedAtMs}, times in minutes after T0. */
    private static String line(SlaAlert a) {
        return String.format(Locale.ROOT, "%s %s %s %s kind=%s metric=%s %s/%s team=%s ticket=%s policy=%s@%d"
                        + " cycle=%d target=%.4f started=%s deadline=%s breached=%s changed=E%d value=%.4f paused=%.1f"
                        + " overrun=%.1f reason=%s | %s",
                a.alertId, a.dedupKey.equals(a.alertId) ? "=" : a.dedupKey, a.status, a.severity, a.kind, a.slaMetric,
                a.channel, a.priority, a.team, a.ticketId, a.policyId, a.policyVersion, a.cycle, a.targetS,
                minutes(a.startedAtMs), a.deadlineAtMs, minutes(a.breachedAtMs), (a.changedAtMs - T0) / MIN,
                a.elapsedS, a.pausedS, a.overrunPct, a.resolveReason, a.summary);
    }

    private static String minutes(Long ms) {
        return ms == null ? "null" : "T0" + String.format(Locale.ROOT, "%+d", (ms - T0) / MIN) + "m";
    }

    @Test
    void twoKeysGiveExactlyTheExpectedAlerts() throws Exception {
        // email/P1 FRT p90, target 180 s (yellow 198, orange 234, red 270; clear below 189, 225, 261)
        Double[] frt = {150.0, 200.0, 205.0, null, 240.0, 300.0, 290.0, 250.0, 250.0, 120.0, 100.0, 100.0};
        // web/P2 wait-timeout rate, ceiling 0.25 (yellow 0.275, orange 0.325, red 0.375; clear of yellow < 0.2625)
        Double[] wait = {0.10, 0.30, 0.29, 0.27, 0.26, 0.20, 0.10, 0.10};
        List<TicketKpi> rows = new ArrayList<>();
        for (int n = 1; n <= frt.length; n++) {
            if (n <= wait.length) {
                rows.add(row("web", "P2", n, null, null, wait[n - 1]));
            }
            rows.add(row("email", "P1", n, frt[n - 1], null, null));
            TicketKpi provisional = row("email", "P1", n + 1, 999.0, null, null); // never final here: ignored
            provisional.isFinal = false;
            provisional.revision = 0;
            rows.add(provisional);
        }

        List<SlaAlert> alerts = run(rows);
        alerts.sort(Comparator.comparing((SlaAlert a) -> a.alertId).thenComparingLong(a -> a.changedAtMs));

        String frtId = "aggregate/frt_p90/email/P1/p1@7";
        String waitId = "aggregate/wait_timeout_rate/web/P2/p2@7";
        String frtKey = "kind=aggregate metric=frt_p90 email/P1 team=null ticket=null policy=p1@7 cycle=0 target=180.0000";
        String waitKey =
                "kind=aggregate metric=wait_timeout_rate web/P2 team=null ticket=null policy=p2@7 cycle=0 target=0.2500";
        assertThat(alerts.stream().map(AggregateAlertsPipelineTest::line).collect(Collectors.toList())).containsExactly(
                frtId + " = firing yellow " + frtKey + " started=T0-57m deadline=null breached=T0+3m changed=E3"
                        + " value=205.0000 paused=0.0 overrun=13.9 reason=null"
                        + " | FRT p90 of email/P1 yellow: 205.0 s is +13.9% vs the target of 180.0 s",
                // E4 null: neither counts; E5 240, E6 300: two at or over orange
                frtId + " = firing orange " + frtKey + " started=T0-54m deadline=null breached=T0+3m changed=E6"
                        + " value=300.0000 paused=0.0 overrun=66.7 reason=null"
                        + " | FRT p90 of email/P1 orange: 300.0 s is +66.7% vs the target of 180.0 s",
                frtId + " = firing red " + frtKey + " started=T0-53m deadline=null breached=T0+3m changed=E7"
                        + " value=290.0000 paused=0.0 overrun=61.1 reason=null"
                        + " | FRT p90 of email/P1 red: 290.0 s is +61.1% vs the target of 180.0 s",
                frtId + " = firing orange " + frtKey + " started=T0-51m deadline=null breached=T0+3m changed=E9"
                        + " value=250.0000 paused=0.0 overrun=38.9 reason=null"
                        + " | FRT p90 of email/P1 orange: 250.0 s is +38.9% vs the target of 180.0 s",
                frtId + " = resolved orange " + frtKey + " started=T0-49m deadline=null breached=T0+3m changed=E11"
                        + " value=100.0000 paused=0.0 overrun=-44.4 reason=recovered"
                        + " | FRT p90 of email/P1 recovered: 100.0 s is -44.4% vs the target of 180.0 s",
                waitId + " = firing yellow " + waitKey + " started=T0-57m deadline=null breached=T0+3m changed=E3"
                        + " value=0.2900 paused=0.0 overrun=16.0 reason=null"
                        + " | wait-timeout rate of web/P2 yellow: 29.0% is +16.0% vs the ceiling of 25.0%",
                // E4 0.27 in the hysteresis band; E5 0.26 and E6 0.20 clear of yellow (< 0.2625): resolved at E6
                waitId + " = resolved yellow " + waitKey + " started=T0-54m deadline=null breached=T0+3m changed=E6"
                        + " value=0.2000 paused=0.0 overrun=-20.0 reason=recovered"
                        + " | wait-timeout rate of web/P2 recovered: 20.0% is -20.0% vs the ceiling of 25.0%");
        assertThat(alerts).allSatisfy(a -> assertThat(a.detectedAtMs).isPositive());
    }
}
