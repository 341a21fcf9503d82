package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketpulse.domain.calendar.BusinessCalendar;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The {@code calendars} section of policy files and a policy's {@code calendar}: read, and checked at start. */
class SlaPolicyCalendarsTest {

    private static final Path EXAMPLES = Path.of("..", "schemas", "examples", "sla-policy");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static long berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant().toEpochMilli();
    }

    @Test
    void theExampleGivesEachMetricItsCalendar() {
        SlaPolicySet set = SlaPolicyFiles.load(EXAMPLES.resolve("valid/business-hours.yaml"));
        SlaPolicy p1 = set.byId("p1-urgent");
        assertThat(p1.calendar(SlaMetric.FIRST_RESPONSE)).isNull();
        assertThat(p1.calendar(SlaMetric.RESOLUTION)).isNull();
        assertThat(p1.calendar(SlaMetric.FOLLOW_UP).id()).isEqualTo("berlin-office");
        SlaPolicy office = set.byId("p2-p3-office");
        BusinessCalendar c = office.calendar(SlaMetric.FIRST_RESPONSE);
        assertThat(c.id()).isEqualTo("berlin-office");
        assertThat(office.calendar(SlaMetric.RESOLUTION)).isSameAs(c);
        assertThat(office.calendar(SlaMetric.NEXT_RESPONSE)).isNull(); // no target: not tracked
        assertThat(set.byId("p4-nights").calendar(SlaMetric.FIRST_RESPONSE).id()).isEqualTo("night-desk");
        assertThat(set.byId("p4-nights").alertOutsideHours()).isTrue();
        assertThat(office.alertOutsideHours()).isFalse(); // the default
        // the calendar as written: Monday 2026-03-02 has a lunch break, Friday ends at 16:00
        assertThat(c.businessMillis(berlin("2026-03-02T00:00"), berlin("2026-03-03T00:00"))).isEqualTo(7 * 3_600_000L);
        assertThat(c.businessMillis(berlin("2026-03-06T00:00"), berlin("2026-03-07T00:00"))).isEqualTo(6 * 3_600_000L); // 3.5 h + 2.5 h
        // yearly Christmas holidays, and from Monday 2027-01-04 the new hours (10 h days, no lunch break)
        assertThat(c.isWorking(berlin("2026-12-24T10:00"))).isFalse();
        assertThat(c.businessMillis(berlin("2027-01-04T00:00"), berlin("2027-01-05T00:00"))).isEqualTo(10 * 3_600_000L);
        // the bridge day
        assertThat(c.isWorking(berlin("2027-05-14T10:00"))).isFalse();
    }

    @Test
    void aFileWithoutCalendarsCountsCalendarTime() {
        SlaPolicySet set = SlaPolicyFiles.loadDefault();
        for (SlaPolicy p : set.policies()) {
            assertThat(p.calendars()).isEmpty();
        }
    }

    @Test
    void everyCalendarProblemIsNamedWithItsPath() {
        assertThatThrownBy(() -> SlaPolicyFiles.load(EXAMPLES.resolve("invalid/calendar-problems.yaml")))
                .isInstanceOf(SlaPolicyException.class)
                .hasMessageContaining("$.calendars.berlin-office.zone: unknown time zone 'Europe/Berln'")
                .hasMessageContaining("$.calendars.berlin-office.hours: intervals mon 09:00-13:00 and mon 12:00-17:00"
                        + " overlap")
                .hasMessageContaining("$.calendars.berlin-office.hours.tue[0]: '09:00-09:00' is empty")
                .hasMessageContaining("$.calendars.berlin-office.holidays[0]: '2026-02-30' is not a date")
                .hasMessageContaining("$.calendars.berlin-office.holidays[1]: '2026-12-31/2026-12-24': the range ends"
                        + " before it starts")
                .hasMessageContaining("$.calendars.berlin-office.changes[0].zone: unknown time zone 'America/Nowhere'")
                .hasMessageContaining("$.calendars.berlin-office.changes[1].effective_from: changes must be in"
                        + " ascending effective_from order")
                .hasMessageContaining("$.calendars.nights.hours: intervals sun 22:00-07:00 and mon 06:00-10:00 overlap")
                .hasMessageContaining("$.policies[0].calendar.id: unknown calendar 'london-office' (calendars:"
                        + " berlin-office, nights)")
                .hasMessageContaining("$.policies[0].calendar.per_metric.resolution: a clock for resolution, which the"
                        + " policy has no target for")
                .hasMessageContaining("$.policies[1].calendar: required property 'id' not found")
                .hasMessageContaining("(11 problems)");
    }

    @Test
    void aCalendarIdInAFileWithoutCalendarsNamesTheMissingSection() {
        String yaml = "version: 1\npolicies:\n  - id: p\n    targets: {first_response: 1h}\n"
                + "    calendar: {type: business_hours, id: office}\n";
        assertThatThrownBy(() -> SlaPolicyFiles.parse("x.yaml", yaml))
                .hasMessageContaining("$.policies[0].calendar.id: unknown calendar 'office' (the file has no calendars"
                        + " section)");
    }

    @Test
    void alertOutsideHoursNeedsABusinessHoursCalendarAndABoolean() {
        String calendars = "version: 1\ncalendars:\n  office: {zone: Europe/Berlin, hours: {mon: [\"09:00-17:00\"]}}\n";
        assertThatThrownBy(() -> SlaPolicyFiles.parse("x.yaml", calendars + "policies:\n  - id: p\n"
                + "    targets: {first_response: 1h}\n    calendar: {type: calendar, alert_outside_hours: true}\n"))
                .hasMessageContaining("$.policies[0].calendar.alert_outside_hours: alert_outside_hours without a"
                        + " business-hours calendar");
        assertThatThrownBy(() -> SlaPolicyFiles.parse("x.yaml", calendars + "policies:\n  - id: p\n"
                + "    targets: {first_response: 1h}\n"
                + "    calendar: {type: business_hours, id: office, alert_outside_hours: \"yes\"}\n"))
                .hasMessageContaining("alert_outside_hours");
        SlaPolicySet perMetric = SlaPolicyFiles.parse("x.yaml", calendars + "policies:\n  - id: p\n"
                + "    targets: {first_response: 1h}\n"
                + "    calendar: {type: calendar, per_metric: {first_response: office}, alert_outside_hours: true}\n");
        assertThat(perMetric.byId("p").alertOutsideHours()).isTrue();
    }
}
