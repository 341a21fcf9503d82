package io.ticketpulse.app;

import io.ticketpulse.pipeline.PipelineConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one TicketPulse run, checked and immutable: what {@link TicketPulseJob} consumes. Parsed from
 * the command line (and the options file, environment and Flink configuration, see {@link TicketPulseCli}) by
 * {@link RunCommand}, which holds the options with their types, defaults and descriptions.
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

    /** The checked settings of {@code run} (see {@link RunCommand#options()}). */
    JobOptions(RunCommand c, PipelineConfig pipelineConfig, Map<String, String> kafkaProperties, int maxParallelism,
            long simEvents) {
        this.bootstrapServers = c.kafka.bootstrapServers;
        this.eventsTopic = c.kafka.eventsTopic;
        this.kpisTopic = c.topics.kpisTopic;
        this.alertsTopic = c.topics.alertsTopic;
        this.alertsFastTopic = c.topics.alertsFastTopic.isEmpty() ? null : c.topics.alertsFastTopic;
        this.dlqTopic = c.topics.dlqTopic;
        this.groupId = c.topics.groupId;
        this.kafkaProperties = Collections.unmodifiableMap(new LinkedHashMap<>(kafkaProperties));
        this.transactionalIdPrefix = c.topics.transactionalIdPrefix;
        this.transactionTimeout = c.topics.transactionTimeout;
        this.kafkaBounded = c.topics.kafkaBounded;
        this.stateBackend = c.state.stateBackend;
        this.eventsFile = c.input.eventsFile;
        this.outputDir = c.output.outputDir;
        this.pipelineConfig = pipelineConfig;
        this.parallelism = c.runtime.parallelism;
        this.maxParallelism = maxParallelism;
        this.checkpointInterval = c.runtime.checkpointInterval;
        this.simRate = c.simulation.rate;
        this.simEvents = simEvents;
        this.simSeed = c.simulation.seed;
        this.simStart = c.simulation.start;
        this.runForever = c.simulation.runForever;
        this.summaryInterval = c.output.summaryInterval;
        this.quiet = c.output.quiet;
    }

    /**
     * The settings of {@code ticketpulse run ARGS} with only the command line (no Flink configuration, no
     * environment), the wall clock the system's.
     *
     * @throws OptionException naming the option and the problem
     */
    public static JobOptions parse(String... args) {
        return parse(Clock.systemUTC(), args);
    }

    /**
     * The same with {@code wallClock} as the wall clock: the event-time window of the pipeline
     * ({@code --max-future-skew}, {@code --max-event-age}) and the start checks are relative to it.
     */
    public static JobOptions parse(Clock wallClock, String... args) {
        return TicketPulseCli.parseRun(wallClock, new org.apache.flink.configuration.Configuration(), Map.of(), args);
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

    /** The validated topology settings. */
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

        /** The spelling of {@code --state-backend} and {@code ticketpulse.state-backend}. */
        @Override
        public String toString() {
            return configValue();
        }
    }

    /** A bad command line; the message names the option and the problem and is meant for the user as is. */
    public static final class OptionException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public OptionException(String message) {
            super(message);
        }
    }
}
