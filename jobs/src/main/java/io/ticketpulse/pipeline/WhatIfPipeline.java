package io.ticketpulse.pipeline;

import io.ticketpulse.domain.EventTimeBounds;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.whatif.WhatIfEvaluation;
import io.ticketpulse.functions.ParsedRecordRouter;
import io.ticketpulse.functions.whatif.WhatIfComparisonOperator;
import io.ticketpulse.functions.whatif.WhatIfPart;
import io.ticketpulse.functions.whatif.WhatIfTicketFunction;
import io.ticketpulse.io.ParsingSource;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The topology of {@code ticketpulse what-if} on Flink (the source injected, the outputs returned for the caller
 * to sink or collect):
 *
 * <pre>
 * bounded source (raw bytes, parsed and validated as read, as in run) -> route --invalid--> dead letters
 *   -> keyBy(ticket_id) -> per ticket: dedupe, then at the end of input the engine under the current AND the
 *      candidate policy file --DUPLICATE_CONFLICT--> dead letters
 *   -> (with the dead letters' reason codes) -> parallelism 1: end of history, results, comparison -> JSON lines
 * </pre>
 *
 * <p>The end of the history (the latest event time) is only known when the input has ended, so the per-ticket
 * step emits every metric's outcome and timed alert records, and the last step reads the results off at the end
 * of the history. Event time is not checked against the wall clock (history is history) and no event is late
 * (the whole input is evaluated at its end); only the final watermark of the bounded input matters. The lines are
 * the same bytes as the domain evaluation's ({@code WhatIfEvaluation} over {@code HistoryFile}) whatever the
 * parallelism.
 */
public final class WhatIfPipeline {

    /** The output: the comparison's JSON lines (parallelism 1, in order), and every rejected record. */
    public record Outputs(DataStream<String> lines, DataStream<DeadLetter> deadLetters) {}

    private WhatIfPipeline() {}

    /**
     * Adds the what-if topology over {@code source} (bounded) to {@code env}.
     *
     * @param ticketRetention SLA clocks still running this long after a ticket's last event expire (as in run)
     * @param maxPayloadBytes larger records are dead-lettered as {@code OVERSIZED}
     */
    public static Outputs build(StreamExecutionEnvironment env, SlaPolicySet current, SlaPolicySet candidate,
            Duration ticketRetention, int maxPayloadBytes, Source<RawRecord, ?, ?> source) {
        EventTimeBounds anyTime = new EventTimeBounds(Clock.systemUTC(), Duration.ofMillis(Long.MAX_VALUE), null,
                null);
        SingleOutputStreamOperator<TicketEvent> events = env
                .fromSource(ParsingSource.of(source, maxPayloadBytes, anyTime, Long.MAX_VALUE),
                        WatermarkStrategy.noWatermarks(), "what-if: ticket events")
                .uid(Uids.WHAT_IF_SOURCE)
                .process(new ParsedRecordRouter())
                .uid(Uids.WHAT_IF_PARSE)
                .name("what-if: route parsed records (events, dead letters)");
        SingleOutputStreamOperator<WhatIfPart> tickets = events
                .keyBy(e -> e.ticketId, Types.STRING)
                .process(new WhatIfTicketFunction(WhatIfEvaluation.engine(current, ticketRetention),
                        WhatIfEvaluation.engine(candidate, ticketRetention)))
                .uid(Uids.WHAT_IF_TICKETS)
                .name("what-if: tickets under the current and the candidate policies");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(ParsedRecordRouter.DEAD_LETTERS)
                .union(tickets.getSideOutput(WhatIfTicketFunction.DEAD_LETTERS));
        DataStream<WhatIfPart> rejected = deadLetters
                .map(WhatIfPart::rejected)
                .returns(WhatIfPart.class)
                .uid(Uids.WHAT_IF_REJECTIONS)
                .name("what-if: rejected records' reasons");
        SingleOutputStreamOperator<String> lines = tickets.union(rejected)
                .transform("what-if: comparison at the end of the history", Types.STRING,
                        new WhatIfComparisonOperator(current, candidate))
                .uid(Uids.WHAT_IF_COMPARISON)
                .setParallelism(1)
                .setMaxParallelism(1);
        return new Outputs(lines, deadLetters);
    }
}
