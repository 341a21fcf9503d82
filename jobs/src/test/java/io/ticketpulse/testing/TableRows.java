package io.ticketpulse.testing;

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
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the PostgreSQL tables back into the contract types: each row becomes a JSON object of its columns
 * (timestamps in the contracts' RFC 3339 form), read with the contract's own JSON reader, which ignores the
 * columns that are not contract fields ({@code time}, {@code grouping_set}, ...).
 */
public final class TableRows {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    private TableRows() {}

    public static List<TicketKpi> kpis(Connection c, String prefix) throws SQLException {
        List<TicketKpi> rows = new ArrayList<>();
        for (ObjectNode n : rows(c, "SELECT * FROM " + prefix + "kpi ORDER BY channel, priority, window_end")) {
            if ("channel_priority".equals(n.path("grouping_set").asText())) {
                // the default family's rows carry none of the grouping-set fields (the columns' defaults)
                n.remove(List.of("grouping_set", "dimensions", "folded_dimensions"));
            } else {
                for (String keyColumn : List.of("channel", "priority")) {
                    if (n.path(keyColumn).asText().isEmpty()) {
                        n.putNull(keyColumn);
                    }
                }
            }
            rows.add(TicketKpiJson.fromJson(bytes(n)));
        }
        return rows;
    }

    /** The current-state table ({@code alert_state}) or the history ({@code alert_history}). */
    public static List<SlaAlert> alerts(Connection c, String table) throws SQLException {
        List<SlaAlert> rows = new ArrayList<>();
        for (ObjectNode n : rows(c, "SELECT * FROM " + table + " ORDER BY dedup_key, changed_at, status")) {
            for (String setField : List.of("grouping_set", "dimensions")) {
                if (n.path(setField).isNull()) {
                    n.remove(setField); // only volatility alerts carry them
                }
            }
            rows.add(SlaAlertJson.fromJson(bytes(n)));
        }
        return rows;
    }

    public static List<DeadLetter> deadLetters(Connection c, String prefix) throws SQLException {
        List<DeadLetter> rows = new ArrayList<>();
        for (ObjectNode n : rows(c, "SELECT * FROM " + prefix + "dead_letter ORDER BY origin, reason_code")) {
            rows.add(DeadLetterJson.fromJson(bytes(n)));
        }
        return rows;
    }

    /** Every row of a query as a JSON object of its columns. */
    public static List<ObjectNode> rows(Connection c, String query) throws SQLException {
        List<ObjectNode> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                ObjectNode n = MAPPER.createObjectNode();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnLabel(i);
                    Object value = rs.getObject(i);
                    if (value == null) {
                        n.putNull(name);
                    } else if (md.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE
                            || md.getColumnType(i) == Types.TIMESTAMP) {
                        n.put(name, RFC3339.format(
                                rs.getObject(i, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)));
                    } else if ("jsonb".equals(md.getColumnTypeName(i))) {
                        n.set(name, readTree(rs.getString(i)));
                    } else {
                        n.putPOJO(name, value);
                    }
                }
                rows.add(n);
            }
        }
        return rows;
    }

    /** The number of rows of a query's first column, e.g. {@code SELECT count(*) FROM ...}. */
    public static long count(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
