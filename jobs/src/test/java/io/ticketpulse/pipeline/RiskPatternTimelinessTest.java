package io.ticketpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.PatternRules;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a live stream a risk pattern that completes by timeout (escalation without response, D = 3 s) fires on the
 * wall clock with no further input, though CEP's timeouts only move with the watermark and the idle source holds
 * it still: the pattern clock advances it while live. An unbounded source emits a CREATED and an ESCALATED per
 * reader stamped with the current time, then nothing more (as in {@link SlaTimelinessTest}). The alert must come
 * no later than the live-lag bound (5 s here) + one clock tick (1 s) + 2 s of slack (a loaded machine) after its
 * instant.
 */
class RiskPatternTimelinessTest {

    private static final Duration WITHIN = Duration.ofSeconds(3);
    /**
     * Above the out-of-orderness (1 s): a pattern clock subtask that got no event learns that the stream is live
     * from its watermarks (event time - 1 s) alone, as with the defaults (2 min above 30 s).
     */
    private static final Duration LIVE_LAG_BOUND = Duration.ofSeconds(5);

    /** The wall clock, on purpose: Flink's processing time is the system clock. */
    private static final Clock WALL_CLOCK = Clock.systemUTC();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    /** Even index: CREATED of ticket {@code live-<index/2>}; odd: its ESCALATED; both stamped now. */
    private static RawRecord record(long index) {
        String ticket = "live-" + index / 2;
        TicketEvent e = new TicketEvent(ticket + "-" + index, ticket,
                index % 2 == 0 ? EventType.CREATED : EventType.ESCALATED, WALL_CLOCK.millis());
        if (e.type == EventType.CREATED) {
            e.channel = "chat";
            e.priority = "P1";
        }
        return new RawRecord(TicketEventJson.toJson(e), "idle-source#" + index);
    }

    @Test
    void anEscalationWithoutResponseFiresOnTheWallClockWithNoFurtherInput() throws Exception {
        SlaPolicySet base = SlaTestPolicies.policies();
        SlaPolicySet policies = new SlaPolicySet(base.source(), base.version(), base.policies(), base.aggregates(),
                base.priorityDerivation(), base.kpis(), new PatternRules(List.of(new PatternRule(
                        RiskPattern.ESCALATION_WITHOUT_RESPONSE, true, 1, WITHIN, Severity.RED))));
        PipelineConfig config = PipelineConfig.builder()
                .slaPolicies(policies)
                .alertClock(AlertClock.AUTO)
                .liveLagBound(LIVE_LAG_BOUND)
                .maxOutOfOrderness(Duration.ofSeconds(1))
                .build();

        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        DataGeneratorSource<RawRecord> idleAfterTwo = new DataGeneratorSource<>(
                RiskPatternTimelinessTest::record, Long.MAX_VALUE, RateLimiterStrategy.perCheckpoint(4),
                TypeInformation.of(RawRecord.class));
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config, idleAfterTwo,
                new PipelineSinks(new CollectingSink<TicketKpi>(), new CollectingSink<DeadLetter>())
                        .withAlerts(alerts, null));

        JobClient job = env.executeAsync("ticketpulse-risk-pattern-timeliness");
        try {
            // a condition wait (the test measures the delay from the alert's own fields, not from this poll)
            List<SlaAlert> fired = Awaitility.await("a pattern alert within 90 s of the start")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (job.getJobStatus().get().isGloballyTerminalState()) {
                            job.getJobExecutionResult().get();
                            throw new AssertionError("the unbounded job ended: " + job.getJobStatus().get());
                        }
                        return alerts.values().stream().filter(a -> "pattern".equals(a.kind)).toList();
                    }, found -> !found.isEmpty());
            SlaAlert a = fired.get(0);
            assertThat(a.ticketId).startsWith("live-");
            assertThat(a.slaMetric).isEqualTo("escalation_without_response");
            assertThat(a.severity).isEqualTo("red");
            assertThat(a.changedAtMs - a.startedAtMs).isEqualTo(WITHIN.toMillis());
            long delayMs = a.detectedAtMs - a.changedAtMs;
            System.out.printf("escalation timeout to alert: %d ms on the wall clock%n", delayMs);
            assertThat(delayMs).as("emitted this long after the timeout (ms)")
                    .isBetween(0L, LIVE_LAG_BOUND.toMillis() + 3_000L);
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }
    }
}
