package io.ticketpulse.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@link SlaAlert}s as {@code sla-alert} v1 JSON (see {@code schemas/sla-alert.schema.json}):
 * snake_case names in schema order, instants as RFC 3339 UTC with milliseconds, every field always written
 * (fields that do not apply as {@code null}). The Kafka record key of an alert is its {@link #key dedup_key}.
 */
public final class SlaAlertJson {

    private static final String CONTRACT = "sla-alert v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SlaAlertJson() {}

    /**
     * The alert as one compact JSON object, UTF-8.
     *
     * @throws IllegalArgumentException if {@code target_s}, {@code elapsed_s}, {@code paused_s} or
     *     {@code overrun_pct} is NaN or infinite (JSON cannot carry them and the schema requires a number)
     */
    public static byte[] toJson(SlaAlert a) {
        return JsonFields.write(MAPPER, toNode(a));
    }

    /** The alert as one compact JSON object, as text. Same rules as {@link #toJson(SlaAlert)}. */
    public static String toJsonString(SlaAlert a) {
        return new String(toJson(a), StandardCharsets.UTF_8);
    }

    /** The Kafka record key of the alert: its {@code dedup_key}, UTF-8. */
    public static byte[] key(SlaAlert a) {
        if (a.dedupKey == null) {
            throw new IllegalArgumentException(CONTRACT + ": alert has no dedup_key: " + a);
        }
        return a.dedupKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The PagerDuty Events v2 {@code payload.severity} of an sla-alert severity: warning and yellow to
     * {@code warning}, orange to {@code error}, red to {@code critical} (as documented in the schema).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static String pagerDutySeverity(String severity) {
        return switch (String.valueOf(severity)) {
            case "warning", "yellow" -> "warning";
            case "orange" -> "error";
            case "red" -> "critical";
            default -> throw new IllegalArgumentException(CONTRACT + ": unknown severity '" + severity + "'");
        };
    }

    /** The alert as a JSON object node, fields in schema order. Same rules as {@link #toJson(SlaAlert)}. */
    public static ObjectNode toNode(SlaAlert a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alert_id", a.alertId);
        n.put("dedup_key", a.dedupKey);
        n.put("status", a.status);
        n.put("kind", a.kind);
        n.put("severity", a.severity);
        n.put("sla_metric", a.slaMetric);
        n.put("ticket_id", a.ticketId);
        n.put("channel", a.channel);
        n.put("priority", a.priority);
        n.put("team", a.team);
        if (a.groupingSet != null) {
            n.put("grouping_set", a.groupingSet);
            ObjectNode dimensions = n.putObject("dimensions");
            for (int i = 0; i < a.dimensionNames.length; i++) {
                dimensions.put(a.dimensionNames[i], a.dimensionValues[i]);
            }
        }
        n.put("policy_id", a.policyId);
        n.put("policy_version", a.policyVersion);
        n.put("cycle", a.cycle);
        putFinite(n, "target_s", a.targetS);
        JsonFields.putNullableTimestamp(n, "started_at", a.startedAtMs);
        JsonFields.putNullableTimestamp(n, "deadline_at", a.deadlineAtMs);
        JsonFields.putNullableTimestamp(n, "breached_at", a.breachedAtMs);
        n.put("changed_at", Timestamps.format(a.changedAtMs));
        putFinite(n, "elapsed_s", a.elapsedS);
        putFinite(n, "paused_s", a.pausedS);
        putFinite(n, "overrun_pct", a.overrunPct);
        n.put("resolve_reason", a.resolveReason);
        n.put("detected_at", Timestamps.format(a.detectedAtMs));
        n.put("summary", a.summary);
        n.put("priority_derived", a.priorityDerived);
        if (a.calendarId != null) {
            n.put("calendar_id", a.calendarId);
            putFinite(n, "business_elapsed_s", a.businessElapsedS);
            putFinite(n, "calendar_elapsed_s", a.calendarElapsedS);
        }
        return n;
    }

    private static void putFinite(ObjectNode n, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(CONTRACT + ": field '" + field + "' must be a finite number, not "
                    + value);
        }
        n.put(field, value);
    }

    /**
     * Reads one alert. Unknown fields are ignored (consumers must tolerate new fields); does not validate against
     * the JSON Schema beyond presence and JSON types of the known fields.
     *
     * @throws IllegalArgumentException if it is not JSON, or a field is missing or of the wrong type
     */
    public static SlaAlert fromJson(byte[] json) {
        ObjectNode n = JsonFields.readObject(MAPPER, json, CONTRACT);
        SlaAlert a = new SlaAlert();
        a.alertId = JsonFields.text(n, "alert_id", CONTRACT);
        a.dedupKey = JsonFields.text(n, "dedup_key", CONTRACT);
        a.status = JsonFields.text(n, "status", CONTRACT);
        a.kind = JsonFields.text(n, "kind", CONTRACT);
        a.severity = JsonFields.text(n, "severity", CONTRACT);
        a.slaMetric = JsonFields.text(n, "sla_metric", CONTRACT);
        a.ticketId = JsonFields.nullableText(n, "ticket_id", CONTRACT);
        boolean grouped = n.has("grouping_set");
        a.channel = grouped ? JsonFields.nullableText(n, "channel", CONTRACT) : JsonFields.text(n, "channel", CONTRACT);
        a.priority = grouped ? JsonFields.nullableText(n, "priority", CONTRACT)
                : JsonFields.text(n, "priority", CONTRACT);
        a.team = JsonFields.nullableText(n, "team", CONTRACT);
        if (grouped) {
            a.groupingSet = JsonFields.text(n, "grouping_set", CONTRACT);
            JsonNode dimensions = n.get("dimensions");
            if (dimensions == null || !dimensions.isObject()) {
                throw new IllegalArgumentException(CONTRACT + ": field 'dimensions' must be an object");
            }
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            dimensions.fields().forEachRemaining(e -> {
                names.add(e.getKey());
                values.add(e.getValue().isNull() ? null : e.getValue().asText());
            });
            a.dimensionNames = names.toArray(new String[0]);
            a.dimensionValues = values.toArray(new String[0]);
        }
        a.policyId = JsonFields.text(n, "policy_id", CONTRACT);
        a.policyVersion = JsonFields.smallCount(n, "policy_version", CONTRACT);
        a.cycle = JsonFields.smallCount(n, "cycle", CONTRACT);
        a.targetS = JsonFields.number(n, "target_s", CONTRACT);
        a.startedAtMs = JsonFields.timestamp(n, "started_at", CONTRACT);
        a.deadlineAtMs = JsonFields.nullableTimestamp(n, "deadline_at", CONTRACT);
        a.breachedAtMs = JsonFields.nullableTimestamp(n, "breached_at", CONTRACT);
        a.changedAtMs = JsonFields.timestamp(n, "changed_at", CONTRACT);
        a.elapsedS = JsonFields.number(n, "elapsed_s", CONTRACT);
        a.pausedS = JsonFields.number(n, "paused_s", CONTRACT);
        a.overrunPct = JsonFields.number(n, "overrun_pct", CONTRACT);
        a.resolveReason = JsonFields.nullableText(n, "resolve_reason", CONTRACT);
        a.detectedAtMs = JsonFields.timestamp(n, "detected_at", CONTRACT);
        a.summary = JsonFields.text(n, "summary", CONTRACT);
        // added in v1 later (backward compatible): absent in records of earlier producers, read as false
        a.priorityDerived = n.has("priority_derived") && JsonFields.bool(n, "priority_derived", CONTRACT);
        // added in v1 later: written on alerts of metrics counted under a business-hours calendar only
        if (n.hasNonNull("calendar_id")) {
            a.calendarId = JsonFields.text(n, "calendar_id", CONTRACT);
            a.businessElapsedS = JsonFields.number(n, "business_elapsed_s", CONTRACT);
            a.calendarElapsedS = JsonFields.number(n, "calendar_elapsed_s", CONTRACT);
        }
        return a;
    }

    /** Reads one alert from JSON text; see {@link #fromJson(byte[])}. */
    public static SlaAlert fromJson(String json) {
        return fromJson(json.getBytes(StandardCharsets.UTF_8));
    }
}
