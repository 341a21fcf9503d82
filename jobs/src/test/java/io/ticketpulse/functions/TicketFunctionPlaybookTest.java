package io.ticketpulse.functions;

import static io.ticketpulse.domain.TicketEvents.assignedTo;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.atH;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.rated;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static io.ticketpulse.domain.TicketEvents.withAttributes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FactType;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link TicketFunction} for the playbook additions: handling-time facts (emitted as the watermark
 * passes the resolution, corrected by a late event), the derived priority on facts and alerts, and the
 * periodic_update and follow_up alerts, with the shipped default policies ({@link SlaTestPolicies#defaults()}: P1
 * periodic_update 30m, follow_up 1h for P1 and P2). Allowed lateness 5 min: in event time an alert change at
 * {@code t} is emitted once the watermark passes {@code t + 5 min}. Expected values are worked out by hand.
 */
class TicketFunctionPlaybookTest {

    private static final long MIN = 60_000;

    private static final PipelineConfig CONFIG = PipelineConfig.builder()
            .waitThreshold(Duration.ofMinutes(10))
            .allowedLateness(Duration.ofMinutes(5))
            .ticketRetention(Duration.ofHours(6))
            .tombstoneRetention(Duration.ofHours(12))
            .slaPolicies(SlaTestPolicies.defaults())
            .alertClock(AlertClock.EVENT_TIME)
            .build();

    private KeyedTwoInputStreamOperatorTestHarness<String, TicketEvent, TicketBroadcast, Fact> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new TicketFunction(CONFIG), TicketFunction.BROADCAST_STATES),
                e -> e.ticketId,
                horizon -> "",
                Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(TicketEvent e) throws Exception {
        harness.processElement1(new StreamRecord<>(e, e.occurredAtMs));
    }

    private void watermark(long ms) throws Exception {
        harness.processBothWatermarks(new Watermark(ms));
    }

    private List<Fact> drainFacts(FactType type) {
        List<Fact> facts = harness.extractOutputValues();
        harness.getOutput().clear();
        return facts.stream().filter(f -> f.type == type).toList();
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

    private static List<String> lines(List<SlaAlert> alerts) {
        return alerts.stream().map(a -> a.dedupKey + " " + a.status + " " + a.kind + " " + a.severity
                + (a.resolveReason == null ? "" : " " + a.resolveReason) + " @" + (a.changedAtMs - at(0)) / 1000 + "s")
                .toList();
    }

    @Test
    void aHandlingTimeIsEmittedAtTheResolutionAndCorrectedByALateStatusChange() throws Exception {
        // agent from 0:02, resolved at 0:30: 28 m of handling, emitted when the watermark passes 0:30
        send(created("e1", "T1", at(0), "chat", "P3"));
        send(assignedTo("e2", "T1", at(2), "a1"));
        send(resolved("e3", "T1", at(30)));
        watermark(at(29));
        assertThat(drainFacts(FactType.HANDLING_TIME)).isEmpty();
        watermark(at(30));
        assertThat(drainFacts(FactType.HANDLING_TIME))
                .containsExactly(Fact.handlingTime(at(30), "T1", "chat", "P3", 28 * MIN));

        // pending from 0:26 arrives late (within 5 min of the watermark): 24 m instead
        send(statusChanged("e4", "T1", at(26), "pending"));
        List<Fact> changes = drainFacts(FactType.HANDLING_TIME);
        assertThat(changes).extracting(f -> f.sign).containsExactly(-1, 1);
        assertThat(changes).containsExactly(
                Fact.handlingTime(at(30), "T1", "chat", "P3", 28 * MIN),
                Fact.handlingTime(at(30), "T1", "chat", "P3", 24 * MIN));
    }

    @Test
    void aTicketCreatedWithoutPriorityCountsAndAlertsUnderItsDerivedPriority() throws Exception {
        // urgency high, impact medium: (200 + 90) / 70 = 4.14, P2: follow_up 1h from the resolution at 0:10, warning
        // at 0:55, emitted once the watermark passes 1:00 (0:55 + L)
        send(withAttributes(created("e1", "T1", at(0), "web", null), Map.of("urgency", "high", "impact", "medium")));
        send(reply("e2", "T1", at(1)));
        send(assignedTo("e3", "T1", at(1), "a1"));
        send(resolved("e4", "T1", at(10)));
        watermark(at(60));
        List<Fact> created = drainFacts(FactType.CREATED);
        assertThat(created).containsExactly(Fact.created(at(0), "T1", "web", "P2", true));
        assertThat(drainAlerts()).isEmpty();

        watermark(at(60) + 1);
        List<SlaAlert> alerts = drainAlerts();
        assertThat(lines(alerts)).containsExactly("T1/follow_up/2026-11-22T10:00:00.000Z/1/p2-high@2 firing warning warning @3300s");
        assertThat(alerts.get(0).priority).isEqualTo("P2");
        assertThat(alerts.get(0).priorityDerived).isTrue();
        assertThat(alerts.get(0).summary).isEqualTo(
                "follow_up warning on T1 (P2 web, derived priority): 45m elapsed of 1h target, 75% used");

        // rated at 1:05: fulfilled, emitted at watermark 1:10 + 1 ms
        send(rated("e5", "T1", at(65), 5));
        watermark(at(70) + 1);
        assertThat(lines(drainAlerts())).containsExactly(
                "T1/follow_up/2026-11-22T10:00:00.000Z/1/p2-high@2 resolved warning warning fulfilled @3900s");
    }

    @Test
    void aPriorityOneTicketGetsPeriodicUpdateAlertsBetweenAgentRepliesAndTheStateEnds() throws Exception {
        // P1 replies at 0:01 and 0:45: gap 1 warns at 0:23:30, breaches at 0:31, yellow 0:34, orange 0:40,
        // fulfilled at 0:45; resolved at 0:50 (gap 2 cancelled silently), rated at 1:00 (follow-up fulfilled before
        // its warning at 1:35)
        send(created("e1", "T1", at(0), "chat", "P1"));
        send(assignedTo("e2", "T1", at(0, 30), "a1"));
        send(reply("e3", "T1", at(1)));
        send(reply("e4", "T1", at(45)));
        send(resolved("e5", "T1", at(50)));
        send(rated("e6", "T1", at(60), 4));
        watermark(atH(2, 0, 0));

        assertThat(lines(drainAlerts())).containsExactly(
                "T1/periodic_update/2026-11-22T10:00:00.000Z/1/p1-urgent@2 firing warning warning @1410s",
                "T1/periodic_update/2026-11-22T10:00:00.000Z/1/p1-urgent@2 firing breach warning @1860s",
                "T1/periodic_update/2026-11-22T10:00:00.000Z/1/p1-urgent@2 firing breach yellow @2040s",
                "T1/periodic_update/2026-11-22T10:00:00.000Z/1/p1-urgent@2 firing breach orange @2400s",
                "T1/periodic_update/2026-11-22T10:00:00.000Z/1/p1-urgent@2 resolved breach orange fulfilled @2700s");
        // handling: agent from 0:00:30 to the resolution at 0:50
        assertThat(drainFacts(FactType.HANDLING_TIME))
                .containsExactly(Fact.handlingTime(at(50), "T1", "chat", "P1", 49 * MIN + 30_000));

        watermark(Long.MAX_VALUE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
