package io.ticketpulse.io.delivery;

import io.ticketpulse.schema.SlaAlert;
import java.net.URI;
import java.util.List;

/**
 * One receiver's delivery logic inside {@link AlertDeliveryOperator}: what to send next and how to read the
 * answer. Called from the task thread only; {@code E} is the Flink POJO of its checkpointed state.
 */
interface DeliveryChannel<E> {

    /** What {@link #apply} did with a committed record. */
    enum Applied {
        TRACKED,
        /** A new alert while the channel is full: not delivered (counted and logged). */
        DROPPED,
        /** Nothing for this receiver to hear (e.g. a resolve of an alert it was never sent). */
        IGNORED
    }

    /** How an answer counts. */
    enum Outcome {
        /** Taken: done. */
        DELIVERED,
        /** Refused as invalid: sending again would not change it; done, counted and logged. */
        REJECTED,
        /** Rate-limited: retry after the throttle backoff. */
        THROTTLED,
        /** Failed (receiver down, 5xx, timeout): retry after the failure backoff. */
        FAILED
    }

    /** One request: what it carries ({@code token}, for {@link #done}), where to and the JSON body. */
    record Request(Object token, URI uri, String json, int alerts) {}

    /** The receiver's name for metrics and log lines, e.g. {@code Alertmanager}. */
    String receiver();

    void restore(Iterable<E> snapshot);

    List<E> snapshot();

    Applied apply(SlaAlert committed);

    /** The next request to send at {@code nowMs}, or null when there is none now (see {@link #nextWakeUpMs}). */
    Request next(long nowMs);

    /** When a request may become due without a new record (re-send, rate window); {@code Long.MAX_VALUE}: never. */
    long nextWakeUpMs(long nowMs);

    /** State changes the receiver has not acknowledged yet. */
    int pending();

    /** Alerts tracked. */
    int tracked();

    /** How {@code result} counts for {@code request}. */
    Outcome outcome(Request request, HttpResult result);

    /** The request was delivered or rejected: it need not be sent again. */
    void done(Request request);
}
