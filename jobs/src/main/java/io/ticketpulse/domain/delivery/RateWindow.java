package io.ticketpulse.domain.delivery;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * At most {@code limit} sends in any {@code window} (a sliding window looking back from now), as PagerDuty's
 * Events API limits each integration key (about 120 events per minute). Plain Java, single-threaded.
 */
public final class RateWindow {

    private final int limit;
    private final long windowMs;
    private final ArrayDeque<Long> sends = new ArrayDeque<>();

    public RateWindow(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate window needs limit >= 1 and a positive window");
        }
        this.limit = limit;
        this.windowMs = window.toMillis();
    }

    /** The earliest time at or after {@code nowMs} when a send is allowed. */
    public long nextAllowedMs(long nowMs) {
        while (!sends.isEmpty() && sends.peekFirst() <= nowMs - windowMs) {
            sends.pollFirst();
        }
        return sends.size() < limit ? nowMs : sends.peekFirst() + windowMs;
    }

    /** Records a send at {@code nowMs}. */
    public void record(long nowMs) {
        sends.addLast(nowMs);
    }
}
