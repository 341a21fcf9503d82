package io.ticketpulse.domain.pattern;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class TicketPredicatesTest {

    private static Set<EventType> matching(Predicate<TicketEvent> p) {
        Set<EventType> out = EnumSet.noneOf(EventType.class);
        for (EventType t : EventType.values()) {
            if (p.test(event("e", "T", t, at(0)))) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void eachPredicateMatchesExactlyItsEventTypes() {
        assertThat(matching(TicketPredicates::isAssignment)).containsExactly(EventType.ASSIGNED);
        assertThat(matching(TicketPredicates::isAgentReply)).containsExactly(EventType.AGENT_REPLIED);
        assertThat(matching(TicketPredicates::isCustomerReply)).containsExactly(EventType.CUSTOMER_REPLIED);
        assertThat(matching(TicketPredicates::isCreation)).containsExactly(EventType.CREATED);
        assertThat(matching(TicketPredicates::isResolution)).containsExactly(EventType.RESOLVED);
        assertThat(matching(TicketPredicates::isReopen)).containsExactly(EventType.REOPENED);
        assertThat(matching(TicketPredicates::isEscalation)).containsExactly(EventType.ESCALATED);
        assertThat(matching(TicketPredicates::endsTicket)).containsExactly(EventType.CLOSED);
        assertThat(matching(TicketPredicates::answersOrEnds))
                .containsExactly(EventType.AGENT_REPLIED, EventType.CLOSED);
    }

    @Test
    void testTicketsDoNotCount() {
        TicketEvent real = event("e1", "T", EventType.ASSIGNED, at(0));
        TicketEvent test = event("e2", "T", EventType.ASSIGNED, at(0));
        test.isTest = true;
        assertThat(TicketPredicates.counts(real)).isTrue();
        assertThat(TicketPredicates.counts(test)).isFalse();
    }
}
