package io.ticketpulse.domain.pattern;

import io.ticketpulse.domain.sla.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * One entry of the policy file's {@code patterns} section: whether the pattern runs, its count N (1 for the
 * patterns that take none), its window D and the severity of its alerts.
 */
public record PatternRule(RiskPattern pattern, boolean enabled, int count, Duration within, Severity severity)
        implements Serializable {

    public PatternRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(severity, "severity");
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException(pattern.wireName() + ": within must be greater than 0: " + within);
        }
        if (pattern.counted() ? count < 2 : count != 1) {
            throw new IllegalArgumentException(pattern.wireName() + ": count " + count
                    + (pattern.counted() ? " must be at least 2" : " does not apply (this pattern takes no count)"));
        }
    }

    /** The pattern with its defaults ({@link RiskPattern#defaultCount()}, ...), enabled. */
    public static PatternRule defaults(RiskPattern pattern) {
        return new PatternRule(pattern, true, pattern.defaultCount(), pattern.defaultWithin(),
                Severity.fromWireName(pattern.defaultSeverity()));
    }
}
