package io.ticketpulse.domain.ticket;

import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.BERLIN;
import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.HOUR;
import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.domain.calendar.BusinessCalendar;
import io.ticketpulse.domain.calendar.BusinessHoursPolicies;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.EscalationTier;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code alert_outside_hours}: under Berlin's Mon-Fri 09:00-17:00 ({@link BusinessHoursPolicies#office()}) with a
 * resolution target of 8 h (warning at 75 %), the warning and the breach stay in working time, but from the breach
 * on the clock counts wall time, so the escalation tiers are raised in the evening and over the weekend. Times are
 * Berlin local times; 2026-03-05 is a Thursday.
 */
class AlertOutsideHoursTest {

    private static final long DAYS_30 = Duration.ofDays(30).toMillis();

    private static SlaPolicySet policies(boolean alertOutsideHours, List<EscalationTier> tiers) {
        BusinessCalendar office = BusinessHoursPolicies.office();
        SlaPolicy p2 = new SlaPolicy("p2-office", new PolicyMatch(Set.of(), Set.of("P2"), Set.of(), Map.of()),
                Map.of(SlaMetric.RESOLUTION, Duration.ofHours(8)), WarningRule.DEFAULT, tiers,
                Map.of(SlaMetric.RESOLUTION, office), alertOutsideHours);
        return new SlaPolicySet("outside-hours", 1, List.of(p2), AggregateRules.DEFAULT);
    }

    /** Created Thursday 16:00, resolved Tuesday 09:30: 1 h Thursday + 7 h Friday reach the 8 h at Friday 16:00. */
    private static List<SlaAlert> run(SlaPolicySet policies) {
        TicketEngine engine = new TicketEngine(Duration.ofMinutes(10).toMillis(), DAYS_30, DAYS_30 + HOUR, policies);
        List<TicketEvent> buffer = new ArrayList<>(List.of(
                TicketEvents.created("d0", "D", berlin("2026-03-05T16:00"), "chat", "P2"),
                TicketEvents.resolved("d2", "D", berlin("2026-03-10T09:30"))));
        return engine.replay(TicketModel.fresh("D"), buffer, buffer.get(0).occurredAtMs).records();
    }

    private static List<String> render(List<SlaAlert> alerts) {
        return alerts.stream().map(a -> a.status + " " + a.kind + " " + a.severity + " @"
                + Instant.ofEpochMilli(a.changedAtMs).atZone(BERLIN).toLocalDateTime()
                + (a.resolveReason == null ? "" : " " + a.resolveReason)).toList();
    }

    @Test
    void withoutTheSwitchTheTiersWaitForWorkingHours() {
        // yellow at 8 h 48 min (Fri 16:48), orange at 10 h 24 min: Friday ends at 9 h, so Mon 10:24; red 12 h Mon 12:00
        assertThat(render(run(policies(false, SlaPolicy.DEFAULT_ESCALATION)))).containsExactly(
                "firing warning warning @2026-03-06T14:00",
                "firing breach warning @2026-03-06T16:00",
                "firing breach yellow @2026-03-06T16:48",
                "firing breach orange @2026-03-09T10:24",
                "firing breach red @2026-03-09T12:00",
                "resolved breach red @2026-03-10T09:30 fulfilled");
    }

    @Test
    void withTheSwitchAFridayBreachEscalatesOnFridayEveningInWallTime() {
        List<SlaAlert> alerts = run(policies(true, SlaPolicy.DEFAULT_ESCALATION));
        // warning (6 h) and breach (8 h) in working time; then +48 min, +2 h 24 min, +4 h of wall time after 16:00
        assertThat(render(alerts)).containsExactly(
                "firing warning warning @2026-03-06T14:00",
                "firing breach warning @2026-03-06T16:00",
                "firing breach yellow @2026-03-06T16:48",
                "firing breach orange @2026-03-06T18:24",
                "firing breach red @2026-03-06T20:00",
                "resolved breach red @2026-03-10T09:30 fulfilled");
        SlaAlert red = alerts.get(4);
        assertThat(red.elapsedS).isEqualTo(12 * 3600.0); // 8 h working + 4 h wall
        assertThat(red.overrunPct).isEqualTo(50.0);
        assertThat(red.deadlineAtMs).isEqualTo(berlin("2026-03-06T16:00"));
        assertThat(red.breachedAtMs).isEqualTo(berlin("2026-03-06T16:00"));
        assertThat(red.calendarId).isEqualTo("berlin-office");
        assertThat(red.calendarElapsedS).isEqualTo(28 * 3600.0); // Thu 16:00 -> Fri 20:00
        SlaAlert resolved = alerts.get(5);
        // 8 h + Fri 16:00 -> Tue 09:30 (4 days - 6.5 h = 89.5 h) of wall time
        assertThat(resolved.elapsedS).isEqualTo(97.5 * 3600);
        assertThat(resolved.calendarElapsedS).isEqualTo(113.5 * 3600);
    }

    @Test
    void withTheSwitchTiersFarPastTheTargetFireOnSaturday() {
        List<EscalationTier> tiers = List.of(new EscalationTier(Severity.YELLOW, 100),
                new EscalationTier(Severity.ORANGE, 150), new EscalationTier(Severity.RED, 200));
        // +8 h, +12 h, +16 h of wall time after the Friday 16:00 breach
        assertThat(render(run(policies(true, tiers)))).containsExactly(
                "firing warning warning @2026-03-06T14:00",
                "firing breach warning @2026-03-06T16:00",
                "firing breach yellow @2026-03-07T00:00",
                "firing breach orange @2026-03-07T04:00",
                "firing breach red @2026-03-07T08:00",
                "resolved breach red @2026-03-10T09:30 fulfilled");
        // without the switch the same tiers wait for Monday and Tuesday: +8 h of work = Mon 16:00, +12 h = Tue 12:00
        assertThat(render(run(policies(false, tiers)))).containsSubsequence(
                "firing breach yellow @2026-03-09T16:00");
    }
}
