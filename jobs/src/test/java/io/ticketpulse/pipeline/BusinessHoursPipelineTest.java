package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.BERLIN;
import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.domain.calendar.BusinessHoursPolicies;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A business-hours scenario through the real topology at parallelism 2 (MiniCluster, bounded input, event time):
 * three P2 tickets under Berlin's Mon-Fri 09:00-17:00 and one P1 ticket in calendar time, with hand-computed alerts
 * (see {@link BusinessHoursPolicies}: first response 2 h, resolution 8 h, warning 75 %, tiers +10/+30/+50 %).
 * Replayed twice, the alert records are identical (detection time aside).
 */
class BusinessHoursPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static List<String> events() {
        List<TicketEvent> events = new ArrayList<>(List.of(
                // A: created Friday 15:00, answered Monday 10:30, resolved Monday 12:00
                TicketEvents.created("a0", "A", berlin("2026-03-06T15:00"), "email", "P2"),
                TicketEvents.reply("a1", "A", berlin("2026-03-09T10:30")),
                TicketEvents.resolved("a2", "A", berlin("2026-03-09T12:00")),
                // B: created Saturday 11:00, answered Monday 10:00, resolved Monday 16:00
                TicketEvents.created("b0", "B", berlin("2026-03-07T11:00"), "chat", "P2"),
                TicketEvents.reply("b1", "B", berlin("2026-03-09T10:00")),
                TicketEvents.resolved("b2", "B", berlin("2026-03-09T16:00")),
                // C: P1 in calendar time, created Friday 15:00, answered 16:45, resolved 16:50
                TicketEvents.created("c0", "C", berlin("2026-03-06T15:00"), "email", "P1"),
                TicketEvents.reply("c1", "C", berlin("2026-03-06T16:45")),
                TicketEvents.resolved("c2", "C", berlin("2026-03-06T16:50")),
                // D: created Thursday 16:00 on the P2 calendar, answered Thursday 16:30, resolved Tuesday 09:30
                TicketEvents.created("d0", "D", berlin("2026-03-05T16:00"), "chat", "P2"),
                TicketEvents.reply("d1", "D", berlin("2026-03-05T16:30")),
                TicketEvents.resolved("d2", "D", berlin("2026-03-10T09:30"))));
        events.sort(Comparator.comparingLong((TicketEvent e) -> e.occurredAtMs).thenComparing(e -> e.eventId));
        return events.stream().map(e -> new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8)).toList();
    }

    private record Output(List<SlaAlert> alerts, List<TicketKpi> kpis) {}

    private static List<SlaAlert> run() throws Exception {
        return runBoth().alerts();
    }

    /** One run; KPI windows are tumbling UTC days (Berlin 01:00 to 01:00 in March: UTC+1). */
    private static Output runBoth() throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        PipelineConfig config = PipelineConfig.builder()
                .slaPolicies(BusinessHoursPolicies.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .kpiUpdates(KpiUpdates.FINAL_ONLY)
                .windowSize(Duration.ofDays(1))
                .windowSlide(Duration.ofDays(1))
                .build();
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config, ListSource.of(events()),
                new PipelineSinks(kpis, deadLetters).withAlerts(alerts, null));
        env.execute("business-hours");
        assertThat(deadLetters.values()).isEmpty();
        return new Output(alerts.values(), kpis.values());
    }

    private static List<String> render(List<SlaAlert> alerts) {
        return alerts.stream()
                .filter(a -> a.ticketId != null) // the ticket alerts (aggregate ones are not this test's)
                .sorted(Comparator.comparing((SlaAlert a) -> a.ticketId).thenComparingLong(a -> a.changedAtMs))
                .map(a -> a.ticketId + " " + a.slaMetric + " " + a.status + " " + a.kind + " " + a.severity + " @"
                        + Instant.ofEpochMilli(a.changedAtMs).atZone(BERLIN).toLocalDateTime()
                        + (a.resolveReason == null ? "" : " " + a.resolveReason)
                        + (a.calendarId == null ? "" : " [" + a.calendarId + "]"))
                .toList();
    }

    @Test
    void alertsAreRaisedInWorkingTimeAndAReplayGivesTheSameRecords() throws Exception {
        List<SlaAlert> first = run();
        assertThat(render(first)).containsExactly(
                // A: first response 2 h reached Friday 17:00 -> breach Monday 09:00, tiers at +12/+36/+60 working min
                "A first_response firing warning warning @2026-03-06T16:30 [berlin-office]",
                "A first_response firing breach warning @2026-03-09T09:00 [berlin-office]",
                "A first_response firing breach yellow @2026-03-09T09:12 [berlin-office]",
                "A first_response firing breach orange @2026-03-09T09:36 [berlin-office]",
                "A first_response firing breach red @2026-03-09T10:00 [berlin-office]",
                "A first_response resolved breach red @2026-03-09T10:30 fulfilled [berlin-office]",
                // B: nothing counts over the weekend; resolution warning at 6 h of Monday = 15:00, resolved at 16:00
                "B resolution firing warning warning @2026-03-09T15:00 [berlin-office]",
                "B resolution resolved warning warning @2026-03-09T16:00 fulfilled [berlin-office]",
                // C: calendar time
                "C first_response firing warning warning @2026-03-06T16:30",
                "C first_response resolved warning warning @2026-03-06T16:45 fulfilled",
                // D: resolution 8 h from Thursday 16:00: Thu 1 h, Fri 8 h -> warning (6 h) Fri 14:00, 8 h reached
                // Fri 16:00 (breach), yellow 8 h 48 min = Fri 16:48, orange 10 h 24 min = Mon 10:24 (Fri ends at 9 h),
                // red 12 h = Mon 12:00; resolved Tuesday 09:30
                "D resolution firing warning warning @2026-03-06T14:00 [berlin-office]",
                "D resolution firing breach warning @2026-03-06T16:00 [berlin-office]",
                "D resolution firing breach yellow @2026-03-06T16:48 [berlin-office]",
                "D resolution firing breach orange @2026-03-09T10:24 [berlin-office]",
                "D resolution firing breach red @2026-03-09T12:00 [berlin-office]",
                "D resolution resolved breach red @2026-03-10T09:30 fulfilled [berlin-office]");

        List<String> again = normalized(run());
        assertThat(again).containsExactlyElementsOf(normalized(first));
    }

    @Test
    void kpiRowsCarryBusinessTimeMeansOnlyForTheCalendarPolicy() throws Exception {
        List<TicketKpi> kpis = runBoth().kpis();
        List<String> business = kpis.stream()
                .filter(k -> k.frtBusinessMeanS != null || k.mttrBusinessMeanS != null)
                .sorted(Comparator.comparing((TicketKpi k) -> k.channel).thenComparingLong(k -> k.windowStartMs))
                .map(k -> k.channel + "/" + k.priority + " " + Instant.ofEpochMilli(k.windowStartMs).atZone(BERLIN)
                        .toLocalDate() + " frt=" + k.frtMeanS + " frt_business=" + k.frtBusinessMeanS + " mttr="
                        + k.mttrMeanS + " mttr_business=" + k.mttrBusinessMeanS)
                .toList();
        // windows are UTC days, i.e. Berlin 01:00-01:00, labelled by their Berlin start date
        assertThat(business).containsExactly(
                // D answered Thu 16:30 after 30 min, all of it working time
                "chat/P2 2026-03-05 frt=1800.0 frt_business=1800.0 mttr=null mttr_business=null",
                // B: Sat 11:00 -> Mon 10:00 = 47 h, 1 h working; -> Mon 16:00 = 53 h, 7 h working
                "chat/P2 2026-03-09 frt=169200.0 frt_business=3600.0 mttr=190800.0 mttr_business=25200.0",
                // D resolved Tue 09:30: 113.5 h since Thu 16:00; working Thu 1 h + Fri 8 h + Mon 8 h + Tue 0.5 h
                "chat/P2 2026-03-10 frt=null frt_business=null mttr=408600.0 mttr_business=63000.0",
                // A: Fri 15:00 -> Mon 10:30 = 67.5 h, 3.5 h working; -> Mon 12:00 = 69 h, 5 h working
                "email/P2 2026-03-09 frt=243000.0 frt_business=12600.0 mttr=248400.0 mttr_business=18000.0");
        // the calendar-time P1 ticket's rows have none (so its JSON is as before)
        assertThat(kpis).filteredOn(k -> "P1".equals(k.priority)).isNotEmpty()
                .allSatisfy(k -> assertThat(new String(TicketKpiJson.toJson(k), StandardCharsets.UTF_8)).doesNotContain("business"));
    }

    private static List<String> normalized(List<SlaAlert> alerts) {
        return alerts.stream().map(a -> {
            a.detectedAtMs = 0;
            return SlaAlertJson.toJsonString(a);
        }).sorted().toList();
    }
}
