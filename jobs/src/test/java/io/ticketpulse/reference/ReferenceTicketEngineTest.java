package io.ticketpulse.reference;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.atH;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.reference.ReferenceTicketEngine.StepOutput;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked examples of the reference driver: L = 10 min, wait threshold 10 min, R = 2 h, T = 1 d, the policies
 * of {@link SlaTestPolicies} (P1: assignment 2m, first response 3m, resolution 2h; warning at 75 %, yellow / orange
 * / red at 10 / 30 / 50 % over), alerts in event time. Expected outputs are worked out by hand from the contract.
 */
class ReferenceTicketEngineTest {

    static final long L = Duration.ofMinutes(10).toMillis();
    static final long R = Duration.ofHours(2).toMillis();
    static final long T = Duration.ofDays(1).toMillis();
    static final long WALL = at(0) + Duration.ofDays(30).toMillis();

    static ReferenceSettings settings(AlertClock clock) {
        return new ReferenceSettings(L, Duration.ofMinutes(10).toMillis(), R, T, SlaTestPolicies.policies(), clock,
                Duration.ofMinutes(2).toMillis());
    }

    /** {@link #settings} with the playbook's stage metrics ({@link SlaTestPolicies#playbook()}), derived priorities. */
    static ReferenceSettings playbookSettings(AlertClock clock) {
        return new ReferenceSettings(L, Duration.ofMinutes(10).toMillis(), R, T, SlaTestPolicies.playbook(), clock,
                Duration.ofMinutes(2).toMillis());
    }

    private ReferenceTicketEngine engine;

    @BeforeEach
    void eventTimeEngine() {
        engine = new ReferenceTicketEngine(settings(AlertClock.EVENT_TIME), WALL);
    }

    private StepOutput send(TicketEvent e) {
        return engine.apply(new Step.Arrival(e));
    }

    private StepOutput watermark(long ms) {
        return engine.apply(new Step.Watermark(ms));
    }

    private static List<String> facts(StepOutput out) {
        return out.facts().stream().map(Rendered::fact).toList();
    }

    private static List<String> alerts(StepOutput out) {
        return out.alerts().stream().map(Rendered::alertShort).toList();
    }

    private static List<String> deadLetters(StepOutput out) {
        return out.deadLetters().stream().map(Rendered::deadLetter).toList();
    }

    private static TicketEvent created(String id, String ticket, long atMs) {
        return TicketEvents.created(id, ticket, atMs, "chat", "P1");
    }

    @Test
    void lateEventsAndDuplicatesAreDeadLetteredOrDroppedAndTheFactChangelogFollowsTheWatermark() {
        assertThat(facts(send(created("e1", "T1", at(0))))).as("nothing before the first watermark").isEmpty();
        send(TicketEvents.reply("e2", "T1", at(1)));
        StepOutput dup = send(TicketEvents.reply("e2", "T1", at(1)));
        assertThat(dup.deadLetters()).isEmpty();
        assertThat(engine.duplicatesDropped()).isEqualTo(1);
        assertThat(deadLetters(send(TicketEvents.reply("e2", "T1", at(2)))))
                .containsExactly("DUPLICATE_CONFLICT T1 e2");

        StepOutput wm = watermark(at(30));
        assertThat(facts(wm)).containsExactly(
                "+CREATED +0:00 T1 chat/P1",
                "+BACKLOG +0:00 T1 chat/P1 delta=1",
                "+FIRST_RESPONSE +0:01 T1 chat/P1 frt=1m",
                "+WAIT_DECIDED +0:01 T1 chat/P1 in-time");
        // no ASSIGNED: assignment (2m) warns at 1:30, breaches at 2:00, escalates at 2:12, 2:36, 3:00 (<= 0:20 - 1 ms)
        assertThat(alerts(wm)).containsExactly(
                "T1/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing warning warning +0:01:30",
                "T1/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach warning +0:02",
                "T1/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach yellow +0:02:12",
                "T1/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach orange +0:02:36",
                "T1/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach red +0:03");
        assertThat(wm.alerts()).allSatisfy(a -> assertThat(a.detectedAtMs).isEqualTo(WALL));

        assertThat(deadLetters(send(TicketEvents.resolved("e3", "T1", at(19, 59)))))
                .as("older than wm - L = 0:20").containsExactly("LATE_EVENT T1 e3");
        StepOutput resolved = send(TicketEvents.resolved("e4", "T1", at(20)));
        assertThat(resolved.deadLetters()).as("at exactly wm - L: accepted").isEmpty();
        assertThat(facts(resolved)).as("behind the watermark: at once").containsExactly(
                "+RESOLVED +0:20 T1 chat/P1 ttr=20m one-touch",
                "+BACKLOG +0:20 T1 chat/P1 delta=-1");
        assertThat(alerts(resolved)).as("the alert clock is wm - L - 1 ms").isEmpty();

        assertThat(alerts(watermark(at(30) + 1)))
                .containsExactly("T1/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 resolved breach red +0:20 (cancelled)");
    }

    @Test
    void aLateEventWithinTheLatenessRetractsAndCorrectsTheFacts() {
        send(created("e1", "T1", at(0)));
        watermark(at(15));
        assertThat(facts(send(TicketEvents.reply("e2", "T1", at(12)))))
                .as("the wait decided at 0:10 (timeout) was emitted; the reply at 0:12 adds the first response")
                .containsExactly("+FIRST_RESPONSE +0:12 T1 chat/P1 frt=12m");
        assertThat(facts(send(TicketEvents.reply("e3", "T1", at(6))))).containsExactly(
                "-WAIT_DECIDED +0:10 T1 chat/P1 timeout",
                "-FIRST_RESPONSE +0:12 T1 chat/P1 frt=12m",
                "+FIRST_RESPONSE +0:06 T1 chat/P1 frt=6m",
                "+WAIT_DECIDED +0:06 T1 chat/P1 in-time");
    }

    @Test
    void anUnstartedLifeIsDeadLetteredOnceTheWatermarkPassesItsLatestEventPlusRPlusL() {
        send(TicketEvents.reply("e1", "T2", at(0)));
        send(TicketEvents.reply("e2", "T2", at(60)));
        assertThat(watermark(at(60) + R + L).deadLetters()).as("wm - L = latest + R: not yet").isEmpty();
        assertThat(engine.allStateEnded()).isFalse();
        StepOutput released = watermark(at(60) + R + L + 1);
        assertThat(deadLetters(released)).containsExactly("UNKNOWN_TICKET T2 e1", "UNKNOWN_TICKET T2 e2");
        assertThat(engine.allStateEnded()).isTrue();

        StepOutput created = send(created("e3", "T2", at(60) + R + 1)); // within L of the watermark: a new life
        assertThat(created.deadLetters()).isEmpty();
        assertThat(facts(created)).as("the wait deadline is behind the watermark too").containsExactly(
                "+CREATED +3:00:00.001 T2 chat/P1",
                "+BACKLOG +3:00:00.001 T2 chat/P1 delta=1",
                "+WAIT_DECIDED +3:10:00.001 T2 chat/P1 timeout");
        assertThat(engine.allStateEnded()).isFalse();
        assertThat(watermark(at(60) + R + 1 + T + L + 1).deadLetters()).isEmpty();
        assertThat(engine.allStateEnded()).as("a started life ends T after its latest event").isTrue();
    }

    @Test
    void aGapLongerThanREndsAnUnstartedLifeAndAReplyBeforeTheCreationWithinRJoinsTheTicket() {
        send(TicketEvents.reply("e1", "T3", at(0)));
        send(created("e2", "T3", at(0) + R + 1)); // more than R after the reply: the reply's life ends
        send(TicketEvents.reply("f1", "T4", at(0)));
        send(created("f2", "T4", at(0) + R)); // exactly R: the same life, the reply counts at the creation
        StepOutput out = watermark(at(0) + R + L + 1);
        assertThat(deadLetters(out)).containsExactly("UNKNOWN_TICKET T3 e1");
        assertThat(facts(out)).containsExactly(
                "+CREATED +2:00:00.001 T3 chat/P1",
                "+BACKLOG +2:00:00.001 T3 chat/P1 delta=1",
                "+WAIT_DECIDED +2:10:00.001 T3 chat/P1 timeout",
                "+CREATED +2:00 T4 chat/P1",
                "+FIRST_RESPONSE +2:00 T4 chat/P1 frt=0:00",
                "+WAIT_DECIDED +2:00 T4 chat/P1 in-time",
                "+BACKLOG +2:00 T4 chat/P1 delta=1");
    }

    @Test
    void aReopenWithinTContinuesTheTicketAndOneBeyondTStartsAnUnknownLife() {
        for (String ticket : List.of("T5", "T6")) {
            send(created(ticket + "-e1", ticket, at(0)));
            send(TicketEvents.assigned(ticket + "-e2", ticket, at(1), null));
            send(TicketEvents.reply(ticket + "-e3", ticket, at(2)));
            send(TicketEvents.resolved(ticket + "-e4", ticket, at(5)));
        }
        send(TicketEvents.reopened("T5-e5", "T5", at(5) + T)); // exactly T after the resolution: same life
        send(TicketEvents.reopened("T6-e5", "T6", at(5) + T + 1)); // beyond T: a new, unstarted life
        StepOutput out = watermark(at(5) + T + R + L + 2);
        assertThat(facts(out)).filteredOn(f -> f.contains("BACKLOG")).containsExactly(
                "+BACKLOG +0:00 T5 chat/P1 delta=1",
                "+BACKLOG +0:05 T5 chat/P1 delta=-1",
                "+BACKLOG +1d00:05 T5 chat/P1 delta=1",
                "+BACKLOG +0:00 T6 chat/P1 delta=1",
                "+BACKLOG +0:05 T6 chat/P1 delta=-1");
        assertThat(deadLetters(out)).containsExactly("UNKNOWN_TICKET T6 T6-e5");
        // T5's second resolution cycle (2h) expires with the retention R after the reopen: resolved as expired
        assertThat(alerts(out)).containsExactly(
                "T5/resolution/2026-11-22T10:00:00.000Z/2/p1-urgent@1 firing warning warning +1d01:35",
                "T5/resolution/2026-11-22T10:00:00.000Z/2/p1-urgent@1 resolved warning warning +1d02:05 (expired)");
    }

    @Test
    void aTicketIdReusedBeyondTIsANewLifeWhoseAlertsHaveTheirOwnKeys() {
        // life 1 from 0:00, assigned at once, never answered: first response (3m) warns at 2:15, breaches at 3:00,
        // yellow 3:18, orange 3:54, cancelled by the close at 4:00; life 2 created again 1 min more than T after
        // the close (10:05 the next day), the same, and its resolution (2h, never closed) warns at 11:35 and breaches
        // at 12:05: with no event for R after 10:05:30, both expire at 12:05:30 (first response before resolution
        // at one instant: dedup_key order)
        send(created("a1", "T10", at(0)));
        send(TicketEvents.assigned("a2", "T10", at(0, 30), null));
        send(TicketEvents.closed("a3", "T10", at(4)));
        long life2 = at(4) + T + Duration.ofMinutes(1).toMillis();
        send(created("b1", "T10", life2));
        send(TicketEvents.assigned("b2", "T10", life2 + 30_000, null));
        StepOutput out = watermark(life2 + 30_000 + T + L + 1);
        String k1 = "T10/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1";
        String k2 = "T10/first_response/2026-11-23T10:05:00.000Z/1/p1-urgent@1";
        String r2 = "T10/resolution/2026-11-23T10:05:00.000Z/1/p1-urgent@1";
        assertThat(alerts(out)).containsExactly(
                k1 + " firing warning warning +0:02:15",
                k1 + " firing breach warning +0:03",
                k1 + " firing breach yellow +0:03:18",
                k1 + " firing breach orange +0:03:54",
                k1 + " resolved breach orange +0:04 (cancelled)",
                k2 + " firing warning warning +1d00:07:15",
                k2 + " firing breach warning +1d00:08",
                k2 + " firing breach yellow +1d00:08:18",
                k2 + " firing breach orange +1d00:08:54",
                k2 + " firing breach red +1d00:09:30",
                r2 + " firing warning warning +1d01:35",
                r2 + " firing breach warning +1d02:05",
                k2 + " resolved breach red +1d02:05:30 (expired)",
                r2 + " resolved breach warning +1d02:05:30 (expired)");
        assertThat(engine.allStateEnded()).isTrue();
    }

    @Test
    void aLateTestEventRetractsTheFactsAndResolvesFiringAlertsAsTestTicket() {
        send(created("e1", "T7", at(0)));
        StepOutput wm = watermark(at(14));
        assertThat(facts(wm)).containsExactly(
                "+CREATED +0:00 T7 chat/P1",
                "+BACKLOG +0:00 T7 chat/P1 delta=1",
                "+WAIT_DECIDED +0:10 T7 chat/P1 timeout");
        assertThat(alerts(wm)).containsExactly(
                "T7/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing warning warning +0:01:30",
                "T7/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach warning +0:02",
                "T7/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach yellow +0:02:12",
                "T7/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing warning warning +0:02:15",
                "T7/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach orange +0:02:36",
                "T7/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach red +0:03",
                "T7/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach warning +0:03",
                "T7/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach yellow +0:03:18",
                "T7/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach orange +0:03:54");

        TicketEvent test = TicketEvents.asTest(TicketEvents.customerReplied("e2", "T7", at(4)));
        StepOutput out = send(test);
        assertThat(facts(out)).containsExactly(
                "-CREATED +0:00 T7 chat/P1",
                "-BACKLOG +0:00 T7 chat/P1 delta=1",
                "-WAIT_DECIDED +0:10 T7 chat/P1 timeout");
        assertThat(alerts(out)).as("at the clock, wm - L - 1 ms").containsExactly(
                "T7/assignment/2026-11-22T10:00:00.000Z/1/p1-urgent@1 resolved breach red +0:03:59.999 (test_ticket)",
                "T7/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1 resolved breach orange +0:03:59.999 (test_ticket)");
    }

    @Test
    void atTheEndOfInputAlertsAreEmittedUpToTheHorizonAndFactsUpToMax() {
        send(created("e1", "T8", at(0)));
        send(TicketEvents.assigned("e2", "T8", at(0, 30), null));
        engine.apply(new Step.Horizon(at(2, 30)));
        engine.apply(new Step.Horizon(at(1))); // the maximum counts
        StepOutput end = watermark(Long.MAX_VALUE);
        assertThat(facts(end)).containsExactly(
                "+CREATED +0:00 T8 chat/P1",
                "+BACKLOG +0:00 T8 chat/P1 delta=1",
                "+WAIT_DECIDED +0:10 T8 chat/P1 timeout");
        assertThat(alerts(end)).containsExactly("T8/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing warning warning +0:02:15");
        assertThat(engine.allStateEnded()).isTrue();
    }

    @Test
    void anEventAtExactlyTheAlertsExpiryComesFirst() {
        send(created("e1", "T9", at(0)));
        send(TicketEvents.assigned("e2", "T9", at(1), null));
        send(TicketEvents.reply("e3", "T9", at(2)));
        send(TicketEvents.event("e4", "T9", EventType.ESCALATED, at(2) + R)); // no event for R after 0:02: just in
        StepOutput out = watermark(at(2) + 2 * R + L + 1);
        assertThat(alerts(out)).containsExactly(
                "T9/resolution/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing warning warning +1:30",
                "T9/resolution/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach warning +2:00",
                "T9/resolution/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach yellow +2:12",
                "T9/resolution/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach orange +2:36",
                "T9/resolution/2026-11-22T10:00:00.000Z/1/p1-urgent@1 firing breach red +3:00",
                "T9/resolution/2026-11-22T10:00:00.000Z/1/p1-urgent@1 resolved breach red +4:02 (expired)");
    }
}
