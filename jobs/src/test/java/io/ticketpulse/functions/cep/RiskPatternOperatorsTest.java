package io.ticketpulse.functions.cep;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.event;
import static io.ticketpulse.domain.TicketEvents.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.pattern.PatternHit;
import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each risk pattern's CEP operator in a harness, on named instants (minutes after {@code T0}): what it matches,
 * what it does not (an agent reply or the end of the ticket between, too slow for the window, a test ticket), and
 * its keyed state and timers back to zero once the watermark has passed every window.
 */
class RiskPatternOperatorsTest {

    private static final Duration HOUR = Duration.ofMinutes(60);

    private static PatternRule rule(RiskPattern p, int count) {
        return new PatternRule(p, true, count, HOUR, Severity.ORANGE);
    }

    private static TicketEvent e(String id, String ticket, EventType type, int minute) {
        return event(id, ticket, type, at(minute));
    }

    private static TicketEvent testTicket(TicketEvent e) {
        e.isTest = true;
        return e;
    }

    @Test
    void reassignmentPingPong() throws Exception {
        try (CepHarness h = new CepHarness(rule(RiskPattern.REASSIGNMENT_PING_PONG, 3))) {
            h.send(
                    // A: three assignments in 20 min, a status change between: a hit at the third
                    e("a1", "A", EventType.ASSIGNED, 0), statusChanged("a2", "A", at(5), "open"),
                    e("a3", "A", EventType.ASSIGNED, 10), e("a4", "A", EventType.ASSIGNED, 20),
                    // B: an agent reply after the second assignment breaks the row: only two after it
                    e("b1", "B", EventType.ASSIGNED, 0), e("b2", "B", EventType.ASSIGNED, 10),
                    e("b3", "B", EventType.AGENT_REPLIED, 15), e("b4", "B", EventType.ASSIGNED, 20),
                    e("b5", "B", EventType.ASSIGNED, 30),
                    // C: three assignments over 70 min: not within the hour
                    e("c1", "C", EventType.ASSIGNED, 0), e("c2", "C", EventType.ASSIGNED, 35),
                    e("c3", "C", EventType.ASSIGNED, 70),
                    // D: a test ticket never matches
                    testTicket(e("d1", "D", EventType.ASSIGNED, 0)), testTicket(e("d2", "D", EventType.ASSIGNED, 1)),
                    testTicket(e("d3", "D", EventType.ASSIGNED, 2)));
            h.watermark(at(100));
            assertThat(h.hits()).containsExactly(
                    new PatternHit("A", RiskPattern.REASSIGNMENT_PING_PONG, at(0), at(20), 3));
            assertThat(h.stateAndTimers()).isGreaterThan(0);
            h.watermark(at(200));
            assertThat(h.stateAndTimers()).isZero();
        }
    }

    @Test
    void aFourthAssignmentAfterAHitStartsCountingAgain() throws Exception {
        try (CepHarness h = new CepHarness(rule(RiskPattern.REASSIGNMENT_PING_PONG, 2))) {
            h.send(e("a1", "A", EventType.ASSIGNED, 0), e("a2", "A", EventType.ASSIGNED, 1),
                    e("a3", "A", EventType.ASSIGNED, 2), e("a4", "A", EventType.ASSIGNED, 3));
            h.watermark(at(500));
            assertThat(h.hits()).containsExactly(
                    new PatternHit("A", RiskPattern.REASSIGNMENT_PING_PONG, at(0), at(1), 2),
                    new PatternHit("A", RiskPattern.REASSIGNMENT_PING_PONG, at(2), at(3), 2));
            assertThat(h.stateAndTimers()).isZero();
        }
    }

    @Test
    void customerChasing() throws Exception {
        try (CepHarness h = new CepHarness(rule(RiskPattern.CUSTOMER_CHASING, 3))) {
            h.send(
                    // A: three customer replies, an assignment between (does not break the row)
                    e("a1", "A", EventType.CUSTOMER_REPLIED, 0), e("a2", "A", EventType.ASSIGNED, 1),
                    e("a3", "A", EventType.CUSTOMER_REPLIED, 5), e("a4", "A", EventType.CUSTOMER_REPLIED, 9),
                    // B: an agent reply between
                    e("b1", "B", EventType.CUSTOMER_REPLIED, 0), e("b2", "B", EventType.CUSTOMER_REPLIED, 1),
                    e("b3", "B", EventType.AGENT_REPLIED, 2), e("b4", "B", EventType.CUSTOMER_REPLIED, 3),
                    // C: the ticket closed between
                    e("c1", "C", EventType.CUSTOMER_REPLIED, 0), e("c2", "C", EventType.CUSTOMER_REPLIED, 1),
                    e("c3", "C", EventType.CLOSED, 2), e("c4", "C", EventType.CUSTOMER_REPLIED, 3));
            h.watermark(at(300));
            assertThat(h.hits()).containsExactly(new PatternHit("A", RiskPattern.CUSTOMER_CHASING, at(0), at(9), 3));
            assertThat(h.stateAndTimers()).isZero();
        }
    }

    @Test
    void reopenLoop() throws Exception {
        try (CepHarness h = new CepHarness(rule(RiskPattern.REOPEN_LOOP, 2))) {
            h.send(
                    // A: resolved and reopened twice within the hour; agent replies do not matter
                    created("a0", "A", at(0), "chat", "P2"), e("a1", "A", EventType.RESOLVED, 5),
                    e("a2", "A", EventType.REOPENED, 10), e("a3", "A", EventType.AGENT_REPLIED, 12),
                    e("a4", "A", EventType.RESOLVED, 15), e("a5", "A", EventType.REOPENED, 20),
                    // B: once only, then closed, then a new life reopened once
                    e("b1", "B", EventType.RESOLVED, 0), e("b2", "B", EventType.REOPENED, 1),
                    e("b3", "B", EventType.CLOSED, 2), e("b4", "B", EventType.REOPENED, 3));
            h.watermark(at(300));
            assertThat(h.hits()).containsExactly(new PatternHit("A", RiskPattern.REOPEN_LOOP, at(10), at(20), 2));
            assertThat(h.stateAndTimers()).isZero();
        }
    }

    @Test
    void silentResolution() throws Exception {
        try (CepHarness h = new CepHarness(rule(RiskPattern.SILENT_RESOLUTION, 1))) {
            h.send(
                    // A: created, assigned, resolved, never answered
                    created("a0", "A", at(0), "email", "P3"), e("a1", "A", EventType.ASSIGNED, 1),
                    e("a2", "A", EventType.RESOLVED, 30),
                    // B: answered before the resolution
                    created("b0", "B", at(0), "email", "P3"), e("b1", "B", EventType.AGENT_REPLIED, 10),
                    e("b2", "B", EventType.RESOLVED, 30),
                    // C: resolved after the window
                    created("c0", "C", at(0), "email", "P3"), e("c1", "C", EventType.RESOLVED, 61));
            h.watermark(at(300));
            assertThat(h.hits()).containsExactly(new PatternHit("A", RiskPattern.SILENT_RESOLUTION, at(0), at(30), 2));
            assertThat(h.stateAndTimers()).isZero();
        }
    }

    @Test
    void escalationWithoutResponseCompletesByTimeoutOnTheWatermark() throws Exception {
        try (CepHarness h = new CepHarness(rule(RiskPattern.ESCALATION_WITHOUT_RESPONSE, 1))) {
            h.send(
                    // A: escalated at 10, never answered: the hit is at 70, when the watermark passes it
                    e("a1", "A", EventType.ESCALATED, 10), e("a2", "A", EventType.CUSTOMER_REPLIED, 20),
                    // B: answered at 30
                    e("b1", "B", EventType.ESCALATED, 10), e("b2", "B", EventType.AGENT_REPLIED, 30),
                    // C: closed at 40
                    e("c1", "C", EventType.ESCALATED, 10), e("c2", "C", EventType.CLOSED, 40));
            h.watermark(at(69));
            assertThat(h.hits()).isEmpty();
            assertThat(h.stateAndTimers()).isGreaterThan(0);
            h.watermark(at(70));
            assertThat(h.hits()).containsExactly(
                    new PatternHit("A", RiskPattern.ESCALATION_WITHOUT_RESPONSE, at(10), at(70), 1));
            assertThat(h.harness.numKeyedStateEntries()).isZero();
            h.watermark(at(200)); // CEP's own clean-up timers of the keys go at the next watermark
            assertThat(h.stateAndTimers()).isZero();
        }
    }

    @Test
    void theEndOfInputFiresEveryPendingTimeout() throws Exception {
        try (CepHarness h = new CepHarness(rule(RiskPattern.ESCALATION_WITHOUT_RESPONSE, 1))) {
            h.send(e("a1", "A", EventType.ESCALATED, 10));
            h.watermark(Long.MAX_VALUE);
            assertThat(h.hits()).containsExactly(
                    new PatternHit("A", RiskPattern.ESCALATION_WITHOUT_RESPONSE, at(10), at(70), 1));
            assertThat(h.stateAndTimers()).isZero();
        }
    }
}
