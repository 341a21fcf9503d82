package io.ticketpulse.domain.whatif;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.closed;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.SlaTestPolicies;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ticket id reused for a second life: what-if reads each life's metrics as metrics of their own (like the
 * alerts' {@code dedup_key}s), never merging one life's outcome with the other's alerts. Worked out by hand with
 * {@link SlaTestPolicies#policies()}, P2 first response 10 min (warning 7:30, breach 10:00, yellow 11:00); ticket
 * retention 60 min, tombstone retention 120 min.
 *
 * <pre>
 * life 1: created 0, reply 12, closed 20   -> breached (warning, breach, yellow), overrun 2 min
 * life 2: created 200 (beyond 20 + 120), reply 201, closed 202 -> met, nothing fired
 * </pre>
 */
class WhatIfLivesTest {

    private static final long MIN = 60_000;

    @Test
    void eachLifeOfAReusedTicketIdIsItsOwnResult() {
        TicketEngine engine = new TicketEngine(10 * MIN, 60 * MIN, 120 * MIN, SlaTestPolicies.policies());
        List<TicketEvent> events = List.of(
                created("a1", "T1", at(0), "email", "P2"), reply("a2", "T1", at(12)), closed("a3", "T1", at(20)),
                created("b1", "T1", at(200), "email", "P2"), reply("b2", "T1", at(201)), closed("b3", "T1", at(202)));

        List<MetricResult> results = WhatIfEvaluation.evaluate(engine, List.of(events), at(202)).stream()
                .filter(r -> r.metric() == SlaMetric.FIRST_RESPONSE).toList();

        assertThat(results).extracting(r -> r.ticketId() + " " + (r.lifeStartMs() - at(0)) / MIN + " "
                + r.outcome() + " " + r.reached() + " " + r.overrunMs()).containsExactly(
                        "T1 0 BREACHED YELLOW 120000",
                        "T1 200 MET NONE null");
        assertThat(results.get(0).key()).isNotEqualTo(results.get(1).key());
    }
}
