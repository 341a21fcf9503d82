package io.ticketpulse.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The PostgreSQL tables of the output and the sinks writing them (README, "KPI and alert tables in PostgreSQL").
 *
 * <p>Each record is sent as its contract JSON (the same bytes as the Kafka topics and files) and spread into the
 * table's columns with {@code jsonb_populate_record}, so a column gets the JSON field of its name; the column list
 * is read from the database after the migrations ({@link PostgresSchema}), so a column added by a later migration
 * is filled without a code change, and a field with no column is left out. Writes are idempotent, which makes the
 * at-least-once {@link JdbcSink} (batches flushed on every checkpoint) leave the same tables as exactly once:
 *
 * <ul>
 *   <li>{@code <prefix>kpi}: insert, or replace the row of the same key only when the incoming {@code revision}
 *       is higher;
 *   <li>{@code <prefix>alert_history}: insert each state change once (key {@code dedup_key, changed_at, status,
 *       kind, severity}), and in the same statement {@code <prefix>alert_state}: one row per {@code dedup_key},
 *       replaced when the incoming record is later in the alert's order ({@link #ALERT_IS_LATER});
 *   <li>{@code <prefix>dead_letter}: insert once per ({@code origin, reason_code, payload}).
 * </ul>
 */
public final class PostgresTables {

    /** Batches of up to this many records (the job's), flushed at least this often and on every checkpoint. */
    public static final int BATCH_SIZE = 500;
    static final long BATCH_INTERVAL_MS = 1_000;
    /** Retries of a failed batch (the connector waits 1 s, 2 s, 3 s between them); then the job fails over. */
    static final int MAX_RETRIES = 3;

    static final List<String> KPI_KEY =
            List.of("grouping_set", "dimensions", "channel", "priority", "window_start", "window_end");
    static final List<String> ALERT_HISTORY_KEY = List.of("dedup_key", "changed_at", "status", "kind", "severity");
    static final List<String> DEAD_LETTER_KEY = List.of("origin", "reason_code", "payload_md5");

    /**
     * The order of one alert's records. A ticket alert's {@code resolved} record is its last (sla-alert contract),
     * so it comes after every {@code firing} one, then by {@code changed_at}; an aggregate alert fires again after
     * it recovered, with the same {@code dedup_key}, so its records go by {@code changed_at} (the end of the KPI
     * window, increasing), a resolution after a firing at the same instant. At the same place, a record in
     * another state (a correction at the same instant) replaces the row when it was detected later. A record
     * delivered again (a restart, a replay) is never later than itself, so it changes nothing.
     */
    static final String ALERT_IS_LATER = "CASE WHEN excluded.kind = 'aggregate'"
            + " THEN (excluded.changed_at, excluded.status = 'resolved') > (cur.changed_at, cur.status = 'resolved')"
            + " ELSE (excluded.status = 'resolved', excluded.changed_at) > (cur.status = 'resolved', cur.changed_at)"
            + " END"
            + " OR (excluded.changed_at = cur.changed_at AND excluded.status = cur.status"
            + " AND (excluded.kind, excluded.severity) IS DISTINCT FROM (cur.kind, cur.severity)"
            + " AND excluded.detected_at > cur.detected_at)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcSettings settings;
    private final String kpiSql;
    private final String alertSql;
    private final String deadLetterSql;

    private PostgresTables(JdbcSettings settings, String kpiSql, String alertSql, String deadLetterSql) {
        this.settings = settings;
        this.kpiSql = kpiSql;
        this.alertSql = alertSql;
        this.deadLetterSql = deadLetterSql;
    }

    /**
     * Connects, applies the migrations not yet applied and builds the statements from the tables' columns.
     *
     * @throws SQLException when PostgreSQL cannot be reached or a migration fails
     */
    public static PostgresTables prepare(JdbcSettings settings) throws SQLException {
        try (Connection c = settings.connect()) {
            PostgresSchema.migrate(c, settings.tablePrefix());
            String p = settings.tablePrefix();
            List<Column> kpi = columns(c, p + "kpi");
            List<Column> state = columns(c, p + "alert_state");
            List<Column> history = columns(c, p + "alert_history");
            List<Column> dead = columns(c, p + "dead_letter");
            return new PostgresTables(settings,
                    upsert(p + "kpi", kpi, KPI_KEY, "excluded.revision > cur.revision"),
                    alertStatement(p, state, history),
                    insertOnce(p + "dead_letter", dead, DEAD_LETTER_KEY));
        }
    }

    /** The KPI rows' sink, batches of at most {@code batchSize} records (1: each record written at once). */
    public FailedWriterCloseSink<TicketKpi> kpiSink(int batchSize) {
        return sink(kpiSql, PostgresTables::bindKpi, batchSize);
    }

    /** The alerts' sink: history and current state in one statement per record. */
    public FailedWriterCloseSink<SlaAlert> alertSink(int batchSize) {
        return sink(alertSql, PostgresTables::bindAlert, batchSize);
    }

    public FailedWriterCloseSink<DeadLetter> deadLetterSink(int batchSize) {
        return sink(deadLetterSql, PostgresTables::bindDeadLetter, batchSize);
    }

    String kpiSql() {
        return kpiSql;
    }

    String alertSql() {
        return alertSql;
    }

    String deadLetterSql() {
        return deadLetterSql;
    }

    /** A {@link JdbcSink} (wrapped: a failed batch fails the task once, not the TaskManager process). */
    private <T> FailedWriterCloseSink<T> sink(String sql, JdbcStatementBuilder<T> binder, int batchSize) {
        JdbcConnectionOptions.JdbcConnectionOptionsBuilder conn = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(settings.url())
                .withDriverName(JdbcSettings.DRIVER)
                .withConnectionCheckTimeoutSeconds(30);
        if (settings.user() != null) {
            conn.withUsername(settings.user());
        }
        if (settings.password() != null) {
            conn.withPassword(settings.password());
        }
        return new FailedWriterCloseSink<>(JdbcSink.<T>builder()
                .withQueryStatement(sql, binder)
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(batchSize)
                        .withBatchIntervalMs(BATCH_INTERVAL_MS)
                        .withMaxRetries(MAX_RETRIES)
                        .build())
                .buildAtLeastOnce(conn.build()));
    }

    // --- binding: one parameter, the record's contract JSON

    static void bindKpi(PreparedStatement ps, TicketKpi k) throws SQLException {
        ps.setString(1, new String(TicketKpiJson.toJson(k), StandardCharsets.UTF_8));
    }

    static void bindAlert(PreparedStatement ps, SlaAlert a) throws SQLException {
        ps.setString(1, SlaAlertJson.toJsonString(a));
    }

    static void bindDeadLetter(PreparedStatement ps, DeadLetter d) throws SQLException {
        ps.setString(1, deadLetterJson(d));
    }

    /**
     * The dead letter's JSON, with {@code time}: the refused event's occurred_at when it has one. PostgreSQL's
     * {@code text} and {@code jsonb} cannot hold U+0000 ("unsupported Unicode escape sequence", which failed the
     * batch on every retry: the local-env demo's simulator sends a payload of three NUL bytes), so a
     * {@code payload_text} with a NUL is left null (the bytes stay in {@code payload_base64}) and a NUL in another
     * text field becomes U+FFFD.
     */
    static String deadLetterJson(DeadLetter d) {
        ObjectNode node = DeadLetterJson.toNode(d);
        if (node.path("payload_text").asText("").indexOf('\u0000') >= 0) {
            node.putNull("payload_text");
        }
        for (String field : List.of("reason", "origin", "event_id", "ticket_id")) {
            String value = node.path(field).isTextual() ? node.get(field).asText() : null;
            if (value != null && value.indexOf('\u0000') >= 0) {
                node.put(field, value.replace('\u0000', '\ufffd'));
            }
        }
        String occurredAt = occurredAt(d);
        if (occurredAt != null) {
            node.put("time", occurredAt);
        }
        return node.toString();
    }

    /**
     * The {@code occurred_at} of a dead letter whose payload is a valid event (its {@code event_id} is known), as
     * an RFC 3339 instant; null otherwise (malformed, oversized, schema violations).
     */
    static String occurredAt(DeadLetter d) {
        if (d.eventId == null || d.payload == null) {
            return null;
        }
        try {
            JsonNode event = JSON.readTree(d.payload);
            JsonNode at = event == null ? null : event.get("occurred_at");
            return at != null && at.isTextual() ? Instant.parse(at.asText()).toString() : null;
        } catch (Exception e) {
            return null;
        }
    }

    // --- statements

    /** A column of a table: its name, and its default expression (null for none). */
    record Column(String name, String defaultExpression) {}

    /** The columns a statement writes, in table order: all but the generated ones. */
    static List<Column> columns(Connection c, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, column_default"
                + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                + " AND is_generated = 'NEVER' ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2)));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("table " + table + " has no columns (or does not exist) in the current schema");
        }
        return columns;
    }

    /** {@code INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE condition}: replace the row when the condition holds. */
    static String upsert(String table, List<Column> columns, List<String> key, String condition) {
        return insert(table, columns, "r") + " ON CONFLICT (" + names(key) + ") DO UPDATE SET "
                + updates(columns, key) + " WHERE " + condition;
    }

    /** {@code INSERT ... ON CONFLICT (key) DO NOTHING}: the first row of a key stays. */
    static String insertOnce(String table, List<Column> columns, List<String> key) {
        return insert(table, columns, "r") + " ON CONFLICT (" + names(key) + ") DO NOTHING";
    }

    /** The alert statement: the history insert (once per state change) and the current-state upsert, atomic. */
    static String alertStatement(String prefix, List<Column> state, List<Column> history) {
        String stateTable = prefix + "alert_state";
        String historyTable = prefix + "alert_history";
        return "WITH r AS (SELECT * FROM jsonb_populate_record(NULL::" + stateTable + ", ?::jsonb)),"
                + " h AS (INSERT INTO " + historyTable + " (" + columnNames(history) + ") SELECT "
                + selects(history, "r") + " FROM r ON CONFLICT (" + names(ALERT_HISTORY_KEY) + ") DO NOTHING)"
                + " INSERT INTO " + stateTable + " AS cur (" + columnNames(state) + ") SELECT " + selects(state, "r")
                + " FROM r ON CONFLICT (dedup_key) DO UPDATE SET " + updates(state, List.of("dedup_key"))
                + " WHERE " + ALERT_IS_LATER;
    }

    private static String insert(String table, List<Column> columns, String alias) {
        return "INSERT INTO " + table + " AS cur (" + columnNames(columns) + ") SELECT " + selects(columns, alias)
                + " FROM jsonb_populate_record(NULL::" + table + ", ?::jsonb) AS " + alias;
    }

    /** Each column from the JSON record; a column with a default takes it when the field is absent or null. */
    private static String selects(List<Column> columns, String alias) {
        return columns.stream()
                .map(c -> c.defaultExpression() == null
                        ? alias + '.' + quote(c.name())
                        : "COALESCE(" + alias + '.' + quote(c.name()) + ", " + c.defaultExpression() + ')')
                .collect(Collectors.joining(", "));
    }

    private static String updates(List<Column> columns, List<String> key) {
        return columns.stream()
                .filter(c -> !key.contains(c.name()))
                .map(c -> quote(c.name()) + " = excluded." + quote(c.name()))
                .collect(Collectors.joining(", "));
    }

    private static String columnNames(List<Column> columns) {
        return names(columns.stream().map(Column::name).toList());
    }

    private static String names(List<String> names) {
        return names.stream().map(PostgresTables::quote).collect(Collectors.joining(", "));
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
