package io.ticketpulse.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link TicketKpi} rows as {@code ticket-kpi} v1 JSON (see
 * {@code schemas/ticket-kpi.schema.json}): snake_case names, window bounds as RFC 3339 UTC with milliseconds, every
 * field always written (unmeasured means, rates and percentiles as {@code null}); {@code grouping_set},
 * {@code dimensions} and {@code folded_dimensions} only on rows of a grouping set other than the default
 * (channel, priority), whose rows stay exactly as before.
 */
public final class TicketKpiJson {

    private static final String CONTRACT = "ticket-kpi v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TicketKpiJson() {}

    /**
     * The row as one compact JSON object, UTF-8. A NaN or infinite number (which JSON cannot carry) is written as
     * {@code null}.
     */
    public static byte[] toJson(TicketKpi k) {
        return JsonFields.write(MAPPER, toNode(k));
    }

    /** The row as a JSON object node, fields in schema order. */
    public static ObjectNode toNode(TicketKpi k) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("window_start", Timestamps.format(k.windowStartMs));
        n.put("window_end", Timestamps.format(k.windowEndMs));
        n.put("channel", k.channel);
        n.put("priority", k.priority);
        if (k.groupingSet != null) {
            n.put("grouping_set", k.groupingSet);
            ObjectNode dimensions = n.putObject("dimensions");
            for (int i = 0; i < k.dimensionNames.length; i++) {
                dimensions.put(k.dimensionNames[i], k.dimensionValues[i]);
            }
            ArrayNode folded = n.putArray("folded_dimensions");
            for (String name : k.foldedDimensions == null ? new String[0] : k.foldedDimensions) {
                folded.add(name);
            }
        }
        n.put("revision", k.revision);
        n.put("is_final", k.isFinal);
        n.put("tickets_created", k.ticketsCreated);
        n.put("frt_count", k.frtCount);
        JsonFields.putNullable(n, "frt_mean_s", k.frtMeanS);
        JsonFields.putNullable(n, "frt_p50_s", k.frtP50S);
        JsonFields.putNullable(n, "frt_p90_s", k.frtP90S);
        JsonFields.putNullable(n, "frt_p95_s", k.frtP95S);
        JsonFields.putNullable(n, "frt_p99_s", k.frtP99S);
        JsonFields.putNullable(n, "frt_max_s", k.frtMaxS);
        n.put("wait_timeouts", k.waitTimeouts);
        n.put("wait_decided", k.waitDecided);
        JsonFields.putNullable(n, "wait_timeout_rate", k.waitTimeoutRate);
        n.put("resolved", k.resolved);
        JsonFields.putNullable(n, "mttr_mean_s", k.mttrMeanS);
        JsonFields.putNullable(n, "mttr_p50_s", k.mttrP50S);
        JsonFields.putNullable(n, "mttr_p90_s", k.mttrP90S);
        n.put("one_touch_resolved", k.oneTouchResolved);
        JsonFields.putNullable(n, "fcr_rate", k.fcrRate);
        n.put("backlog_open", k.backlogOpen);
        n.put("csat_count", k.csatCount);
        JsonFields.putNullable(n, "csat_mean", k.csatMean);
        JsonFields.putNullable(n, "csat_mean_frt_lt_1m", k.csatMeanFrtLt1m);
        JsonFields.putNullable(n, "csat_mean_frt_1_5m", k.csatMeanFrt1To5m);
        JsonFields.putNullable(n, "csat_mean_frt_gt_5m", k.csatMeanFrtGt5m);
        n.put("tickets_priority_derived", k.ticketsPriorityDerived);
        n.put("aht_count", k.ahtCount);
        JsonFields.putNullable(n, "aht_mean_s", k.ahtMeanS);
        JsonFields.putNullable(n, "aht_p50_s", k.ahtP50S);
        JsonFields.putNullable(n, "aht_p90_s", k.ahtP90S);
        n.put("imminent_breach", k.imminentBreach);
        // business-time variants: written only when a value had a calendar (default output unchanged)
        if (k.frtBusinessMeanS != null) {
            n.put("frt_business_mean_s", k.frtBusinessMeanS);
        }
        if (k.mttrBusinessMeanS != null) {
            n.put("mttr_business_mean_s", k.mttrBusinessMeanS);
        }
        // their counts (the weights to merge the means), written with them
        if (k.frtBusinessCount != null) {
            n.put("frt_business_count", k.frtBusinessCount);
        }
        if (k.mttrBusinessCount != null) {
            n.put("mttr_business_count", k.mttrBusinessCount);
        }
        return n;
    }

    /**
     * Reads one row. Unknown fields are ignored (consumers must tolerate new fields); does not validate against
     * the JSON Schema beyond presence and JSON types of the known fields.
     *
     * @throws IllegalArgumentException if it is not JSON, or a field is missing or of the wrong type
     */
    public static TicketKpi fromJson(byte[] json) {
        ObjectNode n = JsonFields.readObject(MAPPER, json, CONTRACT);
        TicketKpi k = new TicketKpi();
        k.windowStartMs = timestamp(n, "window_start");
        k.windowEndMs = timestamp(n, "window_end");
        if (n.has("grouping_set")) {
            k.groupingSet = JsonFields.text(n, "grouping_set", CONTRACT);
            readDimensions(n, k);
            k.channel = JsonFields.nullableText(n, "channel", CONTRACT);
            k.priority = JsonFields.nullableText(n, "priority", CONTRACT);
        } else {
            k.channel = JsonFields.text(n, "channel", CONTRACT);
            k.priority = JsonFields.text(n, "priority", CONTRACT);
        }
        long revision = JsonFields.count(n, "revision", CONTRACT);
        if (revision > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(CONTRACT + ": field 'revision' is too large: " + revision);
        }
        k.revision = (int) revision;
        k.isFinal = JsonFields.bool(n, "is_final", CONTRACT);
        k.ticketsCreated = JsonFields.count(n, "tickets_created", CONTRACT);
        k.frtCount = JsonFields.count(n, "frt_count", CONTRACT);
        k.frtMeanS = JsonFields.nullableNumber(n, "frt_mean_s", CONTRACT);
        k.frtP50S = JsonFields.nullableNumber(n, "frt_p50_s", CONTRACT);
        k.frtP90S = JsonFields.nullableNumber(n, "frt_p90_s", CONTRACT);
        k.frtP95S = JsonFields.nullableNumber(n, "frt_p95_s", CONTRACT);
        k.frtP99S = JsonFields.nullableNumber(n, "frt_p99_s", CONTRACT);
        k.frtMaxS = JsonFields.nullableNumber(n, "frt_max_s", CONTRACT);
        k.waitTimeouts = JsonFields.count(n, "wait_timeouts", CONTRACT);
        k.waitDecided = JsonFields.count(n, "wait_decided", CONTRACT);
        k.waitTimeoutRate = JsonFields.nullableNumber(n, "wait_timeout_rate", CONTRACT);
        k.resolved = JsonFields.count(n, "resolved", CONTRACT);
        k.mttrMeanS = JsonFields.nullableNumber(n, "mttr_mean_s", CONTRACT);
        k.mttrP50S = JsonFields.nullableNumber(n, "mttr_p50_s", CONTRACT);
        k.mttrP90S = JsonFields.nullableNumber(n, "mttr_p90_s", CONTRACT);
        k.oneTouchResolved = JsonFields.count(n, "one_touch_resolved", CONTRACT);
        k.fcrRate = JsonFields.nullableNumber(n, "fcr_rate", CONTRACT);
        k.backlogOpen = JsonFields.count(n, "backlog_open", CONTRACT);
        k.csatCount = JsonFields.count(n, "csat_count", CONTRACT);
        k.csatMean = JsonFields.nullableNumber(n, "csat_mean", CONTRACT);
        k.csatMeanFrtLt1m = JsonFields.nullableNumber(n, "csat_mean_frt_lt_1m", CONTRACT);
        k.csatMeanFrt1To5m = JsonFields.nullableNumber(n, "csat_mean_frt_1_5m", CONTRACT);
        k.csatMeanFrtGt5m = JsonFields.nullableNumber(n, "csat_mean_frt_gt_5m", CONTRACT);
        // optional fields added to v1 later: absent in rows of earlier producers (0 and null then)
        k.ticketsPriorityDerived = n.has("tickets_priority_derived")
                ? JsonFields.count(n, "tickets_priority_derived", CONTRACT) : 0;
        k.ahtCount = n.has("aht_count") ? JsonFields.count(n, "aht_count", CONTRACT) : 0;
        k.ahtMeanS = n.has("aht_mean_s") ? JsonFields.nullableNumber(n, "aht_mean_s", CONTRACT) : null;
        k.ahtP50S = n.has("aht_p50_s") ? JsonFields.nullableNumber(n, "aht_p50_s", CONTRACT) : null;
        k.ahtP90S = n.has("aht_p90_s") ? JsonFields.nullableNumber(n, "aht_p90_s", CONTRACT) : null;
        k.frtBusinessMeanS = n.has("frt_business_mean_s")
                ? JsonFields.nullableNumber(n, "frt_business_mean_s", CONTRACT) : null;
        k.mttrBusinessMeanS = n.has("mttr_business_mean_s")
                ? JsonFields.nullableNumber(n, "mttr_business_mean_s", CONTRACT) : null;
        // (null, as a table row read back as JSON has it, reads as absent)
        k.frtBusinessCount = n.hasNonNull("frt_business_count")
                ? (Long) JsonFields.count(n, "frt_business_count", CONTRACT) : null;
        k.mttrBusinessCount = n.hasNonNull("mttr_business_count")
                ? (Long) JsonFields.count(n, "mttr_business_count", CONTRACT) : null;
        k.imminentBreach = n.has("imminent_breach") ? JsonFields.count(n, "imminent_breach", CONTRACT) : 0;
        return k;
    }

    private static void readDimensions(ObjectNode n, TicketKpi k) {
        JsonNode dimensions = n.get("dimensions");
        if (dimensions == null || !dimensions.isObject()) {
            throw new IllegalArgumentException(CONTRACT + ": field 'dimensions' must be an object");
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = dimensions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull() && !e.getValue().isTextual()) {
                throw new IllegalArgumentException(
                        CONTRACT + ": dimension '" + e.getKey() + "' must be a string or null");
            }
            names.add(e.getKey());
            values.add(e.getValue().isNull() ? null : e.getValue().textValue());
        }
        k.dimensionNames = names.toArray(new String[0]);
        k.dimensionValues = values.toArray(new String[0]);
        JsonNode folded = n.get("folded_dimensions");
        if (folded == null || !folded.isArray()) {
            throw new IllegalArgumentException(CONTRACT + ": field 'folded_dimensions' must be an array");
        }
        List<String> foldedNames = new ArrayList<>();
        for (JsonNode f : folded) {
            if (!f.isTextual()) {
                throw new IllegalArgumentException(CONTRACT + ": field 'folded_dimensions' must hold strings");
            }
            foldedNames.add(f.textValue());
        }
        k.foldedDimensions = foldedNames.toArray(new String[0]);
    }

    private static long timestamp(ObjectNode n, String field) {
        String text = JsonFields.text(n, field, CONTRACT);
        try {
            return Timestamps.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(CONTRACT + ": field '" + field + "' is not an RFC 3339 date-time: "
                    + text, e);
        }
    }
}
