package io.ticketpulse.importer;

import static io.ticketpulse.importer.ImportAssertions.assertContract;
import static io.ticketpulse.importer.ImportAssertions.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ticketpulse.importer.JiraServiceManagementImport.RejectReason;
import io.ticketpulse.schema.TicketEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jira Service Management conversion on a fixture written from the Jira REST API's issue format (a search
 * result page of issues fetched with {@code expand=changelog}): SD-1 (Cloud users, a request channel, internal and
 * public comments, histories out of order, times at +01:00), SD-2 (Data Center users, escalation, reopening, every
 * history reject), SD-3 (refused at creation, so its history and comment have no ticket) and an object that is
 * not an issue. The expected events were worked out by hand from the fixture and README.md's mapping.
 */
class JiraServiceManagementImportTest {

    private static ImportResult result;

    @BeforeAll
    static void convertFixture() throws IOException {
        try (InputStream in = JiraServiceManagementImportTest.class
                .getResourceAsStream("/jira/issues_with_changelog.json")) {
            result = JiraServiceManagementImport.IMPORTER.convert(in);
        }
    }

    @Test
    void everyIssueHistoryAndCommentIsCountedAndEveryRejectHasItsReasonAndPlace() {
        assertContract(result);
        ImportReport r = result.report();
        assertThat(r.recordsIn()).isEqualTo(23);
        assertThat(r.recordsConverted()).isEqualTo(14);
        assertThat(r.recordsWithoutEvents()).isEqualTo(2); // a labels change, an internal comment
        assertThat(result.rejects()).extracting(Reject::line, Reject::where, Reject::reason).containsExactly(
                tuple(351L, "issues[1].changelog.histories[5]", RejectReason.BAD_TIME.name()),
                tuple(351L, "issues[1].changelog.histories[2]", RejectReason.UNKNOWN_STATUS.name()),
                tuple(351L, "issues[1].changelog.histories[3]", RejectReason.UNKNOWN_PRIORITY.name()),
                tuple(559L, "issues[2]", RejectReason.UNKNOWN_PRIORITY.name()),
                tuple(559L, "issues[2].changelog.histories[0]", RejectReason.TICKET_NOT_CREATED.name()),
                tuple(559L, "issues[2].fields.comment.comments[0]", RejectReason.TICKET_NOT_CREATED.name()),
                tuple(651L, "issues[3]", RejectReason.UNSUPPORTED_RECORD.name()));
        assertThat(result.rejects().get(1).detail()).isEqualTo("status \"Triage\"");
        assertThat(result.rejects().get(3).detail()).isEqualTo("priority at creation \"P0 - Emergency\"");
        assertThat(r.tickets()).isEqualTo(3);
        assertThat(r.ticketsWithoutEvents()).isEqualTo(1);
        assertThat(r.notes()).containsExactly(Map.entry(JiraServiceManagementImport.DEFAULT_CHANNEL, 1L));
    }

    @Test
    void statesAtCreationComeFromTheFirstChangeAndPublicCommentsAreReplies() {
        assertThat(lines(result, "SD-1")).containsExactly(
                // created at Medium (the first priority change's from), Waiting for support, unassigned
                "0001 CREATED 2024-03-04T08:00:00.000Z channel=email priority=P3",
                "0002 ASSIGNED 2024-03-04T08:10:00.000Z agent=acc-agent-1",
                "0003 STATUS_CHANGED 2024-03-04T08:10:00.000Z status=open",
                "0004 AGENT_REPLIED 2024-03-04T08:15:00.000Z agent=acc-agent-1",
                // 08:16 an internal comment: nothing
                "0005 STATUS_CHANGED 2024-03-04T08:20:00.000Z status=pending",
                "0006 PRIORITY_CHANGED 2024-03-04T08:30:00.000Z priority=P2",
                // 08:40 labels: nothing
                "0007 CUSTOMER_REPLIED 2024-03-04T08:55:00.000Z",
                "0008 STATUS_CHANGED 2024-03-04T09:00:00.000Z status=open",
                "0009 RESOLVED 2024-03-04T10:00:00.000Z agent=acc-agent-1",
                "0010 CLOSED 2024-03-05T10:00:00.000Z");
        assertThat(created("SD-1").attributes).isEqualTo(Map.of("issue_type", "Incident"));
    }

    @Test
    void escalationResolutionAndReopeningWithDataCenterUsers() {
        assertThat(lines(result, "SD-2")).containsExactly(
                "0001 CREATED 2024-03-06T10:00:00.000Z channel=jira priority=P1",
                "0002 ASSIGNED 2024-03-06T10:00:00.000Z agent=JIRAUSER10100", // assigned since creation
                "0003 ESCALATED 2024-03-06T10:05:00.000Z",
                "0004 STATUS_CHANGED 2024-03-06T10:05:00.000Z status=open",
                "0005 CUSTOMER_REPLIED 2024-03-06T10:20:00.000Z", // by the reporter
                "0006 RESOLVED 2024-03-06T10:30:00.000Z agent=JIRAUSER10100",
                // Triage and Urgent!! refused: the ticket stays resolved at P1
                "0007 REOPENED 2024-03-06T12:00:00.000Z",
                "0008 STATUS_CHANGED 2024-03-06T12:00:00.000Z status=new");
    }

    @Test
    void priorityNames() {
        assertThat(JiraServiceManagementImport.priority("Highest")).isEqualTo("P1");
        assertThat(JiraServiceManagementImport.priority("Critical")).isEqualTo("P1");
        assertThat(JiraServiceManagementImport.priority("High")).isEqualTo("P2");
        assertThat(JiraServiceManagementImport.priority("Medium")).isEqualTo("P3");
        assertThat(JiraServiceManagementImport.priority("Lowest")).isEqualTo("P4");
        assertThat(JiraServiceManagementImport.priority("P0")).isNull();
    }

    @Test
    void aSingleIssueAsJsonLinesIsReadToo() throws IOException {
        String issue = "{\"key\": \"SD-9\", \"fields\": {\"created\": \"2024-03-04T09:00:00.000+0000\","
                + " \"priority\": {\"name\": \"Low\"}, \"status\": {\"name\": \"Open\"}}}\n"
                + "{\"key\": \"SD-10\", \"fields\": {\"created\": \"2024-03-04T09:00:00.000+0000\","
                + " \"priority\": {\"name\": \"Low\"}, \"status\": {\"name\": \"Done\"}}}\n";
        ImportResult r = JiraServiceManagementImport.IMPORTER.convert(
                new ByteArrayInputStream(issue.getBytes(StandardCharsets.UTF_8)));
        assertContract(r);
        assertThat(lines(r, "SD-9")).containsExactly("0001 CREATED 2024-03-04T09:00:00.000Z channel=jira priority=P4");
        assertThat(lines(r, "SD-10")).as("created resolved: no changelog says otherwise").containsExactly(
                "0001 CREATED 2024-03-04T09:00:00.000Z channel=jira priority=P4",
                "0002 RESOLVED 2024-03-04T09:00:00.000Z");
    }

    private static TicketEvent created(String ticketId) {
        return result.events().stream().filter(e -> e.ticketId.equals(ticketId) && e.eventId.endsWith("-0001"))
                .findFirst().orElseThrow();
    }
}
