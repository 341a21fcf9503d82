package io.ticketpulse.domain.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The calendar suite (linked from the README): split days, lunch breaks, cross-midnight shifts, both DST
 * transitions in two zones, holidays on working days, a schedule change mid-ticket, deadlines in gaps, leap day.
 * Every expected value is worked out by hand in the comment next to it; instants are local times of the calendar's
 * zone (2026-03-02 is a Monday).
 */
class BusinessCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final List<DayOfWeek> WEEKDAYS = List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
    static final List<DayOfWeek> EVERY_DAY = List.of(DayOfWeek.values());

    static long at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant().toEpochMilli();
    }

    static long berlin(String local) {
        return at(local, BERLIN);
    }

    static List<WorkingInterval> hours(List<DayOfWeek> days, String... intervals) {
        List<WorkingInterval> out = new ArrayList<>();
        for (DayOfWeek d : days) {
            for (String i : intervals) {
                out.add(WorkingInterval.parse(d, i));
            }
        }
        return out;
    }

    /** Monday to Friday 9–17 in Berlin. */
    static BusinessCalendar nineToFive(Holiday... holidays) {
        return new BusinessCalendar("office", BERLIN, hours(WEEKDAYS, "09:00-17:00"), List.of(holidays));
    }

    @Nested
    class SplitDaysAndLunchBreaks {
        final BusinessCalendar lunch = new BusinessCalendar("lunch", BERLIN,
                hours(WEEKDAYS, "09:00-12:30", "13:30-17:00"), List.of());

        @Test
        void countsOnlyTheWorkingPartsAroundTheLunchBreak() {
            // Mon 10:00-12:30 = 2.5 h, 13:30-15:00 = 1.5 h
            assertThat(lunch.businessMillis(berlin("2026-03-02T10:00"), berlin("2026-03-02T15:00"))).isEqualTo(4 * HOUR);
            // a whole day is 7 h, a whole week 35 h
            assertThat(lunch.businessMillis(berlin("2026-03-02T00:00"), berlin("2026-03-03T00:00"))).isEqualTo(7 * HOUR);
            assertThat(lunch.businessMillis(berlin("2026-03-02T00:00"), berlin("2026-03-09T00:00"))).isEqualTo(35 * HOUR);
            // inside the break: nothing
            assertThat(lunch.businessMillis(berlin("2026-03-02T12:30"), berlin("2026-03-02T13:30"))).isZero();
        }

        @Test
        void aDeadlineCarriesOverTheBreak() {
            // 12:00 + 1 h: 30 min before the break, the other 30 min after it -> 14:00
            assertThat(lunch.instantOf(berlin("2026-03-02T12:00"), HOUR)).isEqualTo(berlin("2026-03-02T14:00"));
            // used up exactly at 12:30 (the break starts): the first working instant reaching it is 13:30
            assertThat(lunch.instantOf(berlin("2026-03-02T12:00"), 30 * MINUTE)).isEqualTo(berlin("2026-03-02T13:30"));
            assertThat(lunch.isWorking(berlin("2026-03-02T12:30"))).isFalse();
            assertThat(lunch.isWorking(berlin("2026-03-02T13:30"))).isTrue();
        }

        @Test
        void aSplitDayOfMorningAndEveningShifts() {
            BusinessCalendar split = new BusinessCalendar("split", BERLIN,
                    hours(List.of(MONDAY), "06:00-10:00", "18:00-22:00"), List.of());
            // Mon 08:00 + 5 h: 2 h to 10:00, 3 h from 18:00 -> 21:00
            assertThat(split.instantOf(berlin("2026-03-02T08:00"), 5 * HOUR)).isEqualTo(berlin("2026-03-02T21:00"));
            // 5 h from Mon 21:00: 1 h that evening, then the next Monday 06:00 + 4 h = 10:00 -> 18:00 (end) -> 18:00
            assertThat(split.instantOf(berlin("2026-03-02T21:00"), 5 * HOUR)).isEqualTo(berlin("2026-03-09T18:00"));
        }
    }

    @Nested
    class CrossMidnightShifts {
        final BusinessCalendar nights = new BusinessCalendar("nights", BERLIN, hours(WEEKDAYS, "22:00-06:00"), List.of());

        @Test
        void aShiftBelongsToTheDayItStartsOn() {
            // Mon 22:00 - Tue 06:00 = 8 h, counted from Mon 21:00 to Tue 07:00
            assertThat(nights.businessMillis(berlin("2026-03-02T21:00"), berlin("2026-03-03T07:00"))).isEqualTo(8 * HOUR);
            // Friday's shift runs into Saturday morning; Sunday has none, so Monday 00:00-06:00 is not working
            assertThat(nights.isWorking(berlin("2026-03-07T05:59"))).isTrue();
            assertThat(nights.isWorking(berlin("2026-03-09T05:00"))).isFalse();
        }

        @Test
        void aDeadlineOverTheWeekend() {
            // Fri 23:00 + 8 h: 7 h to Sat 06:00, then Mon 22:00 + 1 h
            assertThat(nights.instantOf(berlin("2026-03-06T23:00"), 8 * HOUR)).isEqualTo(berlin("2026-03-09T23:00"));
        }

        @Test
        void aSundayShiftRunsIntoMonday() {
            BusinessCalendar sunday = new BusinessCalendar("sun", BERLIN, hours(List.of(SUNDAY), "20:00-02:00"), List.of());
            // Sun 2026-03-08 20:00 - Mon 02:00 = 6 h (wraps the week)
            assertThat(sunday.businessMillis(berlin("2026-03-08T00:00"), berlin("2026-03-09T12:00"))).isEqualTo(6 * HOUR);
            assertThat(sunday.isWorking(berlin("2026-03-09T01:00"))).isTrue();
        }
    }

    @Nested
    class DaylightSavingTransitions {
        final BusinessCalendar berlinNights = new BusinessCalendar("bn", BERLIN, hours(EVERY_DAY, "22:00-06:00"), List.of());
        final BusinessCalendar newYorkDays = new BusinessCalendar("ny", NEW_YORK, hours(EVERY_DAY, "00:00-24:00"), List.of());

        @Test
        void springForwardInBerlinShortensTheNightShift() {
            // Sat 2026-03-28 22:00 CET to Sun 06:00 CEST: 02:00 jumps to 03:00 -> 7 real hours
            assertThat(berlinNights.businessMillis(berlin("2026-03-28T12:00"), berlin("2026-03-29T12:00")))
                    .isEqualTo(7 * HOUR);
            // 7 h from Sat 22:00 is reached at Sun 06:00 (shift end) -> first working instant Sun 22:00
            assertThat(berlinNights.instantOf(berlin("2026-03-28T22:00"), 7 * HOUR)).isEqualTo(berlin("2026-03-29T22:00"));
            // 4 h from Sat 23:00: 00:00, 01:00, [02:00 skipped] 03:00 -> 04:00 CEST
            assertThat(berlinNights.instantOf(berlin("2026-03-28T23:00"), 4 * HOUR)).isEqualTo(berlin("2026-03-29T04:00"));
        }

        @Test
        void fallBackInBerlinLengthensTheNightShift() {
            // Sat 2026-10-24 22:00 CEST to Sun 06:00 CET: 03:00 goes back to 02:00 -> 9 real hours
            assertThat(berlinNights.businessMillis(berlin("2026-10-24T12:00"), berlin("2026-10-25T12:00")))
                    .isEqualTo(9 * HOUR);
        }

        @Test
        void springForwardInNewYorkMakesA23HourDay() {
            // Sun 2026-03-08: 02:00 EST jumps to 03:00 EDT
            assertThat(newYorkDays.businessMillis(at("2026-03-08T00:00", NEW_YORK), at("2026-03-09T00:00", NEW_YORK)))
                    .isEqualTo(23 * HOUR);
            // 01:00 EST + 2 h = 04:00 EDT
            assertThat(newYorkDays.instantOf(at("2026-03-08T01:00", NEW_YORK), 2 * HOUR))
                    .isEqualTo(at("2026-03-08T04:00", NEW_YORK));
        }

        @Test
        void fallBackInNewYorkMakesA25HourDay() {
            // Sun 2026-11-01: 02:00 EDT goes back to 01:00 EST
            assertThat(newYorkDays.businessMillis(at("2026-11-01T00:00", NEW_YORK), at("2026-11-02T00:00", NEW_YORK)))
                    .isEqualTo(25 * HOUR);
        }

        @Test
        void aNineToFiveDayIsEightHoursOnBothTransitionDays() {
            BusinessCalendar ny = new BusinessCalendar("ny9", NEW_YORK, hours(EVERY_DAY, "09:00-17:00"), List.of());
            assertThat(ny.businessMillis(at("2026-03-08T00:00", NEW_YORK), at("2026-03-09T00:00", NEW_YORK)))
                    .isEqualTo(8 * HOUR);
            assertThat(ny.businessMillis(at("2026-11-01T00:00", NEW_YORK), at("2026-11-02T00:00", NEW_YORK)))
                    .isEqualTo(8 * HOUR);
        }
    }

    @Nested
    class Holidays {
        @Test
        void aHolidayOnAWorkingDayIsSkipped() {
            BusinessCalendar c = nineToFive(Holiday.parse("2026-12-25"));
            // Thu 24th 16:00-17:00 = 1 h, Fri 25th holiday, Mon 28th 09:00-10:00 = 1 h
            assertThat(c.businessMillis(berlin("2026-12-24T16:00"), berlin("2026-12-28T10:00"))).isEqualTo(2 * HOUR);
            // a 2 h deadline from Thu 16:00 is Mon 10:00
            assertThat(c.instantOf(berlin("2026-12-24T16:00"), 2 * HOUR)).isEqualTo(berlin("2026-12-28T10:00"));
        }

        @Test
        void aDateRangeSkipsEveryDayOfIt() {
            BusinessCalendar c = nineToFive(Holiday.parse("2026-12-24/2026-12-31"));
            // Wed 23rd 17:00 -> Fri 2027-01-01 09:00: every working day of the range is off
            assertThat(c.businessMillis(berlin("2026-12-23T17:00"), berlin("2027-01-01T09:00"))).isZero();
            assertThat(c.nextWorkingInstant(berlin("2026-12-23T17:00"))).isEqualTo(berlin("2027-01-01T09:00"));
        }

        @Test
        void aYearlyHolidayRecursAndMayWrapTheYearEnd() {
            BusinessCalendar c = nineToFive(Holiday.parse("--12-24"), Holiday.parse("--12-31/--01-01"));
            assertThat(c.isWorking(berlin("2026-12-24T10:00"))).isFalse(); // Thursday
            assertThat(c.isWorking(berlin("2027-12-24T10:00"))).isFalse(); // Friday
            assertThat(c.isWorking(berlin("2027-12-23T10:00"))).isTrue();
            assertThat(c.isWorking(berlin("2026-12-31T10:00"))).isFalse();
            assertThat(c.isWorking(berlin("2027-01-01T10:00"))).isFalse();
        }

        @Test
        void aNightShiftStartingTheEveningBeforeAHolidayRunsInFull() {
            BusinessCalendar c = new BusinessCalendar("n", BERLIN, hours(WEEKDAYS, "22:00-06:00"),
                    List.of(Holiday.parse("2026-12-25")));
            assertThat(c.isWorking(berlin("2026-12-25T05:00"))).isTrue(); // Thursday's shift
            assertThat(c.isWorking(berlin("2026-12-25T23:00"))).isFalse(); // Friday's shift does not run
        }

        @Test
        void malformedHolidaysAreRejectedWithTheText() {
            assertThatThrownBy(() -> Holiday.parse("2026-13-01")).hasMessageContaining("'2026-13-01' is not a date");
            assertThatThrownBy(() -> Holiday.parse("2026-12-31/2026-12-24")).hasMessageContaining("ends before");
            assertThatThrownBy(() -> Holiday.parse("--12-24/2026-12-26")).hasMessageContaining("mixes");
        }
    }

    @Nested
    class ScheduleChanges {
        final long wednesdayNoon = berlin("2026-03-04T12:00");
        final BusinessCalendar changed = new BusinessCalendar("v", List.of(
                new CalendarVersion(Long.MIN_VALUE, BERLIN, hours(WEEKDAYS, "09:00-17:00"), List.of()),
                new CalendarVersion(wednesdayNoon, BERLIN, hours(WEEKDAYS, "08:00-20:00"), List.of())));

        @Test
        void timeCountedBeforeTheChangeStaysCounted() {
            // Tue 16:00-17:00 (1 h, old), Wed 09:00-12:00 (3 h, old), Wed 12:00-20:00 (8 h, new)
            assertThat(changed.businessMillis(berlin("2026-03-03T16:00"), berlin("2026-03-05T00:00")))
                    .isEqualTo(12 * HOUR);
            // Thursday is fully under the new schedule: 12 h
            assertThat(changed.businessMillis(berlin("2026-03-05T00:00"), berlin("2026-03-06T00:00")))
                    .isEqualTo(12 * HOUR);
        }

        @Test
        void aDeadlineRunningOverTheChangeFollowsTheNewSchedule() {
            // Tue 16:00 + 13 h: 1 h Tue, 3 h Wed morning, 8 h Wed 12-20 (= 12 h at 20:00, the end), Thu 08:00 + 1 h
            assertThat(changed.instantOf(berlin("2026-03-03T16:00"), 13 * HOUR)).isEqualTo(berlin("2026-03-05T09:00"));
        }

        @Test
        void aNewZoneFromAnInstant() {
            BusinessCalendar moved = new BusinessCalendar("m", List.of(
                    new CalendarVersion(Long.MIN_VALUE, BERLIN, hours(WEEKDAYS, "09:00-17:00"), List.of()),
                    new CalendarVersion(berlin("2026-03-03T00:00"), NEW_YORK, hours(WEEKDAYS, "09:00-17:00"),
                            List.of())));
            // Tue 2026-03-03 09:00 New York (EST) is 15:00 Berlin (CET)
            assertThat(moved.nextWorkingInstant(berlin("2026-03-03T00:00"))).isEqualTo(berlin("2026-03-03T15:00"));
        }
    }

    @Nested
    class DeadlinesInGaps {
        @Test
        void aBreachDueAfterHoursIsRaisedAtTheNextWorkingInstantPlusTheRemainder() {
            BusinessCalendar c = nineToFive();
            // Fri 15:00 + 3 h would be 18:00 in calendar time: 2 h on Friday, Mon 09:00 + 1 h
            assertThat(c.instantOf(berlin("2026-03-06T15:00"), 3 * HOUR)).isEqualTo(berlin("2026-03-09T10:00"));
            // reached exactly at 17:00 Friday: the first working instant reaching it is Mon 09:00
            assertThat(c.instantOf(berlin("2026-03-06T15:00"), 2 * HOUR)).isEqualTo(berlin("2026-03-09T09:00"));
            // 3 h of working time back from Monday 10:00: Monday 09:00-10:00, then Friday 15:00-17:00
            assertThat(c.instantBefore(berlin("2026-03-09T10:00"), 3 * HOUR)).isEqualTo(berlin("2026-03-06T15:00"));
            // a ticket created on Saturday starts counting on Monday
            assertThat(c.instantOf(berlin("2026-03-07T11:00"), HOUR)).isEqualTo(berlin("2026-03-09T10:00"));
            assertThat(c.businessMillis(berlin("2026-03-07T11:00"), berlin("2026-03-08T23:00"))).isZero();
        }
    }

    @Nested
    class LeapDay {
        @Test
        void theTwentyNinthOfFebruaryIsAWorkingDay() {
            BusinessCalendar c = nineToFive();
            // Mon 2028-02-28 09:00 to Wed 2028-03-01 09:00: Monday and Tuesday the 29th, 8 h each
            assertThat(c.businessMillis(berlin("2028-02-28T09:00"), berlin("2028-03-01T09:00"))).isEqualTo(16 * HOUR);
            // Mon 16:00 + 9 h: 1 h Mon, 8 h Tue 29th (ends 17:00) -> Wed 09:00
            assertThat(c.instantOf(berlin("2028-02-28T16:00"), 9 * HOUR)).isEqualTo(berlin("2028-03-01T09:00"));
        }

        @Test
        void aYearlyLeapDayHolidayOnlyExistsInLeapYears() {
            BusinessCalendar c = nineToFive(Holiday.parse("--02-29"));
            assertThat(c.isWorking(berlin("2028-02-29T10:00"))).isFalse();
            assertThat(c.isWorking(berlin("2028-02-28T10:00"))).isTrue();
            assertThat(c.isWorking(berlin("2027-03-01T10:00"))).isTrue(); // Monday, 2027 has no 29th
        }
    }

    @Nested
    class Validation {
        @Test
        void overlappingIntervalsAreNamed() {
            assertThat(CalendarVersion.problems(hours(List.of(MONDAY), "09:00-13:00", "12:00-17:00")))
                    .containsExactly("intervals mon 09:00-13:00 and mon 12:00-17:00 overlap");
            // a Sunday night shift running into Monday's morning one
            List<WorkingInterval> wrap = List.of(WorkingInterval.parse(SUNDAY, "22:00-07:00"),
                    WorkingInterval.parse(MONDAY, "06:00-10:00"));
            assertThat(CalendarVersion.problems(wrap)).containsExactly("intervals sun 22:00-07:00 and mon 06:00-10:00 overlap");
            assertThat(CalendarVersion.problems(List.of())).containsExactly("no working intervals (a calendar needs at least one)");
            assertThat(CalendarVersion.problems(hours(List.of(SATURDAY), "09:00-12:00", "12:00-13:00"))).isEmpty();
        }

        @Test
        void malformedIntervalsAreRejectedWithTheText() {
            assertThatThrownBy(() -> WorkingInterval.parse(MONDAY, "9-17")).hasMessageContaining("'9-17' is not a working interval");
            assertThatThrownBy(() -> WorkingInterval.parse(MONDAY, "09:00-09:00")).hasMessageContaining("is empty");
            assertThatThrownBy(() -> WorkingInterval.parse(MONDAY, "09:00-24:30")).hasMessageContaining("after 24:00");
            assertThat(WorkingInterval.parse(MONDAY, "00:00-24:00").crossesMidnight()).isFalse();
        }
    }
}
