package io.ticketpulse.io;

import io.ticketpulse.domain.PrintableText;
import io.ticketpulse.schema.TicketKpi;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders {@code ticket-kpi} rows as a compact, aligned plain-text table for the console, one row per
 * (channel, priority), sorted by channel, priority and window. Plain Java.
 *
 * <p>Cells: window as {@code MM-dd HH:mm-HH:mm} (UTC; with seconds when a bound is not on a whole minute),
 * counts as integers, durations as {@code 12.5s} (under a minute), {@code 4m05s}, {@code 2h03m} or
 * {@code 1d04h} (smaller units truncated), rates as percentages with one decimal, CSAT with two decimals, and
 * {@code -} when a value was not measured. Text columns are left-aligned, numbers right-aligned, two spaces
 * apart; no trailing spaces.
 */
public final class KpiSummaryTable {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME_S =
            DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_S = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final List<Column> COLUMNS = List.of(
            new Column("window", false, k -> window(k.windowStartMs, k.windowEndMs)),
            new Column("channel", false, k -> PrintableText.escape(k.channel)),
            new Column("priority", false, k -> PrintableText.escape(k.priority)),
            new Column("created", true, k -> Long.toString(k.ticketsCreated)),
            new Column("FRT p50", true, k -> duration(k.frtP50S)),
            new Column("FRT p90", true, k -> duration(k.frtP90S)),
            new Column("wait t/o", true, k -> percent(k.waitTimeoutRate)),
            new Column("resolved", true, k -> Long.toString(k.resolved)),
            new Column("MTTR", true, k -> duration(k.mttrMeanS)),
            new Column("FCR", true, k -> percent(k.fcrRate)),
            new Column("backlog", true, k -> Long.toString(k.backlogOpen)),
            new Column("CSAT", true, k -> k.csatMean == null ? "-" : String.format(Locale.ROOT, "%.2f", k.csatMean)));

    private static final Comparator<TicketKpi> ORDER = Comparator.<TicketKpi, String>comparing(k -> k.channel)
            .thenComparing(k -> k.priority)
            .thenComparingLong(k -> k.windowStartMs)
            .thenComparingLong(k -> k.windowEndMs);

    private KpiSummaryTable() {}

    /** The table: header, a rule, then one line per row; every line ends with a newline. */
    public static String render(List<TicketKpi> rows) {
        List<TicketKpi> sorted = new ArrayList<>(rows);
        sorted.sort(ORDER);
        List<String[]> cells = new ArrayList<>();
        for (TicketKpi k : sorted) {
            String[] line = new String[COLUMNS.size()];
            for (int c = 0; c < line.length; c++) {
                String text = COLUMNS.get(c).value.apply(k);
                line[c] = text == null ? "-" : text;
            }
            cells.add(line);
        }
        int[] widths = new int[COLUMNS.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = COLUMNS.get(c).title.length();
            for (String[] line : cells) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, COLUMNS.stream().map(c -> c.title).toArray(String[]::new), widths);
        String[] rule = new String[widths.length];
        for (int c = 0; c < widths.length; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        appendLine(sb, rule, widths);
        for (String[] line : cells) {
            appendLine(sb, line, widths);
        }
        return sb.toString();
    }

    /** A window as {@code MM-dd HH:mm-HH:mm} in UTC, with seconds when either bound is not on a whole minute. */
    static String window(long startMs, long endMs) {
        boolean seconds = startMs % 60_000 != 0 || endMs % 60_000 != 0;
        Instant start = Instant.ofEpochMilli(startMs);
        Instant end = Instant.ofEpochMilli(endMs);
        return (seconds ? DAY_TIME_S : DAY_TIME).format(start) + '-' + (seconds ? TIME_S : TIME).format(end);
    }

    /** Seconds as {@code 12.5s}, {@code 4m05s}, {@code 2h03m} or {@code 1d04h}; {@code -} for null. */
    static String duration(Double seconds) {
        if (seconds == null || seconds.isNaN()) {
            return "-";
        }
        double s = seconds;
        if (s < 59.95) {
            return String.format(Locale.ROOT, "%.1fs", s);
        }
        long whole = Math.round(s);
        if (whole < 3_600) {
            return String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60);
        }
        if (whole < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", whole / 3_600, whole % 3_600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", whole / 86_400, whole % 86_400 / 3_600);
    }

    /** A rate in [0, 1] as a percentage with one decimal; {@code -} for null. */
    static String percent(Double rate) {
        if (rate == null || rate.isNaN()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static void appendLine(StringBuilder sb, String[] line, int[] widths) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < line.length; c++) {
            if (c > 0) {
                out.append("  ");
            }
            String pad = " ".repeat(widths[c] - line[c].length());
            if (COLUMNS.get(c).rightAligned) {
                out.append(pad).append(line[c]);
            } else {
                out.append(line[c]).append(pad);
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        sb.append(out, 0, end).append('\n');
    }

    private record Column(String title, boolean rightAligned, Function<TicketKpi, String> value) {}
}
