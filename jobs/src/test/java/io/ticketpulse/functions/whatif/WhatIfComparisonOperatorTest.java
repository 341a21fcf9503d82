package io.ticketpulse.functions.whatif;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.whatif.WhatIfEvaluation;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The what-if job's last step: nothing before the end of input; at the end the run record counts the tickets, the
 * events, the duplicates and the rejected records by reason, as of the latest event of all tickets; the parts
 * survive a snapshot and restore.
 */
class WhatIfComparisonOperatorTest {

    private static final SlaPolicySet CURRENT = SlaTestPolicies.policies();
    private static final SlaPolicySet CANDIDATE = SlaTestPolicies.defaults();

    private static WhatIfPart ticket(String id, List<TicketEvent> events, long duplicates) {
        WhatIfPart p = new WhatIfPart();
        p.ticketId = id;
        p.events = events.size();
        p.duplicates = duplicates;
        p.lastEventMs = events.stream().mapToLong(e -> e.occurredAtMs).max().orElseThrow();
        p.current = WhatIfEvaluation.ticket(WhatIfEvaluation.engine(CURRENT, Duration.ofDays(7)), events);
        p.candidate = WhatIfEvaluation.ticket(WhatIfEvaluation.engine(CANDIDATE, Duration.ofDays(7)), events);
        return p;
    }

    private static WhatIfPart rejected(DeadLetter.ReasonCode code) {
        return WhatIfPart.rejected(new DeadLetter(code, "test", "test:1", new byte[0]));
    }

    private static OneInputStreamOperatorTestHarness<WhatIfPart, String> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new WhatIfComparisonOperator(CURRENT, CANDIDATE));
    }

    @Test
    void emitsTheLinesAtTheEndOfInputAlsoAfterARestore() throws Exception {
        List<WhatIfPart> parts = List.of(
                ticket("T1", List.of(created("e1", "T1", at(0), "chat", "P1"), reply("e2", "T1", at(7))), 1),
                rejected(DeadLetter.ReasonCode.MALFORMED_JSON),
                ticket("T2", List.of(created("e3", "T2", at(2), "email", "P2")), 0),
                rejected(DeadLetter.ReasonCode.DUPLICATE_CONFLICT),
                rejected(DeadLetter.ReasonCode.MALFORMED_JSON));
        OperatorSubtaskState snapshot;
        try (OneInputStreamOperatorTestHarness<WhatIfPart, String> h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(parts.get(0)));
            h.processElement(new StreamRecord<>(parts.get(1)));
            snapshot = h.snapshot(1, 1);
            assertThat(h.extractOutputValues()).isEmpty();
        }

        List<String> lines;
        try (OneInputStreamOperatorTestHarness<WhatIfPart, String> h = harness()) {
            h.initializeState(snapshot);
            h.open();
            for (WhatIfPart p : parts.subList(2, parts.size())) {
                h.processElement(new StreamRecord<>(p));
            }
            assertThat(h.extractOutputValues()).isEmpty();
            h.endInput();
            lines = h.extractOutputValues();
        }

        assertThat(lines.get(0)).startsWith("{\"record\":\"run\",\"as_of\":\"2026-11-22T10:07:00.000Z\",\"tickets\":2,"
                + "\"events\":3,\"duplicates\":1,\"rejected\":{\"MALFORMED_JSON\":2,\"DUPLICATE_CONFLICT\":1},");
        assertThat(lines).isEqualTo(WhatIfComparisonOperator.lines(parts, CURRENT, CANDIDATE));
        assertThat(lines.stream().filter(l -> l.startsWith("{\"record\":\"change\",\"ticket_id\":\"T1\""))).isNotEmpty();
    }
}
