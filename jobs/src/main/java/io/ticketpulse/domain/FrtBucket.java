package io.ticketpulse.domain;

/** First-response-time buckets used to split CSAT: {@code < 60 s}, {@code 60-300 s}, {@code > 300 s}. */
public enum FrtBucket {
    /** No first response at or before the rating. */
    NONE,
    LT_1M,
    FROM_1_TO_5M,
    GT_5M;

    /** The bucket of a first response time: {@code < 60 s}, {@code 60 s..300 s} inclusive, {@code > 300 s}. */
    public static FrtBucket of(long frtMs) {
        if (frtMs < 60_000L) {
            return LT_1M;
        }
        return frtMs <= 300_000L ? FROM_1_TO_5M : GT_5M;
    }
}
