package io.ticketpulse.domain.sla;

import java.io.Serializable;

/**
 * Team-level (aggregate) alerting over the KPI windows of a channel and priority.
 *
 * @param waitTimeoutRateCeiling fire when a window's wait-timeout rate exceeds this fraction; null: off
 * @param raiseAfter consecutive final windows over a tier before the alert fires or escalates to it
 * @param clearAfter consecutive final windows under the tier (by {@code hysteresisPct}) before it de-escalates or resolves
 * @param hysteresisPct a value must fall this many percentage points of the target below a tier to count as under it
 * @param imminentBreachCeiling fire when a window's {@code imminent_breach} count exceeds this (by the policy's
 *     escalation tiers, as for the wait-timeout ceiling); null: off
 */
public record AggregateRules(Double waitTimeoutRateCeiling, int raiseAfter, int clearAfter, double hysteresisPct,
        Double imminentBreachCeiling) implements Serializable {

    public static final AggregateRules DEFAULT = new AggregateRules(0.25, 2, 2, 5.0);

    /** Without an imminent-breach ceiling. */
    public AggregateRules(Double waitTimeoutRateCeiling, int raiseAfter, int clearAfter, double hysteresisPct) {
        this(waitTimeoutRateCeiling, raiseAfter, clearAfter, hysteresisPct, null);
    }
}
