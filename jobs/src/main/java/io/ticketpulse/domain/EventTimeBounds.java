package io.ticketpulse.domain;

import io.ticketpulse.schema.DeadLetter.ReasonCode;
import io.ticketpulse.schema.Timestamps;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The plausibility window of event time: a valid event whose {@code occurred_at} is more than {@link
 * #maxFutureSkew()} ahead of the wall clock is a {@link ReasonCode#FUTURE_EVENT}; one before the optional lower
 * bound ({@link #minEventTime()}, or the wall clock minus {@link #maxEventAge()}) is a {@link
 * ReasonCode#TOO_OLD_EVENT}. Such events are dead-lettered before they get a timestamp, so they never move a
 * watermark. Replays of history pass with the defaults (only the upper bound is on).
 *
 * <p>The wall clock is injected ({@link Clock#systemUTC()} in the job, a fixed clock in tests). Immutable and
 * serializable (the system and fixed clocks are).
 */
public final class EventTimeBounds implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default of {@code --max-future-skew}. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    private final Clock wallClock;
    private final Duration maxFutureSkew;
    private final Instant minEventTime;
    private final Duration maxEventAge;

    /**
     * @param wallClock the wall clock the window is relative to
     * @param maxFutureSkew how far ahead of the wall clock an event may be (not negative)
     * @param minEventTime the earliest accepted event time, or null for none
     * @param maxEventAge the greatest accepted age relative to the wall clock, or null for none
     */
    public EventTimeBounds(Clock wallClock, Duration maxFutureSkew, Instant minEventTime, Duration maxEventAge) {
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative, got " + maxFutureSkew);
        }
        if (maxEventAge != null && (maxEventAge.isNegative() || maxEventAge.isZero())) {
            throw new IllegalArgumentException("maxEventAge must be positive, got " + maxEventAge);
        }
        this.minEventTime = minEventTime;
        this.maxEventAge = maxEventAge;
    }

    /** The defaults: the system clock, 5 minutes of future skew, no lower bound. */
    public static EventTimeBounds defaults() {
        return new EventTimeBounds(Clock.systemUTC(), DEFAULT_MAX_FUTURE_SKEW, null, null);
    }

    public Clock wallClock() {
        return wallClock;
    }

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    /** The fixed lower bound, or null. */
    public Instant minEventTime() {
        return minEventTime;
    }

    /** The lower bound relative to the wall clock, or null. */
    public Duration maxEventAge() {
        return maxEventAge;
    }

    /** A copy with another wall clock. */
    public EventTimeBounds withWallClock(Clock clock) {
        return new EventTimeBounds(clock, maxFutureSkew, minEventTime, maxEventAge);
    }

    /**
     * Checks one event time against the window at the wall clock's current instant.
     *
     * @return null if {@code occurredAtMs} is inside the window, else the violation (reason code and reason)
     */
    public Violation check(long occurredAtMs) {
        long now = wallClock.millis();
        long latest = saturatedAdd(now, maxFutureSkew.toMillis());
        if (occurredAtMs > latest) {
            return new Violation(ReasonCode.FUTURE_EVENT, "occurred_at " + Timestamps.format(occurredAtMs)
                    + " is more than the max future skew (" + maxFutureSkew + ") ahead of the wall clock ("
                    + Timestamps.format(now) + ")");
        }
        if (minEventTime != null && occurredAtMs < minEventTime.toEpochMilli()) {
            return new Violation(ReasonCode.TOO_OLD_EVENT, "occurred_at " + Timestamps.format(occurredAtMs)
                    + " is before the min event time " + Timestamps.format(minEventTime.toEpochMilli()));
        }
        if (maxEventAge != null && occurredAtMs < now - maxEventAge.toMillis()) {
            return new Violation(ReasonCode.TOO_OLD_EVENT, "occurred_at " + Timestamps.format(occurredAtMs)
                    + " is more than the max event age (" + maxEventAge + ") behind the wall clock ("
                    + Timestamps.format(now) + ")");
        }
        return null;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public String toString() {
        return "EventTimeBounds{maxFutureSkew=" + maxFutureSkew + ", minEventTime=" + minEventTime
                + ", maxEventAge=" + maxEventAge + ", wallClock=" + wallClock + '}';
    }

    /** Why an event time is outside the window. */
    public record Violation(ReasonCode reasonCode, String reason) {}
}
