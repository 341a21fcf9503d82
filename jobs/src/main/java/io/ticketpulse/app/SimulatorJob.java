package io.ticketpulse.app;

import io.ticketpulse.io.KafkaClientSettings;
import io.ticketpulse.io.KafkaSinks;
import io.ticketpulse.io.SimulatorSource;
import io.ticketpulse.pipeline.Uids;
import io.ticketpulse.simulator.SimulatorOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A producer job ({@code ticketpulse simulate}, {@link SimulateCommand}): the built-in ticket simulator's records,
 * the same raw bytes the embedded run feeds the pipeline (valid events, late ones, duplicates and the
 * deliberately malformed records), written to the events topic keyed by ticket id, at {@code --sim-rate}
 * records/s, for {@code --sim-events} records or {@code --run-forever}.
 *
 * <p>Delivery is at least once, on purpose: after a failure the simulator starts again from its first record
 * (same seed, same event ids; see {@link SimulatorSource}), so records are re-sent whatever the sink's guarantee;
 * the TicketPulse job deduplicates events by {@code event_id}, so a re-sent valid event counts once (a re-sent
 * malformed record is dead-lettered again). Exactly once would only add a checkpoint interval of latency.
 */
public final class SimulatorJob {

    static final String JOB_NAME = "TicketPulse simulator";

    /** The checked settings of the producer; {@link #toString()} masks the client property values. */
    record Settings(String bootstrapServers, String eventsTopic, Map<String, String> kafkaProperties,
            SimulatorOptions simulator, boolean runForever, int parallelism, Duration checkpointInterval) {

        KafkaClientSettings kafkaClient() {
            return new KafkaClientSettings(bootstrapServers, kafkaProperties);
        }

        @Override
        public String toString() {
            return "Settings{bootstrapServers=" + bootstrapServers + ", eventsTopic=" + eventsTopic
                    + ", kafkaProperties=[" + masked(kafkaProperties) + "], simulator=" + simulator
                    + ", parallelism=" + parallelism + ", checkpointInterval=" + checkpointInterval + '}';
        }
    }

    private SimulatorJob() {}

    /** Kept for {@code flink run -c io.ticketpulse.app.SimulatorJob}: the same as {@code ticketpulse simulate}. */
    public static void main(String[] args) {
        String[] simulate = new String[args.length + 1];
        simulate[0] = "simulate";
        System.arraycopy(args, 0, simulate, 1, args.length);
        TicketPulseCli.main(simulate);
    }

    /** Runs the producer; returns the exit code. */
    static int run(Settings settings, PrintStream out, PrintStream err, Clock clock) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(settings));
        build(env, settings);
        out.println(describe(settings));
        return TicketPulseJob.execute(env, JOB_NAME, out, err, clock, () -> {});
    }

    /** Simulator source to the events topic. */
    static void build(StreamExecutionEnvironment env, Settings settings) {
        env.fromSource(new SimulatorSource(settings.simulator()), WatermarkStrategy.noWatermarks(),
                        "simulated ticket events")
                .uid(Uids.SIMULATOR_SOURCE)
                .sinkTo(KafkaSinks.rawEvents(settings.kafkaClient(), settings.eventsTopic()))
                .uid(Uids.SIMULATOR_EVENTS_SINK)
                .name("events topic " + settings.eventsTopic());
    }

    /** Parallelism, checkpoints (the at-least-once sink flushes on each), no Kryo, no generated uids. */
    static Configuration flinkConfiguration(Settings settings) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, settings.parallelism());
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
        return conf;
    }

    static String describe(Settings settings) {
        SimulatorOptions sim = settings.simulator();
        String rate = sim.eventsPerSecond() > 0
                ? String.format(Locale.ROOT, "%,.0f records/s", sim.eventsPerSecond())
                : "full speed";
        String amount = settings.runForever()
                ? "until stopped"
                : String.format(Locale.ROOT, "%,d records", sim.events());
        String props = settings.kafkaProperties().isEmpty()
                ? ""
                : " with client properties " + masked(settings.kafkaProperties());
        return "TicketPulse simulator, parallelism " + settings.parallelism() + ": " + amount + " at " + rate
                + " from " + sim.start() + " (seed " + sim.seed() + ") to Kafka topic " + settings.eventsTopic()
                + " at " + settings.bootstrapServers() + props + ", keyed by ticket id, at least once.";
    }

    /** {@code key=***, key=***}. */
    static String masked(Map<String, String> properties) {
        List<String> keys = properties.keySet().stream().map(k -> k + "=***").toList();
        return String.join(", ", keys);
    }
}
