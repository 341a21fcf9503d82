package io.ticketpulse.domain.pattern;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The policy file's {@code patterns} section: one {@link PatternRule} per listed pattern, in {@link RiskPattern}
 * order. {@link #NONE} (no section) runs no pattern, so the job's output is exactly as without CEP.
 */
public record PatternRules(List<PatternRule> rules) implements Serializable {

    public static final PatternRules NONE = new PatternRules(List.of());

    public PatternRules {
        Map<RiskPattern, PatternRule> byPattern = new EnumMap<>(RiskPattern.class);
        for (PatternRule r : rules) {
            if (byPattern.put(r.pattern(), r) != null) {
                throw new IllegalArgumentException("pattern listed twice: " + r.pattern().wireName());
            }
        }
        rules = List.copyOf(byPattern.values());
    }

    /** Every pattern with its defaults. */
    public static PatternRules allDefaults() {
        List<PatternRule> all = new ArrayList<>();
        for (RiskPattern p : RiskPattern.values()) {
            all.add(PatternRule.defaults(p));
        }
        return new PatternRules(all);
    }

    /** The rules that run. */
    public List<PatternRule> enabled() {
        return rules.stream().filter(PatternRule::enabled).toList();
    }

    public boolean anyEnabled() {
        return !enabled().isEmpty();
    }

    /** The rule of a pattern, or null when the section does not list it. */
    public PatternRule rule(RiskPattern pattern) {
        for (PatternRule r : rules) {
            if (r.pattern() == pattern) {
                return r;
            }
        }
        return null;
    }
}
