package io.ticketpulse.schema;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps of the wire contracts: written in UTC with milliseconds, read with any RFC 3339 offset.
 *
 * <p>Reading ({@link #parse}) accepts exactly RFC 3339's {@code date-time} with an upper-case {@code T} and
 * {@code Z}: {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm|-hh:mm)}, every offset RFC 3339 allows ({@code
 * -23:59} to {@code +23:59}, including {@code -00:00}, "UTC, local offset unknown"; {@code java.time} alone stops at
 * ±18:00). Sub-millisecond digits are truncated.
 *
 * <p>Leap seconds: a second of {@code 60} (which RFC 3339 allows, e.g. {@code 2016-12-31T23:59:60Z}) is accepted
 * without consulting a leap-second table and read as the last millisecond of its minute ({@code :59.999}; its
 * fraction is dropped), so it sorts after every other instant of that minute and before the next minute.
 *
 * <p>Event times ({@code occurred_at}) are further bounded to {@link #MIN_EVENT_TIME_MS} (inclusive) ..
 * {@link #MAX_EVENT_TIME_MS} (exclusive), years 1970 to 2999: everything the job derives from an event time
 * (window ends, SLA deadlines, retention; every duration is capped at 100 years) then stays a four-digit year,
 * so everything written round-trips through the schemas ({@link #format} would write {@code +10000-…} beyond
 * 9999).
 */
public final class Timestamps {

    /** The earliest accepted event time: 1970-01-01T00:00:00Z. */
    public static final long MIN_EVENT_TIME_MS = 0L;
    /** The first instant after the accepted event times: 3000-01-01T00:00:00Z. */
    public static final long MAX_EVENT_TIME_MS = Instant.parse("3000-01-01T00:00:00Z").toEpochMilli();

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** {@code 2026-11-22T10:00:00.000Z}. */
    public static String format(long epochMs) {
        return OUT.format(Instant.ofEpochMilli(epochMs));
    }

    /** True if {@code epochMs} is an accepted event time (years 1970 to 2999 in UTC). */
    public static boolean isEventTime(long epochMs) {
        return epochMs >= MIN_EVENT_TIME_MS && epochMs < MAX_EVENT_TIME_MS;
    }

    /** True if {@code text} is an RFC 3339 date-time as {@link #parse} reads it. Never throws. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * Parses an RFC 3339 timestamp with a mandatory offset ({@code Z} or {@code ±hh:mm}) into epoch ms.
     *
     * @throws DateTimeParseException if it is not one (wrong form, impossible date or time)
     */
    public static long parse(String text) {
        if (text == null) {
            throw new DateTimeParseException("no timestamp", "", 0);
        }
        int n = text.length();
        // yyyy-MM-ddTHH:mm:ss = 19 characters, then fraction and offset
        if (n < 20 || !digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 2) || text.charAt(7) != '-'
                || !digits(text, 8, 2) || text.charAt(10) != 'T' || !digits(text, 11, 2) || text.charAt(13) != ':'
                || !digits(text, 14, 2) || text.charAt(16) != ':' || !digits(text, 17, 2)) {
            throw bad(text, "not yyyy-MM-ddTHH:mm:ss with an offset", 0);
        }
        int pos = 19;
        int millis = 0;
        if (text.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < n && isDigit(text.charAt(pos))) {
                pos++;
            }
            int digits = pos - start;
            if (digits == 0 || digits > 9) {
                throw bad(text, "a fraction of a second needs 1 to 9 digits", start);
            }
            for (int i = 0; i < 3; i++) {
                millis = millis * 10 + (i < digits ? text.charAt(start + i) - '0' : 0);
            }
        }
        int offsetSeconds;
        if (pos == n - 1 && text.charAt(pos) == 'Z') {
            offsetSeconds = 0;
        } else if (pos == n - 6 && (text.charAt(pos) == '+' || text.charAt(pos) == '-') && digits(text, pos + 1, 2)
                && text.charAt(pos + 3) == ':' && digits(text, pos + 4, 2)) {
            int oh = number(text, pos + 1, 2);
            int om = number(text, pos + 4, 2);
            if (oh > 23 || om > 59) {
                throw bad(text, "offset out of range (RFC 3339: -23:59 to +23:59)", pos);
            }
            offsetSeconds = (text.charAt(pos) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            throw bad(text, "needs an offset: Z, +hh:mm or -hh:mm", pos);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (hour > 23 || minute > 59 || second > 60) {
            throw bad(text, "time of day out of range", 11);
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw bad(text, e.getMessage(), 0);
        }
        if (second == 60) { // a leap second: the last millisecond of its minute
            second = 59;
            millis = 999;
        }
        long localSeconds = date.toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
        return (localSeconds - offsetSeconds) * 1000L + millis;
    }

    private static DateTimeParseException bad(String text, String why, int index) {
        return new DateTimeParseException("Text '" + text + "' is not an RFC 3339 date-time: " + why, text, index);
    }

    private static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
