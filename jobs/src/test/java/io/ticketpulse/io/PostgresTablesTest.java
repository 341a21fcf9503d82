package io.ticketpulse.io;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.KpiRow;
import io.ticketpulse.testing.PostgresServer;
import io.ticketpulse.testing.TableRows;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tables' DDL and the sinks' statements against a real PostgreSQL server: migrations applied once, upserts
 * by revision, the alert order, dead letters once, and the contract round trip (a record read back from its
 * table equals the record written).
 */
class PostgresTablesTest {

    private JdbcSettings settings;
    private PostgresTables tables;
    private Connection c;

    @BeforeEach
    void setUp() throws SQLException {
        settings = PostgresServer.freshSettings("tables");
        tables = PostgresTables.prepare(settings);
        c = settings.connect();
    }

    @AfterEach
    void tearDown() throws SQLException {
        c.close();
    }

    // --- schema

    @Test
    void migrationsApplyOnceAndAreRecorded() throws SQLException {
        assertThat(PostgresSchema.migrate(c, settings.tablePrefix())).isEmpty();
        PostgresTables.prepare(settings); // a second job start: nothing to apply, the same statements
        assertThat(TableRows.count(c, "SELECT count(*) FROM " + p() + "schema_version")).isEqualTo(2);
        JdbcSettings other = PostgresServer.freshSettings("other");
        try (Connection o = other.connect()) {
            assertThat(PostgresSchema.migrate(o, other.tablePrefix())).containsExactly(1, 2);
        }
    }

    @Test
    void everyContractFieldHasAColumnOfItsName() throws Exception {
        assertThat(columns("kpi")).containsAll(schemaFields("ticket-kpi"))
                .containsAll(List.of("grouping_set", "dimensions", "time"));
        assertThat(columns("alert_state")).containsAll(schemaFields("sla-alert")).contains("time");
        assertThat(columns("alert_history")).isEqualTo(columns("alert_state"));
        assertThat(columns("dead_letter")).containsAll(schemaFields("dead-letter")).contains("time");
        // nothing but the contract's fields and the documented extra columns
        assertThat(minus(columns("kpi"), schemaFields("ticket-kpi"))).containsExactly("time");
        assertThat(minus(columns("alert_state"), schemaFields("sla-alert"))).containsExactly("time");
        assertThat(minus(columns("dead_letter"), schemaFields("dead-letter")))
                .containsExactlyInAnyOrder("payload_md5", "time");
    }

    @Test
    void prefixMustBeAPlainIdentifier() {
        for (String bad : List.of("", "Upper_", "1abc_", "a-b_", "x; DROP TABLE y; --", "a".repeat(41))) {
            assertThatThrownBy(() -> new JdbcSettings(PostgresServer.url(), "postgres", null, bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new JdbcSettings("jdbc:postgresql://h/db", null, null, "tp_").tablePrefix()).isEqualTo("tp_");
    }

    // --- KPI rows

    @Test
    void kpiRowsRoundTripAndAHigherRevisionReplacesALowerIsIgnored() throws SQLException {
        TicketKpi rev0 = kpi("chat", "P2", 0, 10, 0, false, 3);
        TicketKpi rev2 = kpi("chat", "P2", 0, 10, 2, true, 5);
        TicketKpi rev1 = kpi("chat", "P2", 0, 10, 1, false, 4);
        TicketKpi other = kpi("email", "P3", 0, 10, 0, true, 1);
        writeKpis(rev0, other, rev2, rev1, rev0);

        assertThat(TableRows.kpis(c, p())).containsExactly(rev2, other);
        assertThat(TableRows.rows(c, "SELECT grouping_set, dimensions, \"time\" FROM " + p() + "kpi"))
                .allSatisfy(n -> {
                    assertThat(n.get("grouping_set").asText()).isEqualTo("channel_priority");
                    assertThat(n.get("dimensions").asText()).isEmpty();
                    assertThat(n.get("time").asText()).isEqualTo(Instant.ofEpochMilli(at(10)).toString()
                            .replace("Z", ".000Z"));
                });
    }

    @Test
    void kpiNullsStayNullAndAllFieldsSurvive() throws SQLException {
        TicketKpi row = KpiRow.of("chat", "P1", at(0), at(10)).created(2).frt(2, 150.5, 120, 181.25, 181.25,
                        181.25, 181.25).waits(1, 2).resolved(1, 480, 480, 480, 1).backlog(1)
                .csat(1, 5, null, 5.0, null).build();
        TicketKpi empty = KpiRow.of("chat", "P1", at(5), at(15)).build();
        writeKpis(row, empty);
        assertThat(TableRows.kpis(c, p())).containsExactly(row, empty);
        assertThat(empty.frtMeanS).isNull();
    }

    // --- alerts

    @Test
    void alertStateFollowsTheAlertsOrderAndHistoryKeepsEachChangeOnce() throws SQLException {
        SlaAlert warning = alert("T-1/first_response/1/p2-high@1", "firing", "warning", "warning", at(7), null);
        SlaAlert yellow = alert("T-1/first_response/1/p2-high@1", "firing", "breach", "yellow", at(11), null);
        SlaAlert resolved = alert("T-1/first_response/1/p2-high@1", "resolved", "breach", "yellow", at(12),
                "fulfilled");
        SlaAlert other = alert("T-2/assignment/1/p2-high@1", "firing", "warning", "warning", at(4), null);

        writeAlerts(warning, other, yellow, warning); // a re-delivered earlier record changes nothing
        assertThat(TableRows.alerts(c, p() + "alert_state")).containsExactly(yellow, other);
        writeAlerts(resolved, yellow, warning); // resolved is the last record: nothing replaces it
        assertThat(TableRows.alerts(c, p() + "alert_state")).containsExactly(resolved, other);
        assertThat(TableRows.alerts(c, p() + "alert_history")).containsExactly(warning, yellow, resolved, other);
    }

    @Test
    void anAggregateAlertFiresAgainAfterItRecovered() throws SQLException {
        String key = "aggregate/frt_p90/chat/P2/p2-high@1";
        SlaAlert first = aggregate(key, "firing", "yellow", at(20), null);
        SlaAlert recovered = aggregate(key, "resolved", "yellow", at(40), "recovered");
        SlaAlert again = aggregate(key, "firing", "orange", at(90), null);
        writeAlerts(first, recovered, again, recovered, first); // the last two delivered again
        assertThat(TableRows.alerts(c, p() + "alert_state")).containsExactly(again);
        assertThat(TableRows.alerts(c, p() + "alert_history")).containsExactly(first, recovered, again);
    }

    @Test
    void aCorrectionAtTheSameInstantReplacesTheStateWhenDetectedLater() throws SQLException {
        SlaAlert orange = alert("T-1/resolution/1/p2-high@1", "firing", "breach", "orange", at(30), null);
        SlaAlert yellow = alert("T-1/resolution/1/p2-high@1", "firing", "breach", "yellow", at(30), null);
        yellow.detectedAtMs = orange.detectedAtMs + 1_000;
        writeAlerts(orange, yellow);
        assertThat(TableRows.alerts(c, p() + "alert_state")).containsExactly(yellow);
        writeAlerts(orange); // re-delivered, detected earlier: ignored
        assertThat(TableRows.alerts(c, p() + "alert_state")).containsExactly(yellow);
        assertThat(TableRows.alerts(c, p() + "alert_history")).hasSize(2);
    }

    // --- dead letters

    @Test
    void deadLettersOncePerOriginReasonAndPayloadWithTheEventTimeWhenKnown() throws SQLException {
        DeadLetter malformed = new DeadLetter(DeadLetter.ReasonCode.MALFORMED_JSON, "not JSON", "events.jsonl:3",
                "{oops".getBytes(StandardCharsets.UTF_8));
        DeadLetter late = new DeadLetter(DeadLetter.ReasonCode.LATE_EVENT, "late by 2h", "events.jsonl:9",
                ("{\"event_id\":\"e-9\",\"ticket_id\":\"T-9\",\"occurred_at\":\"2026-11-22T08:00:00.000Z\"}")
                        .getBytes(StandardCharsets.UTF_8));
        late.eventId = "e-9";
        late.ticketId = "T-9";
        DeadLetter sameOriginOtherPayload = new DeadLetter(DeadLetter.ReasonCode.MALFORMED_JSON, "not JSON",
                "events.jsonl:3", new byte[] {(byte) 0xff, 0x00});

        writeDeadLetters(malformed, late, malformed, sameOriginOtherPayload, late);

        assertThat(TableRows.deadLetters(c, p())).containsExactlyInAnyOrder(malformed, sameOriginOtherPayload, late);
        assertThat(TableRows.rows(c, "SELECT \"time\" FROM " + p() + "dead_letter WHERE event_id = 'e-9'"))
                .singleElement().satisfies(n -> assertThat(n.get("time").asText())
                        .isEqualTo("2026-11-22T08:00:00.000Z"));
        assertThat(TableRows.count(c, "SELECT count(*) FROM " + p() + "dead_letter WHERE \"time\" IS NULL"))
                .isZero();
    }

    @Test
    void aPayloadWithNulBytesIsStoredAsBase64Only() throws SQLException {
        // the simulator's malformed record "\u0000\u0000\u0000": valid UTF-8, but text/jsonb cannot hold U+0000
        DeadLetter nul = new DeadLetter(DeadLetter.ReasonCode.MALFORMED_JSON,
                "not JSON text: NUL byte at byte offset 0", "ticket-events/1@470", new byte[] {0, 0, 0});
        DeadLetter nulInIds = new DeadLetter(DeadLetter.ReasonCode.SCHEMA_VIOLATION, "bad\u0000id", "f:2",
                "{}".getBytes(StandardCharsets.UTF_8));
        nulInIds.ticketId = "T\u0000";

        writeDeadLetters(nul, nul, nulInIds);

        assertThat(TableRows.rows(c, "SELECT origin, payload_base64, payload_text, reason, ticket_id FROM " + p()
                + "dead_letter ORDER BY origin")).extracting(JsonNode::toString).containsExactly(
                        "{\"origin\":\"f:2\",\"payload_base64\":\"e30=\",\"payload_text\":\"{}\","
                                + "\"reason\":\"bad\ufffdid\",\"ticket_id\":\"T\ufffd\"}",
                        "{\"origin\":\"ticket-events/1@470\",\"payload_base64\":\"AAAA\",\"payload_text\":null,"
                                + "\"reason\":\"not JSON text: NUL byte at byte offset 0\",\"ticket_id\":null}");
    }

    @Test
    void occurredAtOnlyFromAValidEventsPayload() {
        DeadLetter noEvent = new DeadLetter(DeadLetter.ReasonCode.SCHEMA_VIOLATION, "x", "f:1",
                "{\"occurred_at\":\"2026-11-22T08:00:00.000Z\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(PostgresTables.occurredAt(noEvent)).isNull();
        DeadLetter badTime = new DeadLetter(DeadLetter.ReasonCode.LATE_EVENT, "x", "f:1",
                "{\"occurred_at\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8));
        badTime.eventId = "e";
        assertThat(PostgresTables.occurredAt(badTime)).isNull();
    }

    // --- helpers

    private String p() {
        return settings.tablePrefix();
    }

    private static TicketKpi kpi(String channel, String priority, int from, int to, int revision, boolean fin,
            long created) {
        TicketKpi k = KpiRow.of(channel, priority, at(from), at(to)).created(created).backlog(created).build();
        k.revision = revision;
        k.isFinal = fin;
        return k;
    }

    static SlaAlert alert(String dedupKey, String status, String kind, String severity, long changedAtMs,
            String resolveReason) {
        SlaAlert a = new SlaAlert();
        a.alertId = dedupKey;
        a.dedupKey = dedupKey;
        a.status = status;
        a.kind = kind;
        a.severity = severity;
        a.slaMetric = dedupKey.split("/")[1];
        a.ticketId = dedupKey.split("/")[0];
        a.channel = "chat";
        a.priority = "P2";
        a.team = "tier1";
        a.policyId = "p2-high";
        a.policyVersion = 1;
        a.cycle = 1;
        a.targetS = 600;
        a.startedAtMs = at(0);
        a.deadlineAtMs = at(10);
        a.breachedAtMs = "breach".equals(kind) ? at(10) : null;
        a.changedAtMs = changedAtMs;
        a.elapsedS = (changedAtMs - at(0)) / 1000.0;
        a.overrunPct = (a.elapsedS - 600) / 6;
        a.resolveReason = resolveReason;
        a.detectedAtMs = changedAtMs + 1_234;
        a.summary = dedupKey + ' ' + status + ' ' + severity;
        return a;
    }

    private static SlaAlert aggregate(String dedupKey, String status, String severity, long changedAtMs,
            String resolveReason) {
        SlaAlert a = alert(dedupKey, status, "aggregate", severity, changedAtMs, resolveReason);
        a.slaMetric = "frt_p90";
        a.ticketId = null;
        a.team = null;
        a.cycle = 0;
        a.deadlineAtMs = null;
        a.breachedAtMs = changedAtMs;
        return a;
    }

    private void writeKpis(TicketKpi... rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(tables.kpiSql())) {
            for (TicketKpi k : rows) {
                PostgresTables.bindKpi(ps, k);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeAlerts(SlaAlert... rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(tables.alertSql())) {
            for (SlaAlert a : rows) {
                PostgresTables.bindAlert(ps, a);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeDeadLetters(DeadLetter... rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(tables.deadLetterSql())) {
            for (DeadLetter d : rows) {
                PostgresTables.bindDeadLetter(ps, d);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Set<String> columns(String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        for (JsonNode n : TableRows.rows(c, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = '" + p() + table + "'")) {
            names.add(n.get("column_name").asText());
        }
        return names;
    }

    private static Set<String> schemaFields(String contract) throws Exception {
        try (InputStream in = PostgresTablesTest.class.getClassLoader()
                .getResourceAsStream("schemas/" + contract + ".schema.json")) {
            JsonNode schema = new ObjectMapper().readTree(in);
            Set<String> fields = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(fields::add);
            return fields;
        }
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        List<String> rest = new ArrayList<>(a);
        rest.removeAll(b);
        return rest;
    }
}
