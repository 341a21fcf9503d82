package io.ticketpulse.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.ParseResult;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketEventParser;
import io.ticketpulse.schema.Timestamps;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks every importer's output must pass, and a compact one-line form of an event for exact expectations. */
final class ImportAssertions {

    private ImportAssertions() {}

    /**
     * The contract of {@link TicketImporter}: every record counted once; events valid against the schema (parsed
     * back equal), ordered by time, ticket, event id; event ids unique, {@code <ticket_id>-<n>}; every ticket's
     * first event in id order is its CREATED.
     */
    static void assertContract(ImportResult result) {
        assertContract(result, true);
    }

    /** As {@link #assertContract(ImportResult)}; {@code parse} false leaves out the schema check (done on import). */
    static void assertContract(ImportResult result, boolean parse) {
        ImportReport r = result.report();
        assertThat(r.recordsConverted() + r.recordsWithoutEvents() + r.recordsRejected())
                .as("records in = converted + without events + rejected").isEqualTo(r.recordsIn());
        assertThat(result.rejects()).hasSize((int) r.recordsRejected());
        assertThat(r.events()).isEqualTo(result.events().size());
        TicketEventParser parser = new TicketEventParser(64 * 1024);
        Set<String> ids = new HashSet<>();
        TicketEvent previous = null;
        for (TicketEvent e : result.events()) {
            if (parse) {
                ParseResult parsed = parser.parse(TicketEventJson.toJson(e));
                assertThat(parsed.isValid()).as("%s: %s", e, parsed).isTrue();
                assertThat(parsed.event()).isEqualTo(e);
            }
            assertThat(ids.add(e.eventId)).as("unique id %s", e.eventId).isTrue();
            assertThat(e.eventId).startsWith(e.ticketId + "-").matches(".*-[0-9]{4,}");
            if (previous != null) {
                assertThat(e.occurredAtMs).isGreaterThanOrEqualTo(previous.occurredAtMs);
                if (e.occurredAtMs == previous.occurredAtMs && e.ticketId.equals(previous.ticketId)) {
                    assertThat(e.eventId).isGreaterThan(previous.eventId);
                }
            }
            previous = e;
        }
        java.util.Map<String, TicketEvent> firstOfTicket = new java.util.HashMap<>();
        for (TicketEvent e : result.events()) {
            firstOfTicket.merge(e.ticketId, e, (a, b) -> a.eventId.compareTo(b.eventId) <= 0 ? a : b);
        }
        firstOfTicket.values().forEach(e -> assertThat(e.type).as("first event of %s", e.ticketId)
                .isEqualTo(io.ticketpulse.schema.EventType.CREATED));
    }

    /** The events of one ticket, in id order, as {@link #line(TicketEvent)}s. */
    static List<String> lines(ImportResult result, String ticketId) {
        return result.events().stream().filter(e -> e.ticketId.equals(ticketId))
                .sorted((a, b) -> a.eventId.compareTo(b.eventId)).map(ImportAssertions::line).toList();
    }

    /** {@code <id suffix> TYPE <time> channel=.. priority=.. status=.. agent=.. team=.. csat=..}. */
    static String line(TicketEvent e) {
        return e.eventId.substring(e.ticketId.length() + 1) + " " + e.type + " " + Timestamps.format(e.occurredAtMs)
                + (e.channel != null ? " channel=" + e.channel : "")
                + (e.priority != null ? " priority=" + e.priority : "")
                + (e.status != null ? " status=" + e.status : "")
                + (e.agentId != null ? " agent=" + e.agentId : "")
                + (e.team != null ? " team=" + e.team : "")
                + (e.csat != null ? " csat=" + e.csat : "");
    }
}
