package io.ticketpulse.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ticketpulse.importer.ServiceNowIncidentLog.RejectReason;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.ParseResult;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketEventParser;
import io.ticketpulse.schema.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ServiceNow conversion on a fixture in the real log's layout (its header, two real incidents, INC0000045 and
 * INC0000047, and two made-up ones, INC9000001 and INC9000002, that exercise out-of-order rows, priority changes,
 * waiting for the caller, a reopen, a reassignment and every reject reason but the ones a header rules out).
 */
class ServiceNowIncidentLogTest {

    private static final String FIXTURE = "/servicenow/incident_event_log_sample.csv";

    private static ImportResult conversion;

    @BeforeAll
    static void convertFixture() throws IOException {
        try (InputStream in = ServiceNowIncidentLogTest.class.getResourceAsStream(FIXTURE)) {
            conversion = ServiceNowIncidentLog.convert(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyRowIsCountedAsConvertedUnchangedOrRejectedWithItsReason() {
        ImportReport report = conversion.report();
        assertThat(report.format()).isEqualTo("servicenow");
        assertThat(report.recordsIn()).isEqualTo(25);
        assertThat(report.recordsConverted()).isEqualTo(18);
        assertThat(report.recordsWithoutEvents()).isEqualTo(2);
        assertThat(report.rejects()).containsExactlyInAnyOrderEntriesOf(Map.of(
                RejectReason.UNKNOWN_STATE.name(), 1L,
                RejectReason.BAD_UPDATED_AT.name(), 1L,
                RejectReason.UNKNOWN_PRIORITY.name(), 1L,
                RejectReason.WRONG_COLUMN_COUNT.name(), 1L,
                RejectReason.MISSING_CONTACT_TYPE.name(), 1L));
        assertThat(report.recordsConverted() + report.recordsWithoutEvents() + report.recordsRejected())
                .isEqualTo(report.recordsIn());
        assertThat(report.firstRejectedLine()).containsEntry(RejectReason.UNKNOWN_STATE.name(), 16L)
                .containsEntry(RejectReason.MISSING_CONTACT_TYPE.name(), 25L);
        assertThat(conversion.rejects()).extracting(Reject::line, Reject::reason).containsExactly(
                // rows refused on reading, in file order, then the one refused when creating its ticket
                tuple(16L, RejectReason.UNKNOWN_STATE.name()),
                tuple(18L, RejectReason.BAD_UPDATED_AT.name()),
                tuple(19L, RejectReason.UNKNOWN_PRIORITY.name()),
                tuple(24L, RejectReason.WRONG_COLUMN_COUNT.name()),
                tuple(25L, RejectReason.MISSING_CONTACT_TYPE.name()));
        assertThat(conversion.rejects().get(0).detail()).isEqualTo("incident_state \"-100\"");
        assertThat(conversion.rejects().get(0).record()).startsWith("INC9000001,-100,true,");
        assertThat(report.tickets()).isEqualTo(4);
        assertThat(report.ticketsWithoutEvents()).isZero();
        assertThat(report.events()).isEqualTo(31).isEqualTo(conversion.events().size());
        assertThat(report.eventsByType()).containsEntry(EventType.CREATED, 4L).containsEntry(EventType.CLOSED, 3L)
                .containsEntry(EventType.REOPENED, 1L).containsEntry(EventType.CUSTOMER_REPLIED, 1L);
    }

    @Test
    void aRealIncidentBecomesCreatedAssignedFirstResponseResolvedClosed() {
        assertThat(lines("INC0000045")).containsExactly(
                "INC0000045-0001 CREATED 2016-02-29T01:16:00.000Z channel=phone priority=P3",
                "INC0000045-0002 ASSIGNED 2016-02-29T01:23:00.000Z team=Group 56",
                "INC0000045-0003 AGENT_REPLIED 2016-02-29T08:53:00.000Z",
                "INC0000045-0004 RESOLVED 2016-02-29T08:53:00.000Z agent=Resolved by 149",
                "INC0000045-0005 CLOSED 2016-03-05T12:00:00.000Z");
    }

    @Test
    void reassignmentsAndAskingTheCallerAreEvents() {
        assertThat(lines("INC0000047")).containsExactly(
                "INC0000047-0001 CREATED 2016-02-29T04:40:00.000Z channel=phone priority=P3",
                "INC0000047-0002 ASSIGNED 2016-02-29T04:57:00.000Z agent=Resolver 89 team=Group 70",
                "INC0000047-0003 ASSIGNED 2016-02-29T05:30:00.000Z agent=Resolver 31 team=Group 24",
                "INC0000047-0004 AGENT_REPLIED 2016-02-29T05:30:00.000Z agent=Resolver 31",
                "INC0000047-0005 STATUS_CHANGED 2016-02-29T05:30:00.000Z status=open",
                "INC0000047-0006 ASSIGNED 2016-03-01T09:14:00.000Z agent=Resolver 89 team=Group 24",
                "INC0000047-0007 AGENT_REPLIED 2016-03-01T09:14:00.000Z agent=Resolver 89",
                "INC0000047-0008 STATUS_CHANGED 2016-03-01T09:14:00.000Z status=pending",
                "INC0000047-0009 RESOLVED 2016-03-01T09:52:00.000Z agent=Resolved by 81",
                "INC0000047-0010 CLOSED 2016-03-06T10:00:00.000Z");
    }

    @Test
    void rowsAreOrderedByUpdateTimeAndRejectedRowsLeaveTheIncidentWhereItWas() {
        assertThat(lines("INC9000001")).containsExactly(
                "INC9000001-0001 CREATED 2016-03-01T08:00:00.000Z channel=phone priority=P3",
                "INC9000001-0002 ASSIGNED 2016-03-01T08:05:00.000Z team=Group 24",
                "INC9000001-0003 PRIORITY_CHANGED 2016-03-01T08:10:00.000Z priority=P2",
                "INC9000001-0004 ASSIGNED 2016-03-01T08:20:00.000Z agent=Resolver 7 team=Group 24",
                "INC9000001-0005 AGENT_REPLIED 2016-03-01T08:20:00.000Z agent=Resolver 7",
                "INC9000001-0006 STATUS_CHANGED 2016-03-01T08:20:00.000Z status=open",
                "INC9000001-0007 AGENT_REPLIED 2016-03-01T09:00:00.000Z agent=Resolver 7",
                "INC9000001-0008 STATUS_CHANGED 2016-03-01T09:00:00.000Z status=pending",
                // the -100 row in between is rejected; the caller's answer ends the wait
                "INC9000001-0009 CUSTOMER_REPLIED 2016-03-01T09:30:00.000Z",
                "INC9000001-0010 STATUS_CHANGED 2016-03-01T09:30:00.000Z status=open",
                "INC9000001-0011 RESOLVED 2016-03-01T10:00:00.000Z agent=Resolved by 81",
                "INC9000001-0012 ASSIGNED 2016-03-02T11:00:00.000Z agent=Resolver 8 team=Group 24",
                "INC9000001-0013 REOPENED 2016-03-02T11:00:00.000Z",
                "INC9000001-0014 RESOLVED 2016-03-02T12:00:00.000Z agent=Resolved by 81",
                "INC9000001-0015 CLOSED 2016-03-07T12:00:00.000Z");
    }

    @Test
    void theFirstRowWithAContactTypeCreatesTheTicket() {
        assertThat(lines("INC9000002")).containsExactly(
                "INC9000002-0001 CREATED 2016-03-03T09:59:00.000Z channel=email priority=P3");
    }

    @Test
    void theOutputIsOrderedByTimeAndEveryEventIsValidTicketEventJson() {
        List<TicketEvent> events = conversion.events();
        TicketEventParser parser = new TicketEventParser(64 * 1024);
        long previous = Long.MIN_VALUE;
        for (TicketEvent e : events) {
            assertThat(e.occurredAtMs).isGreaterThanOrEqualTo(previous);
            previous = e.occurredAtMs;
            ParseResult parsed = parser.parse(TicketEventJson.toJson(e));
            assertThat(parsed.isValid()).as("%s: %s", e, parsed).isTrue();
            assertThat(parsed.event()).isEqualTo(e);
        }
    }

    @Test
    void copiesHaveDistinctIdsAndTheSameOrShiftedTimes() throws IOException {
        List<TicketEvent> base = conversion.events();
        List<TicketEvent> same = new ArrayList<>();
        EventCopies.multiplied(base, 3, Duration.ZERO).forEachRemaining(same::add);
        assertThat(same).hasSize(3 * base.size());
        assertThat(same.stream().map(e -> e.eventId).distinct()).hasSize(same.size());
        assertThat(same.stream().map(e -> e.ticketId).distinct()).hasSize(3 * 4);
        assertThat(same).filteredOn(e -> e.ticketId.equals("INC0000045-c2")).extracting(e -> e.eventId)
                .startsWith("INC0000045-c2-0001").hasSize(5);
        assertThat(same.stream().mapToLong(e -> e.occurredAtMs).boxed().collect(Collectors.toSet()))
                .isEqualTo(base.stream().mapToLong(e -> e.occurredAtMs).boxed().collect(Collectors.toSet()));
        assertThat(same).isSortedAccordingTo((a, b) -> Long.compare(a.occurredAtMs, b.occurredAtMs));

        Duration day = Duration.ofDays(1);
        List<TicketEvent> shifted = new ArrayList<>();
        EventCopies.multiplied(base, 3, day).forEachRemaining(shifted::add);
        assertThat(shifted).hasSize(3 * base.size())
                .isSortedAccordingTo((a, b) -> Long.compare(a.occurredAtMs, b.occurredAtMs));
        TicketEvent created = base.get(0);
        assertThat(shifted).filteredOn(e -> e.eventId.equals(created.eventId.replace(created.ticketId,
                created.ticketId + "-c2"))).singleElement()
                .satisfies(e -> assertThat(e.occurredAtMs).isEqualTo(created.occurredAtMs + 2 * day.toMillis()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = ImportFiles.writeEvents(EventCopies.multiplied(base, 2, Duration.ZERO), out);
        String[] jsonLines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(written).isEqualTo(jsonLines.length).isEqualTo(2L * base.size());
        Set<String> ids = new HashSet<>();
        TicketEventParser parser = new TicketEventParser(64 * 1024);
        for (String line : jsonLines) {
            ParseResult parsed = parser.parse(line.getBytes(StandardCharsets.UTF_8));
            assertThat(parsed.isValid()).as(line).isTrue();
            assertThat(ids.add(parsed.event().eventId)).as(line).isTrue();
        }
    }

    @Test
    void quotedFieldsAreRead() throws IOException {
        String csv = String.join(",", header()) + "\n"
                + row("INC1", "New", "\"2/1/2016 10:00\"", "\"Self, service\"") + "\n";
        ImportResult c = ServiceNowIncidentLog.convert(new StringReader(csv));
        assertThat(c.events()).singleElement().satisfies(e -> {
            assertThat(e.channel).isEqualTo("self_service");
            assertThat(Timestamps.format(e.occurredAtMs)).isEqualTo("2016-01-02T10:00:00.000Z");
        });
    }

    @Test
    void aHeaderWithoutARequiredColumnFails() {
        String csv = "number,incident_state\nINC1,New\n";
        assertThatThrownBy(() -> ServiceNowIncidentLog.convert(new StringReader(csv)))
                .isInstanceOf(IOException.class).hasMessageContaining("\"sys_mod_count\"");
    }

    @Test
    void valueMappings() {
        assertThat(ServiceNowIncidentLog.priority("1 - Critical")).isEqualTo("P1");
        assertThat(ServiceNowIncidentLog.priority("4 - Low")).isEqualTo("P4");
        assertThat(ServiceNowIncidentLog.priority("5 - Planning")).isNull();
        assertThat(ServiceNowIncidentLog.priority("?")).isNull();
        assertThat(ServiceNowIncidentLog.channel("Direct opening")).isEqualTo("direct_opening");
        assertThat(ServiceNowIncidentLog.channel("IVR")).isEqualTo("ivr");
        assertThat(ServiceNowIncidentLog.channel("?")).isNull();
        assertThat(ServiceNowIncidentLog.channel("123")).isNull();
        assertThat(ServiceNowIncidentLog.timestamp("29/2/2016 01:16")).isEqualTo(Timestamps.parse("2016-02-29T01:16:00Z"));
        assertThat(ServiceNowIncidentLog.timestamp("29/2/2015 01:16")).isEqualTo(Long.MIN_VALUE);
        assertThat(ServiceNowIncidentLog.timestamp("?")).isEqualTo(Long.MIN_VALUE);
    }

    private static List<String> lines(String ticketId) {
        return conversion.events().stream().filter(e -> e.ticketId.equals(ticketId))
                .map(ServiceNowIncidentLogTest::line).toList();
    }

    private static String line(TicketEvent e) {
        return e.eventId + " " + e.type + " " + Timestamps.format(e.occurredAtMs)
                + (e.channel != null ? " channel=" + e.channel : "")
                + (e.priority != null ? " priority=" + e.priority : "")
                + (e.status != null ? " status=" + e.status : "")
                + (e.agentId != null ? " agent=" + e.agentId : "")
                + (e.team != null ? " team=" + e.team : "");
    }

    private static List<String> header() {
        return ServiceNowIncidentLog.REQUIRED_COLUMNS;
    }

    /** A row in {@link #header()}'s column order. */
    private static String row(String number, String state, String at, String contactType) {
        // number, incident_state, sys_mod_count, sys_updated_at, contact_type, priority, opened_at, assigned_to,
        // assignment_group, resolved_by
        return String.join(",", number, state, "0", at, contactType, "3 - Moderate", at, "?", "?", "?");
    }
}
