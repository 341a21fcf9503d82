package io.ticketpulse.domain.calendar;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A business-hours calendar: dated versions (a schedule change applies from its effective instant; time counted
 * before it stays counted), each an IANA time zone, weekly working intervals and holidays. Working time is the union
 * of the half-open instants {@code [start, end)} of the intervals, where each local start and end is turned into
 * an instant by the version's zone rules (a local time in a DST gap moves forward by the gap, one in an overlap
 * takes the earlier offset), so a 9–17 day is 8 real hours except when a DST change falls inside it.
 *
 * <p>The two operations of the SLA clock: {@link #businessMillis} (working milliseconds between two instants) and
 * {@link #instantOf} (the first working instant at which a given amount of working time has elapsed). The working
 * intervals are computed once per week of epoch time and cached (a few intervals per week, binary search and
 * prefix sums), so both cost a map lookup and a few comparisons per week spanned.
 */
public final class BusinessCalendar implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long WEEK_MS = 7L * 24 * 3600 * 1000;
    /** {@link #instantOf} gives up after this many weeks without enough working time (100 years). */
    private static final int MAX_SCAN_WEEKS = 5218;
    private static final int MAX_CACHED_WEEKS = 4096;
    /** Instants this far from the epoch (about year 5138) or farther are never working (no overflow). */
    private static final long LIMIT_MS = 100_000_000_000_000L;

    private final String id;
    private final List<CalendarVersion> versions;
    private transient volatile Map<Long, Week> weeks;

    /**
     * @param versions ascending effective instants; the first one's is ignored (it applies from the beginning)
     */
    public BusinessCalendar(String id, List<CalendarVersion> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("calendar '" + id + "' has no version");
        }
        for (int i = 1; i < versions.size(); i++) {
            if (versions.get(i).effectiveFromMs() <= versions.get(i - 1).effectiveFromMs()) {
                throw new IllegalArgumentException("calendar '" + id + "': versions must have ascending effective"
                        + " instants");
            }
        }
        for (CalendarVersion v : versions) {
            List<String> problems = CalendarVersion.problems(v.hours());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("calendar '" + id + "': " + String.join("; ", problems));
            }
        }
        this.id = id;
        this.versions = List.copyOf(versions);
    }

    /** A calendar with one version. */
    public BusinessCalendar(String id, ZoneId zone, List<WorkingInterval> hours, List<Holiday> holidays) {
        this(id, List.of(new CalendarVersion(Long.MIN_VALUE, zone, hours, holidays)));
    }

    public String id() {
        return id;
    }

    public List<CalendarVersion> versions() {
        return versions;
    }

    /** Working milliseconds in {@code [fromMs, toMs)}; 0 when {@code toMs <= fromMs}. */
    public long businessMillis(long fromMs, long toMs) {
        fromMs = Math.max(fromMs, -LIMIT_MS);
        toMs = Math.min(toMs, LIMIT_MS);
        if (toMs <= fromMs) {
            return 0;
        }
        long total = 0;
        long last = Math.floorDiv(toMs - 1, WEEK_MS);
        for (long w = Math.floorDiv(fromMs, WEEK_MS); w <= last; w++) {
            Week week = week(w);
            total += week.workedBefore(toMs) - week.workedBefore(fromMs);
        }
        return total;
    }

    /**
     * The first working instant {@code t >= fromMs} with {@code businessMillis(fromMs, t) >= businessMs}: where a
     * deadline {@code businessMs} of working time after {@code fromMs} falls. When the amount is used up exactly at
     * the end of a working interval, that is the start of the next one (the first working instant at which it is
     * reached; e.g. 8 h from Friday 9:00 under 9–17 is Monday 9:00). {@code Long.MAX_VALUE} if none within 100
     * years.
     */
    public long instantOf(long fromMs, long businessMs) {
        if (businessMs < 0) {
            throw new IllegalArgumentException("negative business time " + businessMs);
        }
        if (fromMs >= LIMIT_MS || fromMs <= -LIMIT_MS) {
            return Long.MAX_VALUE;
        }
        long remaining = businessMs;
        long w0 = Math.floorDiv(fromMs, WEEK_MS);
        for (long w = w0; w < w0 + MAX_SCAN_WEEKS; w++) {
            Week week = week(w);
            if (w > w0 && remaining >= week.total) {
                remaining -= week.total;
                continue;
            }
            for (int i = week.firstEndingAfter(fromMs); i < week.starts.length; i++) {
                long s = Math.max(week.starts[i], fromMs);
                long available = week.ends[i] - s;
                if (remaining < available) {
                    return s + remaining;
                }
                remaining -= available;
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * The latest instant {@code t <= toMs} with {@code businessMillis(t, toMs) >= businessMs}: {@code businessMs} of
     * working time back from {@code toMs} (where a deadline passed that much working time ago).
     * {@code Long.MIN_VALUE} if none within 100 years.
     */
    public long instantBefore(long toMs, long businessMs) {
        if (businessMs < 0) {
            throw new IllegalArgumentException("negative business time " + businessMs);
        }
        if (businessMs == 0) {
            return toMs;
        }
        if (toMs >= LIMIT_MS || toMs <= -LIMIT_MS) {
            return Long.MIN_VALUE;
        }
        long remaining = businessMs;
        long w0 = Math.floorDiv(toMs - 1, WEEK_MS);
        for (long w = w0; w > w0 - MAX_SCAN_WEEKS; w--) {
            Week week = week(w);
            if (w < w0 && remaining > week.total) {
                remaining -= week.total;
                continue;
            }
            for (int i = week.starts.length - 1; i >= 0; i--) {
                if (week.starts[i] >= toMs) {
                    continue;
                }
                long e = Math.min(week.ends[i], toMs);
                long available = e - week.starts[i];
                if (remaining <= available) {
                    return e - remaining;
                }
                remaining -= available;
            }
        }
        return Long.MIN_VALUE;
    }

    /** The first working instant at or after {@code atMs} ({@code Long.MAX_VALUE} if none within 100 years). */
    public long nextWorkingInstant(long atMs) {
        return instantOf(atMs, 0);
    }

    /** Whether {@code atMs} is a working instant. */
    public boolean isWorking(long atMs) {
        if (atMs >= LIMIT_MS || atMs <= -LIMIT_MS) {
            return false;
        }
        Week week = week(Math.floorDiv(atMs, WEEK_MS));
        int i = week.firstEndingAfter(atMs);
        return i < week.starts.length && week.starts[i] <= atMs;
    }

    // ---- the cached weeks ------------------------------------------------------------------------------------------

    private Week week(long index) {
        Map<Long, Week> cache = weeks;
        if (cache == null) {
            cache = new ConcurrentHashMap<>();
            weeks = cache;
        }
        Week w = cache.get(index);
        if (w == null) {
            if (cache.size() >= MAX_CACHED_WEEKS) {
                cache.clear();
            }
            w = build(index * WEEK_MS, index * WEEK_MS + WEEK_MS);
            cache.put(index, w);
        }
        return w;
    }

    /** The working intervals within {@code [fromMs, toMs)}, sorted and merged. */
    private Week build(long fromMs, long toMs) {
        List<long[]> spans = new ArrayList<>();
        for (int v = 0; v < versions.size(); v++) {
            CalendarVersion version = versions.get(v);
            long lo = Math.max(fromMs, v == 0 ? Long.MIN_VALUE : version.effectiveFromMs());
            long hi = Math.min(toMs, v + 1 < versions.size() ? versions.get(v + 1).effectiveFromMs() : Long.MAX_VALUE);
            if (lo >= hi) {
                continue;
            }
            ZoneId zone = version.zone();
            LocalDate first = Instant.ofEpochMilli(lo).atZone(zone).toLocalDate().minusDays(1);
            LocalDate last = Instant.ofEpochMilli(hi - 1).atZone(zone).toLocalDate();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (isHoliday(version, d)) {
                    continue;
                }
                for (WorkingInterval wi : version.hours()) {
                    if (wi.day() != d.getDayOfWeek()) {
                        continue;
                    }
                    long s = ZonedDateTime.of(d, wi.startTime(), zone).toInstant().toEpochMilli();
                    LocalDate endDate = wi.endsNextDay() ? d.plusDays(1) : d;
                    long e = ZonedDateTime.of(endDate, wi.endTime(), zone).toInstant().toEpochMilli();
                    s = Math.max(s, lo);
                    e = Math.min(e, hi);
                    if (s < e) {
                        spans.add(new long[] {s, e});
                    }
                }
            }
        }
        spans.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] s : spans) {
            long[] prev = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (prev != null && s[0] <= prev[1]) {
                prev[1] = Math.max(prev[1], s[1]);
            } else {
                merged.add(s.clone());
            }
        }
        return new Week(merged);
    }

    private static boolean isHoliday(CalendarVersion version, LocalDate date) {
        for (Holiday h : version.holidays()) {
            if (h.covers(date)) {
                return true;
            }
        }
        return false;
    }

    /** One week's working intervals: sorted, disjoint, with the working time before each. */
    private static final class Week {
        final long[] starts;
        final long[] ends;
        final long[] before;
        final long total;

        Week(List<long[]> spans) {
            starts = new long[spans.size()];
            ends = new long[spans.size()];
            before = new long[spans.size()];
            long sum = 0;
            for (int i = 0; i < spans.size(); i++) {
                starts[i] = spans.get(i)[0];
                ends[i] = spans.get(i)[1];
                before[i] = sum;
                sum += ends[i] - starts[i];
            }
            total = sum;
        }

        /** Index of the first interval ending after {@code t} (the length when none). */
        int firstEndingAfter(long t) {
            int i = Arrays.binarySearch(ends, t);
            return i >= 0 ? i + 1 : -i - 1;
        }

        /** Working time of the week before {@code t}. */
        long workedBefore(long t) {
            int i = firstEndingAfter(t);
            if (i >= starts.length) {
                return total;
            }
            return before[i] + Math.max(0, t - starts[i]);
        }
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + id + ", " + versions.size() + " version(s)]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendar c && c.id.equals(id) && c.versions.equals(versions);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + versions.hashCode();
    }
}
