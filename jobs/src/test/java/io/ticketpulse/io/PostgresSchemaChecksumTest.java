package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Released migrations are immutable: their checksums are pinned here (computed with {@code sha256sum} on the
 * files). A database records each applied file's checksum and the job refuses to start when it changed.
 */
class PostgresSchemaChecksumTest {

    /** Every released migration, in order, and the SHA-256 of its file. Add a line for a new V<n>; never edit one. */
    private static final List<String> RELEASED = List.of(
            "V1__kpi_alert_dead_letter_tables.sql b44bdb1139112719206c93fc4bde2fe9a478168c33015f7755fdc642ecf31557",
            "V2__kpi_alert_columns_since_v1.sql 8cc5ef98706ee51b39e3f7c55971c8f116c5e778fc2bda997308ba6e73e192f5");

    @Test
    void releasedMigrationsAreUnchanged() {
        List<PostgresSchema.Migration> migrations = PostgresSchema.migrations("p_");
        assertThat(migrations.size()).as("migrations").isGreaterThanOrEqualTo(RELEASED.size());
        for (int i = 0; i < RELEASED.size(); i++) {
            String[] pinned = RELEASED.get(i).split(" ");
            PostgresSchema.Migration m = migrations.get(i);
            assertThat(m.file()).isEqualTo(pinned[0]);
            assertThat(m.checksum())
                    .as("sql/%s is a released migration: databases have applied it, and a job finding it changed"
                            + " refuses to start. Restore the file (git checkout) and put your change in a new"
                            + " V%d__<name>.sql (README, \"Migrations\")", m.file(), migrations.size() + 1)
                    .isEqualTo(pinned[1]);
        }
    }

    @Test
    void versionsAreOneTwoThreeAndTheChecksumIgnoresThePrefixAndLineEnds() {
        List<PostgresSchema.Migration> migrations = PostgresSchema.migrations("p_");
        for (int i = 0; i < migrations.size(); i++) {
            assertThat(migrations.get(i).version()).isEqualTo(i + 1);
            assertThat(PostgresSchema.migrations("other_").get(i).checksum()).isEqualTo(migrations.get(i).checksum());
        }
        // sha256sum of the two lines "a", "b" with LF ends
        assertThat(PostgresSchema.checksum("a\r\nb\n")).isEqualTo(PostgresSchema.checksum("a\nb\n"))
                .isEqualTo("911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2");
    }
}
