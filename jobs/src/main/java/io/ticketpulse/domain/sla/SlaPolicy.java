package io.ticketpulse.domain.sla;

import io.ticketpulse.domain.calendar.BusinessCalendar;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One SLA policy of an {@code sla-policy} v1 file: which tickets it matches, the target of each metric it sets
 * (a metric without a target is not tracked), when to warn, and the escalation tiers (ascending overrun).
 * A metric counts wall-clock time ("calendar time") unless {@code calendars} names a business-hours calendar for
 * it: then its target, warning, tiers and pauses are in that calendar's working time.
 */
public record SlaPolicy(
        String id,
        PolicyMatch match,
        Map<SlaMetric, Duration> targets,
        WarningRule warning,
        List<EscalationTier> escalation,
        Map<SlaMetric, BusinessCalendar> calendars,
        boolean alertOutsideHours) implements Serializable {

    /** The escalation tiers of our users' runbooks: yellow at 10 % over target, orange at 30 %, red at 50 %. */
    public static final List<EscalationTier> DEFAULT_ESCALATION = List.of(
            new EscalationTier(Severity.YELLOW, 10),
            new EscalationTier(Severity.ORANGE, 30),
            new EscalationTier(Severity.RED, 50));

    public SlaPolicy {
        targets = Map.copyOf(targets);
        escalation = List.copyOf(escalation);
        calendars = calendars == null ? Map.of() : Map.copyOf(calendars);
    }

    /**
     * A policy whose alerts fire only at working instants of its metrics' calendars ({@code alertOutsideHours}
     * false). With {@code alertOutsideHours} true, a metric under a calendar still reaches its warning and breach
     * in working time, but from the breach on its clock counts wall time, so the escalation tiers are reached (and
     * raised) outside working hours too.
     */
    public SlaPolicy(String id, PolicyMatch match, Map<SlaMetric, Duration> targets, WarningRule warning,
            List<EscalationTier> escalation, Map<SlaMetric, BusinessCalendar> calendars) {
        this(id, match, targets, warning, escalation, calendars, false);
    }

    /** A policy whose metrics all count calendar time. */
    public SlaPolicy(String id, PolicyMatch match, Map<SlaMetric, Duration> targets, WarningRule warning,
            List<EscalationTier> escalation) {
        this(id, match, targets, warning, escalation, Map.of());
    }

    /** The business-hours calendar of {@code metric}, or null when it counts calendar time. */
    public BusinessCalendar calendar(SlaMetric metric) {
        return calendars.get(metric);
    }

    /** The target of {@code metric}, or null when this policy does not track it. */
    public Duration target(SlaMetric metric) {
        return targets.get(metric);
    }
}
