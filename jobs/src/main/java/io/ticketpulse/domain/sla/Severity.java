package io.ticketpulse.domain.sla;

/**
 * Alert severities in increasing urgency. {@code WARNING} is the pre-deadline warning and a breach that has not
 * yet crossed the first escalation tier; {@code YELLOW}, {@code ORANGE}, {@code RED} are the escalation tiers.
 */
public enum Severity {
    WARNING,
    YELLOW,
    ORANGE,
    RED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Severity fromWireName(String name) {
        for (Severity s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + name + "'");
    }
}
