package io.ticketpulse.app;

import io.ticketpulse.io.KafkaClientSettings;
import io.ticketpulse.io.KafkaSinks;
import io.ticketpulse.io.SimulatorSource;
import io.ticketpulse.pipeline.Uids;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A producer job: the built-in ticket simulator's records, the same raw bytes the embedded run feeds the
 * pipeline (valid events, late ones, duplicates and the deliberately malformed records), written to the events
 * topic keyed by ticket id, at {@code --sim-rate} records/s, for {@code --sim-events} records or
 * {@code --run-forever}. Run it with {@code flink run -c io.ticketpulse.app.SimulatorJob JAR [options]} or from an
 * IDE (embedded). Options: {@link JobOptions#simulatorJobUsage()}.
 *
 * <p>Delivery is at least once, on purpose: after a failure the simulator starts again from its first record
 * (same seed, same event ids; see {@link SimulatorSource}), so records are re-sent whatever the sink's guarantee;
 * the TicketPulse job deduplicates events by {@code event_id}, so a re-sent valid event counts once (a re-sent
 * malformed record is dead-lettered again). Exactly once would only add a checkpoint interval of latency.
 */
public final class SimulatorJob {

    static final String JOB_NAME = "TicketPulse simulator";

    private SimulatorJob() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, Clock.systemUTC());
        System.exit(code);
    }

    /** Runs the producer for {@code args}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        JobOptions options;
        try {
            options = JobOptions.parseSimulatorJob(args);
        } catch (IllegalArgumentException e) {
            return TicketPulseJob.badCommandLine(err, "ticketpulse simulator", e);
        }
        if (options.help()) {
            out.print(JobOptions.simulatorJobUsage());
            return TicketPulseJob.EXIT_OK;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(options));
        build(env, options);
        out.println(describe(options));
        return TicketPulseJob.execute(env, JOB_NAME, out, err, clock, () -> {});
    }

    /** Simulator source to the events topic. */
    static void build(StreamExecutionEnvironment env, JobOptions options) {
        KafkaClientSettings client = TicketPulseJob.kafkaClient(options);
        env.fromSource(new SimulatorSource(TicketPulseJob.simulatorOptions(options)),
                        WatermarkStrategy.noWatermarks(), "simulated ticket events")
                .uid(Uids.SIMULATOR_SOURCE)
                .sinkTo(KafkaSinks.rawEvents(client, options.eventsTopic()))
                .uid(Uids.SIMULATOR_EVENTS_SINK)
                .name("events topic " + options.eventsTopic());
    }

    /** Parallelism, checkpoints (the at-least-once sink flushes on each), no Kryo, no generated uids. */
    static Configuration flinkConfiguration(JobOptions options) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
        return conf;
    }

    static String describe(JobOptions options) {
        String rate = options.simRate() > 0
                ? String.format(Locale.ROOT, "%,.0f records/s", options.simRate())
                : "full speed";
        String amount = options.runForever()
                ? "until stopped"
                : String.format(Locale.ROOT, "%,d records", options.simEvents());
        String props = options.kafkaProperties().isEmpty()
                ? ""
                : " with client properties " + options.maskedKafkaProperties();
        return "TicketPulse simulator, parallelism " + options.parallelism() + ": " + amount + " at " + rate
                + " from " + options.simStart() + " (seed " + options.simSeed() + ") to Kafka topic "
                + options.eventsTopic() + " at " + options.kafkaBootstrapServers().orElseThrow() + props
                + ", keyed by ticket id, at least once.";
    }
}
