package io.ticketpulse.importer;

import static io.ticketpulse.importer.ImportAssertions.assertContract;
import static io.ticketpulse.importer.ImportAssertions.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ticketpulse.importer.ZendeskImport.RejectReason;
import io.ticketpulse.schema.TicketEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Zendesk conversion on two fixtures written from Zendesk's published formats: two pages of the incremental
 * ticket event export ({@code ticket_events_export.json}: ticket 101 with the comment_events sideload, ticket 102
 * without it, a repeated update at the page boundary, and every reject reason of the export), and webhook payloads
 * of the ticket event types, one per line ({@code webhooks.jsonl}: tickets 201 and 202, a duplicate delivery, a
 * broken line). The expected events were worked out by hand from the fixtures and README.md's mapping.
 */
class ZendeskImportTest {

    private static ImportResult export;
    private static ImportResult webhooks;
    private static List<String> exportLines;

    @BeforeAll
    static void convertFixtures() throws IOException {
        try (InputStream in = ZendeskImportTest.class.getResourceAsStream("/zendesk/ticket_events_export.json")) {
            byte[] bytes = in.readAllBytes();
            exportLines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            export = ZendeskImport.IMPORTER.convert(new ByteArrayInputStream(bytes));
        }
        try (InputStream in = ZendeskImportTest.class.getResourceAsStream("/zendesk/webhooks.jsonl")) {
            webhooks = ZendeskImport.IMPORTER.convert(in);
        }
    }

    @Test
    void exportEveryUpdateIsCountedAndEveryRejectHasItsReasonAndPlace() {
        assertContract(export);
        ImportReport r = export.report();
        assertThat(r.recordsIn()).isEqualTo(27);
        assertThat(r.recordsConverted()).isEqualTo(14);
        assertThat(r.recordsWithoutEvents()).isEqualTo(5);
        assertThat(export.rejects()).extracting(Reject::where, Reject::reason).containsExactly(
                tuple("ticket_events[8]", RejectReason.UNKNOWN_STATUS.name()),
                tuple("ticket_events[9]", RejectReason.UNKNOWN_PRIORITY.name()),
                tuple("ticket_events[10]", RejectReason.BAD_VALUE.name()),
                tuple("ticket_events[11]", RejectReason.UNSUPPORTED_RECORD.name()),
                tuple("ticket_events[16]", RejectReason.UNKNOWN_SCORE.name()),
                tuple("ticket_events[2]", RejectReason.MISSING_TICKET_ID.name()), // the second page
                tuple("ticket_events[3]", RejectReason.BAD_TIME.name()),
                tuple("ticket_events[4]", RejectReason.TICKET_NOT_CREATED.name()));
        for (Reject reject : export.rejects()) {
            assertThat(exportLines.get((int) reject.line() - 1)).as("line %d starts the record", reject.line())
                    .isEqualTo("    {");
        }
        assertThat(export.rejects().get(0).detail()).isEqualTo("status \"deleted\"");
        assertThat(export.rejects().get(7).record()).contains("\"ticket_id\":103");
        assertThat(r.tickets()).isEqualTo(4); // 101, 102, 103 (not created in the export), 104 (bad time)
        assertThat(r.ticketsWithoutEvents()).isEqualTo(2);
        assertThat(r.notes()).containsExactly(
                Map.entry(ZendeskImport.DUPLICATE_RECORDS, 1L),
                Map.entry(ZendeskImport.CREATED_WITHOUT_PRIORITY, 1L));
    }

    @Test
    void exportWithCommentsAgentRepliesCustomerRepliesPriorityResolutionRatingClosing() {
        assertThat(lines(export, "101")).containsExactly(
                "0001 CREATED 2024-03-04T09:00:00.000Z channel=web priority=P2", // its comment is the description
                "0002 ASSIGNED 2024-03-04T09:05:00.000Z agent=7001 team=601",
                "0003 AGENT_REPLIED 2024-03-04T09:12:00.000Z agent=7001",
                "0004 STATUS_CHANGED 2024-03-04T09:12:00.000Z status=open",
                // 09:20 a private note: nothing
                "0005 AGENT_REPLIED 2024-03-04T09:30:00.000Z agent=7001",
                "0006 STATUS_CHANGED 2024-03-04T09:30:00.000Z status=pending",
                "0007 CUSTOMER_REPLIED 2024-03-04T10:00:00.000Z",
                "0008 STATUS_CHANGED 2024-03-04T10:00:00.000Z status=open",
                "0009 PRIORITY_CHANGED 2024-03-04T10:05:00.000Z priority=P1",
                "0010 RESOLVED 2024-03-04T11:00:00.000Z agent=7001",
                // the survey offered at 12:00: nothing
                "0011 SATISFACTION_RATED 2024-03-04T13:00:00.000Z csat=5",
                "0012 CLOSED 2024-03-08T11:00:00.000Z");
        assertThat(created(export, "101").attributes).isEqualTo(Map.of("issue_type", "incident"));
    }

    @Test
    void exportWithoutTheCommentSideloadUsesTheFlagsAndTheUpdaterAndAReplyReopens() {
        assertThat(lines(export, "102")).containsExactly(
                "0001 CREATED 2024-03-04T09:30:00.000Z channel=email priority=P3",
                "0002 ASSIGNED 2024-03-04T09:45:00.000Z agent=7002",
                "0003 AGENT_REPLIED 2024-03-04T09:45:00.000Z agent=7002",
                "0004 STATUS_CHANGED 2024-03-04T09:46:00.000Z status=on_hold",
                "0005 RESOLVED 2024-03-04T10:30:00.000Z agent=7002",
                "0006 REOPENED 2024-03-04T14:00:00.000Z", // open again: no STATUS_CHANGED
                "0007 CUSTOMER_REPLIED 2024-03-04T14:00:00.000Z");
        // the repeat at the page boundary and the unassignment at 15:00 emit nothing
        assertThat(created(export, "102").attributes).isNull();
    }

    @Test
    void webhooksEveryPayloadIsCountedAndEveryRejectHasItsReasonAndLine() {
        assertContract(webhooks);
        ImportReport r = webhooks.report();
        assertThat(r.recordsIn()).isEqualTo(21);
        assertThat(r.recordsConverted()).isEqualTo(13);
        assertThat(r.recordsWithoutEvents()).isEqualTo(3); // a private comment, tags changed, a repeated delivery
        assertThat(webhooks.rejects()).extracting(Reject::line, Reject::reason).containsExactly(
                tuple(13L, RejectReason.UNKNOWN_STATUS.name()),
                tuple(18L, RejectReason.UNSUPPORTED_RECORD.name()),
                tuple(19L, RejectReason.MALFORMED_JSON.name()),
                tuple(20L, RejectReason.BAD_TIME.name()),
                tuple(21L, RejectReason.TICKET_NOT_CREATED.name()));
        assertThat(webhooks.rejects().get(2).record()).startsWith("{\"type\": \"zen:event-type:ticket.status_changed\"");
        assertThat(r.tickets()).isEqualTo(3);
        assertThat(r.ticketsWithoutEvents()).isEqualTo(1);
    }

    @Test
    void webhooksCreationRepliesAssignmentsPriorityResolutionAndRating() {
        assertThat(lines(webhooks, "201")).containsExactly(
                "0001 CREATED 2024-03-05T08:00:00.000Z channel=email priority=P1", // detail.created_at
                "0002 ASSIGNED 2024-03-05T08:00:00.000Z team=602",
                "0003 CUSTOMER_REPLIED 2024-03-05T08:01:00.000Z", // author.is_staff false
                "0004 STATUS_CHANGED 2024-03-05T08:05:00.000Z status=open",
                "0005 ASSIGNED 2024-03-05T08:05:30.000Z agent=7101 team=602",
                "0006 AGENT_REPLIED 2024-03-05T08:10:00.000Z agent=7101",
                "0007 PRIORITY_CHANGED 2024-03-05T08:20:00.000Z priority=P4",
                "0008 ASSIGNED 2024-03-05T08:30:00.000Z agent=7101 team=603",
                "0009 RESOLVED 2024-03-05T09:00:00.000Z agent=7101",
                "0010 SATISFACTION_RATED 2024-03-05T10:00:00.000Z csat=4");
        assertThat(created(webhooks, "201").attributes).isEqualTo(Map.of("issue_type", "question"));
        assertThat(lines(webhooks, "202")).containsExactly(
                "0001 CREATED 2024-03-05T11:00:00.000Z channel=web priority=P3",
                "0002 ASSIGNED 2024-03-05T11:00:00.000Z agent=7102",
                "0003 STATUS_CHANGED 2024-03-05T11:00:00.000Z status=open",
                "0004 STATUS_CHANGED 2024-03-05T11:05:00.000Z status=pending",
                "0005 CLOSED 2024-03-05T12:00:00.000Z",
                "0006 REOPENED 2024-03-05T13:00:00.000Z");
    }

    @Test
    void viaNamesBecomeChannels() {
        assertThat(ZendeskImport.channel("Web form")).isEqualTo("web");
        assertThat(ZendeskImport.channel("Mail")).isEqualTo("email");
        assertThat(ZendeskImport.channel("Web service")).isEqualTo("api");
        assertThat(ZendeskImport.channel("Phone call (incoming)")).isEqualTo("phone");
        assertThat(ZendeskImport.channel("chat")).isEqualTo("chat");
        assertThat(ZendeskImport.channel("")).isNull();
    }

    @Test
    void inputThatIsNotJsonFails() {
        byte[] text = "number,state\nINC1,New\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ZendeskImport.IMPORTER.convert(new ByteArrayInputStream(text)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("not JSON");
    }

    private static TicketEvent created(ImportResult result, String ticketId) {
        return result.events().stream().filter(e -> e.ticketId.equals(ticketId) && e.eventId.endsWith("-0001"))
                .findFirst().orElseThrow();
    }
}
