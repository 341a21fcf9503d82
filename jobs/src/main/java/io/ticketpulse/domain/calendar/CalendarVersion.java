package io.ticketpulse.domain.calendar;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One schedule of a calendar, in force from {@code effectiveFromMs} (the first version: {@code Long.MIN_VALUE})
 * until the next version's: an IANA time zone, weekly working intervals and holidays.
 */
public record CalendarVersion(long effectiveFromMs, ZoneId zone, List<WorkingInterval> hours, List<Holiday> holidays)
        implements Serializable {

    public CalendarVersion {
        hours = List.copyOf(hours);
        holidays = List.copyOf(holidays);
    }

    /**
     * What is wrong with the weekly intervals, one message each: none at all, or two that overlap (also across
     * midnight and from Sunday into Monday).
     */
    public static List<String> problems(List<WorkingInterval> hours) {
        List<String> out = new ArrayList<>();
        if (hours.isEmpty()) {
            out.add("no working intervals (a calendar needs at least one)");
            return out;
        }
        record Span(WorkingInterval source, int start, int end) {}
        List<Span> spans = new ArrayList<>();
        for (WorkingInterval w : hours) {
            int s = w.weekStartMinute();
            int e = s + w.lengthMinutes();
            spans.add(new Span(w, s, e));
            if (e > WorkingInterval.WEEK_MINUTES) {
                spans.add(new Span(w, s - WorkingInterval.WEEK_MINUTES, e - WorkingInterval.WEEK_MINUTES));
            }
        }
        spans.sort(Comparator.comparingInt(Span::start));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            for (int j = i + 1; j < spans.size() && spans.get(j).start() < spans.get(i).end(); j++) {
                WorkingInterval a = spans.get(i).source();
                WorkingInterval b = spans.get(j).source();
                String msg = a == b ? "interval " + a + " overlaps itself"
                        : "intervals " + a + " and " + b + " overlap";
                if (!seen.contains(msg)) {
                    seen.add(msg);
                    out.add(msg);
                }
            }
        }
        return out;
    }
}
