package io.ticketpulse.domain.whatif;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The two halves the Flink what-if job runs apart: {@link WhatIfEvaluation#ticket} (per ticket, without the end of
 * the history) and {@link WhatIfEvaluation#finish} (at the end). Ticket T3 of {@code WhatIfComparisonTest}: email
 * P1 created at 51m, first response 10m (warning at 75 % = 58m30s, breach 61m, yellow 62m, orange 64m, red 66m),
 * no reply; a status change at 60m.
 */
class WhatIfEvaluationSplitTest {

    private static final List<TicketEvent> T3 =
            List.of(created("e6", "T3", at(51), "email", "P1"), statusChanged("e7", "T3", at(60), "open"));

    private static TicketEngine engine() {
        Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        targets.put(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(10));
        SlaPolicy p1 = new SlaPolicy("p1", new PolicyMatch(Set.of(), Set.of("P1"), Set.of(), Map.of()), targets,
                WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION);
        return WhatIfEvaluation.engine(new SlaPolicySet("test.yaml", 1, List.of(p1), AggregateRules.DEFAULT),
                Duration.ofDays(7));
    }

    @Test
    void theOpenResultHoldsEveryTimedAlertAndTheEndOfTheHistoryCutsThem() {
        OpenMetricResult open = WhatIfEvaluation.ticket(engine(), T3).get(0);

        // time run on with no reply: every state up to red, then the clock expires after the retention
        assertThat(open.alerts).containsExactly(new ReachedAt(Reached.WARNING, at(58, 30)),
                new ReachedAt(Reached.BREACH, at(61)), new ReachedAt(Reached.YELLOW, at(62)),
                new ReachedAt(Reached.ORANGE, at(64)), new ReachedAt(Reached.RED, at(66)));
        assertThat(open.breachedAtMs).isEqualTo(at(61));
        assertThat(open.reason).isEqualTo("expired");

        MetricResult at60 = WhatIfEvaluation.finish(open, at(60));
        MetricResult at65 = WhatIfEvaluation.finish(open, at(65));

        assertThat(at60.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(at60.alerts()).containsExactly(Reached.WARNING);
        assertThat(at60.overrunMs()).isNull();
        assertThat(at65.outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(at65.alerts()).containsExactly(Reached.WARNING, Reached.BREACH, Reached.YELLOW, Reached.ORANGE);
        assertThat(at65.overrunMs()).isEqualTo(Duration.ofMinutes(4).toMillis());
    }

    @Test
    void finishingEveryOpenResultIsTheEvaluation() {
        assertThat(WhatIfEvaluation.ticket(engine(), T3).stream().map(r -> WhatIfEvaluation.finish(r, at(60)))
                .toList()).isEqualTo(WhatIfEvaluation.evaluate(engine(), List.of(T3), at(60)));
    }
}
