package io.ticketpulse.benchmark;

import io.ticketpulse.functions.ParsedRecordRouter;
import io.ticketpulse.io.SimulatorSource;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TicketPulsePipeline;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.simulator.SimulatorOptions;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.ParameterTool;

/**
 * Throughput of the full pipeline (KPIs and SLA alerts, default policies), of the KPI pipeline without SLA
 * alerts, and of a parse-only pipeline, on the same bounded simulated input, in one JVM: each run is a fresh local MiniCluster ({@code pipeline.generic-types: false}, {@code
 * pipeline.auto-generate-uids: false}) reading an unthrottled {@link SimulatorSource} of {@code --events} records
 * with a fixed seed, writing to discarding sinks. Rounds rotate the order of the pipelines so that JIT
 * warm-up does not favour one; the summary compares the best run of each. Events/s is records over the job's
 * net runtime (from {@link JobExecutionResult#getNetRuntime}), which leaves out cluster start-up.
 *
 * <p>Run from the repository root (Flink is a {@code provided} dependency, hence the {@code compile} classpath
 * scope, which includes provided ones; the {@code benchmark} execution of {@code exec-maven-plugin} in
 * {@code jobs/pom.xml} sets the main class and scope):
 *
 * <pre>
 * mvn -B -q -pl jobs -am compile exec:exec@benchmark -Dexec.skip=true -Dexec.executable=java -Dbenchmark.args="--events 1000000 --parallelism 2 --rounds 2"
 * </pre>
 *
 * This is a measuring tool, not a test: it asserts nothing and its numbers depend on the machine.
 */
public final class PipelineBenchmark {

    private static final String USAGE = String.join("\n",
            "Usage: PipelineBenchmark [--events N] [--parallelism P] [--rounds R] [--seed S]",
            "  --events N       simulated records per run (default 1000000)",
            "  --parallelism P  parallelism of each local run (default 2)",
            "  --rounds R       rounds; each runs the three pipelines, rotating which goes first (default 2)",
            "  --seed S         simulator seed (default 42)",
            "  --only V         run only this pipeline: full, kpi or parse (e.g. for a profile)",
            "Measures events/s of the full pipeline (KPIs and SLA alerts), of the KPI pipeline without SLA alerts",
            "and of a parse-only pipeline, and prints their ratios.");

    /** The two pipelines compared. */
    enum Variant {
        FULL("KPI + SLA"),
        KPI_ONLY("KPI only"),
        PARSE_ONLY("parse only");

        final String label;

        Variant(String label) {
            this.label = label;
        }

        static Variant fromOption(String name) {
            return switch (name) {
                case "full" -> FULL;
                case "kpi" -> KPI_ONLY;
                case "parse" -> PARSE_ONLY;
                default -> throw new IllegalArgumentException("--only: \"" + name + "\" is not full, kpi or parse");
            };
        }
    }

    /** One measured run: seconds of net runtime, or the failure when the job did not finish. */
    record Run(int round, Variant variant, double seconds, String failure) {
        double eventsPerSecond(long events) {
            return failure == null ? events / seconds : Double.NaN;
        }
    }

    /** Start of the simulated clock: fixed (reproducible input) and years in the past. */
    static final Instant BENCHMARK_START = Instant.parse("2020-01-01T00:00:00Z");

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        if (params.has("help") || params.has("h")) {
            System.out.println(USAGE);
            return;
        }
        long events;
        int parallelism;
        int rounds;
        long seed;
        List<Variant> variants;
        try {
            events = params.getLong("events", 1_000_000);
            parallelism = params.getInt("parallelism", 2);
            rounds = params.getInt("rounds", 2);
            seed = params.getLong("seed", 42);
            variants = params.has("only") ? List.of(Variant.fromOption(params.get("only"))) : List.of(Variant.values());
            if (events < 1 || parallelism < 1 || rounds < 1) {
                throw new IllegalArgumentException("--events, --parallelism and --rounds must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        // simulated time runs about 9 days per million records: start far enough back that it never reaches the
        // wall clock (where the simulator would turn real-time and events would meet --max-future-skew)
        SimulatorOptions input =
                SimulatorOptions.builder().unthrottled().events(events).seed(seed).start(BENCHMARK_START).build();
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "TicketPulse pipeline benchmark: %,d simulated events (seed %d), parallelism %d, "
                + "%d round(s)%n", events, seed, parallelism, rounds);

        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((i + round - 1) % variants.size()); // each round starts with the next
                Run run = run(round, variant, input, parallelism);
                runs.add(run);
                out.println(row(run, events));
            }
        }
        out.println(summary(runs, events));
    }

    /** Builds and executes one pipeline on a fresh local cluster. */
    static Run run(int round, Variant variant, SimulatorOptions input, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        SimulatorSource source = new SimulatorSource(input);
        try {
            if (variant == Variant.FULL) {
                PipelineConfig withSla = PipelineConfig.builder()
                        .slaPolicies(SlaPolicyFiles.loadDefault())
                        .alertClock(AlertClock.EVENT_TIME)
                        .build();
                TicketPulsePipeline.build(env, withSla, source,
                        new PipelineSinks(new DiscardingSink<>(), new DiscardingSink<>())
                                .withAlerts(new DiscardingSink<>(), null));
            } else if (variant == Variant.KPI_ONLY) {
                TicketPulsePipeline.build(env, PipelineConfig.defaults(), source,
                        new PipelineSinks(new DiscardingSink<>(), new DiscardingSink<>()));
            } else {
                parseOnly(env, source, PipelineConfig.defaults());
            }
            JobExecutionResult result = env.execute("TicketPulse benchmark: " + variant.label);
            return new Run(round, variant, result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0, null);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return new Run(round, variant, Double.NaN, root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }

    /**
     * The pipeline's input stage ({@link TicketPulsePipeline#ingest}: source, parse and validate, event time and
     * watermarks, routing of dead letters), then discard: the floor under the full pipeline.
     */
    static void parseOnly(StreamExecutionEnvironment env, SimulatorSource source, PipelineConfig config) {
        SingleOutputStreamOperator<TicketEvent> parsed = TicketPulsePipeline.ingest(env, config, source);
        parsed.sinkTo(new DiscardingSink<>()).uid("benchmark-discard-events").name("discard-events");
        parsed.getSideOutput(ParsedRecordRouter.DEAD_LETTERS)
                .sinkTo(new DiscardingSink<>())
                .uid("benchmark-discard-dead-letters")
                .name("discard-dead-letters");
    }

    static String row(Run run, long events) {
        if (run.failure() != null) {
            return String.format(Locale.ROOT, "round %d  %-10s  failed: %s", run.round(), run.variant().label,
                    run.failure());
        }
        return String.format(Locale.ROOT, "round %d  %-10s  %8.2f s  %,12.0f events/s", run.round(),
                run.variant().label, run.seconds(), run.eventsPerSecond(events));
    }

    /** Best events/s of each pipeline and the ratios KPI + SLA / KPI only / parse only. */
    static String summary(List<Run> runs, long events) {
        double full = best(runs, Variant.FULL, events);
        double kpi = best(runs, Variant.KPI_ONLY, events);
        double parse = best(runs, Variant.PARSE_ONLY, events);
        return String.format(Locale.ROOT, "best: KPI + SLA %,.0f events/s, KPI only %,.0f events/s, parse only %,.0f "
                + "events/s; KPI + SLA / KPI only = %s, KPI + SLA / parse only = %s, KPI only / parse only = %s",
                full, kpi, parse, ratio(full, kpi), ratio(full, parse), ratio(kpi, parse));
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? "n/a (a pipeline failed)" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static double best(List<Run> runs, Variant variant, long events) {
        return runs.stream()
                .filter(r -> r.variant() == variant && r.failure() == null)
                .mapToDouble(r -> r.eventsPerSecond(events))
                .max()
                .orElse(Double.NaN);
    }
}
