package io.ticketpulse.domain.report;

import java.time.Instant;

/**
 * What the run report reads of one {@code sla-alert} v1 record (one state change of an alert). {@code channel},
 * {@code priority} and {@code team} may be null (aggregate alerts of a roll-up, unknown team).
 */
public record ReportAlert(String dedupKey, String status, String kind, String severity, String slaMetric,
        String channel, String priority, String team, Instant changedAt, String summary) {

    public boolean firing() {
        return "firing".equals(status);
    }

    /** The queue the alert is about ({@code channel/priority}), or null when it names no channel. */
    public String queue() {
        return channel == null ? null : channel + "/" + (priority == null ? "-" : priority);
    }
}
