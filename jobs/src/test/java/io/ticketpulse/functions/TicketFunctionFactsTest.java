package io.ticketpulse.functions;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.event;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketFunctionFactsTest {

    private static final PipelineConfig CONFIG = PipelineConfig.builder()
            .waitThreshold(Duration.ofMinutes(10))
            .allowedLateness(Duration.ofMinutes(5))
            .ticketRetention(Duration.ofMinutes(30))
            .tombstoneRetention(Duration.ofMinutes(60))
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

    private List<DeadLetter> deadLetters() {
        ConcurrentLinkedQueue<StreamRecord<DeadLetter>> records = harness.getSideOutput(TicketFunction.DEAD_LETTERS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private List<Fact> drainFacts() {
        List<Fact> facts = harness.extractOutputValues();
        harness.getOutput().clear();
        return facts;
    }

    @Test
    void factsAreEmittedOnlyWhenTheWatermarkPassesThem() throws Exception {
        send(created("e1", "T1", at(0), "chat", "P2"));
        send(reply("e2", "T1", at(3)));
        assertThat(drainFacts()).isEmpty();

        harness.processBothWatermarks(new Watermark(at(1)));
        assertThat(drainFacts()).containsExactly(
                Fact.created(at(0), "T1", "chat", "P2"), Fact.backlog(at(0), "T1", "chat", "P2", +1));

        harness.processBothWatermarks(new Watermark(at(3)));
        assertThat(drainFacts()).containsExactly(
                Fact.firstResponse(at(3), "T1", "chat", "P2", 3 * 60_000L),
                Fact.waitDecided(at(3), "T1", "chat", "P2", false));
    }

    @Test
    void outOfOrderArrivalWithinTheWatermarkBoundGivesTheSameFacts() throws Exception {
        send(resolved("e3", "T1", at(20)));
        send(reply("e2", "T1", at(3)));
        send(created("e1", "T1", at(0), "chat", "P2"));
        harness.processBothWatermarks(new Watermark(at(30)));

        assertThat(drainFacts()).containsExactly(
                Fact.created(at(0), "T1", "chat", "P2"),
                Fact.backlog(at(0), "T1", "chat", "P2", +1),
                Fact.firstResponse(at(3), "T1", "chat", "P2", 3 * 60_000L),
                Fact.waitDecided(at(3), "T1", "chat", "P2", false),
                Fact.resolved(at(20), "T1", "chat", "P2", 20 * 60_000L, true),
                Fact.backlog(at(20), "T1", "chat", "P2", -1));
    }

    @Test
    void duplicatesCountOnce() throws Exception {
        send(created("e1", "T1", at(0), "chat", "P2"));
        send(created("e1", "T1", at(0), "chat", "P2"));
        send(reply("e2", "T1", at(3)));
        send(reply("e2", "T1", at(3)));
        harness.processBothWatermarks(new Watermark(at(5)));

        assertThat(drainFacts()).filteredOn(f -> f.sign > 0).hasSize(4);
    }

    @Test
    void aLateReplyRetractsTheTimeoutAndAddsTheFirstResponse() throws Exception {
        send(created("e1", "T1", at(0), "email", "P3"));
        harness.processBothWatermarks(new Watermark(at(11)));
        assertThat(drainFacts()).contains(Fact.waitDecided(at(10), "T1", "email", "P3", true));

        send(reply("e2", "T1", at(8))); // behind the watermark, within the allowed lateness of 5 min

        List<Fact> changes = drainFacts();
        assertThat(changes).containsExactly(
                Fact.waitDecided(at(10), "T1", "email", "P3", true).withSign(-1),
                Fact.firstResponse(at(8), "T1", "email", "P3", 8 * 60_000L),
                Fact.waitDecided(at(8), "T1", "email", "P3", false));
        assertThat(changes).extracting(f -> f.sign).containsExactly(-1, 1, 1);
    }

    @Test
    void anEventOlderThanTheAllowedLatenessIsDeadLettered() throws Exception {
        send(created("e1", "T1", at(0), "email", "P3"));
        harness.processBothWatermarks(new Watermark(at(20)));
        drainFacts();

        TicketEvent tooLate = reply("e2", "T1", at(14, 59)); // watermark 20:00 minus 5 min lateness = 15:00
        tooLate.origin = "events.jsonl:7";
        send(tooLate);

        assertThat(drainFacts()).isEmpty();
        List<DeadLetter> late = deadLetters();
        assertThat(late).hasSize(1);
        assertThat(late.get(0).reasonCode).isEqualTo(DeadLetter.ReasonCode.LATE_EVENT);
        assertThat(late.get(0).origin).isEqualTo("events.jsonl:7");
        assertThat(late.get(0).eventId).isEqualTo("e2");
        assertThat(late.get(0).ticketId).isEqualTo("T1");
        assertThat(late.get(0).reason).contains("2026-11-22T10:14:59.000Z");
    }

    @Test
    void everyTicketsStateAndTimersEndTheTombstoneRetentionAfterItsLastEventWhateverItsStatus() throws Exception {
        send(created("e1", "T1", at(0), "chat", "P2"));
        send(reply("e2", "T1", at(3)));
        send(resolved("e3", "T1", at(20))); // resolved, never closed
        send(created("f1", "T2", at(1), "chat", "P2")); // abandoned: open for ever
        send(event("g1", "T3", EventType.CREATED, at(2)));
        send(event("g2", "T3", EventType.STATUS_CHANGED, at(25))); // closed by status only
        harness.processBothWatermarks(new Watermark(at(26)));
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);

        harness.processBothWatermarks(new Watermark(at(25 + 60 + 5)));
        assertThat(harness.numKeyedStateEntries()).as("T3's tombstone").isGreaterThan(0);

        harness.processBothWatermarks(new Watermark(at(25 + 60 + 5) + 1));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aReopenAfterTheRetentionContinuesTheTicketFromItsTombstone() throws Exception {
        send(created("e1", "T1", at(0), "chat", "P2"));
        send(event("e4", "T1", EventType.CLOSED, at(25)));
        harness.processBothWatermarks(new Watermark(at(25 + 30 + 5) + 1)); // released: only the tombstone is left
        drainFacts();

        send(event("e5", "T1", EventType.REOPENED, at(58)));
        harness.processBothWatermarks(new Watermark(at(59)));

        assertThat(drainFacts()).containsExactly(Fact.backlog(at(58), "T1", "chat", "P2", +1));
    }

    @Test
    void anEventBeyondTheTombstoneStartsANewTicketAndIsDeadLetteredAsUnknown() throws Exception {
        send(created("e1", "T1", at(0), "chat", "P2"));
        harness.processBothWatermarks(new Watermark(at(60 + 5) + 1)); // tombstone (60 min) expired
        assertThat(harness.numKeyedStateEntries()).isZero();
        drainFacts();

        send(event("e5", "T1", EventType.REOPENED, at(70)));
        harness.processBothWatermarks(new Watermark(at(70 + 30 + 5) + 1));

        assertThat(drainFacts()).as("no backlog for a ticket it no longer knows").isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reasonCode).isEqualTo(DeadLetter.ReasonCode.UNKNOWN_TICKET);
            assertThat(d.eventId).isEqualTo("e5");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theEventsOfATicketThatNeverGotCreatedAreDeadLetteredAsUnknownAfterTheRetention() throws Exception {
        send(reply("e2", "T9", at(3)));
        harness.processBothWatermarks(new Watermark(at(3 + 30 + 5)));
        assertThat(deadLetters()).isEmpty();
        harness.processBothWatermarks(new Watermark(at(3 + 30 + 5) + 1));

        assertThat(drainFacts()).isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reasonCode).isEqualTo(DeadLetter.ReasonCode.UNKNOWN_TICKET);
            assertThat(d.eventId).isEqualTo("e2");
            assertThat(d.ticketId).isEqualTo("T9");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDifferentEventUnderAnIdAlreadyAppliedIsDeadLetteredAsAConflictAndTheFirstWins() throws Exception {
        send(created("e1", "T1", at(0), "chat", "P2"));
        send(created("e1", "T1", at(0), "email", "P2"));
        harness.processBothWatermarks(new Watermark(at(1)));

        assertThat(drainFacts()).containsExactly(
                Fact.created(at(0), "T1", "chat", "P2"), Fact.backlog(at(0), "T1", "chat", "P2", +1));
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reasonCode).isEqualTo(DeadLetter.ReasonCode.DUPLICATE_CONFLICT);
            assertThat(d.reason).contains("\"channel\":\"chat\"").contains("\"channel\":\"email\"");
        });
    }
}
