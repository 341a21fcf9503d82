package io.ticketpulse.io;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of replaying one file, as log lines at most every {@link #INTERVAL_NANOS}: events read, the rate
 * since the previous line, how much of the file's bytes were consumed and the estimated time left, e.g.
 * {@code replay events.jsonl: 1,250,000 events (84,310/s), 41% of 512 MB, ~12 s left}. The percentage and the
 * estimate are left out when the file length says nothing about the bytes read (compressed files).
 */
final class ReplayProgress {

    /** At most one progress line per 5 s. */
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final String fileName;
    private final long fileBytes;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastNanos;
    private long lastEvents;
    private long lastBytes;

    /**
     * @param fileBytes the file's length in bytes, or a negative number when bytes read cannot be compared
     *     with it
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     */
    ReplayProgress(String fileName, long fileBytes, LongSupplier nanoClock) {
        this.fileName = fileName;
        this.fileBytes = fileBytes;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastNanos = startNanos;
    }

    /** After a record: the progress line when one is due, else null. */
    String update(long events, long bytesRead) {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastNanos;
        if (elapsed < INTERVAL_NANOS) {
            return null;
        }
        double seconds = elapsed / 1e9;
        StringBuilder line = new StringBuilder()
                .append("replay ").append(fileName).append(": ")
                .append(String.format(Locale.ROOT, "%,d events (%,d/s)", events,
                        Math.round((events - lastEvents) / seconds)));
        if (fileBytes > 0) {
            line.append(", ").append(Math.min(100, bytesRead * 100 / fileBytes)).append("% of ").append(size(fileBytes));
            double bytesPerSecond = (bytesRead - lastBytes) / seconds;
            if (bytesPerSecond > 0) {
                line.append(", ~").append(duration(Math.max(0, fileBytes - bytesRead) / bytesPerSecond)).append(" left");
            }
        }
        lastNanos = now;
        lastEvents = events;
        lastBytes = bytesRead;
        return line.toString();
    }

    /** The closing line, after the last record of the file. */
    String finished(long events, long lines) {
        double seconds = Math.max(1e-9, (nanoClock.getAsLong() - startNanos) / 1e9);
        return String.format(Locale.ROOT, "replay %s: done, %,d events from %,d lines in %s (%,d/s)",
                fileName, events, lines, duration(seconds), Math.round(events / seconds));
    }

    /** {@code 512 MB}, {@code 1.5 GB}, {@code 900 B}: binary units, one decimal below 10. */
    static String size(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 || value >= 10
                ? String.format(Locale.ROOT, "%d %s", Math.round(value), units[unit])
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code 12 s} below 2 min, {@code 7 min} below 2 h, else {@code 3 h}. */
    static String duration(double seconds) {
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 7200) {
            return Math.round(seconds / 60) + " min";
        }
        return Math.round(seconds / 3600) + " h";
    }
}
