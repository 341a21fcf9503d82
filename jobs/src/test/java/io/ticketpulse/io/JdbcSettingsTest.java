package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSettingsTest {

    @TempDir
    Path dir;

    @Test
    void passwordFromTheFileWithoutItsLineBreakElseFromTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret pass\n", StandardCharsets.UTF_8);
        Map<String, String> env = Map.of(JdbcSettings.PASSWORD_ENV, "from-env");
        assertThat(JdbcSettings.password(Optional.of(file), env)).isEqualTo("s3cret pass");
        Files.writeString(file, "crlf\r\n", StandardCharsets.UTF_8);
        assertThat(JdbcSettings.password(Optional.of(file), env)).isEqualTo("crlf");
        assertThat(JdbcSettings.password(Optional.empty(), env)).isEqualTo("from-env");
        assertThat(JdbcSettings.password(Optional.empty(), Map.of())).isNull();
    }

    @Test
    void anUnreadablePasswordFileIsNamedButNothingOfItsContent() {
        Path missing = dir.resolve("no-such-file");
        assertThatThrownBy(() -> JdbcSettings.password(Optional.of(missing), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void thePasswordNeverAppearsInTheTextOfTheSettings() {
        JdbcSettings s = new JdbcSettings("jdbc:postgresql://db:5432/tp?password=inurl", "tp", "hunter2", "tp_");
        assertThat(s.toString()).doesNotContain("hunter2").doesNotContain("inurl").contains("***", "db:5432/tp");
        assertThat(s.safeUrl()).isEqualTo("jdbc:postgresql://db:5432/tp?...");
    }

    @Test
    void onlyPostgresUrls() {
        assertThatThrownBy(() -> new JdbcSettings("jdbc:mysql://db/x", null, null, "tp_"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostgreSQL");
    }
}
