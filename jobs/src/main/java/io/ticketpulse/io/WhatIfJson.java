package io.ticketpulse.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.whatif.MetricResult;
import io.ticketpulse.domain.whatif.WhatIfComparison;
import io.ticketpulse.domain.whatif.WhatIfComparison.Change;
import io.ticketpulse.domain.whatif.WhatIfComparison.Group;
import io.ticketpulse.domain.whatif.WhatIfComparison.Stats;
import io.ticketpulse.schema.DeadLetter.ReasonCode;
import io.ticketpulse.schema.Timestamps;
import java.util.ArrayList;
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

    /** The lines (without line ends) of the comparison of {@code history} under {@code current} and {@code candidate}. */
    public static List<String> lines(HistoryFile history, SlaPolicySet current, SlaPolicySet candidate,
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
            n.put("sla_metric", c.metric().wireName());
            n.put("cycle", c.cycle());
            n.set("current", side(c.current()));
            n.set("candidate", side(c.candidate()));
            lines.add(n.toString());
        }
        return lines;
    }

    private static ObjectNode run(HistoryFile history, SlaPolicySet current, SlaPolicySet candidate) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("record", "run");
        if (history.asOfMs() == Long.MIN_VALUE) {
            n.putNull("as_of");
        } else {
            n.put("as_of", Timestamps.format(history.asOfMs()));
        }
        n.put("tickets", history.tickets().size());
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
}
