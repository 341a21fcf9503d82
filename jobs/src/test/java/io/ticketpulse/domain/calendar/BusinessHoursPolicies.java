package io.ticketpulse.domain.calendar;

import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The business-hours scenario's policies (the same as {@code business-hours-scenario.yaml} in the test resources):
 * P2 tickets count the Berlin office's Monday-to-Friday 09:00-17:00 (first response 2 h, resolution 8 h, warning
 * at 75 %, default tiers +10/+30/+50 %); P1 tickets the same targets in calendar time.
 */
public final class BusinessHoursPolicies {

    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final long HOUR = 3_600_000L;
    public static final long MINUTE = 60_000L;

    private BusinessHoursPolicies() {}

    /** A local time in Berlin (2026-03-06 is a Friday, 2026-03-09 the Monday after it). */
    public static long berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant().toEpochMilli();
    }

    public static BusinessCalendar office() {
        List<WorkingInterval> hours = new ArrayList<>();
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.add(WorkingInterval.parse(d, "09:00-17:00"));
        }
        return new BusinessCalendar("berlin-office", BERLIN, hours, List.of());
    }

    public static SlaPolicySet policies() {
        BusinessCalendar office = office();
        Map<SlaMetric, Duration> targets = Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofHours(2),
                SlaMetric.RESOLUTION, Duration.ofHours(8));
        SlaPolicy p1 = new SlaPolicy("p1-24x7", new PolicyMatch(Set.of(), Set.of("P1"), Set.of(), Map.of()), targets,
                WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION);
        SlaPolicy p2 = new SlaPolicy("p2-office", new PolicyMatch(Set.of(), Set.of("P2"), Set.of(), Map.of()), targets,
                WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION,
                Map.of(SlaMetric.FIRST_RESPONSE, office, SlaMetric.RESOLUTION, office));
        return new SlaPolicySet("business-hours-scenario", 1, List.of(p1, p2), AggregateRules.DEFAULT);
    }
}
