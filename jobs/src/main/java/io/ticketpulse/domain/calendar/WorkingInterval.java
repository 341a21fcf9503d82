package io.ticketpulse.domain.calendar;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One weekly working interval of a calendar, in local time: it starts on {@code day} at {@code startMinute}
 * (minutes after midnight) and lasts until {@code endMinute}; an end at or before the start crosses midnight (ends
 * the next day), {@code 24:00} is midnight at the end of the day. Written {@code "09:00-17:00"},
 * {@code "22:00-06:00"} (crosses midnight), {@code "00:00-24:00"} (the whole day).
 */
public record WorkingInterval(DayOfWeek day, int startMinute, int endMinute) implements Serializable {

    static final int DAY_MINUTES = 24 * 60;
    static final int WEEK_MINUTES = 7 * DAY_MINUTES;
    private static final Pattern FORMAT = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]|24):([0-5][0-9])");

    public WorkingInterval {
        if (startMinute < 0 || startMinute >= DAY_MINUTES || endMinute < 0 || endMinute > DAY_MINUTES) {
            throw new IllegalArgumentException("interval minutes out of range: " + startMinute + "-" + endMinute);
        }
    }

    /**
     * Parses {@code "HH:MM-HH:MM"}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong
     */
    public static WorkingInterval parse(DayOfWeek day, String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a working interval HH:MM-HH:MM (e.g. 09:00-17:00)");
        }
        int start = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        int end = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
        if (end > DAY_MINUTES) {
            throw new IllegalArgumentException("'" + text + "': the end is after 24:00");
        }
        if (start == end) {
            throw new IllegalArgumentException("'" + text + "' is empty (write 00:00-24:00 for a whole day)");
        }
        return new WorkingInterval(day, start, end);
    }

    /** Whether the interval ends on the next day (an end at or before the start, or at 24:00). */
    public boolean crossesMidnight() {
        return endMinute <= startMinute;
    }

    /** Length in minutes of local time (a DST change makes the real length differ). */
    int lengthMinutes() {
        return crossesMidnight() ? DAY_MINUTES - startMinute + endMinute : endMinute - startMinute;
    }

    /** Start, in minutes from Monday 00:00 local time. */
    int weekStartMinute() {
        return (day.getValue() - 1) * DAY_MINUTES + startMinute;
    }

    LocalTime startTime() {
        return LocalTime.of(startMinute / 60, startMinute % 60);
    }

    /** Local end time (midnight for {@code 24:00}) and whether it is on the next day. */
    LocalTime endTime() {
        return endMinute == DAY_MINUTES ? LocalTime.MIDNIGHT : LocalTime.of(endMinute / 60, endMinute % 60);
    }

    boolean endsNextDay() {
        return endMinute == DAY_MINUTES || crossesMidnight();
    }

    @Override
    public String toString() {
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT) + " "
                + String.format(Locale.ROOT, "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60,
                        endMinute / 60, endMinute % 60);
    }
}
