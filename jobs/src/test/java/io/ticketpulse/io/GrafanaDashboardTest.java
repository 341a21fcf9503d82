package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TicketPulsePipeline;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import io.ticketpulse.testing.PostgresServer;
import io.ticketpulse.testing.SlaTestPolicies;
import io.ticketpulse.testing.TableRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Grafana dashboard of {@code local-env/docker/grafana/dashboards/ticketpulse.json} against real tables:
 * Grafana itself cannot run on our machines, so every panel's SQL is run, with Grafana's macros expanded as its
 * PostgreSQL datasource expands them, on a PostgreSQL server filled by a replay through the job's topology and
 * table sinks. Each query must run and return rows with the columns its panel format needs.
 */
class GrafanaDashboardTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    /** The replay's data lies within this range (events from 08:00 to about 13:30 UTC). */
    private static final Instant FROM = Instant.parse("2026-03-02T06:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T18:00:00Z");

    private static JdbcSettings settings;

    @BeforeAll
    static void replayIntoTables() throws Exception {
        // the dashboard reads the default table names
        settings = new JdbcSettings(PostgresServer.url(), "postgres", null, JdbcSettings.DEFAULT_TABLE_PREFIX);
        try (Connection c = settings.connect(); var st = c.createStatement()) {
            for (String t : List.of("kpi", "alert_state", "alert_history", "dead_letter", "schema_version")) {
                st.execute("DROP TABLE IF EXISTS " + settings.tablePrefix() + t);
            }
        }
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        PipelineConfig config = PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(30))
                .windowSlide(Duration.ofMinutes(5))
                .slaPolicies(SlaTestPolicies.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .kpiUpdates(KpiUpdates.FINAL_ONLY)
                .build();
        PipelineSinks sinks = new PipelineSinks(new CollectingSink<TicketKpi>(), new CollectingSink<DeadLetter>())
                .withAlerts(new CollectingSink<SlaAlert>(), null)
                .withTables(PostgresServer.tableSinks(settings, PostgresTables.BATCH_SIZE));
        TicketPulsePipeline.build(env, config, ListSource.of(PostgresPipelineTest.lines()), sinks);
        env.execute("grafana-dashboard-test");
    }

    @Test
    void everyPanelQueryRunsAndReturnsRows() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(dashboardFile().toFile());
        List<String> checked = new ArrayList<>();
        try (Connection c = settings.connect()) {
            for (JsonNode panel : dashboard.get("panels")) {
                String title = panel.get("title").asText();
                assertThat(panel.get("targets")).as(title).isNotEmpty();
                for (JsonNode target : panel.get("targets")) {
                    String what = title + " / " + target.get("refId").asText();
                    String sql = expand(target.get("rawSql").asText());
                    List<ObjectNode> rows = query(c, sql, what);
                    assertThat(rows).as(what + ": rows of\n" + sql).isNotEmpty();
                    if ("time_series".equals(target.get("format").asText())) {
                        Set<String> columns = columns(rows.get(0));
                        assertThat(columns).as(what + ": a time series needs time, metric and value")
                                .containsExactlyInAnyOrder("time", "metric", "value");
                        assertThat(rows).as(what + ": some values").anySatisfy(r -> assertThat(r.get("value").isNull()).isFalse());
                    }
                    checked.add(what);
                }
            }
        }
        // the panels the issue asks for, by what they show
        assertThat(String.join("\n", checked)).contains("First response time p50 and p90", "Wait-timeout rate",
                "MTTR", "backlog", "First contact resolution", "CSAT by first-response-time bucket",
                "Firing alerts by severity", "Dead letters");
        assertThat(checked).hasSize(11);
    }

    @Test
    void theChannelVariableListsTheChannels() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(dashboardFile().toFile());
        JsonNode variable = dashboard.get("templating").get("list").get(0);
        assertThat(variable.get("name").asText()).isEqualTo("channel");
        try (Connection c = settings.connect()) {
            assertThat(query(c, expand(variable.get("query").asText()), "channel variable"))
                    .extracting(r -> r.get("channel").asText()).containsExactly("chat", "email");
        }
    }

    @Test
    void expandsGrafanasMacrosAsItsPostgresDatasourceDoes() {
        assertThat(expand("WHERE $__timeFilter(\"time\")"))
                .isEqualTo("WHERE \"time\" BETWEEN '2026-03-02T06:00:00Z' AND '2026-03-02T18:00:00Z'");
        assertThat(expand("SELECT $__timeGroupAlias(\"time\", '1h'), x"))
                .isEqualTo("SELECT floor(extract(epoch from \"time\")/3600)*3600 AS \"time\", x");
        assertThat(expand("SELECT $__timeGroupAlias(\"time\", $__interval)"))
                .isEqualTo("SELECT floor(extract(epoch from \"time\")/300)*300 AS \"time\"");
        assertThat(expand("channel IN ($channel)")).isEqualTo("channel IN ('chat','email')");
    }

    // --- Grafana's macros (grafana-postgresql-datasource), for the time range FROM..TO and a 5-minute interval

    private static final Pattern TIME_GROUP =
            Pattern.compile("\\$__timeGroup(Alias)?\\(\\s*([^,]+?)\\s*,\\s*'?([0-9]+)([smhd])'?\\s*\\)");
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(\\s*([^)]+?)\\s*\\)");

    static String expand(String sql) {
        String s = sql.replace("$__interval", "'5m'")
                .replace("$channel", "'chat','email'")
                .replace("$__timeFrom()", "'" + FROM + "'")
                .replace("$__timeTo()", "'" + TO + "'");
        s = TIME_FILTER.matcher(s).replaceAll(m ->
                Matcher.quoteReplacement(m.group(1) + " BETWEEN '" + FROM + "' AND '" + TO + "'"));
        s = TIME_GROUP.matcher(s).replaceAll(m -> {
            long seconds = Long.parseLong(m.group(3)) * switch (m.group(4)) {
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3600;
                default -> 86_400;
            };
            String group = "floor(extract(epoch from " + m.group(2) + ")/" + seconds + ")*" + seconds;
            return Matcher.quoteReplacement(m.group(1) != null ? group + " AS \"time\"" : group);
        });
        assertThat(s).as("a macro this test does not expand").doesNotContain("$");
        return s;
    }

    private static List<ObjectNode> query(Connection c, String sql, String what) {
        try {
            return TableRows.rows(c, sql);
        } catch (SQLException e) {
            throw new AssertionError(what + ": the query fails: " + e.getMessage() + "\n" + sql, e);
        }
    }

    private static Set<String> columns(ObjectNode row) {
        Set<String> names = new java.util.TreeSet<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Path dashboardFile() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("local-env"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root (a folder holding local-env/) above the working directory").isNotNull();
        return dir.resolve("local-env/docker/grafana/dashboards/ticketpulse.json");
    }
}
