package io.ticketpulse.domain.sla;

import java.util.ArrayList;
import java.util.List;

/**
 * The firing states of one alert under one policy, in increasing urgency, each with the counted time at which it
 * is reached: the warning (if the policy warns before the deadline), the breach at the target, then one breach
 * state per escalation tier.
 */
public final class AlertLevels {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
    static final String WARNING = "warning";
    static final String BREACH = "breach";

    /** One firing state: reached once the counted time is at least {@code elapsedMs}. */
    public record Level(long elapsedMs, String kind, Severity severity) {
        public boolean isBreach() {
            return BREACH.equals(kind);
        }
    }

    private AlertLevels() {}

    public static List<Level> of(SlaPolicy policy, long targetMs) {
        List<Level> levels = new ArrayList<>();
        long warnAt = policy.warning() == null ? -1 : policy.warning().warnAtElapsedMs(targetMs);
        if (warnAt >= 0 && warnAt < targetMs) {
            levels.add(new Level(warnAt, WARNING, Severity.WARNING));
        }
        levels.add(new Level(targetMs, BREACH, Severity.WARNING));
        List<EscalationTier> tiers = new ArrayList<>(policy.escalation());
        tiers.sort((a, b) -> Double.compare(a.overPct(), b.overPct()));
        for (EscalationTier tier : tiers) {
            long over = (long) Math.ceil(targetMs * tier.overPct() / 100.0);
            levels.add(new Level(targetMs + Math.max(0, over), BREACH, tier.severity()));
        }
        return levels;
    }

    /** (elapsed - target) / target * 100; 0 for a zero target. */
    public static double overrunPct(long elapsedMs, long targetMs) {
        return targetMs == 0 ? 0.0 : (elapsedMs - targetMs) * 100.0 / targetMs;
    }
}
