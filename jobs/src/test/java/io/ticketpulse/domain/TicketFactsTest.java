package io.ticketpulse.domain;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.event;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static io.ticketpulse.domain.TicketEvents.rated;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TicketFactsTest {

    private static final long THRESHOLD_MS = 10 * 60_000L;
    private static final long END_OF_TIME = Long.MAX_VALUE;

    private static List<Fact> derive(TicketEvent... events) {
        return TicketFacts.derive(List.of(events), END_OF_TIME, THRESHOLD_MS);
    }

    @Test
    void aTicketAnsweredInTimeAndResolvedWithOneReply() {
        List<Fact> facts = derive(
                created("e1", "T1", at(0), "chat", "P2"),
                reply("e2", "T1", at(3)),
                resolved("e3", "T1", at(20)));

        assertThat(facts).containsExactly(
                Fact.created(at(0), "T1", "chat", "P2"),
                Fact.backlog(at(0), "T1", "chat", "P2", +1),
                Fact.firstResponse(at(3), "T1", "chat", "P2", 3 * 60_000L),
                Fact.waitDecided(at(3), "T1", "chat", "P2", false),
                Fact.resolved(at(20), "T1", "chat", "P2", 20 * 60_000L, true),
                Fact.backlog(at(20), "T1", "chat", "P2", -1));
    }

    @Test
    void aTicketNobodyAnsweredTimesOutAtTheThresholdWithoutWaitingForAReply() {
        List<Fact> facts = TicketFacts.derive(List.of(created("e1", "T1", at(0), "email", "P3")), at(10), THRESHOLD_MS);

        assertThat(facts).contains(Fact.waitDecided(at(10), "T1", "email", "P3", true));
    }

    @Test
    void theTimeoutIsNotKnownBeforeTheWatermarkPassesTheThreshold() {
        List<Fact> facts = TicketFacts.derive(
                List.of(created("e1", "T1", at(0), "email", "P3")), at(10) - 1, THRESHOLD_MS);

        assertThat(facts).extracting(f -> f.type).doesNotContain(FactType.WAIT_DECIDED);
    }

    @Test
    void aReplyAtExactlyTheThresholdIsInTime() {
        List<Fact> facts = derive(created("e1", "T1", at(0), "email", "P3"), reply("e2", "T1", at(10)));

        assertThat(facts).contains(Fact.waitDecided(at(10), "T1", "email", "P3", false));
        assertThat(facts).doesNotContain(Fact.waitDecided(at(10), "T1", "email", "P3", true));
    }

    @Test
    void aReplyOneMillisecondAfterTheThresholdIsATimeoutAndStillAFirstResponse() {
        List<Fact> facts = derive(created("e1", "T1", at(0), "email", "P3"), reply("e2", "T1", at(10) + 1));

        assertThat(facts).contains(
                Fact.waitDecided(at(10), "T1", "email", "P3", true),
                Fact.firstResponse(at(10) + 1, "T1", "email", "P3", 10 * 60_000L + 1));
    }

    @Test
    void onlyTheFirstAgentReplyIsTheFirstResponse() {
        List<Fact> facts = derive(
                created("e1", "T1", at(0), "chat", "P1"), reply("e3", "T1", at(7)), reply("e2", "T1", at(2)));

        assertThat(facts).filteredOn(f -> f.type == FactType.FIRST_RESPONSE)
                .containsExactly(Fact.firstResponse(at(2), "T1", "chat", "P1", 2 * 60_000L));
    }

    @Test
    void oneTouchCountsRepliesAtOrBeforeTheFirstResolution() {
        List<Fact> twoRepliesBefore = derive(
                created("e1", "T1", at(0), "chat", "P3"),
                reply("e2", "T1", at(1)),
                reply("e3", "T1", at(5)),
                resolved("e4", "T1", at(5)));
        List<Fact> secondReplyAfter = derive(
                created("e1", "T2", at(0), "chat", "P3"),
                reply("e2", "T2", at(1)),
                resolved("e4", "T2", at(5)),
                reply("e3", "T2", at(5) + 1));
        List<Fact> noReplyAtAll = derive(created("e1", "T3", at(0), "chat", "P3"), resolved("e2", "T3", at(5)));

        assertThat(twoRepliesBefore).contains(Fact.resolved(at(5), "T1", "chat", "P3", 5 * 60_000L, false));
        assertThat(secondReplyAfter).contains(Fact.resolved(at(5), "T2", "chat", "P3", 5 * 60_000L, true));
        assertThat(noReplyAtAll).contains(Fact.resolved(at(5), "T3", "chat", "P3", 5 * 60_000L, true));
    }

    @Test
    void mttrCountsTheFirstResolutionOnlyAndReopenCyclesMoveTheBacklog() {
        List<Fact> facts = derive(
                created("e1", "T1", at(0), "web", "P3"),
                resolved("e2", "T1", at(30)),
                event("e3", "T1", EventType.REOPENED, at(40)),
                resolved("e4", "T1", at(50)),
                event("e5", "T1", EventType.CLOSED, at(60)));

        assertThat(facts).filteredOn(f -> f.type == FactType.RESOLVED)
                .containsExactly(Fact.resolved(at(30), "T1", "web", "P3", 30 * 60_000L, true));
        assertThat(facts).filteredOn(f -> f.type == FactType.BACKLOG).containsExactly(
                Fact.backlog(at(0), "T1", "web", "P3", +1),
                Fact.backlog(at(30), "T1", "web", "P3", -1),
                Fact.backlog(at(40), "T1", "web", "P3", +1),
                Fact.backlog(at(50), "T1", "web", "P3", -1));
    }

    @Test
    void factsAreAttributedToThePriorityInForceAtTheirInstant() {
        List<Fact> facts = derive(
                created("e1", "T1", at(0), "phone", "P3"),
                priorityChanged("e2", "T1", at(5), "P1"),
                reply("e3", "T1", at(5)),
                resolved("e4", "T1", at(9)));

        assertThat(facts).containsExactly(
                Fact.created(at(0), "T1", "phone", "P3"),
                Fact.backlog(at(0), "T1", "phone", "P3", +1),
                Fact.firstResponse(at(5), "T1", "phone", "P1", 5 * 60_000L),
                Fact.waitDecided(at(5), "T1", "phone", "P1", false),
                Fact.backlog(at(5), "T1", "phone", "P3", -1),
                Fact.backlog(at(5), "T1", "phone", "P1", +1),
                Fact.resolved(at(9), "T1", "phone", "P1", 9 * 60_000L, true),
                Fact.backlog(at(9), "T1", "phone", "P1", -1));
    }

    @Test
    void aPriorityChangeOfAClosedTicketDoesNotTouchTheBacklog() {
        List<Fact> facts = derive(
                created("e1", "T1", at(0), "phone", "P3"),
                resolved("e2", "T1", at(5)),
                priorityChanged("e3", "T1", at(6), "P1"));

        assertThat(facts).filteredOn(f -> f.type == FactType.BACKLOG).containsExactly(
                Fact.backlog(at(0), "T1", "phone", "P3", +1), Fact.backlog(at(5), "T1", "phone", "P3", -1));
    }

    @Test
    void ratingsCarryTheFrtBucketOfAFirstResponseAtOrBeforeThem() {
        List<Fact> answeredIn59s = derive(
                created("e1", "T1", at(0), "chat", "P3"), reply("e2", "T1", at(0, 59)), rated("e3", "T1", at(30), 5));
        List<Fact> answeredIn60s = derive(
                created("e1", "T2", at(0), "chat", "P3"), reply("e2", "T2", at(1)), rated("e3", "T2", at(30), 4));
        List<Fact> answeredIn300s = derive(
                created("e1", "T3", at(0), "chat", "P3"), reply("e2", "T3", at(5)), rated("e3", "T3", at(30), 3));
        List<Fact> answeredIn301s = derive(
                created("e1", "T4", at(0), "chat", "P3"), reply("e2", "T4", at(5, 1)), rated("e3", "T4", at(30), 2));
        List<Fact> ratedBeforeAnyReply = derive(
                created("e1", "T5", at(0), "chat", "P3"), rated("e3", "T5", at(3), 1), reply("e2", "T5", at(4)));

        assertThat(answeredIn59s).contains(Fact.rated(at(30), "T1", "chat", "P3", 5, FrtBucket.LT_1M));
        assertThat(answeredIn60s).contains(Fact.rated(at(30), "T2", "chat", "P3", 4, FrtBucket.FROM_1_TO_5M));
        assertThat(answeredIn300s).contains(Fact.rated(at(30), "T3", "chat", "P3", 3, FrtBucket.FROM_1_TO_5M));
        assertThat(answeredIn301s).contains(Fact.rated(at(30), "T4", "chat", "P3", 2, FrtBucket.GT_5M));
        assertThat(ratedBeforeAnyReply).contains(Fact.rated(at(3), "T5", "chat", "P3", 1, FrtBucket.NONE));
    }

    @Test
    void testTicketsHaveNoFacts() {
        TicketEvent create = created("e1", "T1", at(0), "chat", "P3");
        TicketEvent reply = reply("e2", "T1", at(1));
        reply.isTest = true;

        assertThat(derive(create, reply)).isEmpty();
    }

    @Test
    void aTicketWithoutCreatedHasNoFactsYet() {
        assertThat(derive(reply("e2", "T1", at(1)), resolved("e3", "T1", at(2)))).isEmpty();
    }

    @Test
    void aReplyStampedBeforeCreationCountsAsAtCreation() {
        List<Fact> facts = derive(created("e1", "T1", at(5), "chat", "P3"), reply("e2", "T1", at(4)));

        assertThat(facts).contains(
                Fact.firstResponse(at(5), "T1", "chat", "P3", 0), Fact.waitDecided(at(5), "T1", "chat", "P3", false));
    }

    @Test
    void arrivalOrderDoesNotMatter() {
        List<TicketEvent> events = new ArrayList<>(List.of(
                created("e1", "T1", at(0), "email", "P2"),
                event("e2", "T1", EventType.ASSIGNED, at(1)),
                reply("e3", "T1", at(12)),
                event("e4", "T1", EventType.CUSTOMER_REPLIED, at(15)),
                priorityChanged("e5", "T1", at(16), "P1"),
                reply("e6", "T1", at(18)),
                resolved("e7", "T1", at(25)),
                event("e8", "T1", EventType.REOPENED, at(26)),
                resolved("e9", "T1", at(40)),
                rated("e10", "T1", at(41), 4),
                event("e11", "T1", EventType.CLOSED, at(50))));
        List<Fact> inOrder = TicketFacts.derive(events, END_OF_TIME, THRESHOLD_MS);
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(events, random);
            assertThat(TicketFacts.derive(events, END_OF_TIME, THRESHOLD_MS)).isEqualTo(inOrder);
        }
    }

    @Test
    void everyFactAtAnInstantDependsOnlyOnEventsUpToIt() {
        // the property that lets a late event revise only windows at or after its own time
        List<TicketEvent> all = List.of(
                created("e1", "T1", at(0), "email", "P2"),
                reply("e3", "T1", at(12)),
                priorityChanged("e5", "T1", at(16), "P1"),
                resolved("e7", "T1", at(25)),
                event("e8", "T1", EventType.REOPENED, at(26)),
                rated("e10", "T1", at(41), 4));
        List<Fact> facts = TicketFacts.derive(all, END_OF_TIME, THRESHOLD_MS);
        for (TicketEvent cut : all) {
            List<TicketEvent> upTo = all.stream().filter(e -> e.occurredAtMs <= cut.occurredAtMs).toList();
            List<Fact> partial = TicketFacts.derive(upTo, cut.occurredAtMs, THRESHOLD_MS);
            List<Fact> expected = facts.stream().filter(f -> f.timeMs <= cut.occurredAtMs).toList();
            assertThat(partial).as("facts up to %s", cut).isEqualTo(expected);
        }
    }

    @Test
    void changelogRetractsWhatChangedAndAddsWhatIsNew() {
        Fact a = Fact.created(at(0), "T1", "chat", "P2");
        Fact timeout = Fact.waitDecided(at(10), "T1", "chat", "P2", true);
        Fact inTime = Fact.waitDecided(at(4), "T1", "chat", "P2", false);
        Fact frt = Fact.firstResponse(at(4), "T1", "chat", "P2", 4 * 60_000L);

        List<Fact> changes = FactChangelog.diff(List.of(a, timeout), List.of(a, frt, inTime));

        assertThat(changes).containsExactly(timeout.withSign(-1), frt, inTime);
        assertThat(changes).extracting(f -> f.sign).containsExactly(-1, 1, 1);
        assertThat(FactChangelog.diff(List.of(a, frt), List.of(a, frt))).isEmpty();
    }
}
