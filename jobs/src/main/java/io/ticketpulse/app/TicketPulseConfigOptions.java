package io.ticketpulse.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The settings of {@code ticketpulse run} and {@code ticketpulse simulate} as typed Flink configuration options,
 * key {@code ticketpulse.<option name without -->}, so that a Flink {@code config.yaml}, a {@code -D} of
 * {@code flink run} or a {@code FlinkDeployment}'s {@code flinkConfiguration} can set them without a command
 * line. They are read in the job's {@code main()} from the Flink configuration of the environment; the command
 * line, the environment and {@code --options-file} win over them (see {@link OptionLayers}). Values use Flink's
 * syntax (durations {@code 90 s}, {@code 10 min}, {@code 1 h}; enums case-insensitive); each is then checked like
 * the option's value. No defaults here: the options' defaults apply. Secrets have no key (the Flink configuration
 * is shown in the web UI): set them with {@code ticketpulse.kafka-property-file}, {@code
 * ticketpulse.jdbc-password-file}, {@code ticketpulse.pagerduty-routing-key-file} or the environment.
 */
public final class TicketPulseConfigOptions {

    /** The prefix of every key. */
    public static final String PREFIX = "ticketpulse.";

    // input and Kafka
    public static final ConfigOption<String> EVENTS_FILE = string("events-file", "JSON-lines file to replay");
    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
            string("kafka-bootstrap-servers", "Kafka brokers, HOST:PORT[,..]");
    public static final ConfigOption<String> EVENTS_TOPIC = string("events-topic", "ticket-event v1 topic");
    public static final ConfigOption<String> KAFKA_PROPERTY_FILE =
            string("kafka-property-file", "Kafka client properties file (secrets)");
    public static final ConfigOption<String> KPIS_TOPIC = string("kpis-topic", "ticket-kpi v1 topic");
    public static final ConfigOption<String> ALERTS_TOPIC = string("alerts-topic", "sla-alert topic");
    public static final ConfigOption<String> ALERTS_FAST_TOPIC =
            string("alerts-fast-topic", "at-least-once alerts topic; empty = off");
    public static final ConfigOption<String> DLQ_TOPIC = string("dlq-topic", "dead-letter topic");
    public static final ConfigOption<String> GROUP_ID = string("group-id", "consumer group");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            string("transactional-id-prefix", "transactional id prefix of the exactly-once sinks");
    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            duration("transaction-timeout", "Kafka transaction timeout");
    public static final ConfigOption<Boolean> KAFKA_BOUNDED =
            flag("kafka-bounded", "stop at the latest offsets seen at start");
    // file output
    public static final ConfigOption<String> OUTPUT_DIR = string("output-dir", "folder of the runs' output");
    public static final ConfigOption<Duration> SUMMARY_INTERVAL =
            duration("summary-interval", "how often the live KPI table is printed");
    public static final ConfigOption<Boolean> QUIET = flag("quiet", "no live KPI table or alerts line");
    // live web dashboard
    public static final ConfigOption<Integer> DASHBOARD_PORT =
            ConfigOptions.key(PREFIX + "dashboard-port").intType().noDefaultValue()
                    .withDescription(about("dashboard-port", "port of the embedded run's dashboard; 0 = any free"));
    public static final ConfigOption<Duration> DASHBOARD_LINGER =
            duration("dashboard-linger", "how long the dashboard stays up after a bounded run ended");
    public static final ConfigOption<Boolean> NO_DASHBOARD = flag("no-dashboard", "no web dashboard");
    // PostgreSQL tables
    public static final ConfigOption<String> JDBC_URL =
            string("jdbc-url", "PostgreSQL JDBC URL of the KPI and alert tables (no password in it)");
    public static final ConfigOption<String> JDBC_USER = string("jdbc-user", "PostgreSQL user");
    public static final ConfigOption<String> JDBC_PASSWORD_FILE =
            string("jdbc-password-file", "file holding the PostgreSQL password (secret)");
    public static final ConfigOption<String> JDBC_TABLE_PREFIX = string("jdbc-table-prefix", "table name prefix");
    // pipeline
    public static final ConfigOption<Duration> WINDOW_SIZE = duration("window-size", "KPI window size");
    public static final ConfigOption<Duration> WINDOW_SLIDE = duration("window-slide", "KPI window slide");
    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            duration("allowed-lateness", "late events this far behind the watermark still count");
    public static final ConfigOption<Integer> QUIET_WINDOWS =
            ConfigOptions.key(PREFIX + "quiet-windows").intType().noDefaultValue()
                    .withDescription(about("quiet-windows", "backlog-only KPI windows after the last with facts"));
    public static final ConfigOption<RunCommand.KpiUpdatesMode> KPI_UPDATES =
            ConfigOptions.key(PREFIX + "kpi-updates").enumType(RunCommand.KpiUpdatesMode.class).noDefaultValue()
                    .withDescription(about("kpi-updates", "auto, final-only or early-and-late"));
    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            duration("max-out-of-orderness", "watermark delay behind the newest event time");
    public static final ConfigOption<Duration> IDLE_TIMEOUT =
            duration("idle-timeout", "a silent input split stops holding the watermark");
    public static final ConfigOption<Duration> WAIT_THRESHOLD =
            duration("wait-threshold", "no first response this long after creation: timeout");
    public static final ConfigOption<Duration> TICKET_RETENTION =
            duration("ticket-retention", "a ticket's state is released this long after its last event");
    public static final ConfigOption<Duration> TOMBSTONE_RETENTION =
            duration("tombstone-retention", "an ended ticket's tombstone is kept this long");
    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            duration("max-future-skew", "events further ahead of the wall clock are dead letters");
    public static final ConfigOption<String> MIN_EVENT_TIME =
            string("min-event-time", "RFC 3339 instant; earlier events are dead letters");
    public static final ConfigOption<Duration> MAX_EVENT_AGE =
            duration("max-event-age", "events older than this behind the wall clock are dead letters");
    public static final ConfigOption<Integer> MAX_PAYLOAD_BYTES =
            ConfigOptions.key(PREFIX + "max-payload-bytes").intType().noDefaultValue()
                    .withDescription(about("max-payload-bytes", "larger input records are dead-lettered"));
    // SLA alerts
    public static final ConfigOption<String> POLICY_FILE = string("policy-file", "SLA policy file");
    public static final ConfigOption<RunCommand.AlertClockMode> ALERT_CLOCK =
            ConfigOptions.key(PREFIX + "alert-clock").enumType(RunCommand.AlertClockMode.class).noDefaultValue()
                    .withDescription(about("alert-clock", "auto or event-time"));
    public static final ConfigOption<Duration> LIVE_LAG_BOUND =
            duration("live-lag-bound", "the stream is live while it trails the wall clock by at most this");
    public static final ConfigOption<String> POLICY_TOPIC =
            string("policy-topic", "Kafka topic of runtime SLA policy records");
    public static final ConfigOption<Boolean> WATCH_POLICY_FILE =
            flag("watch-policy-file", "watch the policy file for runtime changes");
    public static final ConfigOption<Duration> IMMINENT_HORIZON =
            duration("imminent-horizon", "KPI rows count the SLA metrics breaching within this after the window end");
    // alert delivery
    public static final ConfigOption<String> ALERTMANAGER_URL =
            string("alertmanager-url", "Alertmanager receiving the committed alerts");
    public static final ConfigOption<Duration> ALERTMANAGER_RESEND_INTERVAL =
            duration("alertmanager-resend-interval", "firing alerts are re-sent to Alertmanager this often");
    public static final ConfigOption<String> PAGERDUTY_URL = string("pagerduty-url", "PagerDuty Events API v2 URL");
    public static final ConfigOption<String> PAGERDUTY_ROUTING_KEY_FILE =
            string("pagerduty-routing-key-file", "file holding the PagerDuty routing key (secret)");
    // runtime
    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key(PREFIX + "parallelism").intType().noDefaultValue()
                    .withDescription(about("parallelism", "parallelism of the job"));
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            duration("checkpoint-interval", "checkpoint interval");
    public static final ConfigOption<Integer> MAX_PARALLELISM =
            ConfigOptions.key(PREFIX + "max-parallelism").intType().noDefaultValue()
                    .withDescription(about("max-parallelism", "key groups of the job"));
    public static final ConfigOption<JobOptions.StateBackend> STATE_BACKEND =
            ConfigOptions.key(PREFIX + "state-backend").enumType(JobOptions.StateBackend.class).noDefaultValue()
                    .withDescription(about("state-backend", "hashmap or rocksdb"));
    // simulator
    public static final ConfigOption<Double> SIM_RATE =
            ConfigOptions.key(PREFIX + "sim-rate").doubleType().noDefaultValue()
                    .withDescription(about("sim-rate", "simulated records per second; 0 = unthrottled"));
    public static final ConfigOption<Long> SIM_EVENTS =
            ConfigOptions.key(PREFIX + "sim-events").longType().noDefaultValue()
                    .withDescription(about("sim-events", "records to simulate"));
    public static final ConfigOption<Duration> SIM_DURATION =
            duration("sim-duration", "simulate this long (yields to --sim-events or --run-forever given for a run)");
    public static final ConfigOption<Long> SIM_SEED =
            ConfigOptions.key(PREFIX + "sim-seed").longType().noDefaultValue()
                    .withDescription(about("sim-seed", "random seed"));
    public static final ConfigOption<String> SIM_START = string("sim-start", "RFC 3339 start of simulated time");
    public static final ConfigOption<String> SIM_PROFILE =
            string("sim-profile", "the simulated help desk: baseline or target");
    public static final ConfigOption<Boolean> RUN_FOREVER = flag("run-forever", "simulate until stopped");

    /** Every option, in the order of {@code ticketpulse run --help}. */
    public static final List<ConfigOption<?>> ALL = List.of(EVENTS_FILE, KAFKA_BOOTSTRAP_SERVERS, EVENTS_TOPIC,
            KAFKA_PROPERTY_FILE, KPIS_TOPIC, ALERTS_TOPIC, ALERTS_FAST_TOPIC, DLQ_TOPIC, GROUP_ID,
            TRANSACTIONAL_ID_PREFIX, TRANSACTION_TIMEOUT, KAFKA_BOUNDED, OUTPUT_DIR, SUMMARY_INTERVAL, QUIET,
            DASHBOARD_PORT, DASHBOARD_LINGER, NO_DASHBOARD, JDBC_URL,
            JDBC_USER, JDBC_PASSWORD_FILE, JDBC_TABLE_PREFIX, WINDOW_SIZE, WINDOW_SLIDE, ALLOWED_LATENESS, QUIET_WINDOWS, KPI_UPDATES, MAX_OUT_OF_ORDERNESS,
            IDLE_TIMEOUT, WAIT_THRESHOLD, TICKET_RETENTION, TOMBSTONE_RETENTION, MAX_FUTURE_SKEW, MIN_EVENT_TIME,
            MAX_EVENT_AGE, MAX_PAYLOAD_BYTES, POLICY_FILE, ALERT_CLOCK, LIVE_LAG_BOUND, POLICY_TOPIC,
            WATCH_POLICY_FILE, IMMINENT_HORIZON, ALERTMANAGER_URL,
            ALERTMANAGER_RESEND_INTERVAL, PAGERDUTY_URL, PAGERDUTY_ROUTING_KEY_FILE, PARALLELISM,
            CHECKPOINT_INTERVAL, MAX_PARALLELISM, STATE_BACKEND, SIM_RATE, SIM_EVENTS, SIM_DURATION, SIM_SEED,
            SIM_START, SIM_PROFILE, RUN_FOREVER);

    private static final Map<String, ConfigOption<?>> BY_OPTION = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(o -> optionName(o), Function.identity()));

    private TicketPulseConfigOptions() {}

    /** The configuration option of the command-line option {@code name} ({@code --window-size}), if any. */
    public static Optional<ConfigOption<?>> forOption(String name) {
        return Optional.ofNullable(BY_OPTION.get(name));
    }

    /** {@code --window-size} for {@code ticketpulse.window-size}. */
    public static String optionName(ConfigOption<?> option) {
        return "--" + option.key().substring(PREFIX.length());
    }

    private static String about(String name, String what) {
        return "TicketPulse: " + what + "; the option --" + name + " (given, it wins over this key).";
    }

    private static ConfigOption<String> string(String name, String what) {
        return ConfigOptions.key(PREFIX + name).stringType().noDefaultValue().withDescription(about(name, what));
    }

    private static ConfigOption<Duration> duration(String name, String what) {
        return ConfigOptions.key(PREFIX + name).durationType().noDefaultValue().withDescription(about(name, what));
    }

    private static ConfigOption<Boolean> flag(String name, String what) {
        return ConfigOptions.key(PREFIX + name).booleanType().noDefaultValue().withDescription(about(name, what));
    }
}
