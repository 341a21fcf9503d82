package io.ticketpulse.app;

import io.ticketpulse.io.AlertConsoleSink;
import io.ticketpulse.io.ConsoleSummarySink;
import io.ticketpulse.io.EventsFileSource;
import io.ticketpulse.io.JsonLinesSinks;
import io.ticketpulse.io.KafkaClientSettings;
import io.ticketpulse.io.KafkaEventsSource;
import io.ticketpulse.io.KafkaPolicySource;
import io.ticketpulse.io.PolicyFileWatcher;
import io.ticketpulse.io.PolicyRecord;
import io.ticketpulse.io.KafkaSinks;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.io.SimulatorSource;
import io.ticketpulse.io.SlaAlertValueSerializer;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TicketPulsePipeline;
import io.ticketpulse.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The TicketPulse job, built from the checked {@link JobOptions} of {@code ticketpulse run} ({@link RunCommand}):
 * picks the I/O and builds the topology with {@link TicketPulsePipeline#build}:
 *
 * <ul>
 *   <li>Kafka ({@code --kafka-bootstrap-servers}): reads the events topic, writes KPI rows, dead letters and
 *       alerts to Kafka topics exactly once ({@link KafkaSinks}); writes no files. The production path.
 *   <li>Otherwise the built-in ticket simulator or a JSON-lines events file, KPI rows and dead letters as JSON
 *       lines (plus a live console table), and a report of what was written at the end.
 * </ul>
 *
 * <p>Run from an IDE or with Maven it executes on an embedded Flink (MiniCluster); submitted to a cluster it runs
 * there. Submitted detached ({@code flink run -d}) it prints the job id and returns at once. Exit codes: 0 done
 * (or submitted), 1 the job failed, 2 bad command line.
 */
public final class TicketPulseJob {

    static final int EXIT_OK = TicketPulseCli.EXIT_OK;
    static final int EXIT_FAILED = TicketPulseCli.EXIT_FAILED;
    static final int EXIT_USAGE = TicketPulseCli.EXIT_USAGE;

    private TicketPulseJob() {}

    /** Kept for {@code flink run -c io.ticketpulse.app.TicketPulseJob}: the same as {@code ticketpulse run}. */
    public static void main(String[] args) {
        String[] run = new String[args.length + 1];
        run[0] = TicketPulseCli.DEFAULT_COMMAND;
        System.arraycopy(args, 0, run, 1, args.length);
        TicketPulseCli.main(run);
    }

    /**
     * {@code ticketpulse run ARGS} with only the command line (no Flink configuration, no environment variables);
     * returns the exit code.
     */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        String[] run = new String[args.length + 1];
        run[0] = TicketPulseCli.DEFAULT_COMMAND;
        System.arraycopy(args, 0, run, 1, args.length);
        return new TicketPulseCli(out, err, clock, new Configuration(), Map.of()).execute(run);
    }

    /**
     * Runs the job for {@code options}; returns the exit code.
     *
     * @throws JobOptions.OptionException when the input cannot be read or the parallelism is too high for an
     *     embedded run: exit code 2
     */
    static int run(JobOptions options, PrintStream out, PrintStream err, Clock clock) {
        checkEmbeddedParallelism(options.parallelism());
        Source<RawRecord, ?, ?> source = source(options);

        RunOutput output = options.kafka() ? null : RunOutput.of(options.outputDir(), clock.instant());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(options, output));
        PipelineSinks sinks = options.kafka()
                ? kafkaSinks(options)
                : new PipelineSinks(
                                JsonLinesSinks.kpis(output.kpiDir()),
                                JsonLinesSinks.deadLetters(output.deadLetterDir()),
                                options.quiet() ? null : new ConsoleSummarySink(options.summaryInterval()))
                        .withAlerts(JsonLinesSinks.alerts(output.alertDir()), null)
                        .withAlertSummary(options.quiet() ? null : new AlertConsoleSink(options.summaryInterval()));
        if (options.jdbc().isPresent()) {
            try {
                sinks = PostgresOutput.withTables(sinks, options.jdbc().get());
            } catch (SQLException e) {
                err.println("ticketpulse: PostgreSQL at " + options.jdbc().get().safeUrl() + ": " + e.getMessage());
                return EXIT_FAILED;
            }
        }
        AlertReceivers receivers = options.alertReceivers();
        if (receivers.alertmanager().isPresent() || receivers.pagerDuty().isPresent()) {
            sinks = sinks.withAlertDeliveries(receivers.alertmanager().orElse(null),
                    receivers.pagerDuty().orElse(null));
        }
        EmbeddedDashboard dashboard = null;
        if (output != null && options.dashboard().enabled() && embedded()) {
            try {
                dashboard = EmbeddedDashboard.start(options.dashboard().port(), options.pipelineConfig().slaPolicies(),
                        dashboardSource(options), Clock.systemUTC()); // events/s and the page's times: real time
            } catch (IOException e) {
                throw new JobOptions.OptionException("--dashboard-port: cannot serve the dashboard on 127.0.0.1:"
                        + options.dashboard().port() + ": " + e.getMessage());
            }
            sinks = dashboard.feed(sinks);
        }
        TicketPulsePipeline.build(env, options.pipelineConfig(), source, policySource(options), sinks);

        out.println(describe(options));
        if (output != null) {
            out.println("Output: " + output.dir());
        }
        if (dashboard != null) {
            out.println("Dashboard: " + dashboard.url());
        }
        try (EmbeddedDashboard served = dashboard) {
            return execute(env, JOB_NAME, out, err, clock, () -> {
                if (output != null) {
                    out.print(report(output));
                    // a bounded run (a file replay, the simulator without --run-forever) ends with its HTML report
                    if (options.eventsFile().isPresent() || !options.runForever()) {
                        ReportCommand.writeFor(output, options.pipelineConfig().slaPolicies(), out, err);
                    }
                }
                if (served != null) {
                    boolean interactive = System.console() != null;
                    served.finish(options.dashboard().lingerFor(interactive), out, interactive ? System.in : null);
                }
            });
        }
    }

    /** True when the job runs on an embedded Flink in this JVM (not submitted to a cluster). */
    static boolean embedded() {
        return StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
    }

    /** The dashboard's header line: what the embedded run reads. */
    private static String dashboardSource(JobOptions options) {
        return options.eventsFile()
                .map(f -> "replaying " + f.getFileName())
                .orElse(options.runForever() ? "simulator, until stopped" : String.format(Locale.ROOT,
                        "simulator, %,d records", options.simEvents()));
    }

    /**
     * Executes the job built on {@code env}. Attached (embedded, or {@code flink run} without {@code -d}) it waits
     * for the end, prints the time taken and the job id, then runs {@code whenDone}; submitted detached it prints
     * the job id and returns at once. Returns the exit code.
     */
    static int execute(StreamExecutionEnvironment env, String name, PrintStream out, PrintStream err, Clock clock,
            Runnable whenDone) {
        long started = clock.millis();
        try {
            JobExecutionResult result = env.execute(name);
            if (!result.isJobExecutionResult()) {
                // submitted detached (flink run -d): the job runs on the cluster, nothing to wait for here
                out.println("Submitted job " + result.getJobID() + " (detached).");
                return EXIT_OK;
            }
            out.println();
            out.printf(Locale.ROOT, "Done in %.1f s (job %s).%n", (clock.millis() - started) / 1000.0,
                    result.getJobID());
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("ticketpulse: the job failed: " + cause);
            e.printStackTrace(err);
            return EXIT_FAILED;
        }
        whenDone.run();
        return EXIT_OK;
    }

    /**
     * An embedded run (not submitted to a cluster) starts a local cluster with one slot per parallel subtask, all
     * in this JVM: its parallelism is bounded by the machine ({@link #maxEmbeddedParallelism}), so an absurd
     * value fails at start instead of running out of memory.
     *
     * @throws JobOptions.OptionException naming --parallelism when it is above the bound
     */
    static void checkEmbeddedParallelism(int parallelism) {
        boolean embedded = StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
        int max = maxEmbeddedParallelism(Runtime.getRuntime().availableProcessors());
        if (embedded && parallelism > max) {
            throw new JobOptions.OptionException("--parallelism: " + parallelism + " is more than an embedded run"
                    + " on this machine can hold (at most " + max + ": 4 per CPU core, at least 8); submit to a"
                    + " Flink cluster for more");
        }
    }

    /** At most 4 subtasks per CPU core, and never fewer than 8 allowed. */
    static int maxEmbeddedParallelism(int cpuCores) {
        return Math.max(8, 4 * cpuCores);
    }

    /** The Flink job name. */
    static final String JOB_NAME = "TicketPulse KPIs";

    /**
     * The input: the events file when given (lines longer than the maximum payload are cut just above it, so the
     * pipeline dead-letters them as oversized), else the simulator.
     */
    static Source<RawRecord, ?, ?> source(JobOptions options) {
        if (options.kafka()) {
            return KafkaEventsSource.of(
                    kafkaClient(options), options.eventsTopic(), options.groupId(), options.kafkaBounded());
        }
        if (options.eventsFile().isPresent()) {
            Path file = options.eventsFile().get().toAbsolutePath();
            try {
                EventsFileSource.checkCompressedFile(file);
            } catch (IOException e) {
                throw new JobOptions.OptionException("--events-file: " + e.getMessage());
            }
            return EventsFileSource.of(new org.apache.flink.core.fs.Path(file.toUri()),
                    options.pipelineConfig().maxPayloadBytes());
        }
        return new SimulatorSource(simulatorOptions(options));
    }

    /** The runtime policy records: the policy topic, the watched policy file, or none (null). */
    static Source<PolicyRecord, ?, ?> policySource(JobOptions options) {
        if (options.policyTopic().isPresent()) {
            return KafkaPolicySource.of(kafkaClient(options), options.policyTopic().get(), options.groupId(),
                    options.kafkaBounded());
        }
        if (options.watchedPolicyFile().isPresent()) {
            return PolicyFileWatcher.of(options.watchedPolicyFile().get(), POLICY_POLL_INTERVAL);
        }
        return null;
    }

    /** How often a watched policy file is looked at. */
    static final java.time.Duration POLICY_POLL_INTERVAL = java.time.Duration.ofSeconds(1);

    /** The Kafka servers and client properties of a Kafka run. */
    static KafkaClientSettings kafkaClient(JobOptions options) {
        return new KafkaClientSettings(options.kafkaBootstrapServers().orElseThrow(), options.kafkaProperties());
    }

    /**
     * The sinks of a Kafka run: KPI rows, dead letters and alerts exactly once, plus the at-least-once fast
     * alerts topic when {@code --alerts-fast-topic} is set. Alert values: {@link SlaAlertValueSerializer}.
     */
    static PipelineSinks kafkaSinks(JobOptions options) {
        KafkaSinks kafka =
                new KafkaSinks(kafkaClient(options), options.transactionalIdPrefix(), options.transactionTimeout());
        SlaAlertValueSerializer alertValue = new SlaAlertValueSerializer();
        return new PipelineSinks(kafka.kpis(options.kpisTopic()), kafka.deadLetters(options.dlqTopic()))
                .withAlerts(
                        kafka.alerts(options.alertsTopic(), alertValue),
                        options.alertsFastTopic().map(t -> kafka.alertsFast(t, alertValue)).orElse(null));
    }

    /** The simulator settings of the command line, on top of the simulator's own defaults. */
    static SimulatorOptions simulatorOptions(JobOptions options) {
        SimulatorOptions.Builder b = SimulatorOptions.builder()
                .eventsPerSecond(options.simRate())
                .seed(options.simSeed())
                .start(options.simStart())
                .profile(options.simProfile());
        return (options.runForever() ? b.unbounded() : b.events(options.simEvents())).build();
    }

    /**
     * The Flink runtime settings of this run (topology settings are in {@link PipelineConfig}): exactly-once
     * checkpoints every {@code --checkpoint-interval}, the {@code --state-backend}, no Kryo, no generated uids.
     * Runs with files ({@code output} not null) checkpoint to files in the run's folder: the job's state outgrows
     * the JobManager's in-memory checkpoint storage (5 MB). A Kafka run leaves the checkpoint storage to the
     * cluster's configuration ({@code execution.checkpointing.dir}), and so does the restart strategy.
     */
    static Configuration flinkConfiguration(JobOptions options, RunOutput output) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        // written out, not derived from the first start's parallelism: savepoints restore at 1..max parallelism
        conf.set(PipelineOptions.MAX_PARALLELISM, options.maxParallelism());
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        options.stateBackend().ifPresent(b -> conf.set(StateBackendOptions.STATE_BACKEND, b.configValue()));
        if (output != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, output.checkpointDir().toUri().toString());
        }
        // the sinks commit on checkpoints: the final checkpoint of a bounded run commits the rest
        conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, true);
        if (output != null) {
            // the embedded run's own restarts; on a cluster (Kafka runs) the cluster's restart strategy applies
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        }
        return conf;
    }

    /** One paragraph saying what this run does. */
    static String describe(JobOptions options) {
        PipelineConfig c = options.pipelineConfig();
        String windows = c.tumbling()
                ? "tumbling " + human(c.windowSize()) + " windows"
                : human(c.windowSize()) + " windows sliding every " + human(c.windowSlide());
        String kpis = "KPIs per channel and priority over " + windows + ", allowed lateness "
                + human(c.allowedLateness()) + ", checkpoints every " + human(options.checkpointInterval()) + ".\n"
                + "SLA alerts from " + c.slaPolicies().source() + " (version " + c.slaPolicies().version() + ", "
                + c.slaPolicies().policies().size() + " policies), alert clock "
                + (c.alertClock() == AlertClock.AUTO
                        ? "event time, and the wall clock while the stream is live"
                        : "event time") + '.'
                + options.policyTopic().map(t -> "\nRuntime SLA policies from topic " + t + '.').orElse("")
                + options.watchedPolicyFile().map(f -> "\nRuntime SLA policies: watching " + f
                        + " (each change applies without a restart; the run goes on until stopped).").orElse("");
        String outputs = options.jdbc().map(j -> '\n' + PostgresOutput.describe(j)).orElse("")
                + (options.alertReceivers().describe().isEmpty()
                        ? "" : '\n' + options.alertReceivers().describe().stripTrailing());
        kpis += outputs;
        if (options.kafka()) {
            String props = options.kafkaProperties().isEmpty()
                    ? ""
                    : " with client properties " + options.maskedKafkaProperties();
            return "TicketPulse, parallelism " + options.parallelism() + ", "
                    + options.stateBackend().map(JobOptions.StateBackend::configValue).orElse("the cluster's")
                    + " state: reading Kafka topic " + options.eventsTopic() + " at "
                    + options.kafkaBootstrapServers().orElseThrow() + props + " (group " + options.groupId()
                    + ", read_committed, from the committed offsets else the earliest"
                    + (options.kafkaBounded() ? ", bounded: up to the latest offsets at start" : "") + ").\n"
                    + "Writing exactly once (transactional id prefix " + options.transactionalIdPrefix()
                    + ", transaction timeout " + human(options.transactionTimeout()) + "): KPI rows to "
                    + options.kpisTopic() + ", dead letters to " + options.dlqTopic() + ", alerts to "
                    + options.alertsTopic()
                    + options.alertsFastTopic().map(t -> " (and at least once to " + t + ")").orElse("") + ".\n"
                    + kpis;
        }
        String input;
        if (options.eventsFile().isPresent()) {
            input = "replaying " + options.eventsFile().get().toAbsolutePath().normalize();
        } else {
            String rate = options.simRate() > 0
                    ? String.format(Locale.ROOT, "%,.0f records/s", options.simRate())
                    : "full speed";
            String amount = options.runForever()
                    ? "until stopped (Ctrl-C)"
                    : String.format(Locale.ROOT, "%,d records", options.simEvents());
            input = "simulating the " + options.simProfile().name() + " desk from " + options.simStart() + " (seed "
                    + options.simSeed() + "), " + amount
                    + " at " + rate;
        }
        return "TicketPulse on an embedded Flink, parallelism " + options.parallelism() + ": " + input + ".\n"
                + kpis;
    }

    /** The end-of-run report: where the output is and how much was committed. */
    static String report(RunOutput output) {
        RunOutput.Counts n = output.count();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "KPI rows:     %,d in %d file(s) under %s%n", n.kpiRows(), n.kpiFiles(),
                output.kpiDir()));
        sb.append(String.format(Locale.ROOT, "Dead letters: %,d in %d file(s) under %s%n", n.deadLetters(),
                n.deadLetterFiles(), output.deadLetterDir()));
        for (Map.Entry<String, Long> e : n.deadLettersByReason().entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-18s %,d%n", e.getKey(), e.getValue()));
        }
        sb.append(String.format(Locale.ROOT, "SLA alerts:   %,d records in %d file(s) under %s%n", n.alerts(),
                n.alertFiles(), output.alertDir()));
        for (Map.Entry<String, Long> e : n.alertsByState().entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-18s %,d%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    /** {@code 1h}, {@code 90s}, {@code 250ms}: a duration as the options write it. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                sb.append(ms / units[i]).append(names[i]);
                ms %= units[i];
            }
        }
        return sb.toString();
    }
}
