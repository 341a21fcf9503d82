package io.ticketpulse.io;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitLatenessTest {

    /** 30 s out-of-orderness + 10 min allowed lateness. */
    private static final long BOUND = at(10, 30) - at(0);

    private static List<String> run(SplitLateness lateness, TicketEvent... events) {
        return java.util.Arrays.stream(events)
                .map(e -> lateness.check(ParsedRecord.of(e)))
                .map(r -> r.valid() ? "ok " + r.event.eventId : r.deadLetter.reasonCode + " " + r.deadLetter.eventId)
                .toList();
    }

    @Test
    void anEventOlderThanItsSplitsNewestEventMinusTheBoundIsLateAndDoesNotMoveTheSplit() {
        List<String> out = run(new SplitLateness(BOUND),
                created("a", "T1", at(20), "chat", "P1"),
                reply("b", "T1", at(9, 30)),   // exactly the bound behind: still in time
                reply("c", "T1", at(9, 29)),   // a second more: late
                reply("d", "T1", at(15)));

        assertThat(out).containsExactly("ok a", "ok b", "LATE_EVENT c", "ok d");
    }

    @Test
    void invalidRecordsPassThroughAndSplitsAreIndependent() {
        SplitLateness first = new SplitLateness(BOUND);
        SplitLateness second = new SplitLateness(BOUND);
        DeadLetter bad = new DeadLetter(DeadLetter.ReasonCode.MALFORMED_JSON, "x", "f:1", new byte[] {1});

        assertThat(first.check(ParsedRecord.of(bad)).deadLetter).isSameAs(bad);
        assertThat(run(first, created("a", "T1", at(60), "chat", "P1"))).containsExactly("ok a");
        assertThat(run(second, created("b", "T2", at(0), "chat", "P1"))).as("another split's progress does not count")
                .containsExactly("ok b");
    }
}
