package io.ticketpulse.testing;

import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.PriorityDerivation;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The policies of the SLA tests, written out in code: one policy per priority, warning at 75 % of the target,
 * escalation yellow / orange / red at 10 / 30 / 50 % over. {@link #policies()} has the four response and resolution
 * metrics (version 1 of the shipped default file, which the hand-computed SLA tests were worked out with);
 * {@link #defaults()} is the shipped default file (version 2: plus periodic_update for P1 and follow_up for P1 and
 * P2, and the default priority derivation).
 *
 * <pre>
 * policy     priority  assignment  first_response  resolution  next_response  periodic_update  follow_up
 * p1-urgent  P1        2m          3m              2h          3m             30m (v2)         1h (v2)
 * p2-high    P2        5m          10m             24h         10m            -                1h (v2)
 * p3-normal  P3        30m         2h              72h         2h             -                -
 * p4-low     P4        4h          24h             7d          24h            -                -
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

    /** The version of {@link #defaults()}. */
    public static final int DEFAULTS_VERSION = 2;

    /** The shipped default policy file ({@code default-policies.yaml}, version 2). */
    public static SlaPolicySet defaults() {
        Duration m30 = Duration.ofMinutes(30);
        Duration h1 = Duration.ofHours(1);
        return new SlaPolicySet("test-default-policies", DEFAULTS_VERSION, java.util.List.of(
                policy("p1-urgent", "P1", Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofHours(2), m30, h1),
                policy("p2-high", "P2", Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(24), null, h1),
                policy("p3-normal", "P3", Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(72), null, null),
                policy("p4-low", "P4", Duration.ofHours(4), Duration.ofHours(24), Duration.ofDays(7), null, null)),
                AggregateRules.DEFAULT, PriorityDerivation.DEFAULT);
    }

    /**
     * {@link #defaults()} with minute-scale stage targets, for generated histories (gaps mostly 0-20 min): P1
     * periodic_update 10m and follow_up 20m, P2 follow_up 20m; version 5.
     */
    public static SlaPolicySet playbook() {
        Duration m10 = Duration.ofMinutes(10);
        Duration m20 = Duration.ofMinutes(20);
        return new SlaPolicySet("test-playbook-policies", 5, java.util.List.of(
                policy("p1-urgent", "P1", Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofHours(2), m10, m20),
                policy("p2-high", "P2", Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(24), null, m20),
                policy("p3-normal", "P3", Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(72), null, null),
                policy("p4-low", "P4", Duration.ofHours(4), Duration.ofHours(24), Duration.ofDays(7), null, null)),
                AggregateRules.DEFAULT, PriorityDerivation.DEFAULT);
    }

    private static SlaPolicy policy(String id, String priority, Duration assignment, Duration firstResponse,
            Duration resolution) {
        return policy(id, priority, assignment, firstResponse, resolution, null, null);
    }

    private static SlaPolicy policy(String id, String priority, Duration assignment, Duration firstResponse,
            Duration resolution, Duration periodicUpdate, Duration followUp) {
        Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        targets.put(SlaMetric.ASSIGNMENT, assignment);
        targets.put(SlaMetric.FIRST_RESPONSE, firstResponse);
        targets.put(SlaMetric.RESOLUTION, resolution);
        targets.put(SlaMetric.NEXT_RESPONSE, firstResponse);
        if (periodicUpdate != null) {
            targets.put(SlaMetric.PERIODIC_UPDATE, periodicUpdate);
        }
        if (followUp != null) {
            targets.put(SlaMetric.FOLLOW_UP, followUp);
        }
        return new SlaPolicy(
                id,
                new PolicyMatch(Set.of(), Set.of(priority), Set.of(), Map.of()),
                targets,
                WarningRule.DEFAULT,
                SlaPolicy.DEFAULT_ESCALATION);
    }
}
