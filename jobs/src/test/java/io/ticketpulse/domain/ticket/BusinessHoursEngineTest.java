package io.ticketpulse.domain.ticket;

import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.BERLIN;
import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.HOUR;
import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.domain.calendar.BusinessHoursPolicies;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SLA clocks of the per-ticket engine under a business-hours calendar ({@link BusinessHoursPolicies}: P2 counts
 * Berlin's Mon-Fri 09:00-17:00, first response 2 h, resolution 8 h, warning at 75 %, tiers +10/+30/+50 %). Every
 * expected instant is worked out by hand in the comments; times are Berlin local times.
 */
class BusinessHoursEngineTest {

    private static final long DAYS_30 = Duration.ofDays(30).toMillis();
    private final TicketEngine engine = new TicketEngine(Duration.ofMinutes(10).toMillis(), DAYS_30, DAYS_30 + HOUR,
            BusinessHoursPolicies.policies());

    private static TicketEvent created(String local, String priority) {
        return TicketEvents.created("e0", "T1", berlin(local), "email", priority);
    }

    private List<SlaAlert> run(TicketEvent... events) {
        List<TicketEvent> buffer = new ArrayList<>(List.of(events));
        buffer.sort(TicketEngine.EVENT_ORDER);
        return engine.replay(TicketModel.fresh("T1"), buffer, buffer.get(0).occurredAtMs).records();
    }

    private static List<String> render(List<SlaAlert> alerts) {
        return alerts.stream().map(a -> a.slaMetric + " " + a.status + " " + a.kind + " " + a.severity + " @"
                + Instant.ofEpochMilli(a.changedAtMs).atZone(BERLIN).toLocalDateTime()
                + (a.resolveReason == null ? "" : " " + a.resolveReason)).toList();
    }

    @Test
    void aBreachDueAfterFridaysHoursIsRaisedOnMondayAtNineAndTheTiersFollowInWorkingTime() {
        List<SlaAlert> alerts = run(created("2026-03-06T15:00", "P2"),
                TicketEvents.reply("e1", "T1", berlin("2026-03-09T10:30")),
                TicketEvents.resolved("e2", "T1", berlin("2026-03-09T12:00")));
        // first response (2 h): warning at 1.5 h = Fri 16:30; 2 h reached at Fri 17:00, the end of the day, so the
        // breach is raised at the first working instant reaching it, Mon 09:00; yellow +12 min, orange +36 min,
        // red +60 min of working time; the reply at 10:30 resolves it. Resolution (8 h, warning at 6 h = Mon 13:00)
        // ends at 12:00 before anything fires.
        assertThat(render(alerts)).containsExactly(
                "first_response firing warning warning @2026-03-06T16:30",
                "first_response firing breach warning @2026-03-09T09:00",
                "first_response firing breach yellow @2026-03-09T09:12",
                "first_response firing breach orange @2026-03-09T09:36",
                "first_response firing breach red @2026-03-09T10:00",
                "first_response resolved breach red @2026-03-09T10:30 fulfilled");
        SlaAlert fulfilled = alerts.get(5);
        assertThat(fulfilled.calendarId).isEqualTo("berlin-office");
        assertThat(fulfilled.elapsedS).isEqualTo(3.5 * 3600); // Fri 2 h + Mon 1.5 h
        assertThat(fulfilled.businessElapsedS).isEqualTo(3.5 * 3600);
        assertThat(fulfilled.calendarElapsedS).isEqualTo(67.5 * 3600); // Fri 15:00 -> Mon 10:30
        assertThat(fulfilled.targetS).isEqualTo(7200.0);
        assertThat(fulfilled.overrunPct).isEqualTo(75.0);
        assertThat(fulfilled.deadlineAtMs).isEqualTo(berlin("2026-03-09T09:00"));
        assertThat(fulfilled.breachedAtMs).isEqualTo(berlin("2026-03-09T09:00"));
        assertThat(alerts.get(0).elapsedS).isEqualTo(1.5 * 3600);
        assertThat(alerts.get(0).calendarElapsedS).isEqualTo(1.5 * 3600);
    }

    @Test
    void aTicketCreatedOnSaturdayStartsCountingOnMonday() {
        List<SlaAlert> alerts = run(created("2026-03-07T11:00", "P2"),
                TicketEvents.reply("e1", "T1", berlin("2026-03-09T10:00")),
                TicketEvents.resolved("e2", "T1", berlin("2026-03-09T16:00")));
        // first response warning at 1.5 h of Monday = 10:30, after the reply at 10:00; resolution warning at 6 h =
        // 15:00, then resolved at 16:00 (7 h, within the 8 h target)
        assertThat(render(alerts)).containsExactly(
                "resolution firing warning warning @2026-03-09T15:00",
                "resolution resolved warning warning @2026-03-09T16:00 fulfilled");
        assertThat(alerts.get(1).elapsedS).isEqualTo(7 * 3600.0);
        assertThat(alerts.get(1).calendarElapsedS).isEqualTo(53 * 3600.0); // Sat 11:00 -> Mon 16:00
    }

    @Test
    void aPauseStopsTheBusinessClockAndTheBreachWaitsForTheNextWorkingInstant() {
        List<SlaAlert> alerts = run(created("2026-03-02T09:00", "P2"),
                TicketEvents.reply("e1", "T1", berlin("2026-03-02T09:30")),
                TicketEvents.statusChanged("e2", "T1", berlin("2026-03-02T10:00"), "pending"),
                TicketEvents.statusChanged("e3", "T1", berlin("2026-03-03T10:00"), "open"),
                TicketEvents.resolved("e4", "T1", berlin("2026-03-04T09:30")));
        // resolution: 1 h counted Mon 09-10, paused to Tue 10:00, 5 more h -> warning (6 h) Tue 15:00, 7 more h ->
        // 8 h reached at Tue 17:00 (end of day) -> breach Wed 09:00; yellow at 8 h 48 min -> Wed 09:48 (after the
        // resolution at 09:30)
        assertThat(render(alerts)).containsExactly(
                "resolution firing warning warning @2026-03-03T15:00",
                "resolution firing breach warning @2026-03-04T09:00",
                "resolution resolved breach warning @2026-03-04T09:30 fulfilled");
        SlaAlert breach = alerts.get(1);
        assertThat(breach.elapsedS).isEqualTo(8 * 3600.0);
        assertThat(breach.pausedS).isEqualTo(24 * 3600.0); // wall time paused
        assertThat(breach.calendarElapsedS).isEqualTo(24 * 3600.0); // 48 h since Mon 09:00 minus 24 h paused
        assertThat(breach.deadlineAtMs).isEqualTo(berlin("2026-03-04T09:00"));
        // the warning's deadline: the first working instant at which 8 h are reached if the clock runs on
        assertThat(alerts.get(0).deadlineAtMs).isEqualTo(berlin("2026-03-04T09:00"));
    }

    @Test
    void aRetargetToACalendarTimePolicyKeepsTheBusinessTimeAlreadyCounted() {
        List<SlaAlert> alerts = run(created("2026-03-06T15:00", "P2"),
                TicketEvents.priorityChanged("e1", "T1", berlin("2026-03-06T18:00"), "P1"),
                TicketEvents.reply("e2", "T1", berlin("2026-03-06T18:20")),
                TicketEvents.resolved("e3", "T1", berlin("2026-03-06T18:30")));
        // under P2 the first response counted 2 h by Fri 17:00 (its breach would be raised on Monday); at 18:00 the
        // P1 policy counts calendar time on from those 2 h: the breach at once, yellow at 2 h 12 min = 18:12; the
        // reply at 18:20. Resolution: 2 h counted by Fri 17:00, then calendar time from 18:00: its warning (6 h)
        // would be at 22:00, after the resolution at 18:30.
        assertThat(render(alerts)).containsExactly(
                "first_response firing warning warning @2026-03-06T16:30",
                "first_response resolved warning warning @2026-03-06T18:00 retargeted",
                "first_response firing breach warning @2026-03-06T18:00",
                "first_response firing breach yellow @2026-03-06T18:12",
                "first_response resolved breach yellow @2026-03-06T18:20 fulfilled");
        assertThat(alerts.get(1).calendarId).isEqualTo("berlin-office");
        assertThat(alerts.get(2).calendarId).isNull();
        assertThat(alerts.get(4).elapsedS).isEqualTo(2 * 3600.0 + 20 * 60);
    }

    @Test
    void calendarTimePoliciesAreUnchanged() {
        List<SlaAlert> alerts = run(created("2026-03-06T15:00", "P1"),
                TicketEvents.reply("e1", "T1", berlin("2026-03-06T16:45")),
                TicketEvents.resolved("e2", "T1", berlin("2026-03-06T16:50")));
        // wall-clock time: warning at 16:30 (1.5 h), the reply at 16:45 before the deadline at 17:00
        assertThat(render(alerts)).containsExactly(
                "first_response firing warning warning @2026-03-06T16:30",
                "first_response resolved warning warning @2026-03-06T16:45 fulfilled");
        assertThat(alerts.get(1).calendarId).isNull();
        assertThat(alerts.get(1).businessElapsedS).isNull();
        assertThat(alerts.get(1).deadlineAtMs).isEqualTo(berlin("2026-03-06T17:00"));
    }
}
