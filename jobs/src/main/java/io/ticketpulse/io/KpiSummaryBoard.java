package io.ticketpulse.io;

import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The current KPIs for the console: the latest row per (channel, priority), following the newest window.
 *
 * <p>A row replaces the one held for its (channel, priority) when it belongs to a newer window (later end), or
 * to the same window with the same or a higher revision (upsert by revision); older windows and lower revisions
 * are ignored. Rows whose window ended at or before the start of the newest window seen are dropped, so a
 * (channel, priority) that stopped reporting disappears instead of showing stale numbers. Plain Java, not
 * thread-safe.
 */
public final class KpiSummaryBoard {

    private final Map<String, TicketKpi> latest = new HashMap<>();
    private long newestEndMs = Long.MIN_VALUE;
    private long newestStartMs = Long.MIN_VALUE;
    private long rowsSeen;

    /** Offers a row; true if the board changed. */
    public boolean offer(TicketKpi row) {
        rowsSeen++;
        if (row.windowEndMs <= newestStartMs) {
            return false;
        }
        String key = row.channel + '/' + row.priority;
        TicketKpi held = latest.get(key);
        if (held != null
                && (row.windowEndMs < held.windowEndMs
                        || (row.windowEndMs == held.windowEndMs && row.revision < held.revision))) {
            return false;
        }
        latest.put(key, row);
        if (row.windowEndMs > newestEndMs) {
            newestEndMs = row.windowEndMs;
            newestStartMs = row.windowStartMs;
            latest.values().removeIf(k -> k.windowEndMs <= newestStartMs);
        }
        return true;
    }

    /** The rows held, in no particular order. */
    public List<TicketKpi> rows() {
        return new ArrayList<>(latest.values());
    }

    public boolean isEmpty() {
        return latest.isEmpty();
    }

    /** End of the newest window seen (epoch ms), or {@link Long#MIN_VALUE} before the first row. */
    public long newestWindowEndMs() {
        return newestEndMs;
    }

    /** Start of the newest window seen (epoch ms), or {@link Long#MIN_VALUE} before the first row. */
    public long newestWindowStartMs() {
        return newestStartMs;
    }

    /** Every row offered so far, including ignored ones. */
    public long rowsSeen() {
        return rowsSeen;
    }
}
