package io.ticketpulse.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The versioned DDL of the PostgreSQL tables ({@code schemas/src/main/resources/sql/V<n>__<name>.sql}) and its
 * application: {@link #migrate} applies, in order and in one transaction, every version not yet recorded in
 * {@code <prefix>schema_version}, under a transaction-scoped advisory lock so that two jobs starting at once do
 * not both apply it. Idempotent: a second call applies nothing. {@code ${prefix}} in the files is the table prefix.
 */
public final class PostgresSchema {

    /** The migrations, in order: version, then the resource name under {@code sql/}. */
    static final List<String> MIGRATIONS = List.of("V1__kpi_alert_dead_letter_tables.sql");

    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,39}");
    private static final Pattern FILE = Pattern.compile("V([0-9]+)__([a-z0-9_]+)\\.sql");

    private PostgresSchema() {}

    /**
     * Checks that {@code prefix} can start an unquoted PostgreSQL identifier: lower-case letters, digits and
     * underscores, not starting with a digit, at most 40 characters (table names stay under PostgreSQL's 63).
     *
     * @throws IllegalArgumentException when it cannot
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("table prefix '" + prefix + "' must be lower-case letters, digits"
                    + " and underscores, not starting with a digit, at most 40 characters");
        }
        return prefix;
    }

    /** A migration: its version, name and SQL (with the prefix filled in). */
    record Migration(int version, String name, String sql) {}

    /** The migrations with {@code prefix} filled in, in version order. */
    static List<Migration> migrations(String prefix) {
        checkPrefix(prefix);
        List<Migration> list = new ArrayList<>();
        for (String file : MIGRATIONS) {
            var m = FILE.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("migration file name " + file + " is not V<n>__<name>.sql");
            }
            list.add(new Migration(Integer.parseInt(m.group(1)), m.group(2),
                    resource("sql/" + file).replace("${prefix}", prefix)));
        }
        return list;
    }

    /**
     * Applies the migrations not yet applied; returns the versions applied now (empty when the tables were up
     * to date). Leaves the connection's auto-commit as it found it.
     */
    public static List<Integer> migrate(Connection connection, String prefix) throws SQLException {
        List<Migration> migrations = migrations(prefix);
        String versions = prefix + "schema_version";
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            // the lock first: two CREATE TABLE IF NOT EXISTS at once can still collide
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, versions);
                lock.execute();
            }
            st.execute("CREATE TABLE IF NOT EXISTS " + versions + " (version integer PRIMARY KEY,"
                    + " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            List<Integer> applied = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT version FROM " + versions)) {
                while (rs.next()) {
                    applied.add(rs.getInt(1));
                }
            }
            List<Integer> now = new ArrayList<>();
            for (Migration m : migrations) {
                if (applied.contains(m.version())) {
                    continue;
                }
                st.execute(m.sql());
                try (PreparedStatement record =
                        connection.prepareStatement("INSERT INTO " + versions + " (version, name) VALUES (?, ?)")) {
                    record.setInt(1, m.version());
                    record.setString(2, m.name());
                    record.executeUpdate();
                }
                now.add(m.version());
            }
            connection.commit();
            return now;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String resource(String name) {
        try (InputStream in = PostgresSchema.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
