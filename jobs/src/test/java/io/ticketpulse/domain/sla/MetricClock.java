package io.ticketpulse.domain.sla;

/**
 * The clock of one metric: wall-clock time since its start, minus the time it was paused. Pauses only begin and
 * end at event instants, so between two events the clock either runs at full speed or stands still.
 */
final class MetricClock {

    private final long startMs;
    private long pausedMs;
    /** Since when the clock stands still, or -1 while it runs. */
    private long pausedSinceMs = -1;

    MetricClock(long startMs) {
        this.startMs = startMs;
    }

    long startMs() {
        return startMs;
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
     * it has not: the event that paused it came first (an event wins a tie with a transition), so the state is
     * reached when the clock runs again.
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
