package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternHit;
import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.pipeline.RiskPatterns;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * One risk pattern's CEP operator in a keyed harness, built as {@code CEP.pattern(keyed, pattern, comparator)
 * .inEventTime().process(function)} builds it (event time, the pattern's skip strategy, timeout handling because
 * {@link RiskPatternFunction} handles timed-out partial matches, no late-data tag).
 */
final class CepHarness implements AutoCloseable {

    final KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, PatternSignal> harness;

    CepHarness(PatternRule rule) throws Exception {
        RiskPatternDefinition definition = RiskPatternDefinition.of(rule.pattern());
        Pattern<TicketEvent, ?> pattern = definition.pattern(rule);
        CepOperator<TicketEvent, String, PatternSignal> op = new CepOperator<>(
                TypeInformation.of(TicketEvent.class).createSerializer(new SerializerConfigImpl()),
                false,
                NFACompiler.compileFactory(pattern, true),
                new RiskPatterns.SameInstantOrder(),
                pattern.getAfterMatchSkipStrategy(),
                new RiskPatternFunction(definition, rule),
                null);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(op, e -> e.ticketId, Types.STRING);
        harness.open();
    }

    CepHarness send(TicketEvent... events) throws Exception {
        for (TicketEvent e : events) {
            harness.processElement(new StreamRecord<>(e, e.occurredAtMs));
        }
        return this;
    }

    CepHarness watermark(long t) throws Exception {
        harness.processWatermark(new Watermark(t));
        return this;
    }

    /** Every hit so far (matches, then timed-out partial matches), in emission order within each. */
    List<PatternHit> hits() {
        List<PatternHit> out = new ArrayList<>();
        harness.extractOutputValues().forEach(s -> out.add(s.hit));
        var timedOut = harness.getSideOutput(RiskPatternFunction.TIMED_OUT);
        if (timedOut != null) {
            timedOut.forEach(r -> out.add(r.getValue().hit));
        }
        return out;
    }

    /** Keyed state entries plus event-time timers: zero when CEP has forgotten every ticket. */
    int stateAndTimers() {
        return harness.numKeyedStateEntries() + harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
