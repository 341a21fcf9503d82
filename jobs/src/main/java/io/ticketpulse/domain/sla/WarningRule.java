package io.ticketpulse.domain.sla;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a warning fires before the deadline: at {@code atPct} % of the target counted (pauses excluded), and/or
 * {@code leadTime} before the deadline; with both, the earlier. Either may be null, not both (use {@link #NONE}
 * for no warning).
 */
public record WarningRule(Double atPct, Duration leadTime) implements Serializable {

    public static final WarningRule DEFAULT = new WarningRule(75.0, null);
    public static final WarningRule NONE = new WarningRule(null, null);

    public boolean enabled() {
        return atPct != null || leadTime != null;
    }

    /** Clock time counted (ms) at which the warning fires for {@code targetMs}, or -1 for none. */
    public long warnAtElapsedMs(long targetMs) {
        long at = Long.MAX_VALUE;
        if (atPct != null) {
            at = Math.min(at, Math.round(targetMs * atPct / 100.0));
        }
        if (leadTime != null) {
            at = Math.min(at, Math.max(0, targetMs - leadTime.toMillis()));
        }
        return at == Long.MAX_VALUE ? -1 : at;
    }
}
