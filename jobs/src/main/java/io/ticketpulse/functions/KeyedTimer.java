package io.ticketpulse.functions;

import java.io.IOException;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;

/**
 * One timer per key in one time domain, remembered in keyed state so it can be moved or deleted: setting it again
 * deletes the previous one. Keeps the keyed functions' timer bookkeeping in one place.
 */
final class KeyedTimer {

    private final ValueState<Long> at;
    private final TimeDomain domain;

    KeyedTimer(ValueState<Long> at, TimeDomain domain) {
        this.at = at;
        this.domain = domain;
    }

    /** Moves the timer to {@code timestamp}; null or {@code Long.MAX_VALUE} means no timer. */
    void set(Long timestamp, TimerService timers) throws IOException {
        Long current = at.value();
        Long next = timestamp == null || timestamp == Long.MAX_VALUE ? null : timestamp;
        if (next != null && next.equals(current)) {
            return;
        }
        if (current != null) {
            delete(current, timers);
        }
        if (next == null) {
            at.clear();
        } else {
            register(next, timers);
            at.update(next);
        }
    }

    /** Whether the timer is set for exactly {@code timestamp}. */
    boolean isAt(long timestamp) throws IOException {
        Long current = at.value();
        return current != null && current == timestamp;
    }

    /** Forgets a timer that just fired (it is gone from the timer service already). */
    void fired() {
        at.clear();
    }

    void clear(TimerService timers) throws IOException {
        set(null, timers);
    }

    private void register(long timestamp, TimerService timers) {
        if (domain == TimeDomain.EVENT_TIME) {
            timers.registerEventTimeTimer(timestamp);
        } else {
            timers.registerProcessingTimeTimer(timestamp);
        }
    }

    private void delete(long timestamp, TimerService timers) {
        if (domain == TimeDomain.EVENT_TIME) {
            timers.deleteEventTimeTimer(timestamp);
        } else {
            timers.deleteProcessingTimeTimer(timestamp);
        }
    }
}
