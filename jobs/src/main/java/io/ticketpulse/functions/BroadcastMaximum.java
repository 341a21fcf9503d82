package io.ticketpulse.functions;

import org.apache.flink.api.common.state.BroadcastState;

/**
 * A maximum kept in broadcast state under one key (an input's horizon: the latest time any upstream subtask has
 * seen). Every parallel instance receives the same broadcast values, so all keep the same maximum.
 */
public final class BroadcastMaximum {

    private BroadcastMaximum() {}

    /** Raises the value under {@code key} to {@code candidate} if that is larger (or nothing is there yet). */
    public static void raise(BroadcastState<String, Long> state, String key, long candidate) throws Exception {
        Long current = state.get(key);
        if (current == null || candidate > current) {
            state.put(key, candidate);
        }
    }
}
