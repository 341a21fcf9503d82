package io.ticketpulse.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.whatif.MetricResult;
import io.ticketpulse.domain.whatif.Outcome;
import io.ticketpulse.domain.whatif.Reached;
import io.ticketpulse.domain.whatif.WhatIfComparison;
import io.ticketpulse.domain.whatif.WhatIfComparison.Change;
import io.ticketpulse.domain.whatif.WhatIfComparison.Group;
import io.ticketpulse.domain.whatif.WhatIfComparison.Stats;
import io.ticketpulse.domain.whatif.WhatIfRecord;
import io.ticketpulse.schema.DeadLetter.ReasonCode;
import io.ticketpulse.schema.Timestamps;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/**
 * The what-if comparison as JSON lines ({@code schemas/what-if.schema.json}): one {@code run} record, then one
 * {@code group} record per channel × priority × metric (each metric's totals with null channel and priority last),
 * then one {@code change} record per metric whose outcome changes. Field order fixed; durations in seconds.
 */
public final class WhatIfJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WhatIfJson() {}

    /**
     * What the {@code run} record says about the history read: its end, tickets, events kept, exact duplicates
     * dropped and rejected records by reason code (in the order of the codes).
     *
     * @param asOfMs the latest event time, {@code Long.MIN_VALUE} for none
     */
    public record History(long asOfMs, long tickets, long events, long duplicates, Map<ReasonCode, Long> rejected) {

        public History {
            EnumMap<ReasonCode, Long> sorted = new EnumMap<>(ReasonCode.class);
            sorted.putAll(rejected);
            rejected = java.util.Collections.unmodifiableMap(sorted);
        }

        public static History of(HistoryFile file) {
            return new History(file.asOfMs(), file.tickets().size(), file.events(), file.duplicates(),
                    file.rejected());
        }
    }

    /** The lines (without line ends) of the comparison of {@code history} under {@code current} and {@code candidate}. */
    public static List<String> lines(HistoryFile history, SlaPolicySet current, SlaPolicySet candidate,
            WhatIfComparison comparison) {
        return lines(History.of(history), current, candidate, comparison);
    }

    /** The same, for a history described by {@code history} (e.g. read by the Flink what-if job). */
    public static List<String> lines(History history, SlaPolicySet current, SlaPolicySet candidate,
            WhatIfComparison comparison) {
        List<String> lines = new ArrayList<>();
        lines.add(run(history, current, candidate).toString());
        for (Group g : comparison.groups()) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("record", "group");
            n.put("channel", g.channel());
            n.put("priority", g.priority());
            n.put("sla_metric", g.metric().wireName());
            n.set("current", stats(g.current()));
            n.set("candidate", stats(g.candidate()));
            lines.add(n.toString());
        }
        for (Change c : comparison.changes()) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("record", "change");
            n.put("ticket_id", c.ticketId());
            n.put("life", Timestamps.format(c.lifeStartMs()));
            n.put("sla_metric", c.metric().wireName());
            n.put("cycle", c.cycle());
            n.set("current", side(c.current()));
            n.set("candidate", side(c.candidate()));
            lines.add(n.toString());
        }
        return lines;
    }

    private static ObjectNode run(History history, SlaPolicySet current, SlaPolicySet candidate) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("record", "run");
        if (history.asOfMs() == Long.MIN_VALUE) {
            n.putNull("as_of");
        } else {
            n.put("as_of", Timestamps.format(history.asOfMs()));
        }
        n.put("tickets", history.tickets());
        n.put("events", history.events());
        n.put("duplicates", history.duplicates());
        ObjectNode rejected = n.putObject("rejected");
        for (Map.Entry<ReasonCode, Long> e : history.rejected().entrySet()) {
            rejected.put(e.getKey().name(), e.getValue());
        }
        n.set("current_policy", policy(current));
        n.set("candidate_policy", policy(candidate));
        return n;
    }

    private static ObjectNode policy(SlaPolicySet p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("source", p.source());
        n.put("version", p.version());
        return n;
    }

    private static ObjectNode stats(Stats s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("met", s.met());
        n.put("breached", s.breached());
        n.put("cancelled", s.cancelled());
        n.put("open", s.open());
        n.put("attainment_pct", s.attainmentPct());
        n.put("warnings", s.warnings());
        ObjectNode pages = n.putObject("pages");
        for (Severity severity : Severity.values()) {
            pages.put(severity.wireName(), s.pages().get(severity));
        }
        n.put("overrun_p50_s", seconds(s.overrunP50Ms()));
        n.put("overrun_p90_s", seconds(s.overrunP90Ms()));
        return n;
    }

    private static ObjectNode side(MetricResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("outcome", r.outcome().wireName());
        n.put("reached", r.reached().wireName());
        n.put("policy_id", r.policyId());
        n.put("channel", r.channel());
        n.put("priority", r.priority());
        n.put("overrun_s", seconds(r.overrunMs()));
        return n;
    }

    private static Double seconds(Long ms) {
        return ms == null ? null : ms / 1000.0;
    }

    /**
     * The what-if output {@link #lines} wrote, read back (for the report's what-if section): the run record, the
     * groups and the changes. Each change side's most urgent alert state is kept (the single state it reached).
     *
     * @throws IllegalArgumentException when a line is not a what-if v1 record (with its line number), or the run
     *     record is missing
     */
    public static WhatIfRecord read(List<String> lines) {
        JsonNode run = null;
        List<Group> groups = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        int no = 0;
        for (String line : lines) {
            no++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = MAPPER.readTree(line);
                String record = n.path("record").asText("");
                switch (record) {
                    case "run" -> run = n;
                    case "group" -> groups.add(new Group(text(n, "channel"), text(n, "priority"),
                            SlaMetric.fromWireName(n.get("sla_metric").asText()), readStats(n.get("current")),
                            readStats(n.get("candidate"))));
                    case "change" -> changes.add(new Change(readSide(n, n.get("current")),
                            readSide(n, n.get("candidate"))));
                    default -> throw new IllegalArgumentException("unknown record \"" + record + "\"");
                }
            } catch (JsonProcessingException | RuntimeException e) {
                throw new IllegalArgumentException("line " + no + " is not a what-if v1 record: " + e.getMessage(), e);
            }
        }
        if (run == null) {
            throw new IllegalArgumentException("no run record (not a what-if output)");
        }
        return new WhatIfRecord(text(run, "as_of"), run.path("tickets").asLong(), run.path("events").asLong(),
                text(run.path("current_policy"), "source"), run.path("current_policy").path("version").asLong(),
                text(run.path("candidate_policy"), "source"), run.path("candidate_policy").path("version").asLong(),
                groups, changes);
    }

    private static Stats readStats(JsonNode n) {
        EnumMap<Severity, Integer> pages = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            pages.put(severity, n.path("pages").path(severity.wireName()).asInt());
        }
        return new Stats(n.get("met").asInt(), n.get("breached").asInt(), n.get("cancelled").asInt(),
                n.get("open").asInt(), number(n, "attainment_pct"), n.get("warnings").asInt(), pages,
                millis(number(n, "overrun_p50_s")), millis(number(n, "overrun_p90_s")));
    }

    private static MetricResult readSide(JsonNode change, JsonNode n) {
        Reached reached = Reached.valueOf(n.get("reached").asText().toUpperCase(Locale.ROOT));
        String life = text(change, "life");
        return new MetricResult(change.get("ticket_id").asText(),
                life == null ? Long.MIN_VALUE : Timestamps.parse(life), text(n, "channel"), text(n, "priority"),
                SlaMetric.fromWireName(change.get("sla_metric").asText()), change.get("cycle").asInt(),
                text(n, "policy_id"), Outcome.valueOf(n.get("outcome").asText().toUpperCase(Locale.ROOT)),
                millis(number(n, "overrun_s")), reached == Reached.NONE ? List.of() : List.of(reached));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static Long millis(Double seconds) {
        return seconds == null ? null : Math.round(seconds * 1000);
    }
}
