package io.ticketpulse.app;

import io.ticketpulse.io.JdbcSettings;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.simulator.SimulatorProfile;
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
 * {@link RunCommand#options()}, which holds the options with their types, defaults and descriptions.
 *
 * @param kafkaBootstrapServers the Kafka brokers of a Kafka run; empty for a file or simulator run
 * @param alertsFastTopic the low-latency at-least-once alerts topic; empty when off (the default)
 * @param kafkaProperties the Kafka client properties; values may be secrets: never print them
 * @param stateBackend the state backend given; empty: the cluster's configuration decides
 * @param eventsFile the events file to replay; empty: the simulator (or Kafka)
 * @param outputDir the folder under which each file or simulator run writes its own {@code run-<UTC time>/}
 * @param maxParallelism the job's max parallelism (its number of key groups), default 128
 * @param simRate simulated records per second over all readers; 0 = unthrottled
 * @param simEvents records the simulator emits in total; ignored when {@code runForever}
 * @param simProfile the simulated help desk ({@code --sim-profile})
 * @param quiet no live console table
 * @param jdbc the PostgreSQL tables' settings ({@code --jdbc-*}); empty: no tables. The password is a secret
 *     ({@link JdbcSettings#toString} masks it)
 * @param alertReceivers where the committed alerts are delivered (Alertmanager, PagerDuty); the routing key is
 *     a secret, never printed
 * @param policyTopic the Kafka topic of runtime policy records ({@code --policy-topic}); empty: none
 * @param watchedPolicyFile the policy file watched for runtime changes ({@code --watch-policy-file}); empty: none
 * @param dashboard the live web dashboard of an embedded run ({@code --dashboard-*}); off with Kafka
 */
public record JobOptions(
        Optional<String> kafkaBootstrapServers,
        String eventsTopic,
        String kpisTopic,
        String alertsTopic,
        Optional<String> alertsFastTopic,
        String dlqTopic,
        String groupId,
        Map<String, String> kafkaProperties,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        boolean kafkaBounded,
        Optional<StateBackend> stateBackend,
        Optional<Path> eventsFile,
        Path outputDir,
        PipelineConfig pipelineConfig,
        int parallelism,
        int maxParallelism,
        Duration checkpointInterval,
        double simRate,
        long simEvents,
        long simSeed,
        Instant simStart,
        SimulatorProfile simProfile,
        boolean runForever,
        Duration summaryInterval,
        boolean quiet,
        Optional<JdbcSettings> jdbc,
        AlertReceivers alertReceivers,
        Optional<String> policyTopic,
        Optional<Path> watchedPolicyFile,
        DashboardSettings dashboard) {

    /** Default start of the simulated clock: a fixed instant, so that runs are reproducible. */
    public static final String DEFAULT_SIM_START = "2026-11-23T08:00:00Z";

    public static final String DEFAULT_EVENTS_TOPIC = "ticket-events";
    public static final String DEFAULT_KPIS_TOPIC = "ticket-kpis";
    public static final String DEFAULT_ALERTS_TOPIC = "sla-alerts";
    public static final String DEFAULT_DLQ_TOPIC = "ticket-events-dlq";

    /** The largest --parallelism: Flink's upper bound of the max parallelism (key groups). */
    public static final int MAX_PARALLELISM = 32_768;

    public JobOptions {
        kafkaProperties = Collections.unmodifiableMap(new LinkedHashMap<>(kafkaProperties));
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
        return kafkaBootstrapServers.isPresent();
    }

    /** Every setting, the Kafka client property values masked. */
    @Override
    public String toString() {
        return "JobOptions{kafkaBootstrapServers=" + kafkaBootstrapServers.orElse(null) + ", eventsTopic="
                + eventsTopic + ", kpisTopic=" + kpisTopic + ", alertsTopic=" + alertsTopic + ", alertsFastTopic="
                + alertsFastTopic.orElse(null) + ", dlqTopic=" + dlqTopic + ", groupId=" + groupId
                + ", kafkaProperties=[" + maskedKafkaProperties() + "], transactionalIdPrefix="
                + transactionalIdPrefix + ", transactionTimeout=" + transactionTimeout + ", kafkaBounded="
                + kafkaBounded + ", stateBackend=" + stateBackend.orElse(null) + ", eventsFile="
                + eventsFile.orElse(null) + ", outputDir=" + outputDir + ", pipelineConfig=" + pipelineConfig
                + ", parallelism=" + parallelism + ", maxParallelism=" + maxParallelism + ", checkpointInterval="
                + checkpointInterval + ", simRate=" + simRate + ", simEvents=" + simEvents + ", simSeed=" + simSeed
                + ", simStart=" + simStart + ", simProfile=" + simProfile + ", runForever=" + runForever + ", summaryInterval=" + summaryInterval
                + ", quiet=" + quiet + ", jdbc=" + jdbc.orElse(null) + ", alertReceivers="
                + alertReceivers.describe().replace('\n', ' ').strip() + ", policyTopic=" + policyTopic.orElse(null)
                + ", watchedPolicyFile=" + watchedPolicyFile.orElse(null) + ", dashboard=" + dashboard + '}';
    }

    /** {@code key=***, key=***}: the Kafka client property keys, values masked. */
    public String maskedKafkaProperties() {
        return SimulatorJob.masked(kafkaProperties);
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
