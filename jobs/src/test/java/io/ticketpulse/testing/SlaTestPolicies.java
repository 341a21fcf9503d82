package io.ticketpulse.testing;

import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The policies of the SLA tests, written out in code (the same numbers as the shipped default file): one policy per
 * priority, warning at 75 % of the target, escalation yellow / orange / red at 10 / 30 / 50 % over.
 *
 * <pre>
 * policy     priority  assignment  first_response  resolution  next_response
 * p1-urgent  P1        2m          3m              2h          3m
 * p2-high    P2        5m          10m             24h         10m
 * p3-normal  P3        30m         2h              72h         2h
 * p4-low     P4        4h          24h             7d          24h
 * </pre>
 */
public final class SlaTestPolicies {

    public static final int VERSION = 1;

    private SlaTestPolicies() {}

    public static SlaPolicySet policies() {
        return new SlaPolicySet("test-policies", VERSION, java.util.List.of(
                policy("p1-urgent", "P1", Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofHours(2)),
                policy("p2-high", "P2", Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(24)),
                policy("p3-normal", "P3", Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(72)),
                policy("p4-low", "P4", Duration.ofHours(4), Duration.ofHours(24), Duration.ofDays(7))),
                AggregateRules.DEFAULT);
    }

    private static SlaPolicy policy(String id, String priority, Duration assignment, Duration firstResponse,
            Duration resolution) {
        return new SlaPolicy(
                id,
                new PolicyMatch(Set.of(), Set.of(priority), Set.of(), Map.of()),
                Map.of(SlaMetric.ASSIGNMENT, assignment,
                        SlaMetric.FIRST_RESPONSE, firstResponse,
                        SlaMetric.RESOLUTION, resolution,
                        SlaMetric.NEXT_RESPONSE, firstResponse),
                WarningRule.DEFAULT,
                SlaPolicy.DEFAULT_ESCALATION);
    }
}
