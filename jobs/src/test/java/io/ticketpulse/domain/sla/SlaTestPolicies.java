package io.ticketpulse.domain.sla;

import io.ticketpulse.schema.SlaAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.ticketpulse.schema.TicketEvent;

/** The policy set of the SLA tests, and helpers to look at projections. */
final class SlaTestPolicies {

    static final int VERSION = 3;

    /**
     * One policy per priority, ids {@code p1}..{@code p4}: assignment 2m / 5m / 30m / 4h, first response 3m / 10m
     * / 2h / 24h, resolution 2h / 24h / 72h / 7d, next response 10m / 1h / 4h / 24h; warning at 75 %, tiers
     * yellow 10 %, orange 30 %, red 50 %.
     */
    static final SlaPolicySet STANDARD = set(
            policy("p1", "P1", "2m", "3m", "2h", "10m"),
            policy("p2", "P2", "5m", "10m", "24h", "1h"),
            policy("p3", "P3", "30m", "2h", "72h", "4h"),
            policy("p4", "P4", "4h", "24h", "168h", "24h"));

    private SlaTestPolicies() {}

    static SlaPolicySet set(SlaPolicy... policies) {
        return new SlaPolicySet("test-policies.yaml", VERSION, List.of(policies), AggregateRules.DEFAULT);
    }

    /** A policy for one priority; a null duration leaves the metric untracked. */
    static SlaPolicy policy(String id, String priority, String assignment, String firstResponse, String resolution,
            String nextResponse) {
        return policy(id, new PolicyMatch(Set.of(), Set.of(priority), Set.of(), Map.of()),
                assignment, firstResponse, resolution, nextResponse);
    }

    static SlaPolicy policy(String id, PolicyMatch match, String assignment, String firstResponse, String resolution,
            String nextResponse) {
        Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        put(targets, SlaMetric.ASSIGNMENT, assignment);
        put(targets, SlaMetric.FIRST_RESPONSE, firstResponse);
        put(targets, SlaMetric.RESOLUTION, resolution);
        put(targets, SlaMetric.NEXT_RESPONSE, nextResponse);
        return new SlaPolicy(id, match, targets, WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION);
    }

    private static void put(Map<SlaMetric, Duration> targets, SlaMetric metric, String duration) {
        if (duration != null) {
            targets.put(metric, Duration.parse("PT" + duration.toUpperCase()));
        }
    }

    static List<SlaAlert> project(TicketEvent... events) {
        return SlaTimeline.project(List.of(events), STANDARD);
    }

    /**
     * One line per record: {@code metric/cycle/policy status/kind/severity[ reason] @offset-from-T0}, e.g.
     * {@code first_response/1/p1 firing/breach/yellow @3m18s}.
     */
    static List<String> lines(Collection<SlaAlert> records) {
        List<String> lines = new ArrayList<>();
        for (SlaAlert a : records) {
            lines.add(line(a));
        }
        return lines;
    }

    static String line(SlaAlert a) {
        return a.slaMetric + '/' + a.cycle + '/' + a.policyId + ' ' + a.status + '/' + a.kind + '/' + a.severity
                + (a.resolveReason == null ? "" : ' ' + a.resolveReason)
                + " @" + AlertSummary.duration(a.changedAtMs - io.ticketpulse.domain.TicketEvents.T0.toEpochMilli());
    }

    /** The lines of one metric's records. */
    static List<String> lines(Collection<SlaAlert> records, SlaMetric metric) {
        List<SlaAlert> of = new ArrayList<>();
        for (SlaAlert a : records) {
            if (a.slaMetric.equals(metric.wireName())) {
                of.add(a);
            }
        }
        return lines(of);
    }

    static List<SlaAlert> upTo(List<SlaAlert> records, long clockMs) {
        List<SlaAlert> known = new ArrayList<>();
        for (SlaAlert a : records) {
            if (a.changedAtMs <= clockMs) {
                known.add(a);
            }
        }
        return known;
    }
}
