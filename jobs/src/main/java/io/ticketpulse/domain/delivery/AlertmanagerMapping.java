package io.ticketpulse.domain.delivery;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.Timestamps;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an {@code sla-alert} record maps onto a Prometheus Alertmanager alert (README, "Alertmanager and
 * PagerDuty"). Labels identify an Alertmanager alert, so an alert whose {@code kind} or {@code severity} changes
 * (a warning becoming a breach, an escalation) is a new Alertmanager alert: {@link AlertmanagerLedger} ends the
 * previous one. Labels whose value is null are left out (Alertmanager drops empty labels anyway).
 */
public final class AlertmanagerMapping {

    private AlertmanagerMapping() {}

    /** {@code TicketSlaWarning}, {@code TicketSlaBreach}, {@code TeamSlaAggregate}, {@code KpiVolatility} or
     * {@code TicketRiskPattern}. */
    public static String alertName(String kind) {
        return switch (String.valueOf(kind)) {
            case "warning" -> "TicketSlaWarning";
            case "breach" -> "TicketSlaBreach";
            case "aggregate" -> "TeamSlaAggregate";
            case "volatility" -> "KpiVolatility";
            case "pattern" -> "TicketRiskPattern";
            default -> throw new IllegalArgumentException("sla-alert v1: unknown kind '" + kind + "'");
        };
    }

    /**
     * {@code alertname}, {@code dedup_key}, {@code sla_metric}, {@code severity}, {@code channel},
     * {@code priority}, {@code team}, {@code policy_id}, {@code kind}; sorted by name.
     */
    public static TreeMap<String, String> labels(SlaAlert a) {
        TreeMap<String, String> l = new TreeMap<>();
        l.put("alertname", alertName(a.kind));
        put(l, "dedup_key", a.dedupKey);
        put(l, "sla_metric", a.slaMetric);
        put(l, "severity", a.severity);
        put(l, "channel", a.channel);
        put(l, "priority", a.priority);
        put(l, "team", a.team);
        put(l, "policy_id", a.policyId);
        put(l, "kind", a.kind);
        return l;
    }

    /**
     * {@code summary}, {@code deadline_at} (ticket alerts), {@code overrun_pct} (one decimal), {@code ticket_id}
     * (ticket alerts) and, on a resolved record, {@code resolve_reason}; sorted by name.
     */
    public static TreeMap<String, String> annotations(SlaAlert a) {
        TreeMap<String, String> n = new TreeMap<>();
        put(n, "summary", a.summary);
        put(n, "deadline_at", a.deadlineAtMs == null ? null : Timestamps.format(a.deadlineAtMs));
        put(n, "overrun_pct", Double.isFinite(a.overrunPct)
                ? String.format(Locale.ROOT, "%.1f", a.overrunPct)
                : null);
        put(n, "ticket_id", a.ticketId);
        put(n, "resolve_reason", a.isFiring() ? null : a.resolveReason);
        return n;
    }

    /** A string that is equal for two records exactly when their label sets are equal. */
    public static String labelSetKey(SlaAlert a) {
        return labelSetKey(labels(a));
    }

    static String labelSetKey(Map<String, String> sortedLabels) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : sortedLabels.entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append('\u0000');
        }
        return sb.toString();
    }

    private static void put(Map<String, String> m, String name, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(name, value);
        }
    }
}
