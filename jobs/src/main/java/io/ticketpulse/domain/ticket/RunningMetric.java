package io.ticketpulse.domain.ticket;

import io.ticketpulse.domain.calendar.BusinessCalendar;
import io.ticketpulse.domain.sla.SlaMetric;

/**
 * One running SLA metric of a ticket (a resolution cycle or a next-response episode) in the folded ticket model:
 * its clock (time since the start minus the time paused), the policy it is measured against (by id; null while no
 * matched policy sets a target for it) and the alert state reached under that policy. Pauses only begin and end at
 * event instants, so between two events the clock either runs or stands still.
 *
 * <p>The clock counts wall-clock time, or the working time of the metric's business-hours calendar
 * ({@link #calendarId}; the methods take the {@link BusinessCalendar} itself, null for calendar time). Under a
 * calendar the clock keeps what it counted up to its last change ({@link #countedMs} at {@link #countedAtMs}: a
 * pause, a resume, a change of calendar), so time already counted stays counted when the calendar changes. A
 * state is reached only at a working instant of the calendar.
 *
 * <p>A Flink POJO; the alert logic that moves it is {@link TicketReplay}'s.
 */
public class RunningMetric {

    /** {@link #countedAtMs} of a clock that never had a calendar: it counts wall time from the start. */
    static final long FROM_START = Long.MIN_VALUE;

    public SlaMetric metric;
    public int cycle;
    public long startMs;
    /** Wall-clock time paused before the current pause (if any). */
    public long pausedMs;
    /** Since when the clock stands still, or -1 while it runs. */
    public long pausedSinceMs = -1;
    /** The policy the metric is measured against, or null (untracked). */
    public String policyId;
    /** Index of the current firing level under the policy; -1 while nothing fired under it. */
    public int level = -1;
    public Long breachedAtMs;
    /**
     * The priority under which the metric counts as about to breach (an IMMINENT +1 fact was derived for it), or
     * null while it does not count.
     */
    public String imminentPriority;
    /** The business-hours calendar the clock counts, or null for calendar time. */
    public String calendarId;
    /** Time counted up to {@link #countedAtMs} (unused while that is {@link #FROM_START}). */
    public long countedMs;
    /** The last change of a clock that has had a calendar, or {@link #FROM_START}. */
    public long countedAtMs = FROM_START;
    /**
     * Whether the clock counts wall time from {@link #countedAtMs} on although it has a calendar: set at the breach
     * of a policy with {@code alert_outside_hours} ({@link #countOverrunInWallTime}), so its escalation tiers are
     * reached outside working hours too; cleared when the metric is re-targeted.
     */
    public boolean overrunInWallTime;
    /**
     * The policies ({@code policy_id@version}) the metric was measured against before its current one, one entry
     * per re-targeting away from one, in order (null: none): a metric re-targeted back to a policy it had starts
     * a new episode under it, with its own {@code dedup_key} ({@link #episode}).
     */
    public String[] earlierPolicies;

    public RunningMetric() {}

    RunningMetric(SlaMetric metric, int cycle, long startMs) {
        this.metric = metric;
        this.cycle = cycle;
        this.startMs = startMs;
    }

    RunningMetric copy() {
        RunningMetric m = new RunningMetric(metric, cycle, startMs);
        m.pausedMs = pausedMs;
        m.pausedSinceMs = pausedSinceMs;
        m.policyId = policyId;
        m.level = level;
        m.breachedAtMs = breachedAtMs;
        m.imminentPriority = imminentPriority;
        m.calendarId = calendarId;
        m.countedMs = countedMs;
        m.countedAtMs = countedAtMs;
        m.overrunInWallTime = overrunInWallTime;
        m.earlierPolicies = earlierPolicies; // never changed in place
        return m;
    }

    /** Remembers that the metric leaves {@code policyKey} ({@code policy_id@version}) for another policy or none. */
    void leave(String policyKey) {
        int n = earlierPolicies == null ? 0 : earlierPolicies.length;
        String[] left = new String[n + 1];
        if (n > 0) {
            System.arraycopy(earlierPolicies, 0, left, 0, n);
        }
        left[n] = policyKey;
        earlierPolicies = left;
    }

    /** Which episode under {@code policyKey} the current one is: 1, or 2 and up after re-targetings back to it. */
    int episode(String policyKey) {
        int episode = 1;
        if (earlierPolicies != null) {
            for (String p : earlierPolicies) {
                if (p.equals(policyKey)) {
                    episode++;
                }
            }
        }
        return episode;
    }

    /** The calendar the clock counts in now: none (wall time) once the overrun counts in wall time. */
    private BusinessCalendar now(BusinessCalendar calendar) {
        return overrunInWallTime ? null : calendar;
    }

    /**
     * From {@code atMs} on (the breach instant) the clock counts wall time, keeping what it counted in
     * {@code calendar} up to then (pauses still stop it).
     */
    void countOverrunInWallTime(long atMs, BusinessCalendar calendar) {
        if (overrunInWallTime || calendar == null) {
            return;
        }
        countedMs = elapsedAt(atMs, calendar);
        countedAtMs = atMs;
        overrunInWallTime = true;
    }

    /** Back to counting in the calendar from {@code atMs} on (a re-targeting), keeping what was counted. */
    void endOverrunInWallTime(long atMs, BusinessCalendar calendar) {
        if (overrunInWallTime) {
            countedMs = elapsedAt(atMs, calendar);
            countedAtMs = atMs;
            overrunInWallTime = false;
        }
    }

    boolean isPaused() {
        return pausedSinceMs >= 0;
    }

    void pause(long atMs, BusinessCalendar calendar) {
        calendar = now(calendar);
        if (!isPaused()) {
            if (countedAtMs != FROM_START) {
                countedMs += counted(calendar, countedAtMs, atMs);
                countedAtMs = atMs;
            }
            pausedSinceMs = atMs;
        }
    }

    void resume(long atMs) {
        if (isPaused()) {
            pausedMs += atMs - pausedSinceMs;
            pausedSinceMs = -1;
            if (countedAtMs != FROM_START) {
                countedAtMs = atMs;
            }
        }
    }

    /**
     * The clock counts under {@code next} from {@code atMs} on (at or after the last pause change), keeping what it
     * counted under {@code previous} up to then.
     */
    void changeCalendar(long atMs, BusinessCalendar previous, BusinessCalendar next) {
        String nextId = next == null ? null : next.id();
        if (java.util.Objects.equals(calendarId, nextId) && (next == null || countedAtMs != FROM_START)) {
            return;
        }
        countedMs = elapsedAt(atMs, previous);
        countedAtMs = atMs;
        calendarId = nextId;
    }

    /** Wall-clock time paused from the start up to {@code atMs} (at or after the last pause change). */
    long pausedAt(long atMs) {
        return pausedMs + (isPaused() ? atMs - pausedSinceMs : 0);
    }

    /** Wall-clock time since the start, pauses excluded ("calendar elapsed"), at {@code atMs}. */
    long calendarElapsedAt(long atMs) {
        return atMs - startMs - pausedAt(atMs);
    }

    /** Time counted against the target at {@code atMs} (at or after the last pause change). */
    long elapsedAt(long atMs, BusinessCalendar calendar) {
        calendar = now(calendar);
        if (countedAtMs == FROM_START) {
            return calendarElapsedAt(atMs);
        }
        return countedMs + (isPaused() ? 0 : counted(calendar, countedAtMs, atMs));
    }

    private static long counted(BusinessCalendar calendar, long fromMs, long toMs) {
        return calendar == null ? Math.max(0, toMs - fromMs) : calendar.businessMillis(fromMs, toMs);
    }

    /** Whether the counted time is at {@code elapsedMs} or past it (a paused clock standing exactly on it: not). */
    private boolean counts(long elapsedMs, long atMs, BusinessCalendar calendar) {
        long now = elapsedAt(atMs, calendar);
        return isPaused() ? now > elapsedMs : now >= elapsedMs;
    }

    /**
     * Whether the counted time has reached {@code elapsedMs} at {@code atMs}. A paused clock standing exactly on
     * it has not: the event that paused it came first, so the state is reached when the clock runs again. Under a
     * calendar only a working instant reaches anything.
     */
    boolean hasReached(long elapsedMs, long atMs, BusinessCalendar calendar) {
        calendar = now(calendar);
        return counts(elapsedMs, atMs, calendar) && (calendar == null || calendar.isWorking(atMs));
    }

    /**
     * The first instant at or after {@code fromMs} at which {@link #hasReached} holds, assuming no further pause
     * change; {@code Long.MAX_VALUE} when the clock is paused short of it.
     */
    long instantOfElapsed(long elapsedMs, long fromMs, BusinessCalendar calendar) {
        calendar = now(calendar);
        if (counts(elapsedMs, fromMs, calendar)) {
            return calendar == null ? fromMs : calendar.nextWorkingInstant(fromMs);
        }
        if (isPaused()) {
            return Long.MAX_VALUE;
        }
        long missing = elapsedMs - elapsedAt(fromMs, calendar);
        return calendar == null ? fromMs + missing : calendar.instantOf(fromMs, missing);
    }

    /**
     * The deadline: where the target is reached if the clock runs on from {@code atMs} (start + target + paused
     * time in calendar time). Under a calendar: the first working instant at which the target is reached; past the
     * target, the latest instant that much working time before the last pause change (before {@code atMs} while
     * paused), which in calendar time is again start + target + paused time.
     */
    long deadlineAt(long targetMs, long atMs, BusinessCalendar calendar) {
        calendar = now(calendar);
        if (countedAtMs == FROM_START) {
            return startMs + targetMs + pausedAt(atMs);
        }
        long from = isPaused() ? atMs : countedAtMs;
        long counted = isPaused() ? elapsedAt(atMs, calendar) : countedMs;
        if (counted <= targetMs) {
            return calendar == null ? from + targetMs - counted : calendar.instantOf(from, targetMs - counted);
        }
        return calendar == null ? from - (counted - targetMs) : calendar.instantBefore(from, counted - targetMs);
    }
}
