package io.ticketpulse.functions;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.atH;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.event;
import static io.ticketpulse.domain.TicketEvents.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.List;
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
 * A ticket id whose history has several lives (a gap longer than the ticket retention without CREATED, or longer
 * than the tombstone retention): each life is a ticket of its own. The four histories are the shrunk
 * disagreements the differential test found between an earlier TicketFunction and the reference. Settings:
 * allowed lateness 10 min, wait threshold 10 min, ticket retention 2 h, tombstone retention 1 d, the test policies
 * (P1: assignment 2 min), event-time alert clock.
 */
class TicketFunctionLivesTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    private KeyedTwoInputStreamOperatorTestHarness<String, TicketEvent, TicketBroadcast, Fact> harness;

    @BeforeEach
    void open() throws Exception {
        PipelineConfig config = PipelineConfig.builder()
                .allowedLateness(Duration.ofMinutes(10))
                .waitThreshold(Duration.ofMinutes(10))
                .ticketRetention(Duration.ofHours(2))
                .tombstoneRetention(Duration.ofDays(1))
                .slaPolicies(SlaTestPolicies.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .build();
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new TicketFunction(config), TicketFunction.BROADCAST_STATES),
                e -> e.ticketId, horizon -> "", Types.STRING);
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(TicketEvent e) throws Exception {
        harness.processElement1(new StreamRecord<>(e, e.occurredAtMs));
    }

    private void watermark(long ms) throws Exception {
        harness.processBothWatermarks(new Watermark(ms));
    }

    private List<String> deadLetters() {
        ConcurrentLinkedQueue<StreamRecord<DeadLetter>> q = harness.getSideOutput(TicketFunction.DEAD_LETTERS);
        return q == null ? List.of() : q.stream().map(r -> r.getValue().reasonCode + " " + r.getValue().eventId).toList();
    }

    private List<SlaAlert> alerts() {
        ConcurrentLinkedQueue<StreamRecord<SlaAlert>> q = harness.getSideOutput(TicketFunction.ALERTS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    private static TicketEvent createdP1(String id, long atMs) {
        return created(id, "T1", atMs, "chat", "P1");
    }

    @Test
    void anUnstartedLifeIsDeadLetteredWhenTheWatermarkPassesItsOwnLatestEventPlusTheRetention() throws Exception {
        send(reply("e1", "T1", at(0)));
        send(reply("e2", "T1", atH(2, 1, 0))); // more than 2 h later: a second life
        watermark(atH(2, 10, 0));
        assertThat(deadLetters()).isEmpty();

        watermark(atH(2, 10, 0) + 1);
        assertThat(deadLetters()).containsExactly("UNKNOWN_TICKET e1");
    }

    @Test
    void aTestLifeStaysATestTicketWhenALaterEventStartsANewLife() throws Exception {
        watermark(at(0));
        send(createdP1("e1", at(0)));
        TicketEvent test = reply("e2", "T1", at(0));
        test.isTest = true;
        send(test);
        send(reply("e3", "T1", DAY + at(1))); // more than a day later: a new life

        List<Fact> facts = harness.extractOutputValues();
        assertThat(facts.stream().mapToInt(f -> f.sign).sum()).as("every fact of the test life retracted").isZero();
        watermark(DAY + atH(2, 30, 0));
        assertThat(harness.extractOutputValues().stream().mapToInt(f -> f.sign).sum()).isZero();
    }

    @Test
    void aSecondLifeKeepsTheBreachInstantInItsExpiredAlerts() throws Exception {
        send(createdP1("e1", at(0)));
        send(reply("e2", "T1", at(0)));
        send(reply("e8", "T1", DAY + at(1)));
        send(createdP1("e10", DAY + at(1)));
        watermark(DAY + atH(1, 38, 30));
        watermark(DAY + atH(18, 0, 0));

        SlaAlert expired = alerts().stream()
                .filter(a -> a.slaMetric.equals("assignment") && "expired".equals(a.resolveReason)
                        && a.changedAtMs == DAY + atH(2, 1, 0))
                .findFirst().orElseThrow();
        assertThat(expired.breachedAtMs).isEqualTo(DAY + at(3));
        assertThat(expired.severity).isEqualTo("red");
    }

    @Test
    void aSecondLifesFiringAlertResolvesWhenALateEventFulfilsItAndTheStateEnds() throws Exception {
        send(createdP1("e1", at(0)));
        send(reply("e2", "T1", at(0)));
        send(reply("e8", "T1", DAY + at(1)));
        send(createdP1("e10", DAY + at(1)));
        watermark(DAY + atH(1, 7, 0));
        send(event("e11", "T1", EventType.ASSIGNED, DAY + at(57))); // exactly the watermark minus the lateness
        watermark(3 * DAY + atH(3, 0, 0));

        assertThat(alerts()).anySatisfy(a -> {
            assertThat(a.slaMetric).isEqualTo("assignment");
            assertThat(a.status).isEqualTo("resolved");
            assertThat(a.resolveReason).isEqualTo("fulfilled");
            assertThat(a.changedAtMs).isEqualTo(DAY + at(57));
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
