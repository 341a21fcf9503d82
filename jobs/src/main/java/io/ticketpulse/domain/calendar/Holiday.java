package io.ticketpulse.domain.calendar;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;

/**
 * Days without working intervals: one date or a range of dates (both ends included), optionally every year.
 * Written in ISO 8601: {@code "2026-12-25"}, {@code "2026-12-24/2026-12-26"}, yearly {@code "--12-25"} or
 * {@code "--12-24/--12-26"} (a yearly range may wrap the year end: {@code "--12-31/--01-01"}). A working interval
 * belongs to the date on which it starts: a shift starting the evening before a holiday runs in full, one starting
 * on the holiday does not run.
 */
public record Holiday(LocalDate from, LocalDate to, MonthDay yearlyFrom, MonthDay yearlyTo) implements Serializable {

    public static Holiday dates(LocalDate from, LocalDate to) {
        return new Holiday(from, to, null, null);
    }

    public static Holiday yearly(MonthDay from, MonthDay to) {
        return new Holiday(null, null, from, to);
    }

    /**
     * Parses one holiday entry.
     *
     * @throws IllegalArgumentException naming the text and what is wrong
     */
    public static Holiday parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not a date, a date range or a yearly day");
        }
        String a = parts[0];
        String b = parts.length == 2 ? parts[1] : parts[0];
        try {
            if (a.startsWith("--") && b.startsWith("--")) {
                return yearly(MonthDay.parse(a), MonthDay.parse(b));
            }
            if (!a.startsWith("--") && !b.startsWith("--")) {
                LocalDate from = LocalDate.parse(a);
                LocalDate to = LocalDate.parse(b);
                if (to.isBefore(from)) {
                    throw new IllegalArgumentException("'" + text + "': the range ends before it starts");
                }
                return dates(from, to);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (YYYY-MM-DD), a date range"
                    + " (YYYY-MM-DD/YYYY-MM-DD) or a yearly day (--MM-DD, --MM-DD/--MM-DD)");
        }
        throw new IllegalArgumentException("'" + text + "' mixes a yearly day and a dated day");
    }

    public boolean covers(LocalDate date) {
        if (from != null) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
        MonthDay d = MonthDay.from(date);
        if (!yearlyTo.isBefore(yearlyFrom)) {
            return !d.isBefore(yearlyFrom) && !d.isAfter(yearlyTo);
        }
        return !d.isBefore(yearlyFrom) || !d.isAfter(yearlyTo); // wraps the year end
    }
}
