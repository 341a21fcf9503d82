package io.ticketpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import io.ticketpulse.testing.FlinkTestEnvironments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a live stream a breach is raised at its deadline on the wall clock, even when the source has gone idle and
 * no watermark moves: an unbounded source emits one {@code CREATED} per reader stamped with the current time,
 * then nothing more (its rate limiter waits for a checkpoint that never comes); the first-response target is 3 s.
 * With event-time timers alone this breach would never fire. The test measures how long after the deadline the
 * breach record was emitted ({@code detected_at - deadline_at}, both wall clock) and reaches the sink.
 */
class SlaTimelinessTest {

    private static final Duration TARGET = Duration.ofSeconds(3);

    /**
     * The wall clock, on purpose: this test is about it. Flink's processing time (what the live alert clock and its
     * timers run on) is the system clock, so the events are stamped with it and the delay is measured with it.
     */
    private static final Clock WALL_CLOCK = Clock.systemUTC();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    /** Ticket {@code live-<index>}, created now (the generator runs when the record is emitted). */
    private static RawRecord createdNow(long index) {
        TicketEvent e = new TicketEvent("live-" + index + "-created", "live-" + index, EventType.CREATED,
                WALL_CLOCK.millis());
        e.channel = "chat";
        e.priority = "P1";
        return new RawRecord(TicketEventJson.toJson(e), "idle-source#" + index);
    }

    @Test
    void aBreachIsEmittedWithinASecondOfItsDeadlineWithNoFurtherInput() throws Exception {
        SlaPolicySet policies = new SlaPolicySet("timeliness-test", 1, List.of(new SlaPolicy(
                "p1-fast", PolicyMatch.ANY, Map.of(SlaMetric.FIRST_RESPONSE, TARGET), WarningRule.NONE,
                SlaPolicy.DEFAULT_ESCALATION)), AggregateRules.DEFAULT);
        PipelineConfig config = PipelineConfig.builder()
                .slaPolicies(policies)
                .alertClock(AlertClock.AUTO)
                .build();

        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        DataGeneratorSource<RawRecord> idleAfterOne = new DataGeneratorSource<>(
                SlaTimelinessTest::createdNow, Long.MAX_VALUE, RateLimiterStrategy.perCheckpoint(2),
                TypeInformation.of(RawRecord.class));
        CollectingSink<SlaAlert> alerts = new ReceiptTimedSink();
        TicketPulsePipeline.build(env, config, idleAfterOne,
                new PipelineSinks(new CollectingSink<TicketKpi>(), new CollectingSink<DeadLetter>()).withAlerts(alerts, null));

        JobClient job = env.executeAsync("ticketpulse-sla-timeliness");
        try {
            // a condition wait (the test measures the delay from the alert's own fields, not from this poll)
            List<SlaAlert> breaches = Awaitility.await("a breach within 60 s of the start")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (job.getJobStatus().get().isGloballyTerminalState()) {
                            job.getJobExecutionResult().get(); // throws with the job's failure
                            throw new AssertionError("the unbounded job ended: " + job.getJobStatus().get());
                        }
                        return alerts.values().stream().filter(a -> "breach".equals(a.kind)).toList();
                    }, found -> !found.isEmpty());
            SlaAlert breach = breaches.get(0);
            long delayMs = breach.detectedAtMs - breach.deadlineAtMs;
            long receivedDelayMs = ReceiptTimedSink.receivedAt(breach) - breach.deadlineAtMs;
            System.out.printf("breach-to-alert delay: emitted %d ms, received by the sink %d ms after the deadline%n",
                    delayMs, receivedDelayMs);
            assertThat(breach.changedAtMs).isEqualTo(breach.deadlineAtMs);
            assertThat(breach.deadlineAtMs - breach.startedAtMs).isEqualTo(TARGET.toMillis());
            assertThat(delayMs).as("emitted this long after the deadline (ms)").isBetween(0L, 1_000L);
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }
    }

    /** A collecting sink that also notes the wall-clock time each alert reached it. */
    static final class ReceiptTimedSink extends CollectingSink<SlaAlert> {
        private static final Map<String, Long> RECEIVED = new java.util.concurrent.ConcurrentHashMap<>();

        static long receivedAt(SlaAlert a) {
            return RECEIVED.getOrDefault(a.dedupKey + '|' + a.severity + '|' + a.kind, -1L);
        }

        @Override
        protected void onReceive(SlaAlert a) {
            RECEIVED.putIfAbsent(a.dedupKey + '|' + a.severity + '|' + a.kind, WALL_CLOCK.millis());
        }
    }
}
