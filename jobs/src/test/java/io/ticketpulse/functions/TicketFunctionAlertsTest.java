package io.ticketpulse.functions;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.domain.Fact;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link TicketFunction}'s SLA side: events, horizon broadcasts, watermarks and processing time
 * in; alert records (side output {@link TicketFunction#ALERTS}) out. Policies of {@link SlaTestPolicies} (P1: first response 3m, assignment 2m, resolution
 * 2h); allowed lateness 2 min, so in event time a change at {@code t} is emitted once the watermark passes
 * {@code t + 2 min}.
 */
class TicketFunctionAlertsTest {

    private static final long LATENESS = Duration.ofMinutes(2).toMillis();

    private KeyedTwoInputStreamOperatorTestHarness<String, TicketEvent, TicketBroadcast, Fact> harness;

    private void open(AlertClock clock) throws Exception {
        open(clock, null);
    }

    private void open(AlertClock clock, OperatorSubtaskState restoreFrom) throws Exception {
        open(clock, restoreFrom, SlaTestPolicies.policies());
    }

    private void open(AlertClock clock, OperatorSubtaskState restoreFrom, SlaPolicySet policies) throws Exception {
        PipelineConfig config = PipelineConfig.builder()
                .allowedLateness(Duration.ofMinutes(2))
                .ticketRetention(Duration.ofHours(1))
                .tombstoneRetention(Duration.ofHours(2))
                .slaPolicies(policies)
                .alertClock(clock)
                .liveLagBound(Duration.ofMinutes(2))
                .build();
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new TicketFunction(config),
                        TicketFunction.BROADCAST_STATES),
                e -> e.ticketId,
                horizon -> "",
                Types.STRING);
        harness.setProcessingTime(0);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(TicketEvent e) throws Exception {
        harness.processElement1(new StreamRecord<>(e, e.occurredAtMs));
    }

    private void watermark(long ms) throws Exception {
        harness.processBothWatermarks(new Watermark(ms));
    }

    private List<String> drain() {
        return drainAlerts().stream()
                .map(a -> a.slaMetric + " " + a.status + " " + a.kind + " " + a.severity + " @" + a.changedAtMs)
                .toList();
    }

    private List<SlaAlert> drainAlerts() {
        ConcurrentLinkedQueue<StreamRecord<SlaAlert>> records = harness.getSideOutput(TicketFunction.ALERTS);
        if (records == null) {
            return List.of();
        }
        List<SlaAlert> out = records.stream().map(StreamRecord::getValue).toList();
        records.clear();
        return out;
    }

    /**
     * A live stream (the wall clock at 0:05, the watermark 35 s behind it) and ticket T1, P1, created at 0:00 and
     * assigned at 0:10: its first response is due at 3:00 (warning at 2:15).
     */
    private void liveP1TicketAssignedAtTenSeconds() throws Exception {
        harness.setProcessingTime(at(0, 5));
        watermark(at(0) - 30_000);
        send(created(at(0)));
        send(event("e2", EventType.ASSIGNED, at(0, 10)));
    }

    private static TicketEvent event(String id, EventType type, long atMs) {
        return new TicketEvent(id, "T1", type, atMs);
    }

    private static TicketEvent created(long atMs) {
        TicketEvent e = event("e1", EventType.CREATED, atMs);
        e.channel = "chat";
        e.priority = "P1";
        return e;
    }

    @Test
    void inEventTimeAChangeIsEmittedOnlyOnceTheWatermarkPassesItPlusTheAllowedLateness() throws Exception {
        open(AlertClock.EVENT_TIME);
        send(created(at(0)));
        send(event("e2", EventType.ASSIGNED, at(0, 30)));

        watermark(at(2, 15) + LATENESS); // warning at 2:15 not yet final
        assertThat(drain()).isEmpty();
        watermark(at(2, 15) + LATENESS + 1);
        assertThat(drain()).containsExactly("first_response firing warning warning @" + at(2, 15));

        watermark(at(3, 54) + LATENESS + 1); // breach at 3:00, yellow at 3:18, orange at 3:54
        assertThat(drain()).containsExactly(
                "first_response firing breach warning @" + at(3),
                "first_response firing breach yellow @" + at(3, 18),
                "first_response firing breach orange @" + at(3, 54));

        send(event("e3", EventType.AGENT_REPLIED, at(4))); // ahead of the watermark (5:54): waits for it
        assertThat(drain()).isEmpty();
        watermark(at(4) + LATENESS + 1);
        assertThat(drain()).containsExactly("first_response resolved breach orange @" + at(4));
    }

    @Test
    void aTicketsStateAndTimersGoBackToZeroAfterTheTombstoneRetention() throws Exception {
        open(AlertClock.EVENT_TIME);
        send(created(at(0)));
        send(event("e2", EventType.ASSIGNED, at(1)));
        send(event("e3", EventType.AGENT_REPLIED, at(2)));
        send(event("e4", EventType.RESOLVED, at(10)));
        send(event("e5", EventType.CLOSED, at(11)));
        watermark(at(30));
        assertThat(drain()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);

        watermark(at(11 + 120) + LATENESS);
        assertThat(harness.numKeyedStateEntries()).as("the tombstone is kept").isGreaterThan(0);
        watermark(at(11 + 120) + LATENESS + 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aLiveStreamRaisesTheBreachOnTheWallClockWithoutFurtherInputOrWatermarks() throws Exception {
        open(AlertClock.AUTO);
        liveP1TicketAssignedAtTenSeconds();
        assertThat(drain()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(at(2, 15));
        assertThat(drain()).containsExactly("first_response firing warning warning @" + at(2, 15));
        harness.setProcessingTime(at(3));
        List<SlaAlert> breach = drainAlerts();
        assertThat(breach).hasSize(1);
        assertThat(breach.get(0).kind).isEqualTo("breach");
        assertThat(breach.get(0).changedAtMs).isEqualTo(at(3));
        assertThat(breach.get(0).detectedAtMs).isEqualTo(at(3));
    }

    @Test
    void afterARestoreTheWallClockTimerWaitsForTheFirstWatermarkInsteadOfBeingDropped() throws Exception {
        open(AlertClock.AUTO);
        liveP1TicketAssignedAtTenSeconds();
        harness.setProcessingTime(at(2, 15));
        assertThat(drain()).containsExactly("first_response firing warning warning @" + at(2, 15));
        OperatorSubtaskState snapshot = harness.snapshot(1, at(2, 20));
        harness.close();

        open(AlertClock.AUTO, snapshot); // a new subtask: it has seen no event time yet, its watermark is MIN
        harness.setProcessingTime(at(3)); // the restored timer of the breach fires: live or not is unknown
        assertThat(drain()).as("nothing taken back, nothing new yet").isEmpty();
        assertThat(harness.numProcessingTimeTimers()).as("retried, not dropped").isEqualTo(1);

        watermark(at(2, 30) - 30_000); // the sources are back: the watermark trails the wall clock by 60 s
        harness.setProcessingTime(at(3) + TicketFunction.LIVENESS_RETRY_MS);
        assertThat(drain()).containsExactly("first_response firing breach warning @" + at(3));
    }

    @Test
    void aNewPolicyVersionAfterARestoreRetractsTheOldVersionsFiringAlertAndFiresTheNewOne() throws Exception {
        open(AlertClock.EVENT_TIME);
        send(created(at(0)));
        send(event("e2", EventType.ASSIGNED, at(0, 30)));
        watermark(at(3) + LATENESS + 1);
        assertThat(drainAlerts()).extracting(a -> a.dedupKey + " " + a.kind).containsExactly(
                "T1/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1 warning", "T1/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1 breach");
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        harness.close();

        SlaPolicySet v1 = SlaTestPolicies.policies();
        SlaPolicySet v2 = new SlaPolicySet("test-policies-v2", 2, v1.policies(), v1.aggregates());
        open(AlertClock.EVENT_TIME, snapshot, v2);
        send(event("e3", EventType.CUSTOMER_REPLIED, at(3, 10))); // any event of the ticket re-evaluates it

        assertThat(drainAlerts()).extracting(a -> a.dedupKey + " " + a.status + " " + a.kind + " " + a.resolveReason)
                .containsExactly("T1/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1 resolved breach retracted");

        // the folded model has no history to re-project: the running metric is matched anew under version 2 at
        // the fold instant (3:00 + 1 ms), where the states it has already reached come as one record
        watermark(at(3) + 1 + LATENESS + 1);
        assertThat(drainAlerts()).extracting(a -> a.dedupKey + " " + a.status + " " + a.kind + " " + a.changedAtMs)
                .containsExactly("T1/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@2 firing breach " + (at(3) + 1));
    }

    @Test
    void aLateReplyThatWasInTimeCorrectsALiveBreach() throws Exception {
        open(AlertClock.AUTO);
        liveP1TicketAssignedAtTenSeconds();
        harness.setProcessingTime(at(3, 1));
        assertThat(drain()).containsExactly(
                "first_response firing warning warning @" + at(2, 15),
                "first_response firing breach warning @" + at(3));

        send(event("e3", EventType.AGENT_REPLIED, at(2, 50))); // sent before the deadline, arrived after it
        List<SlaAlert> correction = drainAlerts();
        assertThat(correction).hasSize(1);
        assertThat(correction.get(0).status).isEqualTo("resolved");
        assertThat(correction.get(0).resolveReason).isEqualTo("fulfilled");
        assertThat(correction.get(0).elapsedS).isEqualTo(170.0);
    }

    @Test
    void whenTheStreamStopsBeingLiveTheClockDoesNotGoBackAndNothingIsTakenBack() throws Exception {
        open(AlertClock.AUTO);
        liveP1TicketAssignedAtTenSeconds();
        harness.setProcessingTime(at(3, 1));
        assertThat(drain()).containsExactly(
                "first_response firing warning warning @" + at(2, 15),
                "first_response firing breach warning @" + at(3));

        // the input falls behind: at 3:10 an event of 0:15 arrives, 2m55s behind the wall clock: no longer live
        harness.setProcessingTime(at(3, 10));
        send(event("e3", EventType.CUSTOMER_REPLIED, at(0, 15)));
        assertThat(drain()).as("evaluated at the clock it had reached (3:01), not at the watermark").isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aReplayLongBehindTheWallClockIsNotLive() throws Exception {
        open(AlertClock.AUTO);
        harness.setProcessingTime(at(0) + Duration.ofDays(3).toMillis());
        watermark(at(0));
        send(created(at(0)));
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(drain()).isEmpty();
    }

    @Test
    void atTheEndOfInputChangesAreEmittedUpToTheHorizonOnly() throws Exception {
        open(AlertClock.EVENT_TIME);
        send(created(at(0)));
        harness.processElement2(new StreamRecord<>(TicketBroadcast.horizon(at(3, 20)))); // the input's latest event time
        watermark(Long.MAX_VALUE);

        assertThat(drain()).containsExactly(
                "assignment firing warning warning @" + at(1, 30),
                "assignment firing breach warning @" + at(2),
                "assignment firing breach yellow @" + at(2, 12),
                "first_response firing warning warning @" + at(2, 15),
                "assignment firing breach orange @" + at(2, 36),
                "assignment firing breach red @" + at(3),
                "first_response firing breach warning @" + at(3),
                "first_response firing breach yellow @" + at(3, 18));
    }
}
