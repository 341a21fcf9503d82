package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.pipeline.AlertClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code ticketpulse} command line as a whole: subcommands and their help (checked against picocli's model,
 * not a list written here), exit codes, the options file, environment secrets and the {@code ticketpulse.*} Flink
 * configuration, with their precedence.
 */
class TicketPulseCliTest {

    private static final String BROKERS = "broker-1:9092";
    private static final String SECRET = "planted-Secret-91d4";

    @TempDir
    Path dir;

    // ---- commands and help ----

    static Stream<String> subcommands() {
        return CliTesting.model().getSubcommands().keySet().stream();
    }

    @Test
    void theTopHelpListsEveryCommandAndSaysThatNoneMeansRun() {
        CliTesting.Result r = CliTesting.execute("--help");

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(CliTesting.model().getSubcommands()).containsKeys("run", "simulate");
        for (String name : CliTesting.model().getSubcommands().keySet()) {
            assertThat(r.out()).containsPattern("(?m)^  " + name + " +\\S");
        }
        assertThat(r.out()).contains("no COMMAND: run");
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void eachCommandsHelpListsEveryOptionWithItsValueLabel(String command) {
        CommandLine cl = CliTesting.model().getSubcommands().get(command);
        CliTesting.Result r = CliTesting.execute(command, "--help");

        assertThat(r.code()).isZero();
        assertThat(cl.getCommandSpec().options()).hasSizeGreaterThan(2);
        for (OptionSpec o : cl.getCommandSpec().options()) {
            String synopsis = o.arity().max() == 0 ? o.longestName() : o.longestName() + "=" + o.paramLabel();
            assertThat(r.out()).as(o.longestName()).containsPattern("(?m)^ +(-h, )?" + java.util.regex.Pattern.quote(synopsis));
            assertThat(o.description()).as(o.longestName()).isNotEmpty();
        }
    }

    @Test
    void runsHelpShowsDefaults() {
        String usage = CliTesting.usage("run");

        assertThat(usage)
                .containsPattern("--window-slide=DURATION\\s+KPI window slide[^\\n]*\\n\\s+Default: 1m")
                .containsPattern("--sim-start=TIME\\s+RFC 3339[^\\n]*\\n\\s+Default: 2026-11-23T08:00:00Z")
                .containsPattern("Default:\\s+window\\s+size\\s+/\\s+slide")
                .containsPattern("Default:\\s+the\\s+shipped\\s+default-policies.yaml")
                .containsPattern("Default:\\s+128\\s+\\(Flink's")
                .doesNotContain("Default: null")
                .doesNotContain("Default: []");
    }

    @Test
    void withoutACommandTheArgumentsAreRuns() {
        CliTesting.Result r = CliTesting.execute("--window-size", "5x");
        CliTesting.Result run = CliTesting.execute("run", "--window-size", "5x");

        assertThat(r).isEqualTo(run);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ticketpulse: --window-size: \"5x\" is not a duration (use e.g. 30s, 10m, 1h)\n"
                + "Run with --help to see every option.\n");
        assertThat(CliTesting.execute("bogus").err()).startsWith("ticketpulse: Unmatched argument at index 0: 'bogus'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "run|--parallelism|many|--parallelism: \"many\" is not a whole number",
        "run|--state-backend|heap|--state-backend: \"heap\" is not hashmap or rocksdb",
        "run|--kpi-updates|often|--kpi-updates: \"often\" is not auto, final-only or early-and-late",
        "run|--min-event-time|now|--min-event-time: \"now\" is not an RFC 3339 timestamp (use e.g. 2026-11-23T08:00:00Z)",
        "run|--events-topic|a b|--events-topic: \"a b\" is not a Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)",
        "simulate|--sim-rate|-1|--sim-rate: must be 0 (unthrottled) or more, got -1",
        "simulate|--checkpoint-interval|0s|--checkpoint-interval: must be longer than 0, got 0s",
        "simulate|--window-size|1h|Unknown options: '--window-size', '1h'",
    })
    void badValuesExitWithTwoNamingTheOption(String command, String option, String value, String message) {
        CliTesting.Result r = CliTesting.execute(command, "--kafka-bootstrap-servers", BROKERS, option, value);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ticketpulse: " + message + "\n");
    }

    @Test
    void aRepeatedOptionIsRefusedInEveryCommand() {
        assertThat(CliTesting.execute("simulate", "--kafka-bootstrap-servers", BROKERS, "--sim-seed", "1",
                "--sim-seed", "2").err()).startsWith("ticketpulse: --sim-seed: given more than once\n");
    }

    // ---- the options file ----

    @Test
    void anOptionsFileSetsWhatTheCommandLineDoesNot() throws IOException {
        Path file = Files.writeString(dir.resolve("tp.yaml"), """
                window-size: 2h
                window-slide: 10m
                parallelism: 3
                quiet: true
                kpi-updates: final-only
                alert-clock: event-time
                """);

        JobOptions o = JobOptions.parse("--options-file", file.toString(), "--parallelism", "4");

        assertThat(o.pipelineConfig().windowSize()).isEqualTo(Duration.ofHours(2));
        assertThat(o.pipelineConfig().windowSlide()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.parallelism()).as("the command line wins").isEqualTo(4);
        assertThat(o.quiet()).isTrue();
        assertThat(o.pipelineConfig().kpiUpdates()).isEqualTo(KpiUpdates.FINAL_ONLY);
        assertThat(o.pipelineConfig().alertClock()).isEqualTo(AlertClock.EVENT_TIME);
    }

    @Test
    void aPropertiesOptionsFileAndAListForARepeatableOption() throws IOException {
        Path props = Files.writeString(dir.resolve("tp.properties"), "kafka-bootstrap-servers=" + BROKERS
                + "\ngroup-id=g-7\nkafka-bounded=true\n");
        Path yaml = Files.writeString(dir.resolve("tp.yml"), "kafka-bootstrap-servers: " + BROKERS + "\n"
                + "kafka-property: [security.protocol=SSL, ssl.truststore.type=PEM]\n");

        JobOptions p = JobOptions.parse("--options-file", props.toString());
        JobOptions y = JobOptions.parse("--options-file", yaml.toString());

        assertThat(p.groupId()).isEqualTo("g-7");
        assertThat(p.kafkaBounded()).isTrue();
        assertThat(y.kafkaProperties()).containsExactly(entry("security.protocol", "SSL"),
                entry("ssl.truststore.type", "PEM"));
        assertThat(JobOptions.parse("--options-file", yaml.toString(), "--kafka-property", "client.id=x")
                .kafkaProperties()).as("a repeatable option comes whole from one source")
                .containsExactly(entry("client.id", "x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "window: 1h|\"window\" is not an option of ticketpulse run (write option names without the leading --)",
        "--window-size: 1h|\"--window-size\" is not an option of ticketpulse run",
        "help: true|\"help\" is not an option of ticketpulse run",
        "options-file: other.yaml|\"options-file\" is not an option of ticketpulse run",
        "window-size: [1h, 2h]|window-size takes one value, got 2",
        "quiet: yes please|quiet is a flag: true or false",
        "window-size: {a: 1}|window-size needs a value or a list of values",
        "- window-size|must be a mapping of option names to values",
    })
    void aBadOptionsFileExitsWithTwoNamingTheFile(String content, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), content + "\n");

        CliTesting.Result r = CliTesting.execute("--options-file", file.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ticketpulse: --options-file: " + file).contains(problem);
    }

    @Test
    void aBadValueInTheOptionsFileNamesTheOptionAndTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("tp.yaml"), "window-size: 5x\n");

        assertThat(CliTesting.execute("--options-file", file.toString()).err()).startsWith("ticketpulse:"
                + " --window-size: \"5x\" is not a duration (use e.g. 30s, 10m, 1h) (from options file " + file + ")\n");
        assertThat(CliTesting.execute("--options-file", dir.resolve("none.yaml").toString()).err())
                .startsWith("ticketpulse: --options-file: no such file: " + dir.resolve("none.yaml"));
    }

    @Test
    void optionsFromTheFileCountAsGivenForTheChecksAcrossOptions() throws IOException {
        Path file = Files.writeString(dir.resolve("tp.yaml"), "sim-rate: 10\n");

        assertThatThrownBy(() -> JobOptions.parse("--options-file", file.toString(), "--kafka-bootstrap-servers",
                BROKERS))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("--sim-rate: only applies to the simulator");
    }

    // ---- environment variables (secrets) ----

    @Test
    void kafkaSecretsFromTheEnvironmentAreUsedAndNeverShown() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "sasl.jaas.config=" + SECRET + "\n");
        Map<String, String> env = Map.of("TICKETPULSE_KAFKA_PROPERTY_FILE", file.toString(),
                "TICKETPULSE_KAFKA_PROPERTIES", "security.protocol=SASL_SSL\n\nssl.key.password=" + SECRET + "\n");

        JobOptions o = CliTesting.run(new Configuration(), env, "--kafka-bootstrap-servers", BROKERS);

        assertThat(o.kafkaProperties()).containsExactly(entry("security.protocol", "SASL_SSL"),
                entry("ssl.key.password", SECRET), entry("sasl.jaas.config", SECRET));
        assertThat(o.toString()).doesNotContain(SECRET);
        assertThat(TicketPulseJob.describe(o)).doesNotContain(SECRET);
        assertThat(CliTesting.run(new Configuration(), env, "--kafka-bootstrap-servers", BROKERS,
                "--kafka-property", "client.id=x").kafkaProperties())
                .as("the command line wins over the environment")
                .containsOnlyKeys("client.id", "sasl.jaas.config");
    }

    @Test
    void aBadSecretFromTheEnvironmentIsNamedButNotShown() {
        CliTesting.Result r = CliTesting.execute(new Configuration(),
                Map.of("TICKETPULSE_KAFKA_PROPERTIES", "bootstrap.servers" + SECRET),
                "--kafka-bootstrap-servers", BROKERS);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ticketpulse: --kafka-property: needs KEY=VALUE, e.g."
                + " security.protocol=SASL_SSL (from environment variable TICKETPULSE_KAFKA_PROPERTIES)")
                .doesNotContain(SECRET);
    }

    // ---- PostgreSQL tables and alert delivery ----

    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcd" + "e";

    @Test
    void theJdbcAndAlertDeliveryOptionsParseWithTheirSecretsFromTheEnvironmentNeverShown() throws IOException {
        Map<String, String> env = Map.of("TICKETPULSE_JDBC_PASSWORD", SECRET,
                "TICKETPULSE_PAGERDUTY_ROUTING_KEY", ROUTING_KEY);

        JobOptions o = CliTesting.run(new Configuration(), env, "--jdbc-url", "jdbc:postgresql://db:5432/tp",
                "--jdbc-user", "tp", "--jdbc-table-prefix", "tp2_", "--alertmanager-url", "http://am:9093",
                "--alertmanager-resend-interval", "30s", "--pagerduty-url", "https://pd.example/v2/enqueue");

        assertThat(o.jdbc()).hasValueSatisfying(j -> {
            assertThat(j.url()).isEqualTo("jdbc:postgresql://db:5432/tp");
            assertThat(j.user()).isEqualTo("tp");
            assertThat(j.password()).isEqualTo(SECRET);
            assertThat(j.tablePrefix()).isEqualTo("tp2_");
        });
        assertThat(o.alertReceivers().alertmanager()).hasValueSatisfying(a -> {
            assertThat(a.alertsUri().toString()).startsWith("http://am:9093");
            assertThat(a.resendInterval()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(o.alertReceivers().pagerDuty()).hasValueSatisfying(
                p -> assertThat(p.enqueueUri().toString()).isEqualTo("https://pd.example/v2/enqueue"));
        String description = TicketPulseJob.describe(o);
        assertThat(description).contains("Writing PostgreSQL tables tp2_kpi", "at jdbc:postgresql://db:5432/tp as tp",
                "Delivering committed alerts to Alertmanager at http://am:9093", "Delivering committed alerts to"
                        + " PagerDuty at https://pd.example/v2/enqueue (routing key ***)");
        assertThat(description + o).doesNotContain(SECRET).doesNotContain(ROUTING_KEY);

        Path password = Files.writeString(dir.resolve("pg-password"), "from-file\n");
        Path key = Files.writeString(dir.resolve("pd-key"), ROUTING_KEY.toLowerCase() + "\n");
        JobOptions files = CliTesting.run(new Configuration(), env, "--jdbc-url", "jdbc:postgresql://db/tp",
                "--jdbc-password-file", password.toString(), "--pagerduty-routing-key-file", key.toString());
        assertThat(files.jdbc().orElseThrow().password()).as("the file wins over the environment")
                .isEqualTo("from-file");
        assertThat(files.jdbc().orElseThrow().tablePrefix()).isEqualTo("ticketpulse_");
        assertThat(files.alertReceivers().alertmanager()).isEmpty();
        assertThat(files.alertReceivers().pagerDuty().orElseThrow().enqueueUri().toString())
                .isEqualTo("https://events.pagerduty.com/v2/enqueue");

        JobOptions none = JobOptions.parse();
        assertThat(none.jdbc()).isEmpty();
        assertThat(none.alertReceivers()).isEqualTo(AlertReceivers.NONE);
        assertThat(TicketPulseJob.describe(none)).doesNotContain("PostgreSQL", "Delivering");
    }

    @Test
    void theJdbcAndAlertDeliveryOptionsComeFromTheFlinkConfiguration() {
        Configuration flink = Configuration.fromMap(Map.of(
                "ticketpulse.jdbc-url", "jdbc:postgresql://db/tp",
                "ticketpulse.jdbc-table-prefix", "k8s_",
                "ticketpulse.alertmanager-url", "http://am:9093",
                "ticketpulse.alertmanager-resend-interval", "5 min"));

        JobOptions o = CliTesting.run(flink, Map.of());

        assertThat(o.jdbc().orElseThrow().tablePrefix()).isEqualTo("k8s_");
        assertThat(o.alertReceivers().alertmanager().orElseThrow().resendInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--jdbc-url mysql://db/tp|--jdbc-url: ",
        "--jdbc-url jdbc:postgresql://db/tp --jdbc-table-prefix Bad-Prefix|--jdbc-table-prefix: ",
        "--jdbc-url jdbc:postgresql://db/tp --jdbc-password-file /nonexistent/pw|--jdbc-password-file: ",
        "--jdbc-user tp|--jdbc-user: only applies with --jdbc-url",
        "--jdbc-table-prefix tp_|--jdbc-table-prefix: only applies with --jdbc-url",
        "--alertmanager-url ftp://am|--alertmanager-url: ",
        "--alertmanager-url http://am --alertmanager-resend-interval 0s|--alertmanager-resend-interval: ",
        "--alertmanager-resend-interval 30s|--alertmanager-resend-interval: only applies with --alertmanager-url",
        "--pagerduty-routing-key-file /nonexistent/key|--pagerduty-routing-key-file: ",
        "--pagerduty-url https://pd.example/v2/enqueue|--pagerduty-url: only applies with a routing key",
    })
    void aBadJdbcOrAlertDeliveryValueExitsWithTwoNamingTheOption(String args, String message) {
        CliTesting.Result r = CliTesting.execute(new Configuration(), Map.of(), args.split(" "));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ticketpulse: " + message);
        assertThat(CliTesting.cli().check(args.split(" "))).as("checked without running").isEqualTo(2);
    }

    @Test
    void aBadRoutingKeyInTheEnvironmentIsNamedButNotShown() {
        CliTesting.Result r = CliTesting.execute(new Configuration(),
                Map.of("TICKETPULSE_PAGERDUTY_ROUTING_KEY", SECRET));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ticketpulse: TICKETPULSE_PAGERDUTY_ROUTING_KEY: ").doesNotContain(SECRET);
    }

    // ---- the Flink configuration: ticketpulse.* ----

    @Test
    void theFlinkConfigurationSetsTypedSettingsBelowTheOptionsFileAndTheCommandLine() throws IOException {
        Configuration flink = Configuration.fromMap(Map.of(
                "ticketpulse.window-size", "2 h",
                "ticketpulse.window-slide", "30 min",
                "ticketpulse.parallelism", "5",
                "ticketpulse.checkpoint-interval", "1 min",
                "ticketpulse.state-backend", "rocksdb",
                "ticketpulse.kpi-updates", "FINAL-ONLY",
                "ticketpulse.kafka-bootstrap-servers", BROKERS,
                "ticketpulse.kafka-bounded", "true",
                "ticketpulse.min-event-time", "2026-01-01T00:00:00Z"));
        Path file = Files.writeString(dir.resolve("tp.yaml"), "parallelism: 3\n");

        JobOptions o = CliTesting.run(flink, Map.of(), "--options-file", file.toString(), "--checkpoint-interval",
                "20s");

        assertThat(o.kafka()).isTrue();
        assertThat(o.kafkaBounded()).isTrue();
        assertThat(o.pipelineConfig().windowSize()).isEqualTo(Duration.ofHours(2));
        assertThat(o.pipelineConfig().windowSlide()).isEqualTo(Duration.ofMinutes(30));
        assertThat(o.stateBackend()).contains(JobOptions.StateBackend.ROCKSDB);
        assertThat(o.pipelineConfig().kpiUpdates()).isEqualTo(KpiUpdates.FINAL_ONLY);
        assertThat(o.pipelineConfig().eventTimeBounds().minEventTime())
                .isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(o.parallelism()).as("the options file wins over the Flink configuration").isEqualTo(3);
        assertThat(o.checkpointInterval()).as("the command line wins").isEqualTo(Duration.ofSeconds(20));
        // typed: the same settings written with ConfigOption objects
        Configuration typed = new Configuration();
        typed.set(TicketPulseConfigOptions.WINDOW_SIZE, Duration.ofMinutes(90));
        typed.set(TicketPulseConfigOptions.WINDOW_SLIDE, Duration.ofMinutes(90));
        typed.set(TicketPulseConfigOptions.ALERT_CLOCK, RunCommand.AlertClockMode.EVENT_TIME);
        typed.set(TicketPulseConfigOptions.QUIET, true);
        JobOptions t = CliTesting.run(typed, Map.of());
        assertThat(t.pipelineConfig().windowSize()).isEqualTo(Duration.ofMinutes(90));
        assertThat(t.pipelineConfig().alertClock()).isEqualTo(AlertClock.EVENT_TIME);
        assertThat(t.quiet()).isTrue();
    }

    @Test
    void flinkConfigurationSettingsAreClusterDefaultsThatNeverConflictWithARunsMode() {
        Configuration flink = Configuration.fromMap(Map.of("ticketpulse.sim-rate", "10",
                "ticketpulse.sim-duration", "1 min", "ticketpulse.kpis-topic", "k2"));

        assertThat(CliTesting.run(flink, Map.of(), "--kafka-bootstrap-servers", BROKERS).kpisTopic())
                .isEqualTo("k2");
        JobOptions sim = CliTesting.run(flink, Map.of());
        assertThat(sim.simEvents()).as("10/s for 1 min").isEqualTo(600);
        assertThat(CliTesting.run(flink, Map.of(), "--sim-events", "7").simEvents())
                .as("an amount given for the run wins over the configured duration").isEqualTo(7);
        assertThat(CliTesting.run(flink, Map.of(), "--run-forever").runForever()).isTrue();
    }

    /** The Kubernetes example runs {@code run} with its settings in the FlinkDeployment's flinkConfiguration. */
    @Test
    void theFlinkDeploymentExampleConfiguresTheJobWithoutOptions() throws IOException {
        JsonNode deployment = null;
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(Path.of("..", "local-env", "k8s", "ticketpulse-flinkdeployment.yaml").toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if ("FlinkDeployment".equals(doc.path("kind").asText())) {
                    deployment = doc;
                }
            }
        }
        assertThat(deployment).isNotNull();
        Map<String, String> conf = new java.util.HashMap<>();
        deployment.path("spec").path("flinkConfiguration").fields()
                .forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        List<String> args = new ArrayList<>();
        deployment.path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        assertThat(args).containsExactly("run");

        JobOptions o = CliTesting.run(Configuration.fromMap(conf), Map.of());

        assertThat(o.kafkaBootstrapServers()).contains("kafka:9092");
        assertThat(o.parallelism()).isEqualTo(deployment.path("spec").path("job").path("parallelism").asInt());
        assertThat(o.stateBackend()).contains(JobOptions.StateBackend.ROCKSDB);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.transactionalIdPrefix()).isEqualTo("ticketpulse");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ticketpulse.parallelism|many|ticketpulse.parallelism (Flink configuration): Could not parse value 'many'",
        "ticketpulse.parallelism|0|--parallelism: must be at least 1, got 0 (from Flink configuration"
                + " ticketpulse.parallelism)",
        "ticketpulse.state-backend|heap|ticketpulse.state-backend (Flink configuration): Could not parse value"
                + " 'heap'",
        "ticketpulse.window-size|0 s|--window-size: must be longer than 0, got 0s (from Flink configuration"
                + " ticketpulse.window-size)",
    })
    void aBadFlinkConfigurationValueExitsWithTwoNamingTheKey(String key, String value, String message) {
        CliTesting.Result r = CliTesting.execute(Configuration.fromMap(Map.of(key, value)), Map.of());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ticketpulse: " + message);
    }

    @Test
    void everyConfigOptionIsAnOptionOfACommandWithTheSameShape() {
        List<String> keys = new ArrayList<>();
        for (ConfigOption<?> key : TicketPulseConfigOptions.ALL) {
            keys.add(key.key());
            assertThat(key.key()).startsWith(TicketPulseConfigOptions.PREFIX);
            assertThat(key.hasDefaultValue()).as(key.key() + ": the option's default applies").isFalse();
            String name = TicketPulseConfigOptions.optionName(key);
            OptionSpec option = CliTesting.model().getSubcommands().values().stream()
                    .map(c -> c.getCommandSpec().findOption(name)).filter(o -> o != null).findFirst()
                    .orElseThrow(() -> new AssertionError(key.key() + " is no option of any command"));
            assertThat(option.arity().max() == 0).as(key.key() + " is a flag exactly when " + name + " is one")
                    .isEqualTo(isBoolean(key));
            assertThat(TicketPulseConfigOptions.forOption(name)).contains(key);
        }
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(TicketPulseConfigOptions.forOption("--kafka-property")).as("secrets have no key").isEmpty();
        for (OptionSpec o : CliTesting.model().getSubcommands().get("run").getCommandSpec().options()) {
            boolean layered = !o.usageHelp() && !o.longestName().equals("--options-file")
                    && !OptionLayers.ENVIRONMENT.containsKey(o.longestName());
            if (layered) {
                assertThat(TicketPulseConfigOptions.forOption(o.longestName()))
                        .as("add a TicketPulseConfigOptions key for " + o.longestName() + " (or, if it carries a"
                                + " secret, an environment variable in OptionLayers.ENVIRONMENT)")
                        .isPresent();
            }
        }
    }

    private static boolean isBoolean(ConfigOption<?> key) {
        try {
            return Configuration.fromMap(Map.of(key.key(), "true")).getOptional(key).orElseThrow() instanceof Boolean;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- the README ----

    @Test
    void theReadmeDocumentsEveryOptionOfEveryCommandAndEveryConfigurationKey() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (Map.Entry<String, CommandLine> command : CliTesting.model().getSubcommands().entrySet()) {
            for (OptionSpec o : command.getValue().getCommandSpec().options()) {
                assertThat(readme).as("ticketpulse " + command.getKey() + " " + o.longestName())
                        .contains("`" + o.longestName());
            }
            assertThat(readme).as("the command " + command.getKey()).contains("`ticketpulse " + command.getKey());
        }
        for (ConfigOption<?> key : TicketPulseConfigOptions.ALL) {
            assertThat(readme).as(key.key()).contains("`" + key.key() + "`");
        }
        for (String variable : OptionLayers.ENVIRONMENT.values()) {
            assertThat(readme).as(variable).contains("`" + variable + "`");
        }
    }
}
