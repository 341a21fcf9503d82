package io.ticketpulse.domain.whatif;

import io.ticketpulse.domain.sla.Severity;
import java.util.Locale;

/**
 * The most urgent alert state one SLA metric reached by the end of the history, in increasing urgency: none, the
 * pre-deadline warning, the breach at the target (severity {@code warning}), then the escalation tiers.
 */
public enum Reached {
    NONE,
    WARNING,
    BREACH,
    YELLOW,
    ORANGE,
    RED;

    /** The state of a firing {@code sla-alert} record of {@code kind} ("warning" or "breach") and {@code severity}. */
    public static Reached of(String kind, String severity) {
        if ("warning".equals(kind)) {
            return WARNING;
        }
        return switch (Severity.fromWireName(severity)) {
            case WARNING -> BREACH;
            case YELLOW -> YELLOW;
            case ORANGE -> ORANGE;
            case RED -> RED;
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
