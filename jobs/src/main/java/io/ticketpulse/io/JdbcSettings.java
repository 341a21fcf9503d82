package io.ticketpulse.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the PostgreSQL tables are: the JDBC URL, the user, the password (read from a file or the environment
 * variable {@value #PASSWORD_ENV}, never from the command line; {@link #toString} masks it) and the table prefix.
 */
public record JdbcSettings(String url, String user, String password, String tablePrefix) {

    /** The environment variable holding the password when no password file is given. */
    public static final String PASSWORD_ENV = "TICKETPULSE_JDBC_PASSWORD";
    public static final String DEFAULT_TABLE_PREFIX = "ticketpulse_";
    public static final String DRIVER = "org.postgresql.Driver";

    public JdbcSettings {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("JDBC URL '" + url + "' is not a PostgreSQL URL (jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        PostgresSchema.checkPrefix(tablePrefix);
    }

    /**
     * The password: the content of {@code file} when given (one trailing line break removed), else the
     * environment variable {@value #PASSWORD_ENV} of {@code env}, else null (no password, e.g. trust or peer
     * authentication).
     *
     * @throws IllegalArgumentException when the file cannot be read (its content never appears in the message)
     */
    public static String password(Optional<Path> file, Map<String, String> env) {
        if (file.isPresent()) {
            try {
                return Files.readString(file.get(), StandardCharsets.UTF_8).replaceFirst("\r?\n\\z", "");
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read the password file " + file.get() + ": "
                        + e.getClass().getSimpleName());
            }
        }
        return env.get(PASSWORD_ENV);
    }

    /** A new connection (the PostgreSQL driver of the job's class path). */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        try {
            Class.forName(DRIVER);
        } catch (ClassNotFoundException e) {
            throw new SQLException("the PostgreSQL driver is not on the class path", e);
        }
        return DriverManager.getConnection(url, props);
    }

    /** The URL without its query string (which may hold a password), for messages. */
    public String safeUrl() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", tablePrefix=" + tablePrefix + ']';
    }
}
