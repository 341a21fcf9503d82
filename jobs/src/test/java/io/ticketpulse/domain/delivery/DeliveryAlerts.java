package io.ticketpulse.domain.delivery;

import static io.ticketpulse.domain.TicketEvents.at;

import io.ticketpulse.schema.SlaAlert;

/**
 * SLA alert records of one ticket metric on the fixed test clock, for the delivery tests: ticket T-42, first
 * response, chat P1 tier1, policy p1-urgent@1, target 3 min from 10:00:00, deadline 10:03:00.
 */
public final class DeliveryAlerts {

    public static final String KEY = "T-42/first_response/1/p1-urgent@1";

    private DeliveryAlerts() {}

    /** A firing record of {@link #KEY}: {@code kind} and {@code severity} at {@code changedAtMs}. */
    public static SlaAlert firing(String kind, String severity, long changedAtMs) {
        return record(KEY, "firing", kind, severity, changedAtMs, null);
    }

    /** A resolved record of {@link #KEY} (fulfilled), last state {@code kind}/{@code severity}. */
    public static SlaAlert resolved(String kind, String severity, long changedAtMs) {
        return record(KEY, "resolved", kind, severity, changedAtMs, "fulfilled");
    }

    /** The same for another ticket {@code ticket} (dedup key {@code <ticket>/first_response/1/p1-urgent@1}). */
    public static SlaAlert firingOf(String ticket, String kind, String severity, long changedAtMs) {
        SlaAlert a = record(ticket + "/first_response/1/p1-urgent@1", "firing", kind, severity, changedAtMs, null);
        a.ticketId = ticket;
        return a;
    }

    public static SlaAlert resolvedOf(String ticket, String kind, String severity, long changedAtMs) {
        SlaAlert a = record(ticket + "/first_response/1/p1-urgent@1", "resolved", kind, severity, changedAtMs,
                "fulfilled");
        a.ticketId = ticket;
        return a;
    }

    private static SlaAlert record(String key, String status, String kind, String severity, long changedAtMs,
            String resolveReason) {
        SlaAlert a = new SlaAlert();
        a.alertId = key;
        a.dedupKey = key;
        a.status = status;
        a.kind = kind;
        a.severity = severity;
        a.slaMetric = "first_response";
        a.ticketId = "T-42";
        a.channel = "chat";
        a.priority = "P1";
        a.team = "tier1";
        a.policyId = "p1-urgent";
        a.policyVersion = 1;
        a.cycle = 1;
        a.targetS = 180;
        a.startedAtMs = at(0);
        a.deadlineAtMs = at(3);
        a.breachedAtMs = "warning".equals(kind) ? null : at(3);
        a.changedAtMs = changedAtMs;
        a.elapsedS = (changedAtMs - at(0)) / 1000.0;
        a.overrunPct = (a.elapsedS - 180) / 180 * 100;
        a.resolveReason = resolveReason;
        a.detectedAtMs = changedAtMs;
        a.summary = "first_response " + ("firing".equals(status) ? kind + " (" + severity + ")" : "resolved")
                + " on T-42 (P1 chat)";
        return a;
    }
}
