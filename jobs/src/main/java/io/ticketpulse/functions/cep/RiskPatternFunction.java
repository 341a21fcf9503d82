package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternHit;
import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.schema.TicketEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns one risk pattern's CEP results into {@link PatternHit}s (as {@link PatternSignal}s): its matches (main output, at the event that
 * completed them) or, for a pattern that completes by timeout, its timed-out partial matches ({@link #TIMED_OUT},
 * at the first event + D). Thin: the times come from the matched events, never from a clock.
 */
public class RiskPatternFunction extends PatternProcessFunction<TicketEvent, PatternSignal>
        implements TimedOutPartialMatchHandler<TicketEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<PatternSignal> TIMED_OUT =
            new OutputTag<>("risk-pattern-timed-out", TypeInformation.of(PatternSignal.class));

    private final RiskPatternDefinition definition;
    private final long withinMs;

    public RiskPatternFunction(RiskPatternDefinition definition, PatternRule rule) {
        this.definition = definition;
        this.withinMs = rule.within().toMillis();
    }

    @Override
    public void processMatch(Map<String, List<TicketEvent>> match, Context ctx, Collector<PatternSignal> out) {
        if (definition.completesByTimeout()) {
            return; // answered in time
        }
        List<TicketEvent> first = match.get(definition.firstStage());
        long last = Long.MIN_VALUE;
        for (List<TicketEvent> stage : match.values()) {
            for (TicketEvent e : stage) {
                last = Math.max(last, e.occurredAtMs);
            }
        }
        out.collect(PatternSignal.of(new PatternHit(first.get(0).ticketId, definition.kind(), first.get(0).occurredAtMs,
                last, definition.kind().counted() ? first.size() : match.values().stream().mapToInt(List::size).sum())));
    }

    @Override
    public void processTimedOutMatch(Map<String, List<TicketEvent>> match, Context ctx) {
        if (!definition.completesByTimeout()) {
            return; // a count not reached within D
        }
        TicketEvent start = match.get(definition.firstStage()).get(0);
        ctx.output(TIMED_OUT, PatternSignal.of(new PatternHit(start.ticketId, definition.kind(), start.occurredAtMs,
                start.occurredAtMs + withinMs, 1)));
    }
}
