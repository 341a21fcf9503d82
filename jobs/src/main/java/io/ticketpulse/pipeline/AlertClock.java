package io.ticketpulse.pipeline;

/**
 * When SLA alert transitions (warnings, breaches, escalations) are emitted.
 *
 * <ul>
 *   <li>{@link #EVENT_TIME}: a transition at instant {@code t} is emitted once the watermark passes
 *       {@code t + allowed lateness}, when no accepted event can still change what happened at {@code t}. Replays
 *       are deterministic: the same input gives the same alert records on every run, at any parallelism.
 *   <li>{@link #AUTO} (default): as {@link #EVENT_TIME}, and in addition, while the stream is live (the watermark
 *       trails the wall clock by at most the live-lag bound), on the wall clock: a processing-time timer at the
 *       transition's instant emits it within milliseconds, even when no event arrives and the watermark stands
 *       still. A later-arriving event that changes history then emits a correcting record. Bounded inputs (files,
 *       bounded Kafka replays) are never live.
 * </ul>
 */
public enum AlertClock {
    AUTO,
    EVENT_TIME
}
