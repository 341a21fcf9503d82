package io.ticketpulse.io.dashboard;

import java.util.List;
import java.util.Map;

/**
 * One state of the dashboard, as the page receives it (JSON, field names as written here): see
 * {@link DashboardView} for what each part means. Times are epoch milliseconds.
 *
 * @param source what feeds the dashboard (the embedded run's input, or the Kafka topics)
 * @param state {@code running}, or {@code finished} once a bounded run ended (the page stays readable)
 * @param generatedAtMs wall-clock time of this snapshot
 * @param version changes with every update
 * @param newestWindowStartMs start of the newest KPI window (null before the first row)
 * @param newestWindowEndMs end of the newest KPI window (null before the first row)
 * @param kpiRows KPI rows of the default family received
 */
public record DashboardSnapshot(
        String source,
        String state,
        long generatedAtMs,
        long version,
        Events events,
        Long newestWindowStartMs,
        Long newestWindowEndMs,
        long kpiRows,
        List<Chart> charts,
        List<CurrentRow> current,
        Alerts alerts,
        DeadLetters deadLetters) {

    /** Input events read: in total, per second now (wall clock), and per second on average while reading. */
    public record Events(long total, double perSecond, double averagePerSecond) {}

    /** One chart: a KPI over time, one series per (channel, priority). */
    public record Chart(String id, String title, String unit, List<Series> series) {}

    /** One (channel, priority) over time: points {@code [window end ms, value or null]}. */
    public record Series(String name, List<Number[]> points) {}

    /** The current window of one (channel, priority) against its policy. */
    public record CurrentRow(String channel, String priority, long windowStartMs, long windowEndMs, int revision,
            boolean isFinal, String policyId, long ticketsCreated, long backlogOpen, List<Cell> cells) {}

    /**
     * One aggregate metric of the current window: its value, the reference (target or ceiling) and the status
     * ({@code green}, {@code yellow}, {@code orange}, {@code red}, {@code untracked}, {@code none}).
     */
    public record Cell(String metric, String label, Double value, String display, Double reference,
            String referenceDisplay, String status) {}

    /**
     * The firing alerts: how many, by column ({@code warning, breached, yellow, orange, red} as on the console),
     * resolved so far, records received, the dashboard's newest event time, and the rows shown (at most
     * {@link DashboardView#MAX_ALERT_ROWS}).
     */
    public record Alerts(int firing, Map<String, Integer> byColumn, long resolved, long records, Long newestTimeMs,
            List<AlertRow> shown) {}

    /** One firing alert; {@code ageS}: event time since its first firing record. */
    public record AlertRow(String dedupKey, String column, String severity, String kind, String slaMetric,
            String channel, String priority, String ticketId, String summary, long firingSinceMs, long ageS) {}

    /** Dead letters: total and per reason code. */
    public record DeadLetters(long total, Map<String, Long> byReason) {}
}
