package io.ticketpulse.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The versioned DDL of the PostgreSQL tables ({@code schemas/src/main/resources/sql/V<n>__<name>.sql}) and its
 * application: {@link #migrate} applies, in order and in one transaction, every version not yet recorded in
 * {@code <prefix>schema_version}, under a transaction-scoped advisory lock so that two jobs starting at once do
 * not both apply it. Idempotent: a second call applies nothing. {@code ${prefix}} in the files is the table prefix.
 *
 * <p>Released migrations are immutable (README, "Migrations"): each applied version's {@link #checksum} is recorded
 * beside it, and {@link #migrate} fails before applying anything when a recorded checksum differs from the file's
 * (the file was edited after it was applied), or when the database has a version this build does not know (a newer
 * build migrated it). A version recorded by a build before the checksums (no checksum) takes the file's checksum:
 * V2 brings every earlier shape of V1 to the current one.
 */
public final class PostgresSchema {

    /** The migrations, in order: version, then the resource name under {@code sql/}. */
    static final List<String> MIGRATIONS =
            List.of("V1__kpi_alert_dead_letter_tables.sql", "V2__kpi_alert_columns_since_v1.sql");

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

    /**
     * A migration: its version, name, file, SQL (with the prefix filled in) and the {@link #checksum} of its file.
     */
    record Migration(int version, String name, String file, String sql, String checksum) {}

    /**
     * The checksum recorded for a migration file: the SHA-256, in lower-case hex, of its text as UTF-8 with the
     * {@code ${prefix}} placeholder unreplaced (the same for every prefix) and line ends as {@code \n} (a checkout
     * with CRLF line ends gives the same value).
     */
    static String checksum(String fileText) {
        try {
            byte[] bytes = fileText.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The migrations with {@code prefix} filled in, in version order. */
    static List<Migration> migrations(String prefix) {
        checkPrefix(prefix);
        List<Migration> list = new ArrayList<>();
        for (String file : MIGRATIONS) {
            var m = FILE.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("migration file name " + file + " is not V<n>__<name>.sql");
            }
            String text = resource("sql/" + file);
            list.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), file, text.replace("${prefix}", prefix),
                    checksum(text)));
        }
        return list;
    }

    /**
     * Applies the migrations not yet applied; returns the versions applied now (empty when the tables were up
     * to date). Leaves the connection's auto-commit as it found it.
     *
     * @throws IllegalStateException when an applied migration's file changed since (its checksum differs) or the
     *     database has a version this build does not know; nothing is applied then
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
                    + " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), checksum text)");
            // a table created by a build before the checksums
            st.execute("ALTER TABLE " + versions + " ADD COLUMN IF NOT EXISTS checksum text");
            Map<Integer, String> applied = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT version, checksum FROM " + versions + " ORDER BY version")) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2));
                }
            }
            validate(applied, migrations, versions);
            List<Integer> now = new ArrayList<>();
            for (Migration m : migrations) {
                if (applied.containsKey(m.version())) {
                    if (applied.get(m.version()) == null) {
                        try (PreparedStatement adopt = connection.prepareStatement(
                                "UPDATE " + versions + " SET checksum = ? WHERE version = ?")) {
                            adopt.setString(1, m.checksum());
                            adopt.setInt(2, m.version());
                            adopt.executeUpdate();
                        }
                    }
                    continue;
                }
                st.execute(m.sql());
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO " + versions + " (version, name, checksum) VALUES (?, ?, ?)")) {
                    record.setInt(1, m.version());
                    record.setString(2, m.name());
                    record.setString(3, m.checksum());
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

    /** Fails when a recorded checksum differs from its file's, or a recorded version has no file here. */
    static void validate(Map<Integer, String> applied, List<Migration> migrations, String versions) {
        for (Map.Entry<Integer, String> row : applied.entrySet()) {
            Migration m = migrations.stream().filter(x -> x.version() == row.getKey()).findFirst().orElse(null);
            if (m == null) {
                throw new IllegalStateException(versions + " records version " + row.getKey() + ", which this build"
                        + " does not have (its migrations end at V" + migrations.get(migrations.size() - 1).version()
                        + "): a newer build migrated these tables; run that build or a newer one");
            }
            if (row.getValue() != null && !row.getValue().equals(m.checksum())) {
                throw new IllegalStateException("migration sql/" + m.file() + " was changed after it was applied: "
                        + versions + " records checksum " + row.getValue() + ", the file now has " + m.checksum()
                        + ". A released migration must not be edited: restore the file and put the change in a new"
                        + " V<n> file (README, \"Migrations\")");
            }
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
