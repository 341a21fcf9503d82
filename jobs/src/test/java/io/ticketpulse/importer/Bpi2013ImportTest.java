package io.ticketpulse.importer;

import static io.ticketpulse.importer.ImportAssertions.assertContract;
import static io.ticketpulse.importer.ImportAssertions.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ticketpulse.importer.Bpi2013Import.RejectReason;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BPI Challenge 2013 conversion on a fixture in the published file's layout (its header with the byte order
 * mark, two real service requests, 1-364285768 and 1-580987781, and made-up ones, 9-000000001 and 9-000000002,
 * that exercise every status of the mapping, an out-of-order row, the Siebel system owner and every reject reason).
 * The expected events were worked out by hand from the rows and the mapping in README.md.
 */
class Bpi2013ImportTest {

    private static final String FIXTURE = "/bpi2013/vinst_incidents_sample.csv";

    private static ImportResult result;

    @BeforeAll
    static void convertFixture() throws IOException {
        try (InputStream in = Bpi2013ImportTest.class.getResourceAsStream(FIXTURE)) {
            result = Bpi2013Import.IMPORTER.convert(in);
        }
    }

    @Test
    void everyRowIsCountedAsConvertedWithoutEventsOrRejectedWithItsReasonAndLine() {
        assertContract(result);
        ImportReport report = result.report();
        assertThat(report.format()).isEqualTo("bpi2013");
        assertThat(report.recordsIn()).isEqualTo(39);
        assertThat(report.recordsConverted()).isEqualTo(31);
        assertThat(report.recordsWithoutEvents()).isEqualTo(3);
        assertThat(result.rejects()).extracting(Reject::line, Reject::reason, Reject::detail).containsExactly(
                tuple(30L, RejectReason.UNKNOWN_STATUS.name(), "Status/Sub Status \"Unmatched/Unmatched\""),
                tuple(31L, RejectReason.BAD_TIMESTAMP.name(), "Change Date+Time \"2012-01-02 10:00\""),
                tuple(32L, RejectReason.UNKNOWN_IMPACT.name(), "SR Latest Impact \"Critical\""),
                tuple(39L, RejectReason.WRONG_COLUMN_COUNT.name(), "4 fields, the header has 17"),
                tuple(40L, RejectReason.MISSING_SR_NUMBER.name(), "SR Number \"\""));
        assertThat(result.rejects().get(0).record()).startsWith("9-000000001,2012-01-02T09:40:00+01:00,Unmatched,");
        assertThat(report.tickets()).isEqualTo(4);
        assertThat(report.ticketsWithoutEvents()).isZero();
        assertThat(report.events()).isEqualTo(26 + 19 + 7 + 8);
    }

    @Test
    void aRealRequestPassedBetweenTeamsReopenedAndClosed() {
        assertThat(lines(result, "1-364285768")).containsExactly(
                "0001 CREATED 2010-03-31T14:59:42.000Z channel=vinst priority=P3",
                "0002 ASSIGNED 2010-03-31T14:59:42.000Z agent=fr-Frederic team=V30",
                "0003 AGENT_REPLIED 2010-03-31T14:59:42.000Z agent=fr-Frederic",
                "0004 STATUS_CHANGED 2010-03-31T14:59:42.000Z status=open",
                // 16:00:56 In Progress again with the same owner and team: no event
                "0005 ASSIGNED 2010-03-31T15:45:48.000Z team=V5 3rd",
                "0006 STATUS_CHANGED 2010-03-31T15:45:48.000Z status=new",
                "0007 ASSIGNED 2010-04-06T14:44:07.000Z agent=fr-Anne Claire team=V5 3rd",
                "0008 STATUS_CHANGED 2010-04-06T14:44:07.000Z status=open",
                "0009 ASSIGNED 2010-04-06T14:44:38.000Z team=V30",
                "0010 STATUS_CHANGED 2010-04-06T14:44:38.000Z status=new",
                "0011 ASSIGNED 2010-04-06T14:44:47.000Z agent=fr-Anne Claire team=V13 2nd 3rd",
                "0012 STATUS_CHANGED 2010-04-06T14:44:47.000Z status=open",
                "0013 RESOLVED 2010-04-06T14:44:51.000Z agent=fr-Anne Claire",
                "0014 REOPENED 2010-04-06T14:45:07.000Z",
                "0015 ASSIGNED 2010-04-06T14:45:07.000Z team=V30",
                "0016 STATUS_CHANGED 2010-04-06T14:45:07.000Z status=new",
                "0017 ASSIGNED 2010-04-08T10:52:23.000Z agent=fr-Eric team=V30",
                "0018 STATUS_CHANGED 2010-04-08T10:52:23.000Z status=open",
                "0019 ASSIGNED 2010-04-08T10:53:35.000Z team=V5 3rd",
                "0020 STATUS_CHANGED 2010-04-08T10:53:35.000Z status=new",
                "0021 ASSIGNED 2010-04-20T09:07:11.000Z agent=fr-Anne Claire team=V5 3rd",
                "0022 STATUS_CHANGED 2010-04-20T09:07:11.000Z status=open",
                // Accepted/Assigned is still open, same owner: no event (twice)
                "0023 ASSIGNED 2012-04-11T15:11:17.000Z agent=fr-Sarah team=V5 3rd",
                "0024 ASSIGNED 2012-05-03T09:10:10.000Z agent=fr-Loic team=V5 3rd",
                "0025 RESOLVED 2012-05-03T09:10:12.000Z agent=fr-Loic",
                "0026 CLOSED 2012-05-10T23:26:15.000Z");
        TicketEvent created = result.events().stream().filter(e -> e.eventId.equals("1-364285768-0001"))
                .findFirst().orElseThrow();
        assertThat(created.attributes).isEqualTo(Map.of("impact", "medium", "product", "PROD582", "country", "fr",
                "org_line", "Org line A2", "function_div", "A2_4"));
    }

    @Test
    void waitingForTheUserIsAnAgentReplyAndTheUsersAnswerACustomerReply() {
        assertThat(lines(result, "1-580987781")).containsExactly(
                "0001 CREATED 2011-10-06T07:37:52.000Z channel=vinst priority=P3",
                "0002 ASSIGNED 2011-10-06T07:37:52.000Z team=T19",
                "0003 ASSIGNED 2011-10-06T07:49:10.000Z team=G356 2nd",
                "0004 ASSIGNED 2011-10-06T07:58:53.000Z agent=se-Bjˆrn team=G356 2nd",
                "0005 AGENT_REPLIED 2011-10-06T07:58:53.000Z agent=se-Bjˆrn",
                "0006 STATUS_CHANGED 2011-10-06T07:58:53.000Z status=open",
                "0007 ASSIGNED 2011-10-10T14:39:42.000Z agent=se-Lucas team=G356 2nd",
                "0008 AGENT_REPLIED 2011-10-10T14:39:42.000Z agent=se-Lucas",
                "0009 STATUS_CHANGED 2011-10-10T14:39:42.000Z status=pending",
                "0010 ASSIGNED 2011-10-14T08:17:05.000Z agent=se-Bjˆrn team=G356 2nd",
                "0011 CUSTOMER_REPLIED 2011-10-14T08:17:05.000Z",
                "0012 STATUS_CHANGED 2011-10-14T08:17:05.000Z status=open",
                "0013 AGENT_REPLIED 2011-10-14T15:01:58.000Z agent=se-Bjˆrn",
                "0014 STATUS_CHANGED 2011-10-14T15:01:58.000Z status=pending",
                "0015 ASSIGNED 2012-05-03T12:31:52.000Z agent=se-Kent team=G356 2nd",
                "0016 CUSTOMER_REPLIED 2012-05-03T12:31:52.000Z",
                "0017 STATUS_CHANGED 2012-05-03T12:31:52.000Z status=open",
                "0018 RESOLVED 2012-05-03T12:34:54.000Z agent=se-Kent",
                "0019 CLOSED 2012-05-10T23:26:08.000Z");
        TicketEvent created = result.events().stream().filter(e -> e.eventId.equals("1-580987781-0001"))
                .findFirst().orElseThrow();
        assertThat(created.attributes).as("an empty Involved ST Function Div is left out")
                .isEqualTo(Map.of("impact", "medium", "product", "PROD562", "country", "se", "org_line", "Other"));
    }

    @Test
    void onHoldSolvedInTheCallCancelledAndRejectedRowsLeaveTheRequestWhereItWas() {
        assertThat(lines(result, "9-000000001")).containsExactly(
                "0001 CREATED 2012-01-02T08:00:00.000Z channel=vinst priority=P2",
                "0002 ASSIGNED 2012-01-02T08:00:00.000Z agent=se-Anna team=S42",
                "0003 AGENT_REPLIED 2012-01-02T08:00:00.000Z agent=se-Anna",
                "0004 STATUS_CHANGED 2012-01-02T08:00:00.000Z status=open",
                "0005 STATUS_CHANGED 2012-01-02T08:30:00.000Z status=on_hold",
                // Unmatched, a bad time and an unknown impact: rejected, the request stays on hold
                "0006 RESOLVED 2012-01-02T10:00:00.000Z agent=se-Anna",
                "0007 CLOSED 2012-01-02T10:05:00.000Z");
    }

    @Test
    void rowsAreOrderedByTimeAndTheSiebelSystemIsNoAgent() {
        assertThat(lines(result, "9-000000002")).containsExactly(
                "0001 CREATED 2012-01-03T07:00:00.000Z channel=vinst priority=P4",
                "0002 ASSIGNED 2012-01-03T07:00:00.000Z team=T19",
                // the 08:10 row comes after the 08:20 row in the file
                "0003 ASSIGNED 2012-01-03T07:10:00.000Z agent=se-Bo team=T19",
                "0004 AGENT_REPLIED 2012-01-03T07:10:00.000Z agent=se-Bo",
                "0005 STATUS_CHANGED 2012-01-03T07:10:00.000Z status=pending",
                "0006 CUSTOMER_REPLIED 2012-01-03T07:20:00.000Z",
                "0007 STATUS_CHANGED 2012-01-03T07:20:00.000Z status=open",
                "0008 CLOSED 2012-01-03T07:30:00.000Z");
        assertThat(result.report().eventsByType()).containsEntry(EventType.CREATED, 4L)
                .containsEntry(EventType.CLOSED, 4L).containsEntry(EventType.REOPENED, 1L);
    }

    @Test
    void aHeaderWithoutARequiredColumnFails() {
        byte[] csv = "SR Number,Status\n1-1,Queued\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Bpi2013Import.IMPORTER.convert(new ByteArrayInputStream(csv)))
                .isInstanceOf(IOException.class).hasMessageContaining("\"Change Date+Time\"");
    }

    @Test
    void impactMapping() {
        assertThat(Bpi2013Import.priority("Major")).isEqualTo("P1");
        assertThat(Bpi2013Import.priority("High")).isEqualTo("P2");
        assertThat(Bpi2013Import.priority("Medium")).isEqualTo("P3");
        assertThat(Bpi2013Import.priority("Low")).isEqualTo("P4");
        assertThat(Bpi2013Import.priority("medium")).isNull();
    }
}
