package io.ticketpulse.domain.sla;

/** The per-ticket SLA metrics; {@link #wireName()} is how policies and alerts write them. */
public enum SlaMetric {
    /** From {@code CREATED} to the first {@code ASSIGNED}. Never pauses. */
    ASSIGNMENT("assignment"),
    /** From {@code CREATED} to the first {@code AGENT_REPLIED}. Never pauses. */
    FIRST_RESPONSE("first_response"),
    /** From {@code CREATED} (or the {@code REOPENED} that starts a new cycle) to {@code RESOLVED}; pauses while pending/on hold. */
    RESOLUTION("resolution"),
    /** From the oldest unanswered {@code CUSTOMER_REPLIED} to the next {@code AGENT_REPLIED}. Never pauses. */
    NEXT_RESPONSE("next_response"),
    /**
     * From each {@code AGENT_REPLIED} of an open ticket to the next one (the gap between the agent's updates);
     * pauses while pending/on hold.
     */
    PERIODIC_UPDATE("periodic_update"),
    /**
     * From the {@code RESOLVED}/{@code CLOSED} that ends a resolution cycle to the next {@code SATISFACTION_RATED}
     * or {@code AGENT_REPLIED}. Never pauses.
     */
    FOLLOW_UP("follow_up");

    private final String wireName;

    SlaMetric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static SlaMetric fromWireName(String name) {
        for (SlaMetric m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown SLA metric '" + name + "'");
    }
}
