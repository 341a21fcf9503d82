package io.ticketpulse.functions.whatif;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.domain.whatif.OpenMetricResult;
import io.ticketpulse.domain.whatif.ReachedAt;
import io.ticketpulse.domain.whatif.WhatIfEvaluation;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The what-if job's per-ticket step: nothing before the end of input, then one part per ticket with both policy
 * files' results (the domain's {@link WhatIfEvaluation#ticket}), duplicates counted, conflicts dead-lettered, and
 * no state or timer left.
 */
class WhatIfTicketFunctionTest {

    private static final TicketEngine CURRENT = WhatIfEvaluation.engine(SlaTestPolicies.policies(), Duration.ofDays(7));
    private static final TicketEngine CANDIDATE = WhatIfEvaluation.engine(SlaTestPolicies.defaults(),
            Duration.ofDays(7));

    private KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, WhatIfPart> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new WhatIfTicketFunction(CURRENT, CANDIDATE), e -> e.ticketId, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void evaluatesATicketUnderBothFilesAtTheEndOfInputAndKeepsNothing() throws Exception {
        TicketEvent creation = created("e1", "T1", at(0), "chat", "P1");
        TicketEvent answer = reply("e2", "T1", at(7));
        TicketEvent conflicting = reply("e2", "T1", at(1));
        TicketEvent resolution = resolved("e3", "T1", at(30));
        // out of order, an exact repeat of e2 and a conflicting e2 (the first one wins)
        for (TicketEvent e : List.of(resolution, answer, creation, reply("e2", "T1", at(7)), conflicting)) {
            harness.processElement(new StreamRecord<>(e));
        }

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(harness.getSideOutput(WhatIfTicketFunction.DEAD_LETTERS)).singleElement()
                .satisfies(r -> {
                    assertThat(r.getValue().reasonCode).isEqualTo(DeadLetter.ReasonCode.DUPLICATE_CONFLICT);
                    assertThat(r.getValue().eventId).isEqualTo("e2");
                });

        harness.processWatermark(new Watermark(Long.MAX_VALUE));

        WhatIfPart part = harness.extractOutputValues().get(0);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(part.ticketId).isEqualTo("T1");
        assertThat(part.events).isEqualTo(3);
        assertThat(part.duplicates).isEqualTo(1);
        assertThat(part.lastEventMs).isEqualTo(at(30));
        List<TicketEvent> sorted = List.of(creation, answer, resolution);
        assertThat(part.current).isEqualTo(WhatIfEvaluation.ticket(CURRENT, sorted));
        assertThat(part.candidate).isEqualTo(WhatIfEvaluation.ticket(CANDIDATE, sorted));
        // p1-urgent: first response 3 min, answered at 7 min: breached at 3 min, 4 min counted
        OpenMetricResult firstResponse = part.current.stream()
                .filter(r -> r.metric == SlaMetric.FIRST_RESPONSE).findFirst().orElseThrow();
        assertThat(firstResponse.breachedAtMs).isEqualTo(at(3));
        assertThat(firstResponse.reason).isEqualTo("fulfilled");
        assertThat(firstResponse.elapsedMs).isEqualTo(at(7) - at(0));
        assertThat(harness.numKeyedStateEntries()).as("no state left for an evaluated ticket").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theJobsTypesAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(WhatIfPart.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(WhatIfTicketCounts.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(OpenMetricResult.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ReachedAt.class);
    }
}
