package io.ticketpulse.domain.sla;

import java.io.Serializable;

/** An escalation tier: the alert takes {@code severity} once the overrun reaches {@code overPct} % of the target. */
public record EscalationTier(Severity severity, double overPct) implements Serializable {}
