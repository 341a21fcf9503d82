package io.ticketpulse.io.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.io.dashboard.DashboardSnapshot.AlertRow;
import io.ticketpulse.io.dashboard.DashboardSnapshot.Cell;
import io.ticketpulse.io.dashboard.DashboardSnapshot.Chart;
import io.ticketpulse.io.dashboard.DashboardSnapshot.CurrentRow;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's view model on fixed instants: charts, current window against targets, alerts, counts. */
class DashboardViewTest {

    private static final long T0 = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
    private static final long ONE_MINUTE = 60_000;
    private static final long NINE_AM = T0 + 60 * ONE_MINUTE;

    /** P1: first response 3m (tiers at +10/30/50 %: 198 s, 234 s, 270 s), resolution 2h; P3 no targets. */
    private static final SlaPolicySet POLICIES = SlaPolicyFiles.parse("test.yaml", """
            version: 7
            policies:
              - id: urgent
                match: {priorities: [P1]}
                targets: {first_response: 3m, resolution: 2h}
                escalation:
                  - {severity: yellow, over_pct: 10}
                  - {severity: orange, over_pct: 30}
                  - {severity: red, over_pct: 50}
            aggregates:
              wait_timeout_rate_ceiling: 0.20
            """);

    private static TicketKpi kpi(String channel, String priority, long endMs, int revision, Double frtP90S) {
        TicketKpi k = new TicketKpi();
        k.channel = channel;
        k.priority = priority;
        k.windowStartMs = endMs - 60 * ONE_MINUTE;
        k.windowEndMs = endMs;
        k.revision = revision;
        k.frtP90S = frtP90S;
        k.ticketsCreated = 3;
        return k;
    }

    private static SlaAlert alert(String key, String status, String kind, String severity, long changedAtMs) {
        SlaAlert a = new SlaAlert();
        a.alertId = key;
        a.dedupKey = key;
        a.status = status;
        a.kind = kind;
        a.severity = severity;
        a.channel = "chat";
        a.priority = "P1";
        a.changedAtMs = changedAtMs;
        a.summary = "summary of " + key;
        return a;
    }

    @Test
    void chartsHaveOneSeriesPerChannelAndPriorityAndOnePointPerWindowAtItsHighestRevision() {
        DashboardView view = new DashboardView(POLICIES, 100);
        view.offerKpi(kpi("chat", "P1", NINE_AM, 0, 100.0));
        view.offerKpi(kpi("chat", "P1", NINE_AM, 1, 150.0));
        view.offerKpi(kpi("chat", "P1", NINE_AM, 0, 999.0)); // a lower revision arriving late: ignored
        view.offerKpi(kpi("chat", "P1", NINE_AM + ONE_MINUTE, 0, null));
        view.offerKpi(kpi("email", "P3", NINE_AM, 0, 600.0));
        TicketKpi grouped = kpi("chat", "P1", NINE_AM, 5, 1.0);
        grouped.groupingSet = "team";
        view.offerKpi(grouped); // not the default family: not drawn

        Chart frt = view.snapshot(NINE_AM).charts().get(0);

        assertThat(frt.id()).isEqualTo("frt_p90");
        assertThat(frt.unit()).isEqualTo("min");
        assertThat(frt.series()).extracting(DashboardSnapshot.Series::name).containsExactly("chat / P1", "email / P3");
        List<Number[]> chat = frt.series().get(0).points();
        assertThat(chat).hasSize(2);
        assertThat(chat.get(0)).containsExactly(NINE_AM, 2.5); // 150 s in minutes
        assertThat(chat.get(1)).containsExactly(NINE_AM + ONE_MINUTE, null);
        assertThat(view.snapshot(NINE_AM).charts()).extracting(Chart::id).containsExactly(
                "frt_p90", "wait_timeout_rate", "mttr_mean", "fcr_rate", "csat_mean", "backlog_open");
        assertThat(view.snapshot(NINE_AM).kpiRows()).isEqualTo(5);
    }

    @Test
    void aSeriesKeepsTheNewestWindowsUpToTheLimit() {
        DashboardView view = new DashboardView(null, 3);
        for (int i = 0; i < 5; i++) {
            view.offerKpi(kpi("chat", "P1", NINE_AM + i * ONE_MINUTE, 0, 60.0 * i));
        }
        List<Number[]> points = view.snapshot(NINE_AM).charts().get(0).series().get(0).points();
        assertThat(points).extracting(p -> p[0]).containsExactly(
                NINE_AM + 2 * ONE_MINUTE, NINE_AM + 3 * ONE_MINUTE, NINE_AM + 4 * ONE_MINUTE);
    }

    @Test
    void theCurrentWindowIsColouredByTheHighestTierItsValueReaches() {
        assertThat(frtStatus(197.9)).isEqualTo("green");
        assertThat(frtStatus(198.0)).isEqualTo("yellow");
        assertThat(frtStatus(234.0)).isEqualTo("orange");
        assertThat(frtStatus(269.9)).isEqualTo("orange");
        assertThat(frtStatus(270.0)).isEqualTo("red");
        assertThat(frtStatus(null)).isEqualTo("none");
    }

    private static String frtStatus(Double frtP90S) {
        DashboardView view = new DashboardView(POLICIES, 10);
        view.offerKpi(kpi("chat", "P1", NINE_AM, 0, frtP90S));
        CurrentRow row = view.snapshot(NINE_AM).current().get(0);
        assertThat(row.policyId()).isEqualTo("urgent");
        Cell frt = row.cells().get(0);
        assertThat(frt.metric()).isEqualTo("frt_p90");
        assertThat(frt.reference()).isEqualTo(180.0);
        assertThat(frt.referenceDisplay()).isEqualTo("target 180.0 s");
        return frt.status();
    }

    @Test
    void theCurrentWindowIsTheNewestSettledOneAndTheTailOfABoundedInputIsOnlyDrawn() {
        DashboardView view = new DashboardView(POLICIES, 10);
        view.offerSettledKpi(kpi("chat", "P1", NINE_AM, 0, 100.0));
        view.offerKpi(kpi("chat", "P1", NINE_AM + 15 * ONE_MINUTE, 0, null)); // fired by the end of input only

        DashboardSnapshot s = view.snapshot(NINE_AM);

        assertThat(s.current()).extracting(CurrentRow::windowEndMs).containsExactly(NINE_AM);
        assertThat(s.newestWindowEndMs()).isEqualTo(NINE_AM);
        assertThat(s.charts().get(0).series().get(0).points()).hasSize(2);

        view.settleKpi(kpi("chat", "P1", NINE_AM + 15 * ONE_MINUTE, 0, 10.0));
        assertThat(view.snapshot(NINE_AM).current()).extracting(CurrentRow::windowEndMs)
                .containsExactly(NINE_AM + 15 * ONE_MINUTE);
    }

    @Test
    void metricsWithoutATargetAreUntrackedAndTheCeilingAppliesToEveryPolicy() {
        DashboardView view = new DashboardView(POLICIES, 10);
        TicketKpi p3 = kpi("email", "P3", NINE_AM, 0, 7200.0);
        p3.waitTimeoutRate = 0.30; // ceiling 0.20: +50 % but P3 matches no policy, so nothing is tracked
        TicketKpi p1 = kpi("chat", "P1", NINE_AM, 0, 10.0);
        p1.waitTimeoutRate = 0.23; // +15 % over the 0.20 ceiling: yellow (10 %), not orange (30 %)
        p1.mttrMeanS = 3600.0;
        view.offerKpi(p3);
        view.offerKpi(p1);

        List<CurrentRow> rows = view.snapshot(NINE_AM).current();

        assertThat(rows).extracting(CurrentRow::channel).containsExactly("chat", "email");
        assertThat(rows.get(0).cells()).extracting(Cell::metric, Cell::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("frt_p90", "green"),
                org.assertj.core.groups.Tuple.tuple("mttr_mean", "green"),
                org.assertj.core.groups.Tuple.tuple("wait_timeout_rate", "yellow"),
                // no imminent_breach_ceiling in the policy file: counted, not coloured
                org.assertj.core.groups.Tuple.tuple("imminent_breach", "untracked"));
        assertThat(rows.get(1).policyId()).isNull();
        assertThat(rows.get(1).cells()).extracting(Cell::status).containsExactly("untracked", "none", "untracked", "untracked");
    }

    @Test
    void firingAlertsAreListedMostSevereFirstThenOldestWithTheirEventTimeAge() {
        DashboardView view = new DashboardView(POLICIES, 10);
        view.offerAlert(alert("a", "firing", "warning", "warning", NINE_AM));
        view.offerAlert(alert("b", "firing", "breach", "yellow", NINE_AM + ONE_MINUTE));
        view.offerAlert(alert("b", "firing", "breach", "red", NINE_AM + 5 * ONE_MINUTE)); // escalates
        view.offerAlert(alert("c", "firing", "breach", "red", NINE_AM + 2 * ONE_MINUTE));
        view.offerAlert(alert("d", "firing", "aggregate", "orange", NINE_AM));
        view.offerAlert(alert("d", "resolved", "aggregate", "orange", NINE_AM + 9 * ONE_MINUTE));
        view.offerKpi(kpi("chat", "P1", NINE_AM + 10 * ONE_MINUTE, 0, 1.0)); // the newest time: 09:10

        DashboardSnapshot.Alerts alerts = view.snapshot(NINE_AM).alerts();

        assertThat(alerts.firing()).isEqualTo(3);
        assertThat(alerts.resolved()).isEqualTo(1);
        assertThat(alerts.records()).isEqualTo(6);
        assertThat(alerts.byColumn()).containsExactly(Map.entry("warning", 1), Map.entry("breached", 0),
                Map.entry("yellow", 0), Map.entry("orange", 0), Map.entry("red", 2));
        // b fired first (09:01, yellow) and is red now: older than c (09:02)
        assertThat(alerts.shown()).extracting(AlertRow::dedupKey, AlertRow::column, AlertRow::ageS).containsExactly(
                org.assertj.core.groups.Tuple.tuple("b", "red", 9 * 60L),
                org.assertj.core.groups.Tuple.tuple("c", "red", 8 * 60L),
                org.assertj.core.groups.Tuple.tuple("a", "warning", 10 * 60L));
        assertThat(alerts.shown().get(0).summary()).isEqualTo("summary of b");
    }

    @Test
    void deadLettersAreCountedByReason() {
        DashboardView view = new DashboardView(null, 10);
        view.offerDeadLetter("MALFORMED_JSON");
        view.offerDeadLetter("LATE_EVENT");
        view.offerDeadLetter("MALFORMED_JSON");
        view.offerDeadLetter(null);

        DashboardSnapshot.DeadLetters d = view.snapshot(NINE_AM).deadLetters();

        assertThat(d.total()).isEqualTo(4);
        assertThat(d.byReason()).containsExactly(
                Map.entry("LATE_EVENT", 1L), Map.entry("MALFORMED_JSON", 2L), Map.entry("UNKNOWN", 1L));
    }

    @Test
    void eventsPerSecondIsMeasuredOverTheLastFiveSecondsAndDecaysToZero() {
        DashboardView view = new DashboardView(null, 10);
        view.sample(T0);
        view.addEvents(1_000);
        view.sample(T0 + 1_000);
        view.addEvents(3_000);
        view.sample(T0 + 2_000);
        assertThat(view.snapshot(T0 + 2_000).events().perSecond()).isEqualTo(2_000.0); // 4000 in 2 s
        assertThat(view.snapshot(T0 + 2_000).events().total()).isEqualTo(4_000);

        long before = view.version();
        view.sample(T0 + 8_000); // nothing read for 6 s: the 5 s span holds 4000 → 4000
        view.sample(T0 + 9_000);
        DashboardSnapshot.Events quiet = view.snapshot(T0 + 9_000).events();
        assertThat(quiet.perSecond()).isEqualTo(0.0);
        assertThat(view.version()).isGreaterThan(before); // the page is told the rate dropped
        // on average: 4000 events from the sample before the first ones (T0) to the last that saw new ones (T0+2s)
        assertThat(quiet.averagePerSecond()).isEqualTo(2_000.0);
    }

    @Test
    void aFinishedFeedSaysSoAndKeepsItsState() {
        DashboardView view = new DashboardView(null, 10);
        view.describeSource("replaying x.jsonl");
        view.offerDeadLetter("LATE_EVENT");
        assertThat(view.snapshot(T0).state()).isEqualTo("running");
        view.finish();
        DashboardSnapshot s = view.snapshot(T0);
        assertThat(s.state()).isEqualTo("finished");
        assertThat(s.source()).isEqualTo("replaying x.jsonl");
        assertThat(s.deadLetters().total()).isEqualTo(1);
    }
}
