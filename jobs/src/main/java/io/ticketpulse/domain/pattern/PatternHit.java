package io.ticketpulse.domain.pattern;

/**
 * One completed risk pattern of one ticket, as CEP found it: which pattern, the event time of its first event
 * ({@code startedAtMs}) and when it completed ({@code completedAtMs}: the event that completed it, or for a pattern
 * completed by timeout the end of its window). Flink POJO.
 */
public class PatternHit {

    public String ticketId;
    /** {@link RiskPattern#wireName()}. */
    public String pattern;
    public long startedAtMs;
    public long completedAtMs;
    /** How many events the match holds. */
    public int events;

    public PatternHit() {}

    public PatternHit(String ticketId, RiskPattern pattern, long startedAtMs, long completedAtMs, int events) {
        this.ticketId = ticketId;
        this.pattern = pattern.wireName();
        this.startedAtMs = startedAtMs;
        this.completedAtMs = completedAtMs;
        this.events = events;
    }

    public RiskPattern riskPattern() {
        return RiskPattern.fromWireName(pattern);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatternHit h && startedAtMs == h.startedAtMs && completedAtMs == h.completedAtMs
                && events == h.events && java.util.Objects.equals(ticketId, h.ticketId)
                && java.util.Objects.equals(pattern, h.pattern);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(ticketId, pattern, startedAtMs, completedAtMs);
    }

    @Override
    public String toString() {
        return "PatternHit{" + ticketId + ' ' + pattern + ' ' + startedAtMs + ".." + completedAtMs + " (" + events
                + " events)}";
    }
}
