package io.ticketpulse.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ticketpulse.domain.report.RunReport.AlertBucket;
import io.ticketpulse.domain.report.RunReport.Assessment;
import io.ticketpulse.domain.report.RunReport.Period;
import io.ticketpulse.domain.report.RunReport.PolicyCheck;
import io.ticketpulse.domain.report.RunReport.QueueBreaches;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The report model on hand-computed rows: 2 h windows sliding by 1 h, so the windows starting at even hours tile
 * event time and those starting at odd hours overlap them (and must not count, except for the backlog).
 */
class RunReportsTest {

    /** A Monday (ISO week 48 of 2026). */
    static final Instant MON_0000 = Instant.parse("2026-11-23T00:00:00Z");
    static final Instant MON_0100 = MON_0000.plus(Duration.ofHours(1));
    static final Instant MON_0200 = MON_0000.plus(Duration.ofHours(2));
    static final Instant MON_0300 = MON_0000.plus(Duration.ofHours(3));
    static final Instant MON_0400 = MON_0000.plus(Duration.ofHours(4));
    /** The next Monday (week 49). */
    static final Instant NEXT_MON_0000 = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant NEXT_MON_0200 = NEXT_MON_0000.plus(Duration.ofHours(2));

    static final Double NONE = null;

    /** chat/P1 [00:00, 02:00): 2 created, FRT 30 s and 90 s, 1 resolved in 1 h one-touch, 2 ratings (5 and 4). */
    static final KpiRow CHAT_W0 = new KpiRow("chat", "P1", MON_0000, MON_0200, 0, 2, 2, 60.0, 30.0, 90.0, 0, 2,
            1, 3600.0, 1, 1, 2, 4.5, 5.0, 4.0, NONE);
    /** chat/P1 [01:00, 03:00): overlaps; its counts must not be summed. Its backlog (2) holds from 03:00 to 04:00. */
    static final KpiRow CHAT_W1 = new KpiRow("chat", "P1", MON_0100, MON_0300, 0, 50, 50, 5000.0, 5000.0, 5000.0,
            50, 50, 50, 50000.0, 0, 2, 50, 1.0, 1.0, 1.0, 1.0);
    /** chat/P1 [02:00, 04:00) revision 0, replaced by revision 1. */
    static final KpiRow CHAT_W2_REV0 = new KpiRow("chat", "P1", MON_0200, MON_0400, 0, 9, 9, 9.0, 9.0, 9.0, 9, 9,
            9, 9.0, 9, 9, 9, 2.0, 2.0, 2.0, 2.0);
    /** revision 1: 1 created, FRT 900 s, one timeout of one, 2 resolved (mean 2 h) one of them one-touch, 2 ratings of 3. */
    static final KpiRow CHAT_W2_REV1 = new KpiRow("chat", "P1", MON_0200, MON_0400, 1, 1, 1, 900.0, 900.0, 900.0,
            1, 1, 2, 7200.0, 1, 0, 2, 3.0, NONE, NONE, 3.0);
    /** email/P3 [00:00, 02:00): 4 created, 3 FRTs mean 20 min, 2 of 4 timed out, 4 open, no rating. */
    static final KpiRow EMAIL_W0 = new KpiRow("email", "P3", MON_0000, MON_0200, 0, 4, 3, 1200.0, 1000.0, 1500.0,
            2, 4, 0, NONE, 0, 4, 0, NONE, NONE, NONE, NONE);
    /** email/P3 next week [00:00, 02:00): 1 created, FRT 5 min, 5 resolved (mean 3 h) 2 one-touch, 1 rating of 3. */
    static final KpiRow EMAIL_NEXT = new KpiRow("email", "P3", NEXT_MON_0000, NEXT_MON_0200, 0, 1, 1, 300.0, 300.0,
            300.0, 0, 1, 5, 10800.0, 2, 0, 1, 3.0, NONE, 3.0, NONE);

    static final List<KpiRow> ROWS = List.of(CHAT_W0, CHAT_W1, CHAT_W2_REV1, CHAT_W2_REV0, EMAIL_W0, EMAIL_NEXT);

    static ReportAlert alert(String dedupKey, String status, String kind, String severity, String channel,
            String priority, Instant at) {
        return new ReportAlert(dedupKey, status, kind, severity, "first_response", channel, priority, null, at, "s");
    }

    static final List<ReportAlert> ALERTS = List.of(
            alert("T1/first_response/1", "firing", "breach", "yellow", "chat", "P1", MON_0000.plusSeconds(70 * 60)),
            alert("T1/first_response/1", "firing", "breach", "red", "chat", "P1", MON_0000.plusSeconds(100 * 60)),
            alert("T1/first_response/1", "resolved", "breach", "red", "chat", "P1", MON_0000.plusSeconds(150 * 60)),
            alert("T2/first_response/1", "firing", "breach", "orange", "email", "P3", MON_0000.plusSeconds(80 * 60)),
            alert("aggregate/frt_p90/email/P3/p3@1", "firing", "aggregate", "yellow", "email", "P3", MON_0300),
            alert("T3/first_response/1", "firing", "warning", "warning", "chat", "P1", MON_0000.plusSeconds(30 * 60)),
            alert("T4/first_response/1", "firing", "breach", "yellow", "chat", "P1", MON_0000.plusSeconds(45 * 60)));

    static final SlaPolicySet POLICIES = new SlaPolicySet("test.yaml", 1, List.of(
            new SlaPolicy("p1", new PolicyMatch(Set.of(), Set.of("P1"), Set.of(), Map.of()),
                    Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(3), SlaMetric.RESOLUTION, Duration.ofHours(2)),
                    WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION)),
            AggregateRules.DEFAULT);

    static RunReport report() {
        return RunReports.compute(ROWS, ALERTS, Map.of("MALFORMED_JSON", 3L, "LATE_EVENT", 1L),
                ReportTargets.PLAYBOOK.with(PlaybookKpi.FCR_RATE, 0.5), POLICIES);
    }

    @Test
    void sumsTheTilingWindowsOnlyAndTheHighestRevision() {
        RunReport r = report();
        assertThat(r.kpiRows()).isEqualTo(5); // the two revisions of one window are one row
        assertThat(r.tilingRows()).isEqualTo(4);
        assertThat(r.windowSize()).isEqualTo(Duration.ofHours(2));
        assertThat(r.firstWindowStart()).isEqualTo(MON_0000);
        assertThat(r.lastWindowEnd()).isEqualTo(NEXT_MON_0200);
        Totals t = r.run();
        assertThat(t.created()).isEqualTo(2 + 1 + 4 + 1);
        assertThat(t.frtCount()).isEqualTo(7);
        // (2 x 60 + 900 + 3 x 1200 + 300) / 7
        assertThat(t.frtMeanS()).isCloseTo(4920.0 / 7, within(1e-9));
        assertThat(t.waitTimeoutRate()).isEqualTo(3.0 / 8);
        // (3600 + 2 x 7200 + 5 x 10800) / 8
        assertThat(t.mttrMeanS()).isEqualTo(9000.0);
        assertThat(t.fcrRate()).isEqualTo(0.5);
        // (2 x 4.5 + 2 x 3 + 3) / 5
        assertThat(t.csatMean()).isCloseTo(3.6, within(1e-9));
        assertThat(r.backlogAtEnd()).isZero();
    }

    @Test
    void assessesThePlaybookKpisAgainstTheirTargets() {
        List<Assessment> a = report().assessment();
        assertThat(a).extracting(Assessment::kpi).containsExactly(PlaybookKpi.values());
        assertThat(a.get(0).target()).isEqualTo(600.0);
        assertThat(a.get(0).gap()).isCloseTo(4920.0 / 7 - 600, within(1e-9));
        assertThat(a.get(0).met()).isFalse();
        assertThat(a.get(1).gap()).isCloseTo(0.375 - 0.15, within(1e-12));
        assertThat(a.get(2).value()).isEqualTo(9000.0);
        assertThat(a.get(2).gap()).isEqualTo(1800.0);
        assertThat(a.get(3).met()).isTrue(); // FCR 50 % against the replaced target 50 %: met (higher is better)
        assertThat(a.get(4).value()).isCloseTo(72.0, within(1e-9)); // 3.6 x 20
        assertThat(a.get(4).gap()).isCloseTo(-13.0, within(1e-9));
        assertThat(a.get(4).met()).isFalse();
    }

    @Test
    void daysAndWeeksHoldTheTilingWindowsStartingInThemAndTheBacklogAtTheirEnd() {
        RunReport r = report();
        assertThat(r.daily()).extracting(Period::label).containsExactly("2026-11-23", "2026-11-30");
        assertThat(r.weekly()).extracting(Period::label).containsExactly("2026-W48", "2026-W49");
        Period monday = r.daily().get(0);
        assertThat(monday.totals().created()).isEqualTo(7);
        assertThat(monday.totals().waitTimeoutRate()).isEqualTo(3.0 / 7);
        // at 2026-11-24T00:00 chat/P1's latest row ends 04:00 (backlog 0), email/P3's ends 02:00 (backlog 4)
        assertThat(monday.backlogAtEnd()).isEqualTo(4);
        assertThat(r.weekly().get(0).backlogAtEnd()).isEqualTo(4);
        assertThat(r.weekly().get(1).totals().resolved()).isEqualTo(5);
        assertThat(r.weekly().get(1).backlogAtEnd()).isZero();
    }

    @Test
    void percentilesAreWeightedEstimatesWithTheWindowsRange() {
        RunReport r = report();
        assertThat(r.frtByChannel()).hasSize(2);
        RunReport.ChannelFrt chat = r.frtByChannel().get(0);
        assertThat(chat.channel()).isEqualTo("chat");
        assertThat(chat.frtCount()).isEqualTo(3);
        assertThat(chat.frtMeanS()).isCloseTo(340.0, within(1e-9)); // (120 + 900) / 3
        assertThat(chat.p50()).isEqualTo(new Estimate(320.0, 30.0, 900.0, 3)); // (2 x 30 + 900) / 3
        assertThat(chat.p90()).isEqualTo(new Estimate(360.0, 90.0, 900.0, 3)); // (2 x 90 + 900) / 3
        RunReport.ChannelFrt email = r.frtByChannel().get(1);
        assertThat(email.p50()).isEqualTo(new Estimate(825.0, 300.0, 1000.0, 4)); // (3 x 1000 + 300) / 4
        assertThat(email.frtMeanS()).isEqualTo(975.0);
    }

    @Test
    void csatByFrtBucketIsWeightedByTheWindowsRatings() {
        List<RunReport.CsatBucket> b = report().csatByFrtBucket();
        assertThat(b.get(0).mean().value()).isEqualTo(5.0);
        assertThat(b.get(1).mean().value()).isCloseTo((2 * 4.0 + 3.0) / 3, within(1e-12));
        assertThat(b.get(2).mean()).isEqualTo(new Estimate(3.0, 3.0, 3.0, 2));
    }

    @Test
    void queuesAgainstTheirPolicy() {
        List<PolicyCheck> checks = report().policyChecks();
        assertThat(checks).extracting(PolicyCheck::queue).containsExactly("chat/P1", "email/P3");
        PolicyCheck chat = checks.get(0);
        assertThat(chat.policyId()).isEqualTo("p1");
        assertThat(chat.frtTargetS()).isEqualTo(180.0);
        assertThat(chat.mttrTargetS()).isEqualTo(7200.0);
        assertThat(chat.mttrMeanS()).isEqualTo((3600.0 + 2 * 7200) / 3);
        assertThat(chat.waitTimeoutCeiling()).isEqualTo(0.25);
        PolicyCheck email = checks.get(1);
        assertThat(email.policyId()).isNull();
        assertThat(email.frtTargetS()).isNull();
        assertThat(email.waitTimeoutRate()).isEqualTo(2.0 / 5);
    }

    @Test
    void alertTimelineAndTheQueuesThatBreachMost() {
        RunReport r = report();
        assertThat(r.alertBucket()).isEqualTo(Duration.ofHours(1));
        assertThat(r.alertTimeline()).containsExactly(
                new AlertBucket(MON_0000, Map.of("warning", 1L, "yellow", 1L), 0),
                new AlertBucket(MON_0100, Map.of("yellow", 1L, "red", 1L, "orange", 1L), 0),
                new AlertBucket(MON_0200, Map.of(), 1),
                new AlertBucket(MON_0300, Map.of("yellow", 1L), 0));
        assertThat(r.topQueues()).containsExactly(
                new QueueBreaches("chat/P1", 2, 1, 0, 1),
                new QueueBreaches("email/P3", 1, 0, 1, 0));
        assertThat(r.alertRecords()).isEqualTo(7);
        assertThat(r.alertsByState()).containsEntry("firing breach yellow", 2L).containsEntry("resolved breach red", 1L);
        assertThat(r.deadLetters()).isEqualTo(4);
    }

    @Test
    void nothingMeasuredIsNullNotZero() {
        RunReport r = RunReports.compute(List.of(), List.of(), Map.of(), ReportTargets.PLAYBOOK, null);
        assertThat(r.assessment()).allSatisfy(a -> {
            assertThat(a.value()).isNull();
            assertThat(a.gap()).isNull();
            assertThat(a.met()).isNull();
        });
        assertThat(r.daily()).isEmpty();
        assertThat(r.lastWindowEnd()).isNull();
    }

    @Test
    void rowsOfDifferentWindowSizesAreNotOneRun() {
        KpiRow hour = new KpiRow("chat", "P1", MON_0000, MON_0100, 0, 1, 0, NONE, NONE, NONE, 0, 0, 0, NONE, 0, 1,
                0, NONE, NONE, NONE, NONE);
        assertThatThrownBy(() -> RunReports.compute(List.of(CHAT_W0, hour), List.of(), Map.of(),
                ReportTargets.PLAYBOOK, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different window sizes");
    }
}
