package io.ticketpulse.domain.sla;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One SLA policy of an {@code sla-policy} v1 file: which tickets it matches, the target of each metric it sets
 * (a metric without a target is not tracked), when to warn, and the escalation tiers (ascending overrun).
 * The calendar is wall-clock ("calendar time"); business-hours calendars are a later extension of the format.
 */
public record SlaPolicy(
        String id,
        PolicyMatch match,
        Map<SlaMetric, Duration> targets,
        WarningRule warning,
        List<EscalationTier> escalation) implements Serializable {

    /** The escalation tiers of our users' runbooks: yellow at 10 % over target, orange at 30 %, red at 50 %. */
    public static final List<EscalationTier> DEFAULT_ESCALATION = List.of(
            new EscalationTier(Severity.YELLOW, 10),
            new EscalationTier(Severity.ORANGE, 30),
            new EscalationTier(Severity.RED, 50));

    public SlaPolicy {
        targets = Map.copyOf(targets);
        escalation = List.copyOf(escalation);
    }

    /** The target of {@code metric}, or null when this policy does not track it. */
    public Duration target(SlaMetric metric) {
        return targets.get(metric);
    }
}
