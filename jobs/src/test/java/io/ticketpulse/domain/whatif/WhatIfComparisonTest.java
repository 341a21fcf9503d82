package io.ticketpulse.domain.whatif;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.asTest;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.domain.whatif.WhatIfComparison.Change;
import io.ticketpulse.domain.whatif.WhatIfComparison.Group;
import io.ticketpulse.domain.whatif.WhatIfComparison.Stats;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The what-if comparison on a small history worked out by hand. Current file: first response 10m, resolution 2h
 * (warning at 75 %, tiers yellow +10 %, orange +30 %, red +50 %); candidate: first response 5m.
 *
 * <pre>
 * T1 email P1: created 0, reply 7m, resolved 30m
 *     current FR 10m: warning at 7m30s not reached -> met, nothing fired
 *     candidate FR 5m: warning 3m45s, breach 5m, yellow 5m30s, orange 6m30s (red 7m30s not reached) -> breached,
 *     overrun 2m
 * T2 chat P1: created 0, reply 12m
 *     current: warning 7m30s, breach 10m, yellow 11m -> breached, overrun 2m
 *     candidate: warning, breach, yellow, orange, red 7m30s -> breached, overrun 7m
 *     resolution: still running at the end of the history (60m), warning at 90m: open on both sides
 * T3 email P1: created 51m, status "open" at 60m (the end of the history)
 *     current: warning at 58m30s, breach at 61m after the end -> open (warned)
 *     candidate: warning 54m45s, breach 56m, yellow, orange, red 58m30s -> breached, overrun 4m at 60m
 *     (a breach exactly at the end of the history counts: the deadline is reached)
 * T4 email P1 test ticket: counts nowhere
 * </pre>
 */
class WhatIfComparisonTest {

    private static final long END = at(60);

    private static SlaPolicySet policies(int version, String firstResponse) {
        Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        targets.put(SlaMetric.FIRST_RESPONSE, Duration.parse("PT" + firstResponse));
        targets.put(SlaMetric.RESOLUTION, Duration.ofHours(2));
        SlaPolicy p1 = new SlaPolicy("p1", new PolicyMatch(java.util.Set.of(), java.util.Set.of("P1"),
                java.util.Set.of(), Map.of()), targets, WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION);
        return new SlaPolicySet("test.yaml", version, List.of(p1), AggregateRules.DEFAULT);
    }

    private static TicketEngine engine(SlaPolicySet policies) {
        return new TicketEngine(Duration.ofMinutes(10).toMillis(), Duration.ofDays(7).toMillis(),
                Duration.ofDays(400).toMillis(), policies);
    }

    private static List<List<TicketEvent>> history() {
        List<List<TicketEvent>> tickets = new ArrayList<>();
        tickets.add(List.of(created("e1", "T1", at(0), "email", "P1"), reply("e2", "T1", at(7)),
                resolved("e3", "T1", at(30))));
        tickets.add(List.of(created("e4", "T2", at(0), "chat", "P1"), reply("e5", "T2", at(12))));
        tickets.add(List.of(created("e6", "T3", at(51), "email", "P1"), statusChanged("e7", "T3", at(60), "open")));
        tickets.add(List.of(asTest(created("e8", "T4", at(1), "email", "P1"))));
        return tickets;
    }

    private static WhatIfComparison compare() {
        return WhatIfComparison.of(
                WhatIfEvaluation.evaluate(engine(policies(1, "10M")), history(), END),
                WhatIfEvaluation.evaluate(engine(policies(2, "5M")), history(), END));
    }

    private static Map<Severity, Integer> pages(int warning, int yellow, int orange, int red) {
        Map<Severity, Integer> m = new EnumMap<>(Severity.class);
        m.put(Severity.WARNING, warning);
        m.put(Severity.YELLOW, yellow);
        m.put(Severity.ORANGE, orange);
        m.put(Severity.RED, red);
        return m;
    }

    private static long min(int minutes) {
        return Duration.ofMinutes(minutes).toMillis();
    }

    @Test
    void evaluatesEachMetricAtTheEndOfTheHistory() {
        List<MetricResult> current = WhatIfEvaluation.evaluate(engine(policies(1, "10M")), history(), END);
        // keys name the ticket's life (its CREATED): T1 and T2 at 10:00, T3 at 10:51
        assertThat(current).extracting(r -> r.key() + " " + r.channel() + "/" + r.priority() + " "
                        + r.outcome().wireName() + " " + r.overrunMs() + " " + r.alerts())
                .containsExactly(
                        "T1/first_response/2026-11-22T10:00:00.000Z/1 email/P1 met null []",
                        "T1/resolution/2026-11-22T10:00:00.000Z/1 email/P1 met null []",
                        "T2/first_response/2026-11-22T10:00:00.000Z/1 chat/P1 breached 120000 "
                                + "[WARNING, BREACH, YELLOW]",
                        "T2/resolution/2026-11-22T10:00:00.000Z/1 chat/P1 open null []",
                        "T3/first_response/2026-11-22T10:51:00.000Z/1 email/P1 open null [WARNING]",
                        "T3/resolution/2026-11-22T10:51:00.000Z/1 email/P1 open null []");
    }

    @Test
    void comparesEveryGroupAndMetric() {
        List<Group> groups = compare().groups();
        assertThat(groups).extracting(g -> g.channel() + "/" + g.priority() + "/" + g.metric().wireName())
                .containsExactly("chat/P1/first_response", "chat/P1/resolution", "email/P1/first_response",
                        "email/P1/resolution", "null/null/first_response", "null/null/resolution");

        Group chatFr = groups.get(0);
        assertThat(chatFr.current()).isEqualTo(new Stats(0, 1, 0, 0, 0.0, 1, pages(1, 1, 0, 0), min(2), min(2)));
        assertThat(chatFr.candidate()).isEqualTo(new Stats(0, 1, 0, 0, 0.0, 1, pages(1, 1, 1, 1), min(7), min(7)));

        Group emailFr = groups.get(2);
        assertThat(emailFr.current()).isEqualTo(new Stats(1, 0, 0, 1, 100.0, 1, pages(0, 0, 0, 0), null, null));
        assertThat(emailFr.candidate()).isEqualTo(new Stats(0, 2, 0, 0, 0.0, 2, pages(2, 2, 2, 1), min(2), min(4)));

        Group allFr = groups.get(4);
        assertThat(allFr.current()).isEqualTo(new Stats(1, 1, 0, 1, 50.0, 2, pages(1, 1, 0, 0), min(2), min(2)));
        // overruns 2m, 4m, 7m: p50 = rank ceil(1.5) = 2 -> 4m; p90 = rank ceil(2.7) = 3 -> 7m
        assertThat(allFr.candidate()).isEqualTo(new Stats(0, 3, 0, 0, 0.0, 3, pages(3, 3, 3, 2), min(4), min(7)));

        Group allResolution = groups.get(5);
        Stats resolution = new Stats(1, 0, 0, 2, 100.0, 0, pages(0, 0, 0, 0), null, null);
        assertThat(allResolution.current()).isEqualTo(resolution);
        assertThat(allResolution.candidate()).isEqualTo(resolution);
    }

    @Test
    void listsTheMetricsWhoseOutcomeChanges() {
        List<Change> changes = compare().changes();
        assertThat(changes).extracting(c -> c.ticketId() + "/" + c.metric().wireName() + " "
                        + c.current().outcome().wireName() + "/" + c.current().reached().wireName() + " -> "
                        + c.candidate().outcome().wireName() + "/" + c.candidate().reached().wireName())
                .containsExactly(
                        "T1/first_response met/none -> breached/orange",
                        "T2/first_response breached/yellow -> breached/red",
                        "T3/first_response open/warning -> breached/red");
    }

    @Test
    void theSameFileChangesNothing() {
        WhatIfComparison same = WhatIfComparison.of(
                WhatIfEvaluation.evaluate(engine(policies(1, "10M")), history(), END),
                WhatIfEvaluation.evaluate(engine(policies(1, "10M")), history(), END));
        assertThat(same.changes()).isEmpty();
        assertThat(same.same()).isTrue();
        assertThat(compare().same()).isFalse();
    }

    @Test
    void aMetricTrackedOnlyByOneFileIsUntrackedOnTheOther() {
        Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        targets.put(SlaMetric.RESOLUTION, Duration.ofHours(2));
        SlaPolicySet noFirstResponse = new SlaPolicySet("test.yaml", 2, List.of(new SlaPolicy("p1", PolicyMatch.ANY,
                targets, WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION)), AggregateRules.DEFAULT);
        WhatIfComparison c = WhatIfComparison.of(
                WhatIfEvaluation.evaluate(engine(policies(1, "10M")), history(), END),
                WhatIfEvaluation.evaluate(engine(noFirstResponse), history(), END));
        assertThat(c.changes()).extracting(ch -> ch.ticketId() + " " + ch.current().outcome().wireName() + " -> "
                        + ch.candidate().outcome().wireName() + " " + ch.candidate().policyId())
                .containsExactly("T1 met -> untracked null", "T2 breached -> untracked null",
                        "T3 open -> untracked null");
    }

    @Test
    void aBreachExactlyAtTheEndOfTheHistoryCounts() {
        List<List<TicketEvent>> tickets = List.of(List.of(created("e1", "T8", at(50), "web", "P1")));
        List<MetricResult> r = WhatIfEvaluation.evaluate(engine(policies(1, "10M")), tickets, END);
        assertThat(r).extracting(x -> x.key() + " " + x.outcome().wireName() + " " + x.overrunMs())
                .containsExactly("T8/first_response/2026-11-22T10:50:00.000Z/1 breached 0",
                        "T8/resolution/2026-11-22T10:50:00.000Z/1 open null");
    }

    @Test
    void aMetricCancelledBeforeItsTargetIsNeitherMetNorBreached() {
        List<List<TicketEvent>> tickets = List.of(List.of(created("e1", "T9", at(0), "web", "P1"),
                resolved("e2", "T9", at(2)), statusChanged("e3", "T9", at(60), "closed")));
        List<MetricResult> r = WhatIfEvaluation.evaluate(engine(policies(1, "10M")), tickets, END);
        assertThat(r).extracting(x -> x.key() + " " + x.outcome().wireName())
                .containsExactly("T9/first_response/2026-11-22T10:00:00.000Z/1 cancelled",
                        "T9/resolution/2026-11-22T10:00:00.000Z/1 met");
    }
}
