package io.ticketpulse.io;

import io.ticketpulse.domain.PrintableText;
import io.ticketpulse.schema.SlaAlert;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alerts firing now, as the console shows them: the latest record per {@code dedup_key}, counted by severity
 * (warnings before the deadline apart from breaches), plus how many alerts were resolved. Plain Java.
 */
public final class FiringAlertBoard {

    /** What the console counts: pre-deadline warnings, then breaches by severity. */
    enum Column {
        WARNING("warning"), BREACH_WARNING("breached"), YELLOW("yellow"), ORANGE("orange"), RED("red");

        final String label;

        Column(String label) {
            this.label = label;
        }
    }

    private final Map<String, SlaAlert> firing = new HashMap<>();
    private long resolved;
    private long records;
    private SlaAlert newest;

    /** Takes one alert record; returns true when what the board shows changed. */
    public boolean offer(SlaAlert alert) {
        records++;
        newest = alert;
        if (alert.isFiring()) {
            firing.put(alert.dedupKey, alert);
        } else if (firing.remove(alert.dedupKey) != null) {
            resolved++;
        }
        return true;
    }

    public int firingCount() {
        return firing.size();
    }

    public long resolvedCount() {
        return resolved;
    }

    Map<Column, Integer> bySeverity() {
        Map<Column, Integer> counts = new EnumMap<>(Column.class);
        for (Column c : Column.values()) {
            counts.put(c, 0);
        }
        for (SlaAlert a : firing.values()) {
            counts.merge(column(a), 1, Integer::sum);
        }
        return counts;
    }

    /** The firing alerts by the console's columns ({@code warning, breached, yellow, orange, red}), in that order. */
    public Map<String, Integer> firingByColumn() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        bySeverity().forEach((column, n) -> counts.put(column.label, n));
        return counts;
    }

    /** The column label ({@code warning, breached, yellow, orange, red}) an alert is counted under. */
    public static String columnOf(SlaAlert alert) {
        return column(alert).label;
    }

    /** The latest record of every firing alert, in no particular order. */
    public List<SlaAlert> firingAlerts() {
        return new ArrayList<>(firing.values());
    }

    /** Alert records offered so far. */
    public long recordCount() {
        return records;
    }

    private static Column column(SlaAlert a) {
        boolean volatility = "volatility".equals(a.kind) || "pattern".equals(a.kind); // by their own severity
        if (!"breach".equals(a.kind) && !"aggregate".equals(a.kind) && !volatility
                || volatility && "warning".equals(a.severity)) {
            return Column.WARNING;
        }
        return switch (a.severity) {
            case "yellow" -> Column.YELLOW;
            case "orange" -> Column.ORANGE;
            case "red" -> Column.RED;
            default -> Column.BREACH_WARNING;
        };
    }

    /** One or two lines: the firing alerts by severity, resolved so far, and the newest record's summary. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "SLA alerts firing: %,d", firing.size()));
        StringBuilder parts = new StringBuilder();
        for (Map.Entry<Column, Integer> e : bySeverity().entrySet()) {
            parts.append(parts.length() == 0 ? "" : ", ").append(e.getKey().label).append(' ').append(e.getValue());
        }
        sb.append(" (").append(parts).append(')');
        sb.append(String.format(Locale.ROOT, "; resolved: %,d; records: %,d%n", resolved, records));
        if (newest != null && newest.summary != null) {
            sb.append("  newest: ").append(PrintableText.escape(newest.status)).append(" - ")
                    .append(PrintableText.escape(newest.summary)).append('\n');
        }
        return sb.toString();
    }
}
