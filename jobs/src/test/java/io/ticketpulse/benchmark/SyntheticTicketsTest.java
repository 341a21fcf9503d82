package io.ticketpulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.ParseResult;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's generated inputs are what its profiles claim: valid events in event-time order (so a replay
 * dead-letters none as late), the same number of events and time span for short and long tickets, and open
 * tickets that stay open, followed by the sentinel line.
 */
class SyntheticTicketsTest {

    private static final TicketEventParser PARSER = new TicketEventParser(64 * 1024);

    @TempDir
    Path dir;

    @Test
    void shortAndLongTicketsHaveTheSameEventsAndSpanInTimeOrder() throws IOException {
        long span = 50 * SyntheticTickets.EVENT_GAP_MS;
        List<TicketEvent> shortTickets = read(SyntheticTickets.ticketsOfLength(dir, 1000, 10, span));
        List<TicketEvent> longTickets = read(SyntheticTickets.ticketsOfLength(dir, 1000, 50, span));

        assertThat(shortTickets).hasSize(1000);
        assertThat(longTickets).hasSize(1000);
        for (List<TicketEvent> events : List.of(shortTickets, longTickets)) {
            assertThat(events).isSortedAccordingTo((a, b) -> Long.compare(a.occurredAtMs, b.occurredAtMs));
            assertThat(events.get(0).occurredAtMs).isEqualTo(SyntheticTickets.BASE_MS);
            assertThat(events.get(events.size() - 1).occurredAtMs - SyntheticTickets.BASE_MS)
                    .isBetween(span - 2 * SyntheticTickets.EVENT_GAP_MS, span);
        }
        Map<String, List<EventType>> byTicket = byTicket(longTickets);
        assertThat(byTicket).hasSize(20);
        assertThat(byTicket.get("T7")).hasSize(50).startsWith(EventType.CREATED, EventType.ASSIGNED,
                EventType.AGENT_REPLIED, EventType.CUSTOMER_REPLIED).endsWith(EventType.RESOLVED, EventType.CLOSED);
        assertThat(byTicket(shortTickets)).hasSize(100);
    }

    @Test
    void openTicketsAreCreatedAssignedAndAnsweredButNeverResolvedAndEndWithTheSentinel() throws IOException {
        Path file = SyntheticTickets.openTickets(dir, 100);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(301);
        assertThat(lines.get(300)).contains(SyntheticTickets.SENTINEL);
        assertThat(PARSER.parse(lines.get(300).getBytes(StandardCharsets.UTF_8)).isValid()).isFalse();

        List<TicketEvent> events = read(file);
        assertThat(events).hasSize(300)
                .isSortedAccordingTo((a, b) -> Long.compare(a.occurredAtMs, b.occurredAtMs))
                .noneMatch(e -> e.type == EventType.RESOLVED || e.type == EventType.CLOSED);
        assertThat(byTicket(events)).hasSize(100).allSatisfy((ticket, types) -> assertThat(types)
                .containsExactly(EventType.CREATED, EventType.ASSIGNED, EventType.AGENT_REPLIED));
        assertThat(SyntheticTickets.countRecords(file)).isEqualTo(301);
    }

    /** The valid events of a file, in file order (the sentinel, if any, is left out). */
    private static List<TicketEvent> read(Path file) throws IOException {
        List<TicketEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            ParseResult r = PARSER.parse(line.getBytes(StandardCharsets.UTF_8));
            if (line.contains(SyntheticTickets.SENTINEL)) {
                continue;
            }
            assertThat(r.isValid()).as(line).isTrue();
            events.add(r.event());
        }
        return events;
    }

    private static Map<String, List<EventType>> byTicket(List<TicketEvent> events) {
        Map<String, List<EventType>> byTicket = new LinkedHashMap<>();
        for (TicketEvent e : events) {
            byTicket.computeIfAbsent(e.ticketId, k -> new ArrayList<>()).add(e.type);
        }
        return byTicket;
    }
}
