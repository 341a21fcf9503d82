package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternAlerts;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.Timestamps;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * An accepted event that reached one risk pattern's CEP operator at or behind its watermark (CEP's late-data side
 * output), as a {@code LATE_FOR_PATTERNS} dead letter, counted in {@code eventsLateForPatterns}. Only on a live
 * stream: the pattern clock then follows the wall clock minus the live-lag bound, so an event delayed by more than
 * that bound can be late for CEP; in a replay no accepted event is late for the patterns. The event was still
 * applied to the KPIs and SLA clocks, and still clears pattern alerts; only that pattern did not see it.
 */
public class LateForPatterns extends RichMapFunction<TicketEvent, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final RiskPattern pattern;
    private final long liveLagBoundMs;
    private transient Counter lateForPatterns;

    public LateForPatterns(RiskPattern pattern, long liveLagBoundMs) {
        this.pattern = pattern;
        this.liveLagBoundMs = liveLagBoundMs;
    }

    @Override
    public void open(OpenContext openContext) {
        lateForPatterns = getRuntimeContext().getMetricGroup().addGroup("ticketpulse").counter("eventsLateForPatterns");
    }

    @Override
    public DeadLetter map(TicketEvent e) {
        lateForPatterns.inc();
        DeadLetter d = new DeadLetter(DeadLetter.ReasonCode.LATE_FOR_PATTERNS, reason(e), e.origin,
                TicketEventJson.toJson(e));
        d.eventId = e.eventId;
        d.ticketId = e.ticketId;
        return d;
    }

    String reason(TicketEvent e) {
        return "event time " + Timestamps.format(e.occurredAtMs) + " was behind the risk patterns' clock (live: the"
                + " wall clock minus the live-lag bound " + PatternAlerts.format(Duration.ofMillis(liveLagBoundMs))
                + ") when it reached the pattern " + pattern.wireName() + ": not matched by it; the event was applied"
                + " to the KPIs and SLA clocks and still clears pattern alerts";
    }
}
