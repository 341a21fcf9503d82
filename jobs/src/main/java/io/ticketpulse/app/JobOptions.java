package io.ticketpulse.app;

import io.ticketpulse.domain.Durations;
import io.ticketpulse.domain.KpiEmissionRule;
import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.io.SlaPolicyException;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.Timestamps;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The command-line options of {@link TicketPulseJob}, parsed once into an immutable, validated object.
 *
 * <p>Every option is defined once in {@link #DEFINITIONS} (name, value kind, default, one-line description,
 * how it is applied); parsing, defaults and the {@code --help} table are all generated from that list. Syntax:
 * {@code --name value}, {@code --name=value} or {@code --flag}. Unknown options, missing or bad values and
 * conflicting options fail with an {@link OptionException} whose message names the option and the problem.
 * Durations are written {@code 250ms}, {@code 90s}, {@code 10m}, {@code 1h}, {@code 7d} or combined
 * ({@code 1h30m}).
 */
public final class JobOptions {

    /** Default start of the simulated clock: a fixed instant, so that runs are reproducible. */
    public static final String DEFAULT_SIM_START = "2026-11-23T08:00:00Z";

    public static final String DEFAULT_EVENTS_TOPIC = "ticket-events";
    public static final String DEFAULT_KPIS_TOPIC = "ticket-kpis";
    public static final String DEFAULT_ALERTS_TOPIC = "sla-alerts";
    public static final String DEFAULT_DLQ_TOPIC = "ticket-events-dlq";

    /** The largest --parallelism: Flink's upper bound of the max parallelism (key groups). */
    public static final int MAX_PARALLELISM = 32_768;

    private static final List<Definition> DEFINITIONS = List.of(
            // input
            path("--events-file", "Input", null, "the simulator",
                    "replay this JSON-lines file of ticket events instead of simulating",
                    (v, p) -> v.eventsFile = p),
            // Kafka
            new Definition("--kafka-bootstrap-servers", "Kafka", "HOST:PORT[,..]", null,
                    "read events from and write results to Kafka (not with --events-file)", "off: file or simulator",
                    (v, name, raw) -> v.bootstrapServers = parseBootstrapServers(name, raw)),
            topic("--events-topic", DEFAULT_EVENTS_TOPIC, "input: ticket-event v1 records (raw bytes)",
                    (v, t) -> v.eventsTopic = t),
            topic("--kpis-topic", DEFAULT_KPIS_TOPIC, "ticket-kpi v1 rows keyed by upsert key, exactly once",
                    (v, t) -> v.kpisTopic = t),
            topic("--alerts-topic", DEFAULT_ALERTS_TOPIC, "SLA alerts keyed by dedup_key, exactly once",
                    (v, t) -> v.alertsTopic = t),
            new Definition("--alerts-fast-topic", "Kafka", "TOPIC", "",
                    "low-latency copy of the alerts, at least once; empty = off", "off",
                    (v, name, raw) -> v.alertsFastTopic = raw.isEmpty() ? null : parseTopic(name, raw)),
            topic("--dlq-topic", DEFAULT_DLQ_TOPIC, "dead-letter v1 records with reason headers, exactly once",
                    (v, t) -> v.dlqTopic = t),
            new Definition("--group-id", "Kafka", "ID", "ticketpulse",
                    "consumer group; starts at its committed offsets, else the earliest", null,
                    (v, name, raw) -> v.groupId = parseToken(name, raw)),
            new Definition("--kafka-property", "Kafka", "KEY=VALUE", null,
                    "client property for every Kafka client, e.g. security.protocol=SSL (repeatable;"
                            + " values are never printed)", null,
                    (v, name, raw) -> parseKafkaProperty(v, name, raw)),
            // secure Kafka: client properties (and secrets, or references to them) from a file
            path("--kafka-property-file", "Kafka", null, null,
                    "Kafka client properties from a Java properties file, e.g. security.protocol, sasl.jaas.config"
                            + " (secrets belong here or behind a ${file:..}/${env:..} config provider; values are"
                            + " never printed)",
                    (v, p) -> KafkaPropertyFile.read("--kafka-property-file", p)
                            .forEach((key, value) -> putKafkaProperty(v, "--kafka-property-file", key, value))),
            new Definition("--transactional-id-prefix", "Kafka", "PREFIX", "ticketpulse",
                    "transactional ids of the exactly-once sinks (one per job on a Kafka cluster)", null,
                    (v, name, raw) -> v.transactionalIdPrefix = parseToken(name, raw)),
            duration("--transaction-timeout", "Kafka", "10m",
                    "Kafka transaction timeout (at most the broker's transaction.max.timeout.ms, 15m by default)",
                    (v, d) -> v.transactionTimeout = fitsIntMillis("--transaction-timeout", d)),
            flag("--kafka-bounded", "Kafka",
                    "stop at the latest offsets seen at start: a replay of the topic that ends",
                    v -> v.kafkaBounded = true),
            // output
            path("--output-dir", "Output", "output", null,
                    "each run writes its own run-<UTC time>/ folder in here",
                    (v, p) -> v.outputDir = p),
            // pipeline
            duration("--window-size", "Pipeline", "1h", "KPI window size", (v, d) -> v.windowSize = d),
            duration("--window-slide", "Pipeline", "1m",
                    "KPI window slide, whole seconds (= size: tumbling)",
                    (v, d) -> v.windowSlide = d),
            durationOrZero("--allowed-lateness", "Pipeline", "10m",
                    "late events this far behind the watermark still count",
                    (v, d) -> v.allowedLateness = d),
            new Definition("--quiet-windows", "Pipeline", "N", null,
                    "backlog-only KPI windows a key still reports after its last window with facts (0 to "
                            + KpiEmissionRule.MAX_QUIET_WINDOWS + ")",
                    "window size / slide",
                    (v, name, raw) -> v.quietWindows = parseQuietWindows(name, raw)),
            new Definition("--kpi-updates", "Pipeline", "auto|final-only|early-and-late", "auto",
                    "KPI rows per window: final only, or early and late revisions too; auto: final only for a"
                            + " bounded input (a file, --kafka-bounded), early and late for a live one",
                    null,
                    (v, name, raw) -> v.kpiUpdates = parseKpiUpdates(name, raw)),
            durationOrZero("--max-out-of-orderness", "Pipeline", "30s",
                    "watermark delay behind the newest event time",
                    (v, d) -> v.maxOutOfOrderness = d),
            duration("--idle-timeout", "Pipeline", "1m",
                    "a silent input split stops holding the watermark",
                    (v, d) -> v.idleTimeout = d),
            duration("--wait-threshold", "Pipeline", "10m",
                    "no first response this long after creation: timeout",
                    (v, d) -> v.waitThreshold = d),
            duration("--ticket-retention", "Pipeline", "7d",
                    "a ticket's full state is released this long after its last event (SLA clocks expire)",
                    (v, d) -> v.ticketRetention = d),
            duration("--tombstone-retention", "Pipeline", "400d",
                    "an ended ticket's compact tombstone is kept this long after its last event",
                    (v, d) -> v.tombstoneRetention = d),
            durationOrZero("--max-future-skew", "Pipeline", "5m",
                    "events further ahead of the wall clock are dead letters (FUTURE_EVENT)",
                    (v, d) -> v.maxFutureSkew = d),
            new Definition("--min-event-time", "Pipeline", "TIME", null,
                    "events before this RFC 3339 instant are dead letters (TOO_OLD_EVENT)", "off",
                    (v, name, raw) -> v.minEventTime = parseInstant(name, raw)),
            new Definition("--max-event-age", "Pipeline", "DURATION", null,
                    "events older than this behind the wall clock are dead letters (TOO_OLD_EVENT)", "off",
                    (v, name, raw) -> v.maxEventAge = positiveDuration(name, raw)),
            integer("--max-payload-bytes", "Pipeline", "65536", 256,
                    "larger input records are dead-lettered unparsed (at most 16777216, 16 MiB)",
                    (v, n) -> v.maxPayloadBytes = atMost("--max-payload-bytes", n, PipelineConfig.MAX_PAYLOAD_BYTES)),
            // SLA alerts
            path("--policy-file", "SLA alerts", null, "the shipped default-policies.yaml",
                    "SLA policies (sla-policy v1, YAML or JSON); a bad file fails at start",
                    (v, p) -> v.policyFile = p),
            new Definition("--alert-clock", "SLA alerts", "auto|event-time", "auto",
                    "auto: also fire on the wall clock while the stream is live; event-time: watermark only",
                    null,
                    (v, name, raw) -> v.alertClock = parseAlertClock(name, raw)),
            duration("--live-lag-bound", "SLA alerts", "2m",
                    "the stream is live while event time trails the wall clock by at most this",
                    (v, d) -> v.liveLagBound = d),
            // runtime
            integer("--parallelism", "Flink runtime", "2", 1,
                    "parallelism of the Flink job (at most 32768; embedded runs at most max(8, 4 x CPU cores))",
                    (v, n) -> v.parallelism = atMost("--parallelism", n, MAX_PARALLELISM)),
            new Definition("--max-parallelism", "Flink runtime", "N", null,
                    "key groups: the highest parallelism the job's savepoints can be restored at (fixed at the"
                            + " job's first start; at least --parallelism, at most 32768)",
                    "128 (Flink's default for a parallelism above 85)",
                    (v, name, raw) -> v.maxParallelism =
                            atMost(name, (int) Math.min(Integer.MAX_VALUE, parseLong(name, raw, 1)), MAX_PARALLELISM)),
            duration("--checkpoint-interval", "Flink runtime", "10s",
                    "output files and Kafka transactions are committed on each checkpoint",
                    (v, d) -> v.checkpointInterval = d),
            new Definition("--state-backend", "Flink runtime", "hashmap|rocksdb", null,
                    "where keyed state lives: the heap, or RocksDB on local disk",
                    "the cluster's state.backend.type (embedded: hashmap)",
                    (v, name, raw) -> v.stateBackend = StateBackend.parse(name, raw)),
            // simulator
            new Definition("--sim-rate", "Simulator", "N", "2500",
                    "records per second; 0 = as fast as possible", null,
                    (v, name, raw) -> v.simRate = parseRate(name, raw)),
            longValue("--sim-events", "Simulator", "150000", 1,
                    "records to simulate; then the run ends by itself",
                    (v, n) -> v.simEvents = n),
            longValue("--sim-seed", "Simulator", "42", Long.MIN_VALUE, "random seed; the same seed, the same records",
                    (v, n) -> v.simSeed = n),
            new Definition("--sim-start", "Simulator", "TIME", DEFAULT_SIM_START,
                    "RFC 3339 instant where simulated time starts", null,
                    (v, name, raw) -> v.simStart = parseInstant(name, raw)),
            duration("--sim-duration", "Simulator", null,
                    "simulate this long at --sim-rate (sets --sim-events to rate x duration)",
                    (v, d) -> v.simDuration = d),
            flag("--run-forever", "Simulator",
                    "simulate until stopped (Ctrl-C)",
                    v -> v.runForever = true),
            // console
            duration("--summary-interval", "Console", "2s", "how often the live KPI table is printed",
                    (v, d) -> v.summaryInterval = d),
            flag("--quiet", "Console", "no live KPI table", v -> v.quiet = true),
            flag("--help", "Console", "print this help and exit", v -> v.help = true));

    private static final Set<String> SIMULATOR_ONLY =
            Set.of("--sim-rate", "--sim-events", "--sim-duration", "--sim-seed", "--sim-start", "--run-forever");

    /** Options that only apply with --kafka-bootstrap-servers. */
    private static final Set<String> KAFKA_ONLY = Set.of("--events-topic", "--kpis-topic", "--alerts-topic",
            "--alerts-fast-topic", "--dlq-topic", "--group-id", "--kafka-property", "--kafka-property-file",
            "--transactional-id-prefix", "--transaction-timeout", "--kafka-bounded");

    /** Options of file and simulator runs that mean nothing when the output is Kafka. */
    private static final Set<String> FILE_OUTPUT_ONLY = Set.of("--output-dir", "--summary-interval");

    /** Options that may be given more than once. */
    private static final Set<String> REPEATABLE = Set.of("--kafka-property");

    /** The options of {@link SimulatorJob}, the simulator producer (a subset of this table). */
    static final Set<String> SIMULATOR_JOB_OPTIONS = Set.of("--kafka-bootstrap-servers", "--events-topic",
            "--kafka-property", "--kafka-property-file", "--sim-rate", "--sim-events", "--sim-duration",
            "--sim-seed", "--sim-start", "--run-forever",
            "--parallelism", "--checkpoint-interval", "--help");

    /**
     * Client properties that have an option of their own or that the job sets itself; a --kafka-property may
     * not set them.
     */
    private static final Map<String, String> RESERVED_KAFKA_PROPERTIES = Map.of(
            "bootstrap.servers", "use --kafka-bootstrap-servers",
            "group.id", "use --group-id",
            "transactional.id", "use --transactional-id-prefix",
            "transaction.timeout.ms", "use --transaction-timeout",
            "isolation.level", "the source always reads read_committed",
            "key.serializer", "the job sets it",
            "value.serializer", "the job sets it",
            "key.deserializer", "the job sets it",
            "value.deserializer", "the job sets it");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern TOKEN = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
    private static final Pattern BOOTSTRAP_SERVER = Pattern.compile("([^\\s,:\\[\\]]+|\\[[0-9a-fA-F:.]+\\]):(\\d{1,5})");


    private final Path eventsFile;
    private final Path outputDir;
    private final PipelineConfig pipelineConfig;
    private final int parallelism;
    private final int maxParallelism;
    private final Duration checkpointInterval;
    private final double simRate;
    private final long simEvents;
    private final long simSeed;
    private final Instant simStart;
    private final boolean runForever;
    private final Duration summaryInterval;
    private final boolean quiet;
    private final boolean help;
    private final String bootstrapServers;
    private final String eventsTopic;
    private final String kpisTopic;
    private final String alertsTopic;
    private final String alertsFastTopic;
    private final String dlqTopic;
    private final String groupId;
    private final Map<String, String> kafkaProperties;
    private final String transactionalIdPrefix;
    private final Duration transactionTimeout;
    private final boolean kafkaBounded;
    private final StateBackend stateBackend;

    private JobOptions(Values v, PipelineConfig pipelineConfig) {
        this.bootstrapServers = v.bootstrapServers;
        this.eventsTopic = v.eventsTopic;
        this.kpisTopic = v.kpisTopic;
        this.alertsTopic = v.alertsTopic;
        this.alertsFastTopic = v.alertsFastTopic;
        this.dlqTopic = v.dlqTopic;
        this.groupId = v.groupId;
        this.kafkaProperties = Collections.unmodifiableMap(new LinkedHashMap<>(v.kafkaProperties));
        this.transactionalIdPrefix = v.transactionalIdPrefix;
        this.transactionTimeout = v.transactionTimeout;
        this.kafkaBounded = v.kafkaBounded;
        this.stateBackend = v.stateBackend;
        this.eventsFile = v.eventsFile;
        this.outputDir = v.outputDir;
        this.pipelineConfig = pipelineConfig;
        this.parallelism = v.parallelism;
        this.maxParallelism = v.maxParallelism == null
                ? KeyGroupRangeAssignment.computeDefaultMaxParallelism(v.parallelism)
                : v.maxParallelism;
        this.checkpointInterval = v.checkpointInterval;
        this.simRate = v.simRate;
        this.simEvents = v.simEvents;
        this.simSeed = v.simSeed;
        this.simStart = v.simStart;
        this.runForever = v.runForever;
        this.summaryInterval = v.summaryInterval;
        this.quiet = v.quiet;
        this.help = v.help;
    }

    /**
     * Parses the command line. When {@code --help} is among the arguments, the rest is not validated and the
     * result only says {@link #help()}.
     *
     * @throws OptionException naming the option and the problem
     */
    public static JobOptions parse(String... args) {
        return parse(Clock.systemUTC(), args);
    }

    /**
     * Parses the command line with {@code wallClock} as the wall clock: the event-time window of the pipeline
     * ({@code --max-future-skew}, {@code --max-event-age}) and the start checks are relative to it.
     *
     * @throws OptionException naming the option and the problem
     */
    public static JobOptions parse(Clock wallClock, String... args) {
        return parse(null, wallClock, args);
    }

    /**
     * Parses the command line of {@link SimulatorJob}: only {@link #SIMULATOR_JOB_OPTIONS}, and
     * {@code --kafka-bootstrap-servers} is required.
     *
     * @throws OptionException naming the option and the problem
     */
    public static JobOptions parseSimulatorJob(String... args) {
        return parse(SIMULATOR_JOB_OPTIONS, Clock.systemUTC(), args);
    }

    /** Parses with only {@code allowed} options (null: the TicketPulse job, every option). */
    private static JobOptions parse(Set<String> allowed, Clock wallClock, String... args) {
        Values values = new Values();
        for (Definition d : DEFINITIONS) {
            if (d.defaultValue != null) {
                d.setter.apply(values, d.name, d.defaultValue);
            }
        }
        if (List.of(args).contains("--help")) {
            values.help = true;
            return new JobOptions(values, null);
        }
        Map<String, Definition> byName = new LinkedHashMap<>();
        DEFINITIONS.stream().filter(d -> allowed == null || allowed.contains(d.name))
                .forEach(d -> byName.put(d.name, d));
        Set<String> given = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new OptionException("unexpected argument \"" + arg + "\" (options start with --)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Definition d = byName.get(name);
            if (d == null) {
                throw new OptionException(name + ": unknown option");
            }
            if (!given.add(name) && !REPEATABLE.contains(name)) {
                throw new OptionException(name + ": given more than once");
            }
            String raw;
            if (d.isFlag()) {
                if (eq >= 0) {
                    throw new OptionException(name + ": is a flag and takes no value");
                }
                raw = null;
            } else if (eq >= 0) {
                raw = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                raw = args[++i];
            } else {
                throw new OptionException(name + ": needs a value (" + d.valueName + ")");
            }
            d.setter.apply(values, name, raw);
        }
        if (allowed == null) {
            checkCombinations(values, given);
        } else {
            checkSimulatorJob(values, given);
        }
        if (values.eventsFile == null && (values.bootstrapServers == null || allowed != null)) {
            checkSimStart(values, wallClock);
        }
        return new JobOptions(values, pipelineConfig(values, wallClock));
    }

    /** The {@code --help} text: what the job does and a table of every option with its default. */
    public static String usage() {
        return usage("TicketPulse: rolling customer-service KPIs per channel and priority, on Flink.\n\n"
                + "Usage: TicketPulseJob [options]      (from the repository root: "
                + "mvn -q -Prun compile -Dexec.args=\"[options]\";\n"
                + "       on a cluster: flink run [-d] ticketpulse-jobs-<version>.jar [options])\n\n"
                + "With --kafka-bootstrap-servers the job reads --events-topic and writes KPI rows, alerts and\n"
                + "dead letters to Kafka (exactly once; no files). Otherwise it runs on an embedded Flink: without\n"
                + "--events-file a built-in ticket simulator feeds it, and the run ends by itself after\n"
                + "--sim-events records unless --run-forever; KPI rows and dead letters are written as JSON lines\n"
                + "under --output-dir. Durations: 250ms, 90s, 10m, 1h, 7d or combined (1h30m).\n", null);
    }

    /** The {@code --help} text of {@link SimulatorJob}. */
    public static String simulatorJobUsage() {
        return usage("TicketPulse simulator: produces simulated ticket events (including deliberately malformed,\n"
                + "duplicated and late ones) to a Kafka topic, keyed by ticket id, at least once.\n\n"
                + "Usage: flink run -c " + SimulatorJob.class.getName() + " ticketpulse-jobs-<version>.jar "
                + "[options]\n", SIMULATOR_JOB_OPTIONS);
    }

    private static String usage(String header, Set<String> allowed) {
        List<Definition> listed = DEFINITIONS.stream()
                .filter(d -> allowed == null || allowed.contains(d.name)).toList();
        StringBuilder sb = new StringBuilder(header);
        int width = 0;
        for (Definition d : listed) {
            width = Math.max(width, d.synopsis().length());
        }
        String group = null;
        for (Definition d : listed) {
            if (!d.group.equals(group)) {
                group = d.group;
                sb.append('\n').append(group).append(":\n");
            }
            sb.append("  ").append(pad(d.synopsis(), width)).append("  ").append(d.description);
            String shown = d.shownDefault != null ? d.shownDefault : d.defaultValue;
            if (shown != null) {
                sb.append(" (default: ").append(shown).append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The option names, in the order of {@code --help}. */
    public static List<String> optionNames() {
        return DEFINITIONS.stream().map(d -> d.name).toList();
    }

    /** True when the job reads from and writes to Kafka ({@code --kafka-bootstrap-servers}). */
    public boolean kafka() {
        return bootstrapServers != null;
    }

    /** The Kafka bootstrap servers, or empty for a file or simulator run. */
    public Optional<String> kafkaBootstrapServers() {
        return Optional.ofNullable(bootstrapServers);
    }

    public String eventsTopic() {
        return eventsTopic;
    }

    public String kpisTopic() {
        return kpisTopic;
    }

    public String alertsTopic() {
        return alertsTopic;
    }

    /** The low-latency at-least-once alerts topic, or empty when off (the default). */
    public Optional<String> alertsFastTopic() {
        return Optional.ofNullable(alertsFastTopic);
    }

    public String dlqTopic() {
        return dlqTopic;
    }

    public String groupId() {
        return groupId;
    }

    /** The {@code --kafka-property} settings in the order given; values may be secrets, never print them. */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /** Stop at the latest offsets seen at start. */
    public boolean kafkaBounded() {
        return kafkaBounded;
    }

    /** The state backend given on the command line; empty: the cluster's configuration decides. */
    public Optional<StateBackend> stateBackend() {
        return Optional.ofNullable(stateBackend);
    }

    /** The events file to replay, or empty to run the simulator. */
    public Optional<Path> eventsFile() {
        return Optional.ofNullable(eventsFile);
    }

    /** The folder under which each run writes its own {@code run-<UTC time>/} folder. */
    public Path outputDir() {
        return outputDir;
    }

    /** The validated topology settings (null only when {@link #help()}). */
    public PipelineConfig pipelineConfig() {
        return pipelineConfig;
    }

    public int parallelism() {
        return parallelism;
    }

    /** The job's max parallelism (its number of key groups), default 128. */
    public int maxParallelism() {
        return maxParallelism;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** Simulated records per second over all readers; 0 = unthrottled. */
    public double simRate() {
        return simRate;
    }

    /** Records the simulator emits in total; ignored when {@link #runForever()}. */
    public long simEvents() {
        return simEvents;
    }

    public long simSeed() {
        return simSeed;
    }

    public Instant simStart() {
        return simStart;
    }

    /** Simulate without end. */
    public boolean runForever() {
        return runForever;
    }

    public Duration summaryInterval() {
        return summaryInterval;
    }

    /** No live console table. */
    public boolean quiet() {
        return quiet;
    }

    /** Print the usage and exit. */
    public boolean help() {
        return help;
    }

    /** Every option with its value, {@code --kafka-property} values masked. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("JobOptions{");
        sb.append("kafkaBootstrapServers=").append(bootstrapServers)
                .append(", eventsTopic=").append(eventsTopic).append(", kpisTopic=").append(kpisTopic)
                .append(", alertsTopic=").append(alertsTopic).append(", alertsFastTopic=").append(alertsFastTopic)
                .append(", dlqTopic=").append(dlqTopic).append(", groupId=").append(groupId)
                .append(", kafkaProperties=[").append(maskedKafkaProperties()).append(']')
                .append(", transactionalIdPrefix=").append(transactionalIdPrefix)
                .append(", transactionTimeout=").append(transactionTimeout)
                .append(", kafkaBounded=").append(kafkaBounded)
                .append(", eventsFile=").append(eventsFile).append(", outputDir=").append(outputDir)
                .append(", pipelineConfig=").append(pipelineConfig)
                .append(", parallelism=").append(parallelism).append(", checkpointInterval=").append(checkpointInterval)
                .append(", stateBackend=").append(stateBackend)
                .append(", simRate=").append(simRate).append(", simEvents=").append(simEvents)
                .append(", simSeed=").append(simSeed).append(", simStart=").append(simStart)
                .append(", runForever=").append(runForever).append(", summaryInterval=").append(summaryInterval)
                .append(", quiet=").append(quiet).append('}');
        return sb.toString();
    }

    /** {@code key=***, key=***}: the --kafka-property keys, values masked. */
    public String maskedKafkaProperties() {
        StringBuilder sb = new StringBuilder();
        for (String key : kafkaProperties.keySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(key).append("=***");
        }
        return sb.toString();
    }

    /** --sim-events, --sim-duration and --run-forever exclude each other; a duration becomes a record count. */
    private static void checkSimulatorAmount(Values v, Set<String> given) {
        if (v.runForever && given.contains("--sim-events")) {
            throw new OptionException("--sim-events: cannot be combined with --run-forever");
        }
        if (v.simDuration == null) {
            return;
        }
        if (v.runForever || given.contains("--sim-events")) {
            throw new OptionException("--sim-duration: cannot be combined with "
                    + (v.runForever ? "--run-forever" : "--sim-events"));
        }
        if (v.simRate <= 0) {
            throw new OptionException("--sim-duration: needs a --sim-rate above 0 (the rate times the duration is"
                    + " the number of records)");
        }
        v.simEvents = Math.max(1, (long) Math.ceil(v.simRate * v.simDuration.toMillis() / 1000.0));
    }

    private static void checkSimulatorJob(Values v, Set<String> given) {
        if (v.bootstrapServers == null) {
            throw new OptionException("--kafka-bootstrap-servers: is required (where to produce the events)");
        }
        checkSimulatorAmount(v, given);
    }

    private static void checkCombinations(Values v, Set<String> given) {
        if (v.bootstrapServers != null) {
            if (given.contains("--events-file")) {
                throw new OptionException(
                        "--events-file: cannot be combined with --kafka-bootstrap-servers (the input is --events-topic)");
            }
            for (String name : optionNames()) {
                if (given.contains(name) && SIMULATOR_ONLY.contains(name)) {
                    throw new OptionException(name + ": only applies to the simulator, not with"
                            + " --kafka-bootstrap-servers (SimulatorJob produces simulated events to Kafka)");
                }
                if (given.contains(name) && FILE_OUTPUT_ONLY.contains(name)) {
                    throw new OptionException(name + ": does not apply with --kafka-bootstrap-servers"
                            + " (the output is Kafka topics)");
                }
            }
            checkTopicsDiffer(v);
            if (v.transactionTimeout.compareTo(v.checkpointInterval) <= 0) {
                throw new OptionException("--transaction-timeout: must be longer than --checkpoint-interval ("
                        + v.checkpointInterval.toMillis() + " ms): a transaction stays open for a checkpoint"
                        + " interval, got " + v.transactionTimeout.toMillis() + " ms");
            }
        } else {
            for (String name : optionNames()) {
                if (given.contains(name) && KAFKA_ONLY.contains(name)) {
                    throw new OptionException(name + ": only applies with --kafka-bootstrap-servers");
                }
            }
        }
        if (v.eventsFile != null) {
            for (String name : optionNames()) {
                if (given.contains(name) && SIMULATOR_ONLY.contains(name)) {
                    throw new OptionException(name + ": only applies to the simulator, not with --events-file");
                }
            }
        }
        checkSimulatorAmount(v, given);
        if (v.maxParallelism == null) {
            v.maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(v.parallelism);
        } else if (v.maxParallelism < v.parallelism) {
            throw new OptionException("--max-parallelism: must be at least --parallelism (" + v.parallelism
                    + "), got " + v.maxParallelism);
        }
    }

    private static void checkTopicsDiffer(Values v) {
        Map<String, String> byTopic = new LinkedHashMap<>();
        String[][] topics = {{"--events-topic", v.eventsTopic}, {"--kpis-topic", v.kpisTopic},
                {"--alerts-topic", v.alertsTopic}, {"--alerts-fast-topic", v.alertsFastTopic},
                {"--dlq-topic", v.dlqTopic}};
        for (String[] t : topics) {
            if (t[1] == null) {
                continue;
            }
            String other = byTopic.putIfAbsent(t[1], t[0]);
            if (other != null) {
                throw new OptionException(t[0] + ": \"" + t[1] + "\" is already the topic of " + other
                        + "; every topic must be different");
            }
        }
    }

    private static String parseBootstrapServers(String option, String raw) {
        String[] servers = raw.split(",", -1);
        for (String server : servers) {
            Matcher m = BOOTSTRAP_SERVER.matcher(server.trim());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (port < 1 || port > 65_535) {
                throw new OptionException(option + ": \"" + server + "\" is not HOST:PORT (use e.g."
                        + " localhost:9092,broker2:9092)");
            }
        }
        return raw.replace(" ", "");
    }

    private static String parseTopic(String option, String raw) {
        if (!TOPIC.matcher(raw).matches() || raw.equals(".") || raw.equals("..")) {
            throw new OptionException(option + ": \"" + raw + "\" is not a Kafka topic name"
                    + " (1-249 of a-z A-Z 0-9 . _ -)");
        }
        return raw;
    }

    private static String parseToken(String option, String raw) {
        if (!TOKEN.matcher(raw).matches()) {
            throw new OptionException(option + ": \"" + raw + "\" must be 1-200 of a-z A-Z 0-9 . _ -");
        }
        return raw;
    }

    /** KEY=VALUE into the values; the message never shows the value (it may be a secret). */
    private static void parseKafkaProperty(Values v, String option, String raw) {
        int eq = raw.indexOf('=');
        String key = eq < 0 ? raw : raw.substring(0, eq).trim();
        if (eq < 0 || key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new OptionException(option + ": needs KEY=VALUE, e.g. security.protocol=SASL_SSL");
        }
        putKafkaProperty(v, option, key, raw.substring(eq + 1));
    }

    /** One client property (of --kafka-property or --kafka-property-file); messages never show the value. */
    private static void putKafkaProperty(Values v, String option, String key, String value) {
        String reserved = RESERVED_KAFKA_PROPERTIES.get(key);
        if (reserved != null) {
            throw new OptionException(option + ": " + key + " cannot be set this way (" + reserved + ")");
        }
        if (v.kafkaProperties.putIfAbsent(key, value) != null) {
            // also when --kafka-property and --kafka-property-file both set it: neither silently wins
            throw new OptionException(option + ": " + key + " given more than once");
        }
    }

    /**
     * The simulated clock starts at {@code --sim-start} and never runs ahead of the wall clock (it is held back
     * once it catches up), so a start ahead of the wall clock by more than the allowed future skew would make
     * every simulated event a FUTURE_EVENT dead letter.
     */
    private static void checkSimStart(Values v, Clock wallClock) {
        long latest = wallClock.millis() + v.maxFutureSkew.toMillis();
        if (v.simStart.toEpochMilli() > latest) {
            throw new OptionException("--sim-start: " + Timestamps.format(v.simStart.toEpochMilli())
                    + " is ahead of the wall clock (" + Timestamps.format(wallClock.millis())
                    + ") by more than --max-future-skew (" + v.maxFutureSkew.toMillis() + " ms): every simulated"
                    + " event would be dead-lettered as FUTURE_EVENT");
        }
    }

    private static PipelineConfig pipelineConfig(Values v, Clock wallClock) {
        try {
            PipelineConfig.Builder builder = PipelineConfig.builder();
            if (v.quietWindows != null) {
                builder.quietWindows(v.quietWindows);
            }
            return builder
                    .wallClock(wallClock)
                    .windowSize(v.windowSize)
                    .windowSlide(v.windowSlide)
                    .allowedLateness(v.allowedLateness)
                    .maxOutOfOrderness(v.maxOutOfOrderness)
                    .sourceIdleTimeout(v.idleTimeout)
                    .waitThreshold(v.waitThreshold)
                    .ticketRetention(v.ticketRetention)
                    .tombstoneRetention(v.tombstoneRetention)
                    .maxPayloadBytes(v.maxPayloadBytes)
                    .slaPolicies(slaPolicies(v))
                    // a bounded input (a file, a bounded topic replay) is history: event time only, deterministic
                    .alertClock(v.eventsFile != null || v.kafkaBounded ? AlertClock.EVENT_TIME : v.alertClock)
                    // ... and only final KPI rows: the output depends on the data alone, byte for byte
                    .kpiUpdates(v.kpiUpdates != null ? v.kpiUpdates
                            : v.eventsFile != null || v.kafkaBounded ? KpiUpdates.FINAL_ONLY
                            : KpiUpdates.EARLY_AND_LATE)
                    .liveLagBound(v.liveLagBound)
                    .maxFutureSkew(v.maxFutureSkew)
                    .minEventTime(v.minEventTime)
                    .maxEventAge(v.maxEventAge)
                    .build();
        } catch (SlaPolicyException e) {
            throw new OptionException("--policy-file: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
    }

    private static SlaPolicySet slaPolicies(Values v) {
        return v.policyFile == null ? SlaPolicyFiles.loadDefault() : SlaPolicyFiles.load(v.policyFile);
    }

    private static KpiUpdates parseKpiUpdates(String option, String raw) {
        return switch (raw) {
            case "auto" -> null;
            case "final-only" -> KpiUpdates.FINAL_ONLY;
            case "early-and-late" -> KpiUpdates.EARLY_AND_LATE;
            default -> throw new OptionException(
                    option + ": \"" + raw + "\" is not auto, final-only or early-and-late");
        };
    }

    private static AlertClock parseAlertClock(String option, String raw) {
        return switch (raw) {
            case "auto" -> AlertClock.AUTO;
            case "event-time" -> AlertClock.EVENT_TIME;
            default -> throw new OptionException(option + ": \"" + raw + "\" is not auto or event-time");
        };
    }

    /**
     * Parses a duration such as {@code 250ms}, {@code 90s}, {@code 10m}, {@code 1h}, {@code 7d} or {@code 1h30m}.
     *
     * @throws OptionException naming {@code option} if {@code raw} is not one
     */
    static Duration parseDuration(String option, String raw) {
        try {
            return Durations.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new OptionException(option + ": " + e.getMessage());
        }
    }

    private static long parseLong(String option, String raw, long min) {
        long n;
        try {
            n = Long.parseLong(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new OptionException(option + ": \"" + raw + "\" is not a whole number");
        }
        if (n < min) {
            throw new OptionException(option + ": must be at least " + min + ", got " + raw);
        }
        return n;
    }

    private static int parseQuietWindows(String option, String raw) {
        long n = parseLong(option, raw, 0);
        if (n > KpiEmissionRule.MAX_QUIET_WINDOWS) {
            throw new OptionException(option + ": must be at most " + KpiEmissionRule.MAX_QUIET_WINDOWS + ", got " + raw);
        }
        return (int) n;
    }

    private static double parseRate(String option, String raw) {
        double rate;
        try {
            rate = Double.parseDouble(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new OptionException(option + ": \"" + raw + "\" is not a number");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new OptionException(option + ": must be 0 (unthrottled) or more, got " + raw);
        }
        return rate;
    }

    private static Instant parseInstant(String option, String raw) {
        try {
            return Instant.ofEpochMilli(Timestamps.parse(raw));
        } catch (DateTimeParseException e) {
            throw new OptionException(
                    option + ": \"" + raw + "\" is not an RFC 3339 timestamp (use e.g. " + DEFAULT_SIM_START + ")");
        }
    }

    private static Path parsePath(String option, String raw) {
        if (raw.isBlank()) {
            throw new OptionException(option + ": needs a non-empty path");
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new OptionException(option + ": \"" + raw + "\" is not a valid path");
        }
    }

    /** The output folder, or its nearest existing ancestor, must be a folder (it is created when missing). */
    private static void checkOutputDir(String option, Path p, String raw) {
        for (Path at = p.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
            if (Files.exists(at)) {
                if (!Files.isDirectory(at)) {
                    throw new OptionException(option + ": \"" + raw + "\" cannot be a folder: "
                            + (at.equals(p.toAbsolutePath().normalize()) ? "it is a file" : at + " is a file"));
                }
                if (!Files.isWritable(at)) {
                    throw new OptionException(option + ": \"" + raw + "\": " + at + " is not writable");
                }
                return;
            }
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    // ---- the definitions ----

    private static Definition duration(
            String name, String group, String def, String description, ValueSetter<Duration> setter) {
        return new Definition(name, group, "DURATION", def, description, null,
                (v, n, raw) -> setter.set(v, positiveDuration(n, raw)));
    }

    private static int atMost(String option, int value, int max) {
        if (value > max) {
            throw new OptionException(option + ": must be at most " + max + ", got " + value);
        }
        return value;
    }

    /** Kafka client settings in milliseconds are ints. */
    private static Duration fitsIntMillis(String option, Duration d) {
        if (d.toMillis() > Integer.MAX_VALUE) {
            throw new OptionException(option + ": must be at most " + Integer.MAX_VALUE + " ms (24d20h31m23s647ms),"
                    + " got " + d.toMillis() + " ms");
        }
        return d;
    }

    private static Duration positiveDuration(String option, String raw) {
        Duration d = parseDuration(option, raw);
        if (d.isZero()) {
            throw new OptionException(option + ": must be longer than 0, got " + raw);
        }
        return d;
    }

    private static Definition durationOrZero(
            String name, String group, String def, String description, ValueSetter<Duration> setter) {
        return new Definition(name, group, "DURATION", def, description, null,
                (v, n, raw) -> setter.set(v, parseDuration(n, raw)));
    }

    private static Definition integer(
            String name, String group, String def, int min, String description, ValueSetter<Integer> setter) {
        return new Definition(name, group, "N", def, description, null, (v, n, raw) -> {
            long value = parseLong(n, raw, min);
            if (value > Integer.MAX_VALUE) {
                throw new OptionException(n + ": must be at most " + Integer.MAX_VALUE + ", got " + raw);
            }
            setter.set(v, (int) value);
        });
    }

    private static Definition longValue(
            String name, String group, String def, long min, String description, ValueSetter<Long> setter) {
        return new Definition(name, group, "N", def, description, null,
                (v, n, raw) -> setter.set(v, parseLong(n, raw, min)));
    }

    private static Definition path(String name, String group, String def, String shownDefault, String description,
            ValueSetter<Path> setter) {
        return new Definition(name, group, "PATH", def, description, shownDefault, (v, n, raw) -> {
            Path p = parsePath(n, raw);
            if (n.equals("--events-file") && !Files.isRegularFile(p)) {
                throw new OptionException(n + ": no such file: " + raw);
            }
            if (n.equals("--output-dir")) {
                checkOutputDir(n, p, raw);
            }
            setter.set(v, p);
        });
    }

    private static Definition topic(String name, String def, String description, ValueSetter<String> setter) {
        return new Definition(name, "Kafka", "TOPIC", def, description, null,
                (v, n, raw) -> setter.set(v, parseTopic(n, raw)));
    }

    private static Definition flag(String name, String group, String description, FlagSetter setter) {
        return new Definition(name, group, null, null, description, null, (v, n, raw) -> setter.set(v));
    }

    /** One option: how it is written, documented, defaulted and applied. A null value name makes a flag. */
    private record Definition(String name, String group, String valueName, String defaultValue, String description,
            String shownDefault, Setter setter) {

        boolean isFlag() {
            return valueName == null;
        }

        String synopsis() {
            return isFlag() ? name : name + ' ' + valueName;
        }
    }

    @FunctionalInterface
    private interface Setter {
        void apply(Values values, String name, String raw);
    }

    @FunctionalInterface
    private interface ValueSetter<T> {
        void set(Values values, T value);
    }

    @FunctionalInterface
    private interface FlagSetter {
        void set(Values values);
    }

    /** Where keyed state lives ({@code state.backend.type}). */
    public enum StateBackend {
        /** Objects on the JVM heap, checkpointed in full. */
        HASHMAP,
        /** RocksDB on local disk (needs flink-statebackend-rocksdb on the class path; on a cluster it is). */
        ROCKSDB;

        /** The value of Flink's {@code state.backend.type}. */
        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        static StateBackend parse(String option, String raw) {
            for (StateBackend b : values()) {
                if (b.configValue().equals(raw)) {
                    return b;
                }
            }
            throw new OptionException(option + ": \"" + raw + "\" is not hashmap or rocksdb");
        }
    }

    /** The mutable values while parsing. */
    private static final class Values {
        String bootstrapServers;
        String eventsTopic;
        String kpisTopic;
        String alertsTopic;
        String alertsFastTopic;
        String dlqTopic;
        String groupId;
        final Map<String, String> kafkaProperties = new LinkedHashMap<>();
        String transactionalIdPrefix;
        Duration transactionTimeout;
        boolean kafkaBounded;
        StateBackend stateBackend;
        Path policyFile;
        AlertClock alertClock;
        /** null: auto. */
        KpiUpdates kpiUpdates;
        Duration liveLagBound;
        Path eventsFile;
        Path outputDir;
        Duration windowSize;
        Duration windowSlide;
        Duration allowedLateness;
        Integer quietWindows;
        Duration maxOutOfOrderness;
        Duration idleTimeout;
        Duration waitThreshold;
        Duration ticketRetention;
        Duration tombstoneRetention;
        Duration maxFutureSkew;
        Instant minEventTime;
        Duration maxEventAge;
        int maxPayloadBytes;
        int parallelism;
        /** null: 128, or Flink's default for a larger parallelism. */
        Integer maxParallelism;
        Duration checkpointInterval;
        double simRate;
        long simEvents;
        Duration simDuration;
        long simSeed;
        Instant simStart;
        boolean runForever;
        Duration summaryInterval;
        boolean quiet;
        boolean help;
    }

    /** A bad command line; the message names the option and the problem and is meant for the user as is. */
    public static final class OptionException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public OptionException(String message) {
            super(message);
        }
    }
}
