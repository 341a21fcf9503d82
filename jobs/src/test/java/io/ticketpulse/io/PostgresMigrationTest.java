package io.ticketpulse.io;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.KpiRow;
import io.ticketpulse.testing.PostgresServer;
import io.ticketpulse.testing.TableRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upgrades of databases migrated by earlier builds, on a real PostgreSQL server (README, "Migrations"). Before
 * the checksums, V1 was edited after its release; the earlier shapes of V1 are kept as test resources
 * ({@code sql-history/V1_as_of_<commit>.sql}, copied from git: cc280fa the first V1, 22f9296 the restored
 * baseline, 9798d23 with imminent_breach, e96d157 the last edited one). A database migrated with any of them ends,
 * after the current migrator, with exactly the tables of a fresh database, and the sinks write into it.
 */
class PostgresMigrationTest {

    private static final String V1_FILE = "sql/V1__kpi_alert_dead_letter_tables.sql";
    private static final List<String> TABLES =
            List.of("kpi", "alert_state", "alert_history", "dead_letter", "schema_version");

    @Test
    void aFreshDatabaseGetsEveryVersionWithItsChecksumAndASecondMigrateAppliesNothing() throws Exception {
        JdbcSettings settings = PostgresServer.freshSettings("fresh");
        try (Connection c = settings.connect()) {
            assertThat(PostgresSchema.migrate(c, settings.tablePrefix())).containsExactly(1, 2);
            assertThat(PostgresSchema.migrate(c, settings.tablePrefix())).isEmpty();
            assertThat(recordedChecksums(c, settings.tablePrefix())).containsExactly(
                    Map.entry(1, PostgresSchema.checksum(resource(V1_FILE))),
                    Map.entry(2, PostgresSchema.checksum(resource("sql/V2__kpi_alert_columns_since_v1.sql"))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sql-history/V1_as_of_cc280fa.sql", V1_FILE, "sql-history/V1_as_of_9798d23.sql",
            "sql-history/V1_as_of_e96d157.sql"})
    void aDatabaseMigratedByAnEarlierBuildIsUpgradedToTheFreshTablesAndTheSinksWriteIntoIt(String earlierV1)
            throws Exception {
        JdbcSettings fresh = PostgresServer.freshSettings("fresh");
        JdbcSettings old = PostgresServer.freshSettings("old");
        String p = old.tablePrefix();
        try (Connection c = old.connect()) {
            // as an earlier build left it: its V1 applied and recorded, no checksum column
            try (Statement st = c.createStatement()) {
                st.execute(resource(earlierV1).replace("${prefix}", p));
                st.execute("CREATE TABLE " + p + "schema_version (version integer PRIMARY KEY, name text NOT NULL,"
                        + " applied_at timestamptz NOT NULL DEFAULT now())");
                st.execute("INSERT INTO " + p + "schema_version (version, name)"
                        + " VALUES (1, 'kpi_alert_dead_letter_tables')");
                // a KPI row it wrote, with the columns every shape has (the others take their defaults)
                st.execute("INSERT INTO " + p + "kpi (channel, priority, window_start, window_end, revision,"
                        + " is_final, tickets_created, frt_count, wait_timeouts, wait_decided, resolved,"
                        + " one_touch_resolved, backlog_open, csat_count) VALUES ('chat', 'P2', '"
                        + Instant.ofEpochMilli(at(0)) + "', '" + Instant.ofEpochMilli(at(10))
                        + "', 0, true, 3, 0, 0, 0, 0, 0, 3, 0)");
            }
            assertThat(TableRows.kpis(c, p)).containsExactly(
                    KpiRow.of("chat", "P2", at(0), at(10)).created(3).backlog(3).build());

            PostgresTables tables = PostgresTables.prepare(old); // the current migrator, as the job calls it
            assertThat(recordedChecksums(c, p)).containsOnlyKeys(1, 2).doesNotContainValue(null);
            try (Connection f = fresh.connect()) {
                assertThat(PostgresSchema.migrate(f, fresh.tablePrefix())).containsExactly(1, 2);
                assertThat(shape(c, p)).isEqualTo(shape(f, fresh.tablePrefix()));
            }

            // the sinks' statements write every field, the new columns included, into the upgraded tables
            TicketKpi kpi = KpiRow.of("chat", "P2", at(0), at(10)).created(4).backlog(2)
                    .aht(1, 300, 300, 300).priorityDerived(1).revision(1, true).build();
            kpi.imminentBreach = 1;
            kpi.frtBusinessMeanS = 120.0;
            kpi.frtBusinessCount = 1L;
            kpi.mttrBusinessMeanS = 600.0;
            kpi.mttrBusinessCount = 1L;
            SlaAlert alert = PostgresTablesTest.alert("T-1/first_response/1/p2-high@1", "firing", "breach",
                    "yellow", at(11), null);
            alert.calendarId = "eu-office";
            alert.businessElapsedS = 660.0;
            alert.calendarElapsedS = 4_260.0;
            alert.priorityDerived = true;
            DeadLetter dead = new DeadLetter(DeadLetter.ReasonCode.MALFORMED_JSON, "not JSON", "events.jsonl:3",
                    "{oops".getBytes(StandardCharsets.UTF_8));
            write(c, tables.kpiSql(), ps -> PostgresTables.bindKpi(ps, kpi));
            write(c, tables.alertSql(), ps -> PostgresTables.bindAlert(ps, alert));
            write(c, tables.deadLetterSql(), ps -> PostgresTables.bindDeadLetter(ps, dead));

            // the earlier build's row, same key, lower revision: replaced, not beside it
            assertThat(TableRows.kpis(c, p)).containsExactly(kpi);
            assertThat(TableRows.alerts(c, p + "alert_state")).containsExactly(alert);
            assertThat(TableRows.alerts(c, p + "alert_history")).containsExactly(alert);
            assertThat(TableRows.deadLetters(c, p)).containsExactly(dead);
            assertThat(PostgresSchema.migrate(c, p)).isEmpty();
        }
    }

    @Test
    void anAppliedMigrationWhoseFileChangedFailsTheStartNamingTheFileAndBothChecksums() throws Exception {
        JdbcSettings settings = PostgresServer.freshSettings("edited");
        String p = settings.tablePrefix();
        try (Connection c = settings.connect()) {
            PostgresSchema.migrate(c, p);
            // as if V1 had been applied from its file as of e96d157 (or the file edited since): V2 not yet applied
            String applied = PostgresSchema.checksum(resource("sql-history/V1_as_of_e96d157.sql"));
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE " + p + "schema_version SET checksum = '" + applied + "' WHERE version = 1");
                st.execute("DELETE FROM " + p + "schema_version WHERE version = 2");
            }
            String current = PostgresSchema.checksum(resource(V1_FILE));
            assertThat(applied).isNotEqualTo(current);

            assertThatThrownBy(() -> PostgresSchema.migrate(c, p))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("migration sql/V1__kpi_alert_dead_letter_tables.sql was changed after it"
                            + " was applied")
                    .hasMessageContaining("records checksum " + applied)
                    .hasMessageContaining("the file now has " + current)
                    .hasMessageContaining("new V<n> file");
            assertThatThrownBy(() -> PostgresTables.prepare(settings)).isInstanceOf(IllegalStateException.class);
            // nothing applied: V2 still missing
            assertThat(recordedChecksums(c, p)).containsOnlyKeys(1);
        }
    }

    @Test
    void aVersionThisBuildDoesNotKnowFailsTheStart() throws Exception {
        JdbcSettings settings = PostgresServer.freshSettings("newer");
        String p = settings.tablePrefix();
        try (Connection c = settings.connect()) {
            PostgresSchema.migrate(c, p);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO " + p + "schema_version (version, name, checksum) VALUES (3, 'later', 'x')");
            }
            assertThatThrownBy(() -> PostgresSchema.migrate(c, p))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("records version 3, which this build does not have");
        }
    }

    // --- helpers

    private interface Bind {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static void write(Connection c, String sql, Bind bind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind.bind(ps);
            ps.executeUpdate();
        }
    }

    private static Map<Integer, String> recordedChecksums(Connection c, String prefix) throws SQLException {
        Map<Integer, String> map = new TreeMap<>();
        for (var n : TableRows.rows(c, "SELECT version, checksum FROM " + prefix + "schema_version")) {
            map.put(n.get("version").asInt(), n.get("checksum").isNull() ? null : n.get("checksum").asText());
        }
        return map;
    }

    /**
     * The tables as PostgreSQL describes them, the prefix replaced by {@code P_}: every column (type, nullability,
     * default, generation), sorted by name (the sinks write by column name, so the order is free), and every index
     * (primary keys included) by its definition.
     */
    private static Map<String, Object> shape(Connection c, String prefix) throws SQLException {
        Map<String, Object> shape = new TreeMap<>();
        for (String table : TABLES) {
            TreeSet<String> columns = new TreeSet<>();
            for (var n : TableRows.rows(c, "SELECT column_name, data_type, is_nullable, column_default,"
                    + " is_generated, generation_expression FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = '" + prefix + table + "'")) {
                columns.add(n.toString().replace(prefix, "P_"));
            }
            assertThat(columns).as("columns of " + prefix + table).isNotEmpty();
            shape.put(table + " columns", columns);
            TreeSet<String> indexes = new TreeSet<>();
            for (var n : TableRows.rows(c, "SELECT indexdef FROM pg_indexes"
                    + " WHERE schemaname = current_schema() AND tablename = '" + prefix + table + "'")) {
                indexes.add(n.get("indexdef").asText().replace(prefix, "P_"));
            }
            shape.put(table + " indexes", indexes);
        }
        return shape;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PostgresMigrationTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
