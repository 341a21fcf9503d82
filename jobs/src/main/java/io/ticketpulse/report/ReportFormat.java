package io.ticketpulse.report;

import java.util.Locale;

/**
 * How the report writes numbers: durations in seconds under 2 min ({@code 42.0 s}), minutes under 2 h
 * ({@code 11.7 min}), else hours ({@code 2.50 h}); fractions as percentages with one decimal ({@code 37.5 %});
 * scores with one decimal; mean ratings (1-5) with two; counts with thousands separators; "–" for no value.
 */
public final class ReportFormat {

    /** Shown for a value over nothing (null). */
    public static final String NONE = "–";

    private ReportFormat() {}

    public static String duration(Double seconds) {
        if (seconds == null) {
            return NONE;
        }
        double abs = Math.abs(seconds);
        if (abs < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (abs < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.2f h", seconds / 3600);
    }

    public static String percent(Double fraction) {
        return fraction == null ? NONE : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    public static String score(Double score) {
        return score == null ? NONE : String.format(Locale.ROOT, "%.1f", score);
    }

    public static String rating(Double rating) {
        return rating == null ? NONE : String.format(Locale.ROOT, "%.2f", rating);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A signed gap: {@code +1.5 min}, {@code -10.0 %} (percentage points), {@code -13.0}. */
    public static String signed(String formatted, double value) {
        return value > 0 ? "+" + formatted : formatted;
    }
}
