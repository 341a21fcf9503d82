package io.ticketpulse.domain.ticket;

import io.ticketpulse.domain.sla.SlaMetric;

/**
 * One running SLA metric of a ticket (a resolution cycle or a next-response episode) in the folded ticket model:
 * its clock (wall-clock time since the start minus the time paused), the policy it is measured against (by id;
 * null while no matched policy sets a target for it) and the alert state reached under that policy. Pauses only
 * begin and end at event instants, so between two events the clock either runs at full speed or stands still.
 * A Flink POJO; the alert logic that moves it is {@link TicketReplay}'s.
 */
public class RunningMetric {

    public SlaMetric metric;
    public int cycle;
    public long startMs;
    /** Time paused before the current pause (if any). */
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
        return m;
    }

    boolean isPaused() {
        return pausedSinceMs >= 0;
    }

    void pause(long atMs) {
        if (!isPaused()) {
            pausedSinceMs = atMs;
        }
    }

    void resume(long atMs) {
        if (isPaused()) {
            pausedMs += atMs - pausedSinceMs;
            pausedSinceMs = -1;
        }
    }

    /** Time paused from the start up to {@code atMs} (at or after the last pause change). */
    long pausedAt(long atMs) {
        return pausedMs + (isPaused() ? atMs - pausedSinceMs : 0);
    }

    /** Time counted against the target at {@code atMs} (at or after the last pause change). */
    long elapsedAt(long atMs) {
        return atMs - startMs - pausedAt(atMs);
    }

    /**
     * Whether the counted time has reached {@code elapsedMs} at {@code atMs}. A paused clock standing exactly on
     * it has not: the event that paused it came first, so the state is reached when the clock runs again.
     */
    boolean hasReached(long elapsedMs, long atMs) {
        long now = elapsedAt(atMs);
        return isPaused() ? now > elapsedMs : now >= elapsedMs;
    }

    /**
     * The first instant at or after {@code fromMs} at which {@link #hasReached} holds, assuming no further pause
     * change; {@code Long.MAX_VALUE} when the clock is paused short of it.
     */
    long instantOfElapsed(long elapsedMs, long fromMs) {
        if (hasReached(elapsedMs, fromMs)) {
            return fromMs;
        }
        return isPaused() ? Long.MAX_VALUE : fromMs + (elapsedMs - elapsedAt(fromMs));
    }
}
