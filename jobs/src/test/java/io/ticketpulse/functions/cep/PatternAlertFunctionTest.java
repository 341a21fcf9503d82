package io.ticketpulse.functions.cep;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.pattern.PatternHit;
import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.PatternRules;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The pattern alerts operator in a harness: signals applied in event-time order whatever order they arrive in, the
 * input's horizon at the end of a bounded input, the ticket retention, and state and timers back to zero.
 */
class PatternAlertFunctionTest {

    private static final Duration RETENTION = Duration.ofHours(2);

    private static SlaPolicySet policies() {
        SlaPolicySet base = SlaTestPolicies.policies();
        return new SlaPolicySet(base.source(), 7, base.policies(), base.aggregates(), base.priorityDerivation(),
                base.kpis(), new PatternRules(List.of(
                        new PatternRule(RiskPattern.CUSTOMER_CHASING, true, 3, Duration.ofHours(1), Severity.YELLOW),
                        new PatternRule(RiskPattern.ESCALATION_WITHOUT_RESPONSE, true, 1, Duration.ofMinutes(30),
                                Severity.RED))));
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, PatternSignal, Long, SlaAlert> open()
            throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<String, PatternSignal, Long, SlaAlert>(
                new CoBroadcastWithKeyedOperator<>(new PatternAlertFunction(policies(), RETENTION.toMillis()),
                        List.of(PatternAlertFunction.HORIZON_STATE)),
                s -> s.ticketId, horizon -> "", Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedTwoInputStreamOperatorTestHarness<String, PatternSignal, Long, SlaAlert> h,
            List<PatternSignal> signals) throws Exception {
        for (PatternSignal s : signals) {
            h.processElement1(new StreamRecord<>(s, s.atMs));
        }
    }

    private static List<String> lines(List<SlaAlert> alerts) {
        List<String> out = new ArrayList<>();
        for (SlaAlert a : alerts) {
            out.add(a.dedupKey + " " + a.status + (a.resolveReason == null ? "" : " " + a.resolveReason) + " @"
                    + (a.changedAtMs - at(0)) / 60_000);
        }
        return out;
    }

    private static List<PatternSignal> scenario() {
        List<PatternSignal> s = new ArrayList<>();
        s.add(PatternSignal.of(created("c", "T", at(0), "chat", "P2")));
        s.add(PatternSignal.of(event("r1", "T", EventType.CUSTOMER_REPLIED, at(5))));
        s.add(PatternSignal.of(event("r2", "T", EventType.CUSTOMER_REPLIED, at(6))));
        s.add(PatternSignal.of(event("r3", "T", EventType.CUSTOMER_REPLIED, at(7))));
        s.add(PatternSignal.of(new PatternHit("T", RiskPattern.CUSTOMER_CHASING, at(5), at(7), 3)));
        // an agent reply at the very instant an escalation times out: the hit comes first, the reply clears it
        s.add(PatternSignal.of(event("x", "T", EventType.ESCALATED, at(10))));
        s.add(PatternSignal.of(event("a", "T", EventType.AGENT_REPLIED, at(40))));
        s.add(PatternSignal.of(new PatternHit("T", RiskPattern.ESCALATION_WITHOUT_RESPONSE, at(10), at(40), 1)));
        return s;
    }

    private static final List<String> EXPECTED = List.of(
            "T/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@7 firing @7",
            "T/escalation_without_response/2026-11-22T10:00:00.000Z/1/patterns@7 firing @40",
            "T/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@7 resolved fulfilled @40",
            "T/escalation_without_response/2026-11-22T10:00:00.000Z/1/patterns@7 resolved fulfilled @40");

    @Test
    void signalsApplyInEventTimeOrderWhateverOrderTheyArriveIn() throws Exception {
        for (boolean reversed : new boolean[] {false, true}) {
            try (var h = open()) {
                List<PatternSignal> s = scenario();
                if (reversed) {
                    java.util.Collections.reverse(s);
                }
                send(h, s);
                h.processBothWatermarks(new Watermark(at(39)));
                assertThat(lines(h.extractOutputValues())).containsExactlyElementsOf(EXPECTED.subList(0, 1));
                h.processBothWatermarks(new Watermark(at(40)));
                assertThat(lines(h.extractOutputValues())).as("reversed: " + reversed)
                        .containsExactlyElementsOf(EXPECTED);
                assertThat(h.extractOutputValues()).allSatisfy(a -> {
                    assertThat(a.kind).isEqualTo("pattern");
                    assertThat(a.channel).isEqualTo("chat");
                });
                assertThat(h.numKeyedStateEntries()).as("the ticket's attributes and retention timer").isPositive();
                h.processBothWatermarks(new Watermark(at(40) + RETENTION.toMillis()));
                assertThat(h.numKeyedStateEntries() + h.numEventTimeTimers()).isZero();
            }
        }
    }

    @Test
    void closedEndsTheTicketAndRetentionCancelsWhatStillFires() throws Exception {
        try (var h = open()) {
            send(h, List.of(
                    PatternSignal.of(created("c1", "A", at(0), "web", "P1")),
                    PatternSignal.of(new PatternHit("A", RiskPattern.CUSTOMER_CHASING, at(1), at(3), 3)),
                    PatternSignal.of(event("z", "A", EventType.CLOSED, at(9))),
                    PatternSignal.of(created("c2", "B", at(0), "web", "P1")),
                    PatternSignal.of(new PatternHit("B", RiskPattern.CUSTOMER_CHASING, at(1), at(3), 3))));
            h.processBothWatermarks(new Watermark(at(10)));
            assertThat(lines(h.extractOutputValues())).containsExactly(
                    "A/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@7 firing @3",
                    "A/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@7 resolved cancelled @9",
                    "B/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@7 firing @3");
            h.processBothWatermarks(new Watermark(at(0) + RETENTION.toMillis())); // B's last event (CREATED) + 2h
            assertThat(lines(h.extractOutputValues())).last()
                    .isEqualTo("B/customer_chasing/2026-11-22T10:00:00.000Z/1/patterns@7 resolved cancelled @120");
            assertThat(h.numKeyedStateEntries() + h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void theEndOfABoundedInputEmitsNothingBeyondItsHorizon() throws Exception {
        try (var h = open()) {
            send(h, List.of(
                    PatternSignal.of(created("c1", "A", at(0), "web", "P1")),
                    PatternSignal.of(event("x", "A", EventType.ESCALATED, at(10))),
                    // CEP fires the pending timeout at the final watermark: 40 is after the input's last event (20)
                    PatternSignal.of(new PatternHit("A", RiskPattern.ESCALATION_WITHOUT_RESPONSE, at(10), at(40), 1)),
                    PatternSignal.of(created("c2", "B", at(0), "web", "P1")),
                    PatternSignal.of(event("y", "B", EventType.ESCALATED, at(0))),
                    PatternSignal.of(new PatternHit("B", RiskPattern.ESCALATION_WITHOUT_RESPONSE, at(0), at(30), 1))));
            // the horizon's watermark is MAX - 1 until its input ends (EndOfInputWatermark): the signals wait
            h.processWatermark2(new Watermark(Long.MAX_VALUE - 1));
            h.processWatermark1(new Watermark(Long.MAX_VALUE));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement2(new StreamRecord<>(at(30)));
            h.processWatermark2(new Watermark(Long.MAX_VALUE));
            assertThat(lines(h.extractOutputValues()))
                    .containsExactly("B/escalation_without_response/2026-11-22T10:00:00.000Z/1/patterns@7 firing @30");
            assertThat(h.numKeyedStateEntries() + h.numEventTimeTimers()).isZero();
        }
    }
}
