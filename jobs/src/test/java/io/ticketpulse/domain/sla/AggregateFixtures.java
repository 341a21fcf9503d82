package io.ticketpulse.domain.sla;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shared test fixtures for aggregate alerts: a small policy set, KPI rows of 1 h windows sliding by 1 min (the
 * row "E(n)" ends at {@code T0 + n min}), and a compact form of alerts for sequence assertions.
 *
 * <p>Policies (version 7, tiers 10/30/50 %, {@code AggregateRules(0.25, 2, 2, 5.0)}):
 * <ul>
 *   <li>{@code chat-resolution}: chat, any priority: resolution 1 h only (no first-response target);
 *   <li>{@code p1}: P1: first response 3 min (yellow 198 s, orange 234 s, red 270 s; clear of them below
 *       189 s, 225 s, 261 s), resolution 2 h (yellow 7920 s, orange 9360 s, red 10800 s);
 *   <li>{@code p2}: P2: first response 15 min, resolution 8 h;
 *   <li>no policy for P4.
 * </ul>
 * Wait-timeout ceiling 0.25: yellow 0.275, orange 0.325, red 0.375; clear of yellow below 0.2625.
 */
public final class AggregateFixtures {

    public static final long MIN = 60_000L;
    public static final long T0 = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
    public static final int VERSION = 7;
    public static final AggregateRules RULES = new AggregateRules(0.25, 2, 2, 5.0);

    public static final SlaPolicy CHAT = new SlaPolicy(
            "chat-resolution",
            new PolicyMatch(Set.of("chat"), Set.of(), Set.of(), Map.of()),
            Map.of(SlaMetric.RESOLUTION, Duration.ofHours(1)),
            WarningRule.DEFAULT,
            SlaPolicy.DEFAULT_ESCALATION);
    public static final SlaPolicy P1 = new SlaPolicy(
            "p1",
            new PolicyMatch(Set.of(), Set.of("P1"), Set.of(), Map.of()),
            Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(3), SlaMetric.RESOLUTION, Duration.ofHours(2)),
            WarningRule.DEFAULT,
            SlaPolicy.DEFAULT_ESCALATION);
    public static final SlaPolicy P2 = new SlaPolicy(
            "p2",
            new PolicyMatch(Set.of(), Set.of("P2"), Set.of(), Map.of()),
            Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(15), SlaMetric.RESOLUTION, Duration.ofHours(8)),
            WarningRule.DEFAULT,
            SlaPolicy.DEFAULT_ESCALATION);

    public static final SlaPolicySet POLICIES = policies(RULES);

    private AggregateFixtures() {}

    public static SlaPolicySet policies(AggregateRules rules) {
        return new SlaPolicySet("test-policies.yaml", VERSION, List.of(CHAT, P1, P2), rules);
    }

    /** The final row E(n) of {@code channel/priority} with the given FRT p90, MTTR and wait-timeout rate. */
    public static TicketKpi row(String channel, String priority, int n, Double frtP90, Double mttr, Double waitRate) {
        TicketKpi k = new TicketKpi();
        k.channel = channel;
        k.priority = priority;
        k.windowEndMs = T0 + n * MIN;
        k.windowStartMs = k.windowEndMs - 60 * MIN;
        k.revision = 1;
        k.isFinal = true;
        k.frtP90S = frtP90;
        k.frtCount = frtP90 == null ? 0 : 10;
        k.mttrMeanS = mttr;
        k.resolved = mttr == null ? 0 : 5;
        k.waitTimeoutRate = waitRate;
        k.waitDecided = waitRate == null ? 0 : 20;
        return k;
    }

    /** An email/P1 row E(n) with only an FRT p90. */
    public static TicketKpi frt(int n, Double frtP90) {
        return row("email", "P1", n, frtP90, null, null);
    }

    /** {@code metric status severity E(n)}, e.g. {@code "frt_p90 firing yellow E2"}, the key implied. */
    public static String brief(SlaAlert a) {
        return a.slaMetric + ' ' + a.status + ' ' + a.severity + " E" + (a.changedAtMs - T0) / MIN;
    }

    public static List<String> briefs(List<SlaAlert> alerts) {
        return alerts.stream().map(AggregateFixtures::brief).collect(Collectors.toList());
    }
}
