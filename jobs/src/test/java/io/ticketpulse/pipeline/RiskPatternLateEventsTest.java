package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.PatternRules;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.Schemas;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An accepted event that reaches the CEP operators behind their watermark is not matched, and is never silently
 * dropped: each pattern it was late for gives a {@code LATE_FOR_PATTERNS} dead letter. On a live stream this
 * happens when the pattern clock follows the wall clock and an event is delayed by more than the live-lag bound;
 * here {@link RiskPatterns#build} is driven directly (parallelism 1, event-time clock, allowed lateness 0, a
 * watermark equal to each event's time emitted right after it), so which event is late is fixed by the input.
 * Customer chasing needs 3 customer replies: with the reply at 5 in time it fires, late it does not (the control
 * run shows the late event is the one that matters).
 */
class RiskPatternLateEventsTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final TicketEvent CREATED = created("c", "L", at(0), "chat", "P2");
    private static final TicketEvent REPLY_5 = event("r5", "L", EventType.CUSTOMER_REPLIED, at(5));
    private static final TicketEvent REPLY_10 = event("r10", "L", EventType.CUSTOMER_REPLIED, at(10));
    private static final TicketEvent REPLY_20 = event("r20", "L", EventType.CUSTOMER_REPLIED, at(20));

    static {
        REPLY_5.origin = "ticket-events/0@5";
    }

    private static PipelineConfig config() {
        SlaPolicySet base = SlaTestPolicies.policies();
        SlaPolicySet policies = new SlaPolicySet(base.source(), base.version(), base.policies(), base.aggregates(),
                base.priorityDerivation(), base.kpis(), new PatternRules(List.of(
                        new PatternRule(RiskPattern.REASSIGNMENT_PING_PONG, true, 3, Duration.ofHours(1),
                                Severity.ORANGE),
                        new PatternRule(RiskPattern.CUSTOMER_CHASING, true, 3, Duration.ofHours(1),
                                Severity.YELLOW))));
        return PipelineConfig.builder()
                .allowedLateness(Duration.ZERO)
                .ticketRetention(Duration.ofDays(1))
                .slaPolicies(policies)
                .alertClock(AlertClock.EVENT_TIME)
                .build();
    }

    /** Each event's time as the watermark right after it (never lower than an earlier one). */
    private static final class EachEventIsAWatermark implements WatermarkGenerator<TicketEvent> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(TicketEvent e, long timestamp, WatermarkOutput output) {
            max = Math.max(max, e.occurredAtMs);
            output.emitWatermark(new Watermark(max));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    private record Run(List<SlaAlert> alerts, List<DeadLetter> deadLetters) {}

    private static Run run(TicketEvent... events) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(1);
        DataStream<TicketEvent> accepted = env
                .fromData(TypeInformation.of(TicketEvent.class), events).uid("test-events").name("test events")
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<TicketEvent>forGenerator(ctx -> new EachEventIsAWatermark())
                        .withTimestampAssigner((e, previous) -> e.occurredAtMs))
                .uid("test-watermarks").name("test watermarks");
        DataStream<Long> horizon = accepted.map(e -> e.occurredAtMs).returns(Types.LONG)
                .uid("test-horizon").name("test horizon");
        RiskPatterns.Outputs out = RiskPatterns.build(accepted, horizon, config());
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        out.alerts().sinkTo(alerts).uid("test-alerts").name("test alerts");
        out.deadLetters().sinkTo(deadLetters).uid("test-dead-letters").name("test dead letters");
        env.execute("ticketpulse-risk-pattern-late-events");
        return new Run(alerts.values(), deadLetters.values());
    }

    @Test
    void inTimeTheThirdReplyCompletesCustomerChasingAndNothingIsDeadLettered() throws Exception {
        Run r = run(CREATED, REPLY_5, REPLY_10, REPLY_20);

        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.alerts()).filteredOn(a -> "firing".equals(a.status))
                .extracting(a -> a.slaMetric + " from " + (a.startedAtMs - at(0)) / 60_000)
                .containsExactly("customer_chasing from 5");
    }

    @Test
    void anEventLateForThePatternsIsADeadLetterPerPatternAndIsNotMatched() throws Exception {
        // the reply at 5 comes after the watermark reached 10: late for both CEP operators
        Run r = run(CREATED, REPLY_10, REPLY_5, REPLY_20);

        assertThat(r.alerts()).as("two customer replies in time: no chasing").isEmpty();
        assertThat(r.deadLetters()).hasSize(2).allSatisfy(d -> {
            assertThat(d.reasonCode).isEqualTo(DeadLetter.ReasonCode.LATE_FOR_PATTERNS);
            assertThat(d.eventId).isEqualTo("r5");
            assertThat(d.ticketId).isEqualTo("L");
            assertThat(d.origin).isEqualTo("ticket-events/0@5");
            assertThat(d.reason).startsWith("event time 2026-11-22T10:05:00.000Z was behind the risk patterns' clock")
                    .contains("applied to the KPIs and SLA clocks");
            assertThat(Schemas.load(Schemas.DEAD_LETTER)
                    .validate(new ObjectMapper().readTree(DeadLetterJson.toJson(d)))).isEmpty();
        });
        assertThat(r.deadLetters()).extracting(d -> d.reason.replaceAll(".*reached the pattern (\\w+):.*", "$1"))
                .containsExactlyInAnyOrder("reassignment_ping_pong", "customer_chasing");
    }
}
