package io.ticketpulse.io;

import io.ticketpulse.domain.PrintableText;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.whatif.MetricResult;
import io.ticketpulse.domain.whatif.WhatIfComparison;
import io.ticketpulse.domain.whatif.WhatIfComparison.Change;
import io.ticketpulse.domain.whatif.WhatIfComparison.Group;
import io.ticketpulse.domain.whatif.WhatIfComparison.Stats;
import io.ticketpulse.domain.whatif.WhatIfRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The what-if comparison as a plain-text console table: one row per channel × priority × metric (each metric's
 * totals as channel and priority {@code all}), every cell {@code current -> candidate} ({@code =} alone when
 * both are the same), then the first changed metrics. Durations as in {@link KpiSummaryTable}; {@code -} when
 * not measured. Left-aligned columns two spaces apart, no trailing spaces.
 */
public final class WhatIfTable {

    private record Column(String title, Function<Group, String> cell) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("channel", g -> g.channel() == null ? "all" : PrintableText.escape(g.channel())),
            new Column("priority", g -> g.priority() == null ? "all" : PrintableText.escape(g.priority())),
            new Column("metric", g -> g.metric().wireName()),
            new Column("attainment", g -> both(g, s -> s.attainmentPct() == null ? "-"
                    : String.format(Locale.ROOT, "%.1f%%", s.attainmentPct()))),
            new Column("met", g -> both(g, s -> Integer.toString(s.met()))),
            new Column("breached", g -> both(g, s -> Integer.toString(s.breached()))),
            new Column("open", g -> both(g, s -> Integer.toString(s.open()))),
            new Column("warnings", g -> both(g, s -> Integer.toString(s.warnings()))),
            new Column("pages w/y/o/r", g -> both(g, WhatIfTable::pages)),
            new Column("overrun p50", g -> both(g, s -> duration(s.overrunP50Ms()))),
            new Column("overrun p90", g -> both(g, s -> duration(s.overrunP90Ms()))));

    private WhatIfTable() {}

    /** The table, and up to {@code maxChanges} changed metrics (with a count of the rest). */
    public static List<String> render(WhatIfComparison comparison, int maxChanges) {
        return render(comparison.groups(), comparison.changes(), maxChanges);
    }

    /**
     * The same table of a comparison read back from its JSON lines ({@link WhatIfJson#read}): the same text, as
     * the lines keep every value the table shows.
     */
    public static List<String> render(WhatIfRecord record, int maxChanges) {
        return render(record.groups(), record.changes(), maxChanges);
    }

    private static List<String> render(List<Group> groups, List<Change> changes, int maxChanges) {
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS.stream().map(Column::title).toArray(String[]::new));
        for (Group g : groups) {
            rows.add(COLUMNS.stream().map(c -> c.cell().apply(g)).toArray(String[]::new));
        }
        int[] widths = new int[COLUMNS.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                b.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
            }
            lines.add(b.toString().stripTrailing());
        }
        lines.add("");
        lines.add(changes.isEmpty() ? "No metric changes its outcome."
                : changes.size() + " metric(s) change their outcome (outcome/most urgent alert):");
        for (int i = 0; i < Math.min(maxChanges, changes.size()); i++) {
            Change c = changes.get(i);
            lines.add("  " + PrintableText.escape(c.ticketId()) + " " + c.metric().wireName() + " #" + c.cycle() + ": "
                    + side(c.current()) + " -> " + side(c.candidate()));
        }
        if (changes.size() > maxChanges) {
            lines.add("  ... and " + (changes.size() - maxChanges) + " more (see the JSON lines)");
        }
        return lines;
    }

    private static String both(Group g, Function<Stats, String> cell) {
        String a = cell.apply(g.current());
        String b = cell.apply(g.candidate());
        return a.equals(b) ? a + " =" : a + " -> " + b;
    }

    private static String pages(Stats s) {
        return s.pages().get(Severity.WARNING) + "/" + s.pages().get(Severity.YELLOW) + "/"
                + s.pages().get(Severity.ORANGE) + "/" + s.pages().get(Severity.RED);
    }

    private static String side(MetricResult r) {
        String overrun = r.overrunMs() == null ? "" : " +" + duration(r.overrunMs());
        return r.outcome().wireName() + "/" + r.reached().wireName() + overrun;
    }

    private static String duration(Long ms) {
        return ms == null ? "-" : KpiSummaryTable.duration(ms / 1000.0);
    }
}
