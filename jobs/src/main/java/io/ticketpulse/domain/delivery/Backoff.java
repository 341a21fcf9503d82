package io.ticketpulse.domain.delivery;

import java.io.Serializable;
import java.time.Duration;

/**
 * Exponential backoff between retries of a failed delivery: {@code first}, then twice as long each further
 * failure in a row, at most {@code max}. No jitter: each job has one sender per receiver, so there is no herd to
 * spread.
 */
public record Backoff(Duration first, Duration max) implements Serializable {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max: " + first + ", " + max);
        }
    }

    /** The wait before retry number {@code failures} (1 after the first failure). */
    public long delayMs(int failures) {
        long first = this.first.toMillis();
        long max = this.max.toMillis();
        int doublings = Math.max(0, Math.min(failures - 1, 40));
        long delay = first;
        for (int i = 0; i < doublings && delay < max; i++) {
            delay *= 2;
        }
        return Math.min(delay, max);
    }
}
