package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.schema.Timestamps;
import io.ticketpulse.simulator.SimulatorOptions;
import io.ticketpulse.simulator.SimulatorProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

/**
 * The option sets that more than one subcommand has, each an {@code @ArgGroup(validate = false)} with its own
 * heading in {@code --help}: the Kafka connection, the simulation settings and the runtime settings. Defaults and
 * descriptions are written once, here.
 */
final class SharedOptions {

    private SharedOptions() {}

    /** Where Kafka is and how to connect: {@code run} (with Kafka) and {@code simulate}. */
    static final class KafkaConnection {
        @Option(names = "--kafka-bootstrap-servers", paramLabel = "HOST:PORT[,..]",
                converter = CliConverters.BootstrapServers.class,
                description = "Kafka brokers. run: read events from and write results to Kafka (not with"
                        + " --events-file); default off: a file or the simulator. simulate: required. what-if: the"
                        + " history is a bounded range of --events-topic (not with --events-file).")
        String bootstrapServers;

        @Option(names = "--events-topic", paramLabel = "TOPIC", defaultValue = JobOptions.DEFAULT_EVENTS_TOPIC,
                converter = CliConverters.Topic.class,
                description = "ticket-event v1 records (raw bytes): the job's input, the simulator's output.")
        String eventsTopic;

        @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", converter = CliConverters.KafkaProperty.class,
                showDefaultValue = Help.Visibility.NEVER,
                description = "Client property for every Kafka client, e.g. security.protocol=SSL (repeatable;"
                        + " values are never printed; env TICKETPULSE_KAFKA_PROPERTIES: one per line).")
        List<String> properties = new ArrayList<>();

        @Option(names = "--kafka-property-file", paramLabel = "PATH", converter = CliConverters.AnyPath.class,
                description = "Kafka client properties from a Java properties file, e.g. security.protocol,"
                        + " sasl.jaas.config: the place for secrets (or $${file:..}/$${env:..} references); values"
                        + " are never printed (env TICKETPULSE_KAFKA_PROPERTY_FILE).")
        Path propertyFile;

        /**
         * The client properties of {@code --kafka-property} (in the order given) and {@code --kafka-property-file}
         * (keys sorted); a key set twice is refused, and no message shows a value.
         */
        Map<String, String> clientProperties() {
            Map<String, String> all = new LinkedHashMap<>();
            for (String property : properties) {
                int eq = property.indexOf('=');
                put(all, "--kafka-property", property.substring(0, eq), property.substring(eq + 1));
            }
            if (propertyFile != null) {
                KafkaPropertyFile.read("--kafka-property-file", propertyFile)
                        .forEach((key, value) -> put(all, "--kafka-property-file", key, value));
            }
            return Collections.unmodifiableMap(all);
        }

        private static void put(Map<String, String> all, String option, String key, String value) {
            String reserved = CliConverters.RESERVED_KAFKA_PROPERTIES.get(key);
            if (reserved != null) {
                throw new OptionException(option + ": " + key + " cannot be set this way (" + reserved + ")");
            }
            if (all.putIfAbsent(key, value) != null) {
                // also when --kafka-property and --kafka-property-file both set it: neither silently wins
                throw new OptionException(option + ": " + key + " given more than once");
            }
        }
    }

    /** The built-in ticket simulator: {@code run} (without Kafka or a file) and {@code simulate}. */
    static final class SimulationSettings {
        @Option(names = "--sim-rate", paramLabel = "N", defaultValue = "2500", converter = CliConverters.Rate.class,
                description = "Simulated records per second; 0 = as fast as possible.")
        double rate;

        @Option(names = "--sim-events", paramLabel = "N", defaultValue = "150000",
                converter = CliConverters.Count.class,
                description = "Records to simulate; then the run ends by itself.")
        long events;

        @Option(names = "--sim-duration", paramLabel = "DURATION", converter = CliConverters.PositiveDuration.class,
                description = "Simulate this long at --sim-rate instead (records = rate x duration).")
        Duration duration;

        @Option(names = "--sim-seed", paramLabel = "N", defaultValue = "42", converter = CliConverters.Seed.class,
                description = "Random seed; the same seed, the same records.")
        long seed;

        @Option(names = "--sim-start", paramLabel = "TIME", defaultValue = JobOptions.DEFAULT_SIM_START,
                converter = CliConverters.Rfc3339.class,
                description = "RFC 3339 instant where simulated time starts.")
        Instant start;

        @Option(names = "--sim-profile", paramLabel = "NAME", defaultValue = "baseline",
                converter = CliConverters.SimProfile.class,
                description = "The simulated help desk: baseline (the playbook's current column: average FRT 25 min,"
                        + " 35 % waiting over 10 min, MTTR 4 h, FCR 60 %, CSAT 72/100) or target (its benchmark:"
                        + " 10 min, 15 %, 2 h, 80 %, 85/100).")
        SimulatorProfile profile;

        @Option(names = "--run-forever", description = "Simulate until stopped (Ctrl-C).")
        boolean runForever;

        /**
         * The number of records: {@code --sim-events}, or rate x {@code --sim-duration}; the two and
         * {@code --run-forever} exclude each other. {@code given} says whether an option was set by the user
         * (command line, options file, environment) rather than by a default or the Flink configuration.
         */
        long events(Predicate<String> given) {
            if (runForever && given.test("--sim-events")) {
                throw new OptionException("--sim-events: cannot be combined with --run-forever");
            }
            // a cluster-wide duration from the Flink configuration yields to an amount given for this run
            boolean useDuration = duration != null
                    && (given.test("--sim-duration") || !(runForever || given.test("--sim-events")));
            if (!useDuration) {
                return events;
            }
            if (runForever || given.test("--sim-events")) {
                throw new OptionException("--sim-duration: cannot be combined with "
                        + (runForever ? "--run-forever" : "--sim-events"));
            }
            if (rate <= 0) {
                throw new OptionException("--sim-duration: needs a --sim-rate above 0 (the rate times the duration"
                        + " is the number of records)");
            }
            return Math.max(1, (long) Math.ceil(rate * duration.toMillis() / 1000.0));
        }

        /**
         * The simulated clock starts at {@code --sim-start} and never runs ahead of the wall clock (it is held
         * back once it catches up), so a start ahead of the wall clock by more than the allowed future skew would
         * make every simulated event a FUTURE_EVENT dead letter.
         */
        void checkStart(Clock wallClock, Duration maxFutureSkew) {
            long latest = wallClock.millis() + maxFutureSkew.toMillis();
            if (start.toEpochMilli() > latest) {
                throw new OptionException("--sim-start: " + Timestamps.format(start.toEpochMilli())
                        + " is ahead of the wall clock (" + Timestamps.format(wallClock.millis())
                        + ") by more than --max-future-skew (" + maxFutureSkew.toMillis() + " ms): every simulated"
                        + " event would be dead-lettered as FUTURE_EVENT");
            }
        }

        /** The simulator's settings for {@code events} records (ignored when {@code --run-forever}). */
        SimulatorOptions simulatorOptions(long events) {
            SimulatorOptions.Builder b =
                    SimulatorOptions.builder().eventsPerSecond(rate).seed(seed).start(start).profile(profile);
            return (runForever ? b.unbounded() : b.events(events)).build();
        }
    }

    /** Flink runtime settings of every job. */
    static final class RuntimeSettings {
        @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
                converter = CliConverters.Parallelism.class,
                description = "Parallelism of the Flink job (at most 32768; an embedded run at most max(8, 4 x CPU"
                        + " cores)).")
        int parallelism;

        @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "10s",
                converter = CliConverters.PositiveDuration.class,
                description = "Output files and Kafka transactions are committed on each checkpoint.")
        Duration checkpointInterval;
    }
}
