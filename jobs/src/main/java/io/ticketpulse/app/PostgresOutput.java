package io.ticketpulse.app;

import io.ticketpulse.io.JdbcSettings;
import io.ticketpulse.io.PostgresSchema;
import io.ticketpulse.io.PostgresTables;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TableSinks;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL tables of a run ({@code --jdbc-url}, README "KPI and alert tables in PostgreSQL"): the settings
 * from the options and the environment, the DDL applied at start, the three table sinks added to the others.
 */
final class PostgresOutput {

    private PostgresOutput() {}

    /**
     * The settings of {@code --jdbc-url}, {@code --jdbc-user}, {@code --jdbc-password-file} (else the environment
     * variable {@value JdbcSettings#PASSWORD_ENV} of {@code env}) and {@code --jdbc-table-prefix}.
     *
     * @throws JobOptions.OptionException naming the option when a value is not usable
     */
    static JdbcSettings settings(String url, String user, Optional<Path> passwordFile, String tablePrefix,
            Map<String, String> env) {
        String password;
        try {
            password = JdbcSettings.password(passwordFile, env);
        } catch (IllegalArgumentException e) {
            throw new JobOptions.OptionException("--jdbc-password-file: " + e.getMessage());
        }
        try {
            PostgresSchema.checkPrefix(tablePrefix);
        } catch (IllegalArgumentException e) {
            throw new JobOptions.OptionException("--jdbc-table-prefix: " + e.getMessage());
        }
        try {
            return new JdbcSettings(url, user, password, tablePrefix);
        } catch (IllegalArgumentException e) {
            throw new JobOptions.OptionException("--jdbc-url: " + e.getMessage());
        }
    }

    /**
     * {@code sinks} with the table sinks of {@code settings}: connects once, applies the DDL not yet applied and
     * reads the tables' columns.
     *
     * @throws SQLException when PostgreSQL cannot be reached or the DDL fails
     */
    static PipelineSinks withTables(PipelineSinks sinks, JdbcSettings settings) throws SQLException {
        PostgresTables tables = PostgresTables.prepare(settings);
        int batch = PostgresTables.BATCH_SIZE;
        return sinks.withTables(
                new TableSinks(tables.kpiSink(batch), tables.alertSink(batch), tables.deadLetterSink(batch)));
    }

    /** One line saying where the tables are (never the password). */
    static String describe(JdbcSettings s) {
        String p = s.tablePrefix();
        return "Writing PostgreSQL tables " + p + "kpi, " + p + "alert_state, " + p + "alert_history and " + p
                + "dead_letter at " + s.safeUrl() + (s.user() == null ? "" : " as " + s.user())
                + " (at least once, idempotent: effectively exactly-once tables).";
    }
}
