package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.domain.KpiEmissionRule;
import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.io.JdbcSettings;
import io.ticketpulse.io.SlaPolicyException;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ticketpulse run}: the TicketPulse job (also what {@code ticketpulse} without a subcommand runs). Its
 * options are parsed and checked here, once, into the immutable {@link JobOptions} that {@link TicketPulseJob}
 * consumes. Types, ranges and defaults are in the annotations; the checks across options are in
 * {@link #options()}.
 */
@Command(name = "run", sortOptions = false, abbreviateSynopsis = true, showDefaultValues = true, usageHelpWidth = 120,
        headerHeading = "%n", header = "Run the TicketPulse job: rolling customer-service KPIs and SLA alerts.",
        descriptionHeading = "%n",
        description = {
            "With --kafka-bootstrap-servers the job reads --events-topic and writes KPI rows, alerts and dead letters"
                    + " to Kafka (exactly once; no files). Otherwise it runs on an embedded Flink: without"
                    + " --events-file a built-in ticket simulator feeds it, and the run ends by itself after"
                    + " --sim-events records unless --run-forever; KPI rows, alerts and dead letters are written as"
                    + " JSON lines under --output-dir.",
            "Durations: 250ms, 90s, 10m, 1h, 7d or combined (1h30m). Precedence of a setting: command line >"
                    + " environment (secrets) > --options-file > Flink configuration (ticketpulse.*) > default."})
final class RunCommand implements Callable<Integer> {

    static final String JDBC_URL = "--jdbc-url";

    @ParentCommand
    TicketPulseCli cli;

    @Spec
    CommandSpec spec;

    @ArgGroup(validate = false, heading = "%nInput:%n", order = 1)
    Input input = new Input();

    @ArgGroup(validate = false, heading = "%nKafka connection (production: Kafka in, Kafka out):%n", order = 2)
    SharedOptions.KafkaConnection kafka = new SharedOptions.KafkaConnection();

    @ArgGroup(validate = false, heading = "%nKafka topics and delivery (only with --kafka-bootstrap-servers):%n",
            order = 3)
    KafkaTopics topics = new KafkaTopics();

    @ArgGroup(validate = false, heading = "%nFile output (not with Kafka):%n", order = 4)
    FileOutput output = new FileOutput();

    @ArgGroup(validate = false, heading = "%nLive web dashboard (embedded run, not with Kafka):%n", order = 4)
    Dashboard dashboard = new Dashboard();

    @ArgGroup(validate = false, heading = "%nPostgreSQL tables (with any input):%n", order = 5)
    Postgres postgres = new Postgres();

    @ArgGroup(validate = false, heading = "%nPipeline:%n", order = 6)
    Pipeline pipeline = new Pipeline();

    @ArgGroup(validate = false, heading = "%nSLA alerts:%n", order = 7)
    Alerts alerts = new Alerts();

    @ArgGroup(validate = false, heading = "%nAlert delivery (the committed alerts, with any input):%n", order = 8)
    AlertDelivery delivery = new AlertDelivery();

    @ArgGroup(validate = false, heading = "%nFlink runtime:%n", order = 9)
    SharedOptions.RuntimeSettings runtime = new SharedOptions.RuntimeSettings();

    @ArgGroup(validate = false, heading = "%nFlink state:%n", order = 10)
    State state = new State();

    @ArgGroup(validate = false, heading = "%nSimulator (without Kafka or --events-file):%n", order = 11)
    SharedOptions.SimulationSettings simulation = new SharedOptions.SimulationSettings();

    @ArgGroup(validate = false, heading = "%nOptions file and help:%n", order = 12)
    CommonOptions common = new CommonOptions();

    static final class Input {
        @Option(names = "--events-file", paramLabel = "PATH", converter = CliConverters.ExistingFile.class,
                description = "Replay this JSON-lines file of ticket events instead of simulating (may be"
                        + " compressed: .gz, .bz2, .xz, .deflate). Default: the simulator.")
        Path eventsFile;
    }

    static final class KafkaTopics {
        @Option(names = "--kpis-topic", paramLabel = "TOPIC", defaultValue = JobOptions.DEFAULT_KPIS_TOPIC,
                converter = CliConverters.Topic.class,
                description = "ticket-kpi v1 rows keyed by upsert key, exactly once.")
        String kpisTopic;

        @Option(names = "--alerts-topic", paramLabel = "TOPIC", defaultValue = JobOptions.DEFAULT_ALERTS_TOPIC,
                converter = CliConverters.Topic.class, description = "SLA alerts keyed by dedup_key, exactly once.")
        String alertsTopic;

        @Option(names = "--alerts-fast-topic", paramLabel = "TOPIC", defaultValue = "",
                converter = CliConverters.OptionalTopic.class, showDefaultValue = Help.Visibility.NEVER,
                description = "Low-latency copy of the alerts, at least once; empty = off. Default: off.")
        String alertsFastTopic;

        @Option(names = "--dlq-topic", paramLabel = "TOPIC", defaultValue = JobOptions.DEFAULT_DLQ_TOPIC,
                converter = CliConverters.Topic.class,
                description = "dead-letter v1 records with reason headers, exactly once.")
        String dlqTopic;

        @Option(names = "--group-id", paramLabel = "ID", defaultValue = "ticketpulse",
                converter = CliConverters.Token.class,
                description = "Consumer group; starts at its committed offsets, else the earliest.")
        String groupId;

        @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX", defaultValue = "ticketpulse",
                converter = CliConverters.Token.class,
                description = "Transactional ids of the exactly-once sinks (one per job on a Kafka cluster).")
        String transactionalIdPrefix;

        @Option(names = "--transaction-timeout", paramLabel = "DURATION", defaultValue = "10m",
                converter = CliConverters.KafkaTimeout.class,
                description = "Kafka transaction timeout (longer than --checkpoint-interval, at most the broker's"
                        + " transaction.max.timeout.ms, 15m by default).")
        Duration transactionTimeout;

        @Option(names = "--kafka-bounded",
                description = "Stop at the latest offsets seen at start: a replay of the topic that ends.")
        boolean kafkaBounded;
    }

    static final class FileOutput {
        @Option(names = "--output-dir", paramLabel = "PATH", defaultValue = "output",
                converter = CliConverters.OutputDir.class,
                description = "Each run writes its own run-<UTC time>/ folder in here.")
        Path outputDir;

        @Option(names = "--summary-interval", paramLabel = "DURATION", defaultValue = "2s",
                converter = CliConverters.PositiveDuration.class,
                description = "How often the live KPI table and the firing-alerts line are printed.")
        Duration summaryInterval;

        @Option(names = "--quiet", description = "No live KPI table or alerts line.")
        boolean quiet;
    }

    static final class Dashboard {
        @Option(names = "--dashboard-port", paramLabel = "PORT", defaultValue = "0",
                converter = CliConverters.Port.class,
                description = "Serve the live dashboard on http://127.0.0.1:PORT/ (0: any free port; the URL is"
                        + " printed at start).")
        int port;

        @Option(names = "--dashboard-linger", paramLabel = "DURATION", converter = CliConverters.DurationOrZero.class,
                description = "After a bounded run ends, keep the dashboard up this long (Enter or Ctrl-C ends it"
                        + " sooner). Default: 10m when stdin and stdout are a terminal, else 0s.")
        Duration linger;

        @Option(names = "--no-dashboard", description = "No web dashboard.")
        boolean off;
    }

    static final class Postgres {
        @Option(names = JDBC_URL, paramLabel = "URL",
                description = "jdbc:postgresql://HOST:PORT/DATABASE: also write KPI rows, alerts and dead letters"
                        + " into tables there (created or migrated at start). Default: off.")
        String jdbcUrl;

        @Option(names = "--jdbc-user", paramLabel = "USER",
                description = "The database user. Default: the driver's default.")
        String jdbcUser;

        @Option(names = "--jdbc-password-file", paramLabel = "PATH", converter = CliConverters.AnyPath.class,
                description = "The user's password: the file's content (one trailing line break removed). Default:"
                        + " the environment variable " + JdbcSettings.PASSWORD_ENV + ", else none.")
        Path jdbcPasswordFile;

        @Option(names = "--jdbc-table-prefix", paramLabel = "PREFIX", defaultValue = JdbcSettings.DEFAULT_TABLE_PREFIX,
                description = "Table name prefix: lower-case letters, digits, _, at most 40 characters.")
        String jdbcTablePrefix;
    }

    static final class Pipeline {
        @Option(names = "--window-size", paramLabel = "DURATION", defaultValue = "1h",
                converter = CliConverters.PositiveDuration.class, description = "KPI window size.")
        Duration windowSize;

        @Option(names = "--window-slide", paramLabel = "DURATION", defaultValue = "1m",
                converter = CliConverters.PositiveDuration.class,
                description = "KPI window slide, whole seconds, divides the size (= size: tumbling).")
        Duration windowSlide;

        @Option(names = "--allowed-lateness", paramLabel = "DURATION", defaultValue = "10m",
                converter = CliConverters.DurationOrZero.class,
                description = "Late events this far behind the watermark still count.")
        Duration allowedLateness;

        @Option(names = "--quiet-windows", paramLabel = "N", converter = CliConverters.QuietWindows.class,
                description = "Backlog-only KPI windows a key still reports after its last window with facts (0 to "
                        + KpiEmissionRule.MAX_QUIET_WINDOWS + "). Default: window size / slide.")
        Integer quietWindows;

        @Option(names = "--kpi-updates", paramLabel = "auto|final-only|early-and-late", defaultValue = "auto",
                converter = CliConverters.KpiUpdatesChoice.class,
                description = "KPI rows per window: final only, or early and late revisions too; auto: final only"
                        + " for a bounded input (a file, --kafka-bounded), early and late for a live one.")
        KpiUpdatesMode kpiUpdates;

        @Option(names = "--max-out-of-orderness", paramLabel = "DURATION", defaultValue = "30s",
                converter = CliConverters.DurationOrZero.class,
                description = "Watermark delay behind the newest event time.")
        Duration maxOutOfOrderness;

        @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "1m",
                converter = CliConverters.PositiveDuration.class,
                description = "A silent input split stops holding the watermark.")
        Duration idleTimeout;

        @Option(names = "--wait-threshold", paramLabel = "DURATION", defaultValue = "10m",
                converter = CliConverters.PositiveDuration.class,
                description = "No first response this long after creation: timeout.")
        Duration waitThreshold;

        @Option(names = "--ticket-retention", paramLabel = "DURATION", defaultValue = "7d",
                converter = CliConverters.PositiveDuration.class,
                description = "A ticket's full state is released this long after its last event (SLA clocks"
                        + " expire).")
        Duration ticketRetention;

        @Option(names = "--tombstone-retention", paramLabel = "DURATION", defaultValue = "400d",
                converter = CliConverters.PositiveDuration.class,
                description = "An ended ticket's compact tombstone is kept this long after its last event (at"
                        + " least --ticket-retention).")
        Duration tombstoneRetention;

        @Option(names = "--max-future-skew", paramLabel = "DURATION", defaultValue = "5m",
                converter = CliConverters.DurationOrZero.class,
                description = "Events further ahead of the wall clock are dead letters (FUTURE_EVENT).")
        Duration maxFutureSkew;

        @Option(names = "--min-event-time", paramLabel = "TIME", converter = CliConverters.Rfc3339.class,
                description = "Events before this RFC 3339 instant are dead letters (TOO_OLD_EVENT). Default: off.")
        Instant minEventTime;

        @Option(names = "--max-event-age", paramLabel = "DURATION", converter = CliConverters.PositiveDuration.class,
                description = "Events older than this behind the wall clock are dead letters (TOO_OLD_EVENT)."
                        + " Default: off.")
        Duration maxEventAge;

        @Option(names = "--max-payload-bytes", paramLabel = "N", defaultValue = "65536",
                converter = CliConverters.PayloadBytes.class,
                description = "Larger input records are dead-lettered unparsed (256 to 16777216, 16 MiB).")
        int maxPayloadBytes;
    }

    static final class Alerts {
        @Option(names = "--policy-file", paramLabel = "PATH", converter = CliConverters.AnyPath.class,
                description = "SLA policies (sla-policy v1, YAML or JSON); a bad file fails at start. Default: the"
                        + " shipped default-policies.yaml.")
        Path policyFile;

        @Option(names = "--alert-clock", paramLabel = "auto|event-time", defaultValue = "auto",
                converter = CliConverters.AlertClockChoice.class,
                description = "auto: also fire on the wall clock while the stream is live; event-time: watermark"
                        + " only (bounded inputs always use event time).")
        AlertClockMode alertClock;

        @Option(names = "--live-lag-bound", paramLabel = "DURATION", defaultValue = "2m",
                converter = CliConverters.PositiveDuration.class,
                description = "The stream is live while event time trails the wall clock by at most this.")
        Duration liveLagBound;

        @Option(names = "--policy-topic", paramLabel = "TOPIC",
                description = "Kafka runs: runtime SLA policies, each record a complete, newer policy file applied"
                        + " from its effective_from without a restart; invalid ones are dead letters. Default: off.")
        String policyTopic;

        @Option(names = "--watch-policy-file",
                description = "File and simulator runs: watch --policy-file while the job runs; each change is a"
                        + " runtime policy (as --policy-topic). The run then goes on until stopped.")
        boolean watchPolicyFile;

        @Option(names = "--imminent-horizon", paramLabel = "DURATION", defaultValue = "0s",
                converter = CliConverters.DurationOrZero.class,
                description = "KPI rows count the SLA metrics that will breach within this after the window end"
                        + " (imminent_breach); 0s: off.")
        Duration imminentHorizon;
    }

    static final class AlertDelivery {
        @Option(names = AlertReceivers.ALERTMANAGER_URL, paramLabel = "URL",
                description = "Deliver the committed alerts to this Prometheus Alertmanager (http:// or https://)."
                        + " Default: off.")
        String alertmanagerUrl;

        @Option(names = AlertReceivers.ALERTMANAGER_RESEND_INTERVAL, paramLabel = "DURATION", defaultValue = "1m",
                converter = CliConverters.PositiveDuration.class,
                description = "Firing alerts are re-sent to Alertmanager this often.")
        Duration alertmanagerResendInterval;

        @Option(names = AlertReceivers.PAGERDUTY_URL, paramLabel = "URL",
                defaultValue = "https://events.pagerduty.com/v2/enqueue",
                description = "PagerDuty Events API v2 endpoint (used when a routing key is given).")
        String pagerDutyUrl;

        @Option(names = AlertReceivers.PAGERDUTY_ROUTING_KEY_FILE, paramLabel = "PATH",
                converter = CliConverters.AnyPath.class,
                description = "Deliver the committed alerts to PagerDuty with the routing key in this file. Default:"
                        + " the environment variable " + AlertReceivers.ROUTING_KEY_VARIABLE + ", else off.")
        Path pagerDutyRoutingKeyFile;
    }

    static final class State {
        @Option(names = "--max-parallelism", paramLabel = "N", converter = CliConverters.Parallelism.class,
                description = "Key groups: the highest parallelism the job's savepoints can be restored at (fixed"
                        + " at the job's first start; at least --parallelism, at most 32768). Default: 128 (Flink's"
                        + " default for a parallelism above 85).")
        Integer maxParallelism;

        @Option(names = "--state-backend", paramLabel = "hashmap|rocksdb",
                converter = CliConverters.StateBackendChoice.class,
                description = "Where keyed state lives: the heap, or RocksDB on local disk. Default: the cluster's"
                        + " state.backend.type (embedded: hashmap).")
        JobOptions.StateBackend stateBackend;
    }

    /** {@code --kpi-updates}: {@code auto} decides by the input. */
    enum KpiUpdatesMode {
        AUTO, FINAL_ONLY, EARLY_AND_LATE;

        /** The mode of a run; {@code bounded}: a file or a bounded topic replay. */
        KpiUpdates resolve(boolean bounded) {
            return switch (this) {
                case FINAL_ONLY -> KpiUpdates.FINAL_ONLY;
                case EARLY_AND_LATE -> KpiUpdates.EARLY_AND_LATE;
                case AUTO -> bounded ? KpiUpdates.FINAL_ONLY : KpiUpdates.EARLY_AND_LATE;
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** {@code --alert-clock}. */
    enum AlertClockMode {
        AUTO(AlertClock.AUTO), EVENT_TIME(AlertClock.EVENT_TIME);

        final AlertClock clock;

        AlertClockMode(AlertClock clock) {
            this.clock = clock;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Override
    public Integer call() {
        return TicketPulseJob.run(options(), cli.out(), cli.err(), cli.clock());
    }

    /**
     * The checked settings of this run.
     *
     * @throws OptionException naming the option and the problem
     */
    JobOptions options() {
        boolean kafkaRun = kafka.bootstrapServers != null;
        checkModes(kafkaRun);
        if (kafkaRun) {
            checkTopicsDiffer();
            if (topics.transactionTimeout.compareTo(runtime.checkpointInterval) <= 0) {
                throw new OptionException("--transaction-timeout: must be longer than --checkpoint-interval ("
                        + runtime.checkpointInterval.toMillis() + " ms): a transaction stays open for a checkpoint"
                        + " interval, got " + topics.transactionTimeout.toMillis() + " ms");
            }
        }
        checkRuntimePolicies(kafkaRun);
        long simEvents = simulation.events(this::given);
        boolean simulated = input.eventsFile == null && !kafkaRun;
        if (simulated) {
            simulation.checkStart(cli.clock(), pipeline.maxFutureSkew);
        }
        int maxParallelism;
        if (state.maxParallelism == null) {
            maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(runtime.parallelism);
        } else if (state.maxParallelism < runtime.parallelism) {
            throw new OptionException("--max-parallelism: must be at least --parallelism (" + runtime.parallelism
                    + "), got " + state.maxParallelism);
        } else {
            maxParallelism = state.maxParallelism;
        }
        Map<String, String> kafkaProperties = kafkaRun ? kafka.clientProperties() : Map.of();
        boolean bounded = input.eventsFile != null || kafkaRun && topics.kafkaBounded;
        return new JobOptions(Optional.ofNullable(kafka.bootstrapServers), kafka.eventsTopic, topics.kpisTopic,
                topics.alertsTopic, Optional.of(topics.alertsFastTopic).filter(t -> !t.isEmpty()), topics.dlqTopic,
                topics.groupId, kafkaProperties, topics.transactionalIdPrefix, topics.transactionTimeout,
                topics.kafkaBounded, Optional.ofNullable(state.stateBackend), Optional.ofNullable(input.eventsFile),
                output.outputDir, pipelineConfig(bounded), runtime.parallelism, maxParallelism,
                runtime.checkpointInterval, simulation.rate, simEvents, simulation.seed, simulation.start,
                simulation.profile, simulation.runForever, output.summaryInterval, output.quiet, jdbcSettings(),
                alertReceivers(), Optional.ofNullable(alerts.policyTopic), Optional.ofNullable(
                        alerts.watchPolicyFile ? alerts.policyFile.toAbsolutePath() : null),
                dashboardSettings(kafkaRun));
    }

    /** {@code --policy-topic} only with Kafka, {@code --watch-policy-file} only without, and with a file. */
    private void checkRuntimePolicies(boolean kafkaRun) {
        if (alerts.policyTopic != null && !kafkaRun) {
            throw new OptionException("--policy-topic: only applies with --kafka-bootstrap-servers (file and"
                    + " simulator runs watch the policy file: --watch-policy-file)");
        }
        if (alerts.watchPolicyFile && kafkaRun) {
            throw new OptionException("--watch-policy-file: does not apply with --kafka-bootstrap-servers (runtime"
                    + " policies come from --policy-topic)");
        }
        if (alerts.watchPolicyFile && alerts.policyFile == null) {
            throw new OptionException("--watch-policy-file: needs --policy-file (the file to watch)");
        }
    }

    /** The PostgreSQL tables' settings: empty without {@code --jdbc-url}. */
    private Optional<JdbcSettings> jdbcSettings() {
        if (postgres.jdbcUrl == null) {
            for (String o : List.of("--jdbc-user", "--jdbc-password-file", "--jdbc-table-prefix")) {
                if (given(o)) {
                    throw new OptionException(o + ": only applies with " + JDBC_URL);
                }
            }
            return Optional.empty();
        }
        return Optional.of(PostgresOutput.settings(postgres.jdbcUrl, postgres.jdbcUser,
                Optional.ofNullable(postgres.jdbcPasswordFile), postgres.jdbcTablePrefix, cli.environment()));
    }

    /** The live dashboard of an embedded run: off with Kafka (see {@code ticketpulse dashboard}). */
    private DashboardSettings dashboardSettings(boolean kafkaRun) {
        for (String o : List.of("--dashboard-port", "--dashboard-linger")) {
            if (given(o) && (kafkaRun || dashboard.off)) {
                throw new OptionException(o + (kafkaRun
                        ? ": does not apply with --kafka-bootstrap-servers (run ticketpulse dashboard beside the job)"
                        : ": cannot be combined with --no-dashboard"));
            }
        }
        if (kafkaRun || dashboard.off) {
            return DashboardSettings.OFF;
        }
        return new DashboardSettings(true, dashboard.port, Optional.ofNullable(dashboard.linger));
    }

    /** The receivers of the committed alerts (none by default). */
    private AlertReceivers alertReceivers() {
        if (delivery.alertmanagerUrl == null && given(AlertReceivers.ALERTMANAGER_RESEND_INTERVAL)) {
            throw new OptionException(AlertReceivers.ALERTMANAGER_RESEND_INTERVAL + ": only applies with "
                    + AlertReceivers.ALERTMANAGER_URL);
        }
        AlertReceivers receivers = AlertReceivers.of(Optional.ofNullable(delivery.alertmanagerUrl),
                delivery.alertmanagerResendInterval, delivery.pagerDutyUrl,
                Optional.ofNullable(delivery.pagerDutyRoutingKeyFile), cli.environment());
        if (receivers.pagerDuty().isEmpty() && given(AlertReceivers.PAGERDUTY_URL)) {
            throw new OptionException(AlertReceivers.PAGERDUTY_URL + ": only applies with a routing key ("
                    + AlertReceivers.PAGERDUTY_ROUTING_KEY_FILE + " or " + AlertReceivers.ROUTING_KEY_VARIABLE + ")");
        }
        return receivers;
    }

    /** True when the user set {@code option} for this run (not a default, not the Flink configuration). */
    boolean given(String option) {
        return cli.given(spec, option);
    }

    /**
     * Options of one mode given in another: the simulator's with a file or Kafka, Kafka's without Kafka, the
     * file output's with Kafka. Reported in the order of {@code --help}.
     */
    private void checkModes(boolean kafkaRun) {
        List<OptionSpec> simulator = groupOf("--sim-rate");
        List<OptionSpec> kafkaOnly = new ArrayList<>(groupOf("--kpis-topic"));
        groupOf("--kafka-bootstrap-servers").stream()
                .filter(o -> !o.longestName().equals("--kafka-bootstrap-servers"))
                .forEach(kafkaOnly::add);
        List<String> fileOutputOnly = List.of("--output-dir", "--summary-interval");
        if (kafkaRun && given("--events-file")) {
            throw new OptionException(
                    "--events-file: cannot be combined with --kafka-bootstrap-servers (the input is --events-topic)");
        }
        for (OptionSpec o : spec.options()) {
            String name = o.longestName();
            if (!given(name)) {
                continue;
            }
            if (kafkaRun && simulator.contains(o)) {
                throw new OptionException(name + ": only applies to the simulator, not with"
                        + " --kafka-bootstrap-servers (ticketpulse simulate produces simulated events to Kafka)");
            }
            if (kafkaRun && fileOutputOnly.contains(name)) {
                throw new OptionException(
                        name + ": does not apply with --kafka-bootstrap-servers (the output is Kafka topics)");
            }
            if (!kafkaRun && kafkaOnly.contains(o)) {
                throw new OptionException(name + ": only applies with --kafka-bootstrap-servers");
            }
            if (input.eventsFile != null && simulator.contains(o)) {
                throw new OptionException(name + ": only applies to the simulator, not with --events-file");
            }
        }
    }

    /** The options of the {@code @ArgGroup} (help section) of {@code member}. */
    private List<OptionSpec> groupOf(String member) {
        return spec.findOption(member).group().options();
    }

    private void checkTopicsDiffer() {
        Map<String, String> byTopic = new LinkedHashMap<>();
        String[][] all = {{"--events-topic", kafka.eventsTopic}, {"--kpis-topic", topics.kpisTopic},
                {"--alerts-topic", topics.alertsTopic}, {"--alerts-fast-topic", topics.alertsFastTopic},
                {"--dlq-topic", topics.dlqTopic},
                {"--policy-topic", alerts.policyTopic == null ? "" : alerts.policyTopic}};
        for (String[] t : all) {
            if (t[1].isEmpty()) {
                continue;
            }
            String other = byTopic.putIfAbsent(t[1], t[0]);
            if (other != null) {
                throw new OptionException(t[0] + ": \"" + t[1] + "\" is already the topic of " + other
                        + "; every topic must be different");
            }
        }
    }

    /** The topology settings; {@code bounded}: the input ends (a file, a bounded topic replay). */
    private PipelineConfig pipelineConfig(boolean bounded) {
        try {
            PipelineConfig.Builder builder = PipelineConfig.builder();
            if (pipeline.quietWindows != null) {
                builder.quietWindows(pipeline.quietWindows);
            }
            return builder
                    .wallClock(cli.clock())
                    .windowSize(pipeline.windowSize)
                    .windowSlide(pipeline.windowSlide)
                    .allowedLateness(pipeline.allowedLateness)
                    .maxOutOfOrderness(pipeline.maxOutOfOrderness)
                    .sourceIdleTimeout(pipeline.idleTimeout)
                    .waitThreshold(pipeline.waitThreshold)
                    .ticketRetention(pipeline.ticketRetention)
                    .tombstoneRetention(pipeline.tombstoneRetention)
                    .maxPayloadBytes(pipeline.maxPayloadBytes)
                    .slaPolicies(alerts.policyFile == null
                            ? SlaPolicyFiles.loadDefault() : SlaPolicyFiles.load(alerts.policyFile))
                    // a bounded input (a file, a bounded topic replay) is history: event time only, deterministic
                    .alertClock(bounded ? AlertClock.EVENT_TIME : alerts.alertClock.clock)
                    // ... and by default only final KPI rows: the output depends on the data alone, byte for byte
                    .kpiUpdates(pipeline.kpiUpdates.resolve(bounded))
                    .liveLagBound(alerts.liveLagBound)
                    .imminentHorizon(alerts.imminentHorizon)
                    .maxFutureSkew(pipeline.maxFutureSkew)
                    .minEventTime(pipeline.minEventTime)
                    .maxEventAge(pipeline.maxEventAge)
                    .build();
        } catch (SlaPolicyException e) {
            throw new OptionException("--policy-file: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
    }
}
