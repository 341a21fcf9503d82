package io.ticketpulse.pipeline;

import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.functions.cep.EndOfInputWatermark;
import io.ticketpulse.functions.cep.LateForPatterns;
import io.ticketpulse.functions.cep.PatternAlertFunction;
import io.ticketpulse.functions.cep.PatternClock;
import io.ticketpulse.functions.cep.PatternSignal;
import io.ticketpulse.functions.cep.RiskPatternDefinition;
import io.ticketpulse.functions.cep.RiskPatternFunction;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.util.Comparator;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The risk patterns (Flink CEP) of the policy file's {@code patterns} section, the one entry point the topology
 * builder calls:
 *
 * <pre>
 * accepted events (the ticket operator's side output: validated, not late, deduplicated, with event time)
 *   -> pattern clock (watermark - allowed lateness - 1; wall clock while live)
 *   -> keyBy(ticket_id) -> one CEP operator per enabled pattern -> hits -+    (late for it -> LATE_FOR_PATTERNS dead letters)
 *   `-> events as signals ------------------------------------------------+-> keyBy(ticket_id) -> pattern alerts
 * input horizon (broadcast; its watermark only at the end of input) ---------------------------------^
 * </pre>
 */
public final class RiskPatterns {

    /** How often the pattern clock looks at the wall clock while the stream is live. */
    static final long CLOCK_TICK_MS = 1_000;

    private RiskPatterns() {}

    /**
     * CEP's late-data side output of each pattern: accepted events that reached it at or behind its watermark (only
     * on a live stream, see {@link PatternClock}); they become {@code LATE_FOR_PATTERNS} dead letters.
     */
    public static final OutputTag<TicketEvent> LATE_FOR_PATTERNS =
            new OutputTag<>("risk-pattern-late-events", TypeInformation.of(TicketEvent.class));

    /** The pattern alerts, and the dead letters of events late for a pattern (one per event and pattern). */
    public record Outputs(DataStream<SlaAlert> alerts, DataStream<DeadLetter> deadLetters) {}

    /** The pattern alerts ({@code kind: pattern}) of the accepted events under {@code config}'s policy file. */
    public static Outputs build(DataStream<TicketEvent> accepted, DataStream<Long> inputHorizon,
            PipelineConfig config) {
        SlaPolicySet policies = config.slaPolicies();
        SingleOutputStreamOperator<TicketEvent> clocked = accepted
                .transform("risk patterns: event-time clock", TypeInformation.of(TicketEvent.class),
                        new PatternClock<TicketEvent>(config.allowedLateness().toMillis(),
                                config.alertClock() == AlertClock.AUTO, config.liveLagBound().toMillis(),
                                CLOCK_TICK_MS))
                .uid(Uids.RISK_PATTERN_CLOCK);
        KeyedStream<TicketEvent, String> perTicket = clocked.keyBy(e -> e.ticketId);

        DataStream<PatternSignal> signals = clocked
                .map(new AsSignal())
                .uid(Uids.RISK_PATTERN_EVENTS)
                .name("risk patterns: events as signals");
        DataStream<DeadLetter> late = null;
        for (PatternRule rule : policies.patterns().enabled()) {
            RiskPatternDefinition definition = RiskPatternDefinition.of(rule.pattern());
            SingleOutputStreamOperator<PatternSignal> hits = CEP
                    .pattern(perTicket, definition.pattern(rule), new SameInstantOrder())
                    .inEventTime()
                    .sideOutputLateData(LATE_FOR_PATTERNS)
                    .process(new RiskPatternFunction(definition, rule))
                    .uid(uid(rule.pattern()))
                    .name("risk pattern: " + rule.pattern().words());
            signals = signals.union(hits, hits.getSideOutput(RiskPatternFunction.TIMED_OUT));
            DataStream<DeadLetter> lateHere = hits.getSideOutput(LATE_FOR_PATTERNS)
                    .map(new LateForPatterns(rule.pattern(), config.liveLagBound().toMillis()))
                    .uid(uid(rule.pattern()) + Uids.RISK_PATTERN_LATE_SUFFIX)
                    .name("risk pattern: " + rule.pattern().words() + ": late events to dead letters");
            late = late == null ? lateHere : late.union(lateHere);
        }
        DataStream<SlaAlert> alerts = signals
                .keyBy(s -> s.ticketId)
                .connect(inputHorizon
                        .transform("risk patterns: input horizon (watermark at the end only)", Types.LONG,
                                new EndOfInputWatermark<Long>())
                        .uid(Uids.RISK_PATTERN_HORIZON)
                        .broadcast(PatternAlertFunction.HORIZON_STATE))
                .process(new PatternAlertFunction(policies, config.ticketRetention().toMillis()))
                .uid(Uids.RISK_PATTERN_ALERTS)
                .name("risk pattern alerts per ticket");
        return new Outputs(alerts, late);
    }

    static String uid(RiskPattern p) {
        return switch (p) {
            case REASSIGNMENT_PING_PONG -> Uids.RISK_PATTERN_PING_PONG;
            case CUSTOMER_CHASING -> Uids.RISK_PATTERN_CHASING;
            case REOPEN_LOOP -> Uids.RISK_PATTERN_REOPEN_LOOP;
            case SILENT_RESOLUTION -> Uids.RISK_PATTERN_SILENT_RESOLUTION;
            case ESCALATION_WITHOUT_RESPONSE -> Uids.RISK_PATTERN_ESCALATION;
        };
    }

    /** An accepted event as a signal of the pattern alerts. */
    static final class AsSignal implements MapFunction<TicketEvent, PatternSignal> {
        private static final long serialVersionUID = 1L;

        @Override
        public PatternSignal map(TicketEvent e) {
            return PatternSignal.of(e);
        }
    }

    /**
     * Events of one ticket at the same instant, in a fixed order whatever order they arrived in: CREATED first and
     * CLOSED last (the contract's order of a life), the others by type, then by event id.
     */
    public static final class SameInstantOrder implements EventComparator<TicketEvent> {
        private static final long serialVersionUID = 1L;
        private static final Comparator<TicketEvent> ORDER = Comparator
                .comparingInt((TicketEvent e) -> e.type == EventType.CREATED ? -1
                        : e.type == EventType.CLOSED ? Integer.MAX_VALUE : e.type.ordinal())
                .thenComparing(e -> e.eventId);

        @Override
        public int compare(TicketEvent a, TicketEvent b) {
            return ORDER.compare(a, b);
        }
    }
}
