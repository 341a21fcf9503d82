package io.ticketpulse.domain.calendar;

import static io.ticketpulse.domain.calendar.BusinessCalendarTest.BERLIN;
import static io.ticketpulse.domain.calendar.BusinessCalendarTest.EVERY_DAY;
import static io.ticketpulse.domain.calendar.BusinessCalendarTest.NEW_YORK;
import static io.ticketpulse.domain.calendar.BusinessCalendarTest.WEEKDAYS;
import static io.ticketpulse.domain.calendar.BusinessCalendarTest.berlin;
import static io.ticketpulse.domain.calendar.BusinessCalendarTest.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of business elapsed time over generated instants (2026-2028, both DST changes included) and the
 * calendars of the suite (QuickTheories: a failure prints the shrunk input and the seed; replay it with
 * {@code -DQT_SEED=<seed>}). Instants are generated to the second so that interval edges are hit.
 */
class BusinessCalendarPropertiesTest {

    static final List<BusinessCalendar> CALENDARS = List.of(
            new BusinessCalendar("lunch", BERLIN, hours(WEEKDAYS, "09:00-12:30", "13:30-17:00"),
                    List.of(Holiday.parse("--12-24/--12-26"), Holiday.parse("2027-05-03"))),
            new BusinessCalendar("nights", BERLIN, hours(EVERY_DAY, "22:00-06:00"), List.of(Holiday.parse("--02-29"))),
            new BusinessCalendar("ny", NEW_YORK, hours(EVERY_DAY, "00:00-24:00"), List.of()),
            new BusinessCalendar("changed", List.of(
                    new CalendarVersion(Long.MIN_VALUE, BERLIN, hours(WEEKDAYS, "09:00-17:00"), List.of()),
                    new CalendarVersion(berlin("2027-03-03T12:00"), NEW_YORK, hours(WEEKDAYS, "07:30-19:00"),
                            List.of(Holiday.parse("2027-07-05/2027-07-09"))))));

    static final long FROM = berlin("2026-01-01T00:00") / 1000;
    static final long TO = berlin("2028-12-31T00:00") / 1000;
    /** Spans of up to 40 days: a long-lived ticket. */
    static final long SPAN_S = 40L * 86400;

    @Test
    void elapsedTimeIsAdditiveAndMonotoneAndNeverMoreThanWallTime() {
        qt().forAll(integers().between(0, CALENDARS.size() - 1), longs().between(FROM, TO),
                        longs().between(0, SPAN_S), longs().between(0, SPAN_S))
                .checkAssert((c, start, d1, d2) -> {
                    BusinessCalendar cal = CALENDARS.get(c);
                    long[] t = {start * 1000, (start + d1) * 1000, (start + d2) * 1000};
                    Arrays.sort(t);
                    long ab = cal.businessMillis(t[0], t[1]);
                    long bc = cal.businessMillis(t[1], t[2]);
                    long ac = cal.businessMillis(t[0], t[2]);
                    assertThat(ab + bc).isEqualTo(ac);
                    assertThat(ab).isBetween(0L, t[1] - t[0]);
                    assertThat(ac).isGreaterThanOrEqualTo(ab).isLessThanOrEqualTo(t[2] - t[0]);
                });
    }

    @Test
    void instantOfTheElapsedTimeIsTheFirstWorkingInstantReachingIt() {
        qt().forAll(integers().between(0, CALENDARS.size() - 1), longs().between(FROM, TO), longs().between(0, SPAN_S))
                .checkAssert((c, start, d) -> {
                    BusinessCalendar cal = CALENDARS.get(c);
                    long from = start * 1000;
                    long t = (start + d) * 1000;
                    long elapsed = cal.businessMillis(from, t);
                    long r = cal.instantOf(from, elapsed);
                    // reaches it, at a working instant, and no earlier working instant does
                    assertThat(cal.businessMillis(from, r)).isEqualTo(elapsed);
                    assertThat(cal.isWorking(r)).isTrue();
                    assertThat(r).isEqualTo(cal.nextWorkingInstant(t));
                    assertThat(r).isGreaterThanOrEqualTo(t);
                    // between t and r nothing is working (r is t itself, or the start of the next interval)
                    assertThat(cal.businessMillis(t, r)).isZero();
                    if (r > from) {
                        long justBefore = r - 1;
                        assertThat(cal.businessMillis(from, justBefore) < elapsed || !cal.isWorking(justBefore))
                                .isTrue();
                    }
                });
    }

    @Test
    void addingWorkingTimeStepByStepGivesTheSameDeadline() {
        qt().forAll(integers().between(0, CALENDARS.size() - 1), longs().between(FROM, TO),
                        longs().between(1, 200 * 3600), longs().between(1, 200 * 3600))
                .checkAssert((c, start, a, b) -> {
                    BusinessCalendar cal = CALENDARS.get(c);
                    long from = start * 1000;
                    long direct = cal.instantOf(from, (a + b) * 1000);
                    long stepped = cal.instantOf(cal.instantOf(from, a * 1000), b * 1000);
                    assertThat(stepped).isEqualTo(direct);
                    assertThat(cal.businessMillis(from, direct)).isEqualTo((a + b) * 1000);
                });
    }

    @Test
    void goingBackTheElapsedTimeLandsWhereItIsAllCountedAgain() {
        qt().forAll(integers().between(0, CALENDARS.size() - 1), longs().between(FROM, TO), longs().between(1, SPAN_S))
                .checkAssert((c, end, d) -> {
                    BusinessCalendar cal = CALENDARS.get(c);
                    long to = end * 1000;
                    long amount = cal.businessMillis(to - d * 1000, to);
                    long back = cal.instantBefore(to, amount);
                    assertThat(cal.businessMillis(back, to)).isEqualTo(amount);
                    assertThat(back).isGreaterThanOrEqualTo(to - d * 1000);
                    // the latest such instant: one millisecond later counts less (or nothing was needed)
                    if (amount > 0) {
                        assertThat(cal.businessMillis(back + 1, to)).isLessThan(amount);
                    }
                });
    }
}
