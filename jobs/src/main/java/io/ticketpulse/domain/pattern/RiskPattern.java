package io.ticketpulse.domain.pattern;

import java.time.Duration;
import java.util.Locale;

/**
 * The multi-event risk patterns of the policy file's {@code patterns} section, each detected per ticket by a
 * Flink CEP pattern and reported as an {@code sla-alert} of {@code kind: pattern} whose {@code sla_metric} is
 * the pattern's wire name. {@link #counted()} patterns take a count N; every pattern a window D.
 */
public enum RiskPattern {
    /** ASSIGNED N times within D with no AGENT_REPLIED between them (the ticket is passed around). */
    REASSIGNMENT_PING_PONG(true, true, 3, Duration.ofHours(4), "orange"),
    /** N CUSTOMER_REPLIED in a row (no AGENT_REPLIED between them) within D. */
    CUSTOMER_CHASING(true, true, 3, Duration.ofHours(24), "yellow"),
    /** REOPENED (after a RESOLVED) N times within D: first-contact resolution failing. */
    REOPEN_LOOP(true, false, 2, Duration.ofDays(7), "orange"),
    /** RESOLVED with no AGENT_REPLIED since the CREATED of that life, within D of the CREATED. */
    SILENT_RESOLUTION(false, true, 1, Duration.ofDays(7), "yellow"),
    /** ESCALATED and no AGENT_REPLIED within D after it: completes by timeout. */
    ESCALATION_WITHOUT_RESPONSE(false, true, 1, Duration.ofHours(1), "red");

    private final boolean counted;
    private final boolean clearedByAgentReply;
    private final int defaultCount;
    private final Duration defaultWithin;
    private final String defaultSeverity;

    RiskPattern(boolean counted, boolean clearedByAgentReply, int defaultCount, Duration defaultWithin,
            String defaultSeverity) {
        this.counted = counted;
        this.clearedByAgentReply = clearedByAgentReply;
        this.defaultCount = defaultCount;
        this.defaultWithin = defaultWithin;
        this.defaultSeverity = defaultSeverity;
    }

    /** The name in the policy file and in alerts' {@code sla_metric}, e.g. {@code customer_chasing}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RiskPattern fromWireName(String name) {
        for (RiskPattern p : values()) {
            if (p.wireName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown risk pattern: " + name);
    }

    /** Whether the pattern takes a {@code count} (N events). */
    public boolean counted() {
        return counted;
    }

    /**
     * Whether an agent reply clears a firing alert of the pattern (resolve reason {@code fulfilled}); the end of the
     * ticket clears every pattern (resolve reason {@code cancelled}).
     */
    public boolean clearedByAgentReply() {
        return clearedByAgentReply;
    }

    public int defaultCount() {
        return defaultCount;
    }

    public Duration defaultWithin() {
        return defaultWithin;
    }

    public String defaultSeverity() {
        return defaultSeverity;
    }

    /** Words for summaries, e.g. {@code customer chasing}. */
    public String words() {
        return wireName().replace('_', ' ');
    }
}
