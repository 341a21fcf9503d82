package io.ticketpulse.domain.report;

import java.time.Duration;
import java.time.Instant;

/**
 * What the run report reads of one default ({@code channel}, {@code priority}) {@code ticket-kpi} v1 row: the
 * window, the revision and the counts and statistics the report aggregates. A statistic over nothing is null.
 */
public record KpiRow(String channel, String priority, Instant windowStart, Instant windowEnd, long revision,
        long ticketsCreated, long frtCount, Double frtMeanS, Double frtP50S, Double frtP90S, long waitTimeouts,
        long waitDecided, long resolved, Double mttrMeanS, long oneTouchResolved, long backlogOpen, long csatCount,
        Double csatMean, Double csatMeanFrtLt1m, Double csatMeanFrt1To5m, Double csatMeanFrtGt5m) {

    /** The queue of the row: {@code channel/priority}. */
    public String queue() {
        return channel + "/" + priority;
    }

    /** The upsert key: {@code channel/priority/window_start_ms/window_end_ms}. */
    public String upsertKey() {
        return queue() + "/" + windowStart.toEpochMilli() + "/" + windowEnd.toEpochMilli();
    }

    public Duration windowSize() {
        return Duration.between(windowStart, windowEnd);
    }
}
