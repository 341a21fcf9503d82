package io.ticketpulse.benchmark;

import io.ticketpulse.domain.Durations;
import io.ticketpulse.functions.ParsedRecordRouter;
import io.ticketpulse.io.EventsFileSource;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.io.SimulatorSource;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TicketPulsePipeline;
import io.ticketpulse.pipeline.Uids;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.simulator.SimulatorOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.ParameterTool;

/**
 * The project's benchmark (issue 8, "Benchmark targets"): a measuring tool, not a test. It asserts nothing, its
 * numbers depend on the machine, and only ratios measured side by side in one run are compared. Every job runs
 * on a fresh local MiniCluster in this JVM ({@code pipeline.generic-types: false}, {@code
 * pipeline.auto-generate-uids: false}) at {@code --parallelism}; outputs (KPI rows, SLA alerts, dead letters) are
 * serialized to their JSON wire form and discarded ({@link JsonDiscardingSink}). Events/s is input records over
 * the job's net runtime ({@link JobExecutionResult#getNetRuntime}), which leaves out cluster start-up. Profiles:
 *
 * <ul>
 *   <li>{@code throughput}: the pipelines of {@code --variants} on the same input — the simulator
 *       ({@code --events}, {@code --seed}) or a ticket-event file ({@code --events-file}, e.g. the converted
 *       ServiceNow log) — in rounds that rotate their order so JIT warm-up favours none; the best run of each
 *       counts. Variants: {@code full} (KPIs + SLA alerts, default policies, event-time alert clock),
 *       {@code kpi} (KPIs only), {@code parse} (read and parse only), {@code full-rocksdb} and {@code kpi-rocksdb}
 *       (the same on RocksDB, whatever {@code --state-backend} says).
 *   <li>{@code ticket-length}: the full pipeline on two generated inputs with the same number of events and the
 *       same time span, one of tickets with {@code --short-events} events, one with {@code --long-events}
 *       ({@link SyntheticTickets#ticketsOfLength}); the ratio of their cost per event.
 *   <li>{@code state-size}: {@code --open-tickets} open tickets, one checkpoint per state backend of
 *       {@code --state-size-backends}; checkpoint size per open ticket ({@link StateSizeProfile}).
 *   <li>{@code all}: the three, then one table of every ratio against its target.
 * </ul>
 *
 * <p>Run from the repository root (Flink is a {@code provided} dependency, hence the {@code compile} classpath
 * scope, which includes provided ones; the {@code benchmark} execution of {@code exec-maven-plugin} in
 * {@code jobs/pom.xml} sets the main class, the scope and the repository root as working folder). README.md,
 * "Benchmark", has the command of every line of the table, e.g.:
 *
 * <pre>
 * mvn -B -q -pl jobs -am compile exec:exec@benchmark -Dexec.skip=true -Dexec.executable=java -Dbenchmark.args="--events 1000000 --parallelism 2 --rounds 2"
 * </pre>
 */
public final class PipelineBenchmark {

    private static final String USAGE = String.join("\n",
            "Usage: PipelineBenchmark [--profile throughput|ticket-length|state-size|all] [options]",
            "  --parallelism P         parallelism of each local run (default 2)",
            "  --rounds R              rounds; each runs every pipeline of the profile, rotating the order (default 2)",
            "  --state-backend B       hashmap or rocksdb: backend of the full and kpi variants and of the",
            "                          ticket-length profile (default hashmap)",
            "  --incremental BOOL      RocksDB incremental checkpoints (default true)",
            "  --checkpoint-interval D checkpoint the throughput and ticket-length runs every D into the work folder",
            "                          (default: no checkpoints)",
            "  --window-size D, --window-slide D   KPI windows (default: the pipeline's, 1h sliding by 1m)",
            "  --work-dir DIR          generated inputs and checkpoints (default output/benchmark)",
            " throughput:",
            "  --events N              simulated records per run (default 1000000)",
            "  --seed S                simulator seed (default 42)",
            "  --events-file FILE      read this ticket-event JSON-lines file instead of the simulator",
            "  --variants LIST         of full, kpi, parse, full-rocksdb, kpi-rocksdb (default full,kpi,parse)",
            "  --only V                run only this variant (e.g. for a profile)",
            " ticket-length:",
            "  --profile-events N      events of each input (default 1000000)",
            "  --short-events N        events per short ticket (default 10)",
            "  --long-events N         events per long ticket (default 10000)",
            " state-size:",
            "  --open-tickets N        open tickets (default 1000000)",
            "  --state-size-backends L of hashmap, rocksdb (default hashmap,rocksdb)",
            "  --keep-checkpoints      keep the checkpoint folders in the work folder");

    /** One pipeline of the throughput profile. */
    enum Variant {
        FULL("full", "KPI + SLA", true, false, null),
        KPI_ONLY("kpi", "KPI only", false, false, null),
        PARSE_ONLY("parse", "parse only", false, true, null),
        FULL_ROCKSDB("full-rocksdb", "KPI + SLA, RocksDB", true, false, "rocksdb"),
        KPI_ROCKSDB("kpi-rocksdb", "KPI only, RocksDB", false, false, "rocksdb");

        final String option;
        final String label;
        final boolean sla;
        final boolean parseOnly;
        final String fixedBackend;

        Variant(String option, String label, boolean sla, boolean parseOnly, String fixedBackend) {
            this.option = option;
            this.label = label;
            this.sla = sla;
            this.parseOnly = parseOnly;
            this.fixedBackend = fixedBackend;
        }

        static Variant fromOption(String name) {
            for (Variant v : values()) {
                if (v.option.equals(name)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("\"" + name + "\" is not one of full, kpi, parse, full-rocksdb, kpi-rocksdb");
        }
    }

    /** One measured run: seconds of net runtime, or the failure when the job did not finish. */
    record Run(int round, String label, long records, double seconds, String failure, double loadAverage) {
        double eventsPerSecond() {
            return failure == null ? records / seconds : Double.NaN;
        }
    }

    /** Start of the simulated clock: fixed (reproducible input) and years in the past. */
    static final java.time.Instant BENCHMARK_START = java.time.Instant.parse("2020-01-01T00:00:00Z");

    /** An input of the throughput or ticket-length profile: a fresh source per run and its record count. */
    record Input(String description, long records, Supplier<Source<RawRecord, ?, ?>> source) {}

    /** The options, validated. */
    record Options(String profile, int parallelism, int rounds, String stateBackend, boolean incremental,
            Duration checkpointInterval, Duration windowSize, Duration windowSlide, Path workDir, long events,
            long seed, Path eventsFile, List<Variant> variants, long profileEvents, int shortEvents, int longEvents,
            long openTickets, List<String> stateSizeBackends, boolean keepCheckpoints) {}

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        if (params.has("help") || params.has("h")) {
            System.out.println(USAGE);
            return;
        }
        Options o;
        try {
            o = options(params);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        Files.createDirectories(o.workDir());
        out.printf(Locale.ROOT, "TicketPulse benchmark, profile %s: parallelism %d, %d round(s), state backend %s, "
                + "windows %s, %d cores, max heap %,d MB%n", o.profile(), o.parallelism(), o.rounds(), o.stateBackend(),
                o.windowSize() == null ? "pipeline default" : o.windowSize() + " / " + o.windowSlide(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Ratios ratios = new Ratios();
        boolean all = o.profile().equals("all");
        if (all || o.profile().equals("throughput")) {
            throughput(o, out, ratios);
        }
        if (all || o.profile().equals("ticket-length")) {
            ticketLength(o, out, ratios);
        }
        if (all || o.profile().equals("state-size")) {
            stateSize(o, out, ratios);
        }
        out.println();
        out.print(ratios.table());
    }

    static Options options(ParameterTool p) {
        String profile = p.get("profile", "throughput");
        if (!List.of("throughput", "ticket-length", "state-size", "all").contains(profile)) {
            throw new IllegalArgumentException("--profile: \"" + profile + "\" is not throughput, ticket-length, state-size or all");
        }
        String backend = backend(p.get("state-backend", "hashmap"));
        List<Variant> variants = p.has("only") ? List.of(Variant.fromOption(p.get("only")))
                : Arrays.stream(p.get("variants", "full,kpi,parse").split(",")).map(String::strip)
                        .map(Variant::fromOption).distinct().toList();
        List<String> stateSizeBackends = Arrays.stream(p.get("state-size-backends", "hashmap,rocksdb").split(","))
                .map(String::strip).map(PipelineBenchmark::backend).distinct().toList();
        Duration windowSize = p.has("window-size") ? Durations.parse(p.get("window-size")) : null;
        Duration windowSlide = p.has("window-slide") ? Durations.parse(p.get("window-slide")) : windowSize;
        Options o = new Options(profile, p.getInt("parallelism", 2), p.getInt("rounds", 2), backend,
                p.getBoolean("incremental", true),
                p.has("checkpoint-interval") ? Durations.parse(p.get("checkpoint-interval")) : null,
                windowSize, windowSlide, Path.of(p.get("work-dir", "output/benchmark")), p.getLong("events", 1_000_000),
                p.getLong("seed", 42), p.has("events-file") ? Path.of(p.get("events-file")) : null, variants,
                p.getLong("profile-events", 1_000_000), p.getInt("short-events", 10), p.getInt("long-events", 10_000),
                p.getLong("open-tickets", 1_000_000), stateSizeBackends, p.has("keep-checkpoints"));
        if (o.parallelism() < 1 || o.rounds() < 1 || o.events() < 1 || o.openTickets() < 1 || o.profileEvents() < 1) {
            throw new IllegalArgumentException("--parallelism, --rounds, --events, --open-tickets and --profile-events "
                    + "must be at least 1");
        }
        if (o.shortEvents() < 4 || o.longEvents() < o.shortEvents()) {
            throw new IllegalArgumentException("--short-events must be at least 4 and --long-events at least as many");
        }
        if (o.eventsFile() != null && !Files.isRegularFile(o.eventsFile())) {
            throw new IllegalArgumentException("--events-file: " + o.eventsFile() + " is not a file");
        }
        return o;
    }

    private static String backend(String name) {
        if (!name.equals("hashmap") && !name.equals("rocksdb")) {
            throw new IllegalArgumentException("state backend \"" + name + "\" is not hashmap or rocksdb");
        }
        return name;
    }

    // ---------------------------------------------------------------------------------------------- profiles

    private static void throughput(Options o, PrintStream out, Ratios ratios) throws Exception {
        Input input;
        if (o.eventsFile() != null) {
            Path file = o.eventsFile().toAbsolutePath();
            input = new Input(file.getFileName().toString(), SyntheticTickets.countRecords(file), () -> fileSource(file));
        } else {
            // simulated time runs about 9 days per million records: start far enough back that it never reaches the
            // wall clock (where the simulator would turn real-time and events would meet --max-future-skew)
            SimulatorOptions sim = SimulatorOptions.builder().unthrottled().events(o.events()).seed(o.seed())
                    .start(BENCHMARK_START).build();
            input = new Input("simulator (seed " + o.seed() + ")", o.events(), () -> new SimulatorSource(sim));
        }
        out.printf(Locale.ROOT, "%n== throughput: %,d records of %s; variants %s%n", input.records(),
                input.description(), o.variants().stream().map(v -> v.option).toList());
        List<Run> runs = new ArrayList<>();
        List<Variant> variants = o.variants();
        for (int round = 1; round <= o.rounds(); round++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((i + round - 1) % variants.size()); // each round starts with the next
                String backend = variant.fixedBackend != null ? variant.fixedBackend : o.stateBackend();
                Run run = run(round, labelOf(variant, o), input, o, variant.sla, variant.parseOnly, backend);
                runs.add(run);
                out.println(row(run));
            }
        }
        double full = best(runs, labelOf(Variant.FULL, o));
        double kpi = best(runs, labelOf(Variant.KPI_ONLY, o));
        double parse = best(runs, labelOf(Variant.PARSE_ONLY, o));
        double fullRocks = best(runs, labelOf(Variant.FULL_ROCKSDB, o));
        double kpiRocks = best(runs, labelOf(Variant.KPI_ROCKSDB, o));
        out.printf(Locale.ROOT, "best events/s: %s%n", String.join(", ",
                bestOf("KPI + SLA", full), bestOf("KPI only", kpi), bestOf("parse only", parse),
                bestOf("KPI + SLA RocksDB", fullRocks), bestOf("KPI only RocksDB", kpiRocks)));
        String on = " (" + input.description() + ")";
        String backend = o.stateBackend().equals("rocksdb") ? ", RocksDB" : "";
        if (variants.contains(Variant.FULL) && variants.contains(Variant.PARSE_ONLY)) {
            ratios.add("KPI + SLA" + backend + " / parse only" + on, full, parse, ">= 0.5");
        }
        if (variants.contains(Variant.FULL) && variants.contains(Variant.KPI_ONLY)) {
            ratios.add("KPI + SLA / KPI only" + backend + on, full, kpi, ">= 0.8");
        }
        if (variants.contains(Variant.KPI_ONLY) && variants.contains(Variant.PARSE_ONLY)) {
            ratios.add("KPI only" + backend + " / parse only" + on, kpi, parse, "");
        }
        if (!o.stateBackend().equals("rocksdb") && variants.contains(Variant.FULL)) {
            if (variants.contains(Variant.FULL_ROCKSDB)) {
                ratios.add("KPI + SLA: RocksDB / heap" + on, fullRocks, full, ">= 0.5");
            }
            if (variants.contains(Variant.KPI_ROCKSDB) && variants.contains(Variant.KPI_ONLY)) {
                ratios.add("KPI only: RocksDB / heap" + on, kpiRocks, kpi, "");
            }
        }
        if (variants.contains(Variant.FULL_ROCKSDB) && variants.contains(Variant.PARSE_ONLY)) {
            ratios.add("KPI + SLA, RocksDB / parse only" + on, fullRocks, parse, "");
        }
    }

    private static void ticketLength(Options o, PrintStream out, Ratios ratios) throws Exception {
        long spanMs = (long) o.longEvents() * SyntheticTickets.EVENT_GAP_MS;
        Path shortFile = SyntheticTickets.ticketsOfLength(o.workDir(), o.profileEvents(), o.shortEvents(), spanMs);
        Path longFile = SyntheticTickets.ticketsOfLength(o.workDir(), o.profileEvents(), o.longEvents(), spanMs);
        Input shortInput = new Input(o.shortEvents() + "-event tickets", SyntheticTickets.countRecords(shortFile),
                () -> fileSource(shortFile.toAbsolutePath()));
        Input longInput = new Input(o.longEvents() + "-event tickets", SyntheticTickets.countRecords(longFile),
                () -> fileSource(longFile.toAbsolutePath()));
        out.printf(Locale.ROOT, "%n== ticket length: KPI + SLA on %s, %,d events of %,d-event tickets vs %,d events of "
                + "%,d-event tickets, same time span (%s)%n", o.stateBackend(), shortInput.records(), o.shortEvents(),
                longInput.records(), o.longEvents(), Duration.ofMillis(spanMs));
        List<Run> runs = new ArrayList<>();
        List<Input> inputs = List.of(shortInput, longInput);
        for (int round = 1; round <= o.rounds(); round++) {
            for (int i = 0; i < inputs.size(); i++) {
                Input input = inputs.get((i + round - 1) % inputs.size());
                Run run = run(round, input.description(), input, o, true, false, o.stateBackend());
                runs.add(run);
                out.println(row(run));
            }
        }
        double shortCost = 1 / best(runs, shortInput.description());
        double longCost = 1 / best(runs, longInput.description());
        out.printf(Locale.ROOT, "best cost per event: %.2f µs (%s), %.2f µs (%s)%n", shortCost * 1e6,
                shortInput.description(), longCost * 1e6, longInput.description());
        ratios.add(String.format(Locale.ROOT, "cost per event: %,d-event / %,d-event tickets (%s)", o.longEvents(),
                o.shortEvents(), o.stateBackend()), longCost, shortCost, "<= 2");
    }

    private static void stateSize(Options o, PrintStream out, Ratios ratios) throws Exception {
        Path file = SyntheticTickets.openTickets(o.workDir(), o.openTickets());
        out.printf(Locale.ROOT, "%n== state size: %,d open tickets (3 events each), KPI + SLA, one checkpoint per "
                + "backend (%s)%n", o.openTickets(), o.stateSizeBackends());
        for (String backend : o.stateSizeBackends()) {
            boolean incremental = backend.equals("rocksdb") && o.incremental();
            StateSizeProfile.Result r = StateSizeProfile.measure(backend, incremental, file, o.openTickets(),
                    o.parallelism(), pipelineConfig(o, true), o.workDir(), o.keepCheckpoints());
            String name = backend.equals("rocksdb") ? (incremental ? "RocksDB incremental" : "RocksDB full") : "heap";
            if (r.failure() != null) {
                out.printf(Locale.ROOT, "%-20s failed: %s%n", name, r.failure());
            } else {
                out.printf(Locale.ROOT, "%-20s read in %.1f s; checkpoint %d: full size %,d B, checkpointed %,d B, "
                        + "on disk %,d B, took %,d ms; %.0f B per open ticket%n", name, r.ingestSeconds(),
                        r.checkpointId(), r.stateSize(), r.checkpointedSize(), r.bytesOnDisk(), r.durationMs(),
                        r.bytesPerTicket());
                r.stateSizeByOperator().forEach((op, bytes) ->
                        out.printf(Locale.ROOT, "    %-100s %,15d B%n", op, bytes));
            }
            ratios.addValue(String.format(Locale.ROOT, "state per open ticket, B (%s, %,d tickets)", name,
                    o.openTickets()), r.failure() == null ? r.bytesPerTicket() : Double.NaN,
                    backend.equals("rocksdb") ? "<= 300" : "<= 1024");
            if (r.failure() == null) {
                ratios.addValue(String.format(Locale.ROOT, "checkpoint duration, s (%s, %,d tickets)", name,
                        o.openTickets()), r.durationMs() / 1000.0, "");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- one run

    /** Builds and executes one pipeline on a fresh local cluster. */
    static Run run(int round, String label, Input input, Options o, boolean sla, boolean parseOnly, String backend) {
        Configuration conf = configuration(backend, o.incremental());
        Path checkpoints = null;
        if (o.checkpointInterval() != null) {
            try {
                checkpoints = Files.createTempDirectory(Files.createDirectories(o.workDir()), "checkpoints-");
            } catch (java.io.IOException e) {
                return new Run(round, label, input.records(), Double.NaN, rootCause(e), loadAverage());
            }
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, o.checkpointInterval());
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(o.parallelism(), conf);
        try {
            if (parseOnly) {
                parseOnly(env, input.source().get(), pipelineConfig(o, false));
            } else {
                PipelineSinks sinks = new PipelineSinks(JsonDiscardingSink.kpis(), JsonDiscardingSink.deadLetters());
                TicketPulsePipeline.build(env, pipelineConfig(o, sla), input.source().get(),
                        sla ? sinks.withAlerts(JsonDiscardingSink.alerts(), null) : sinks);
            }
            JobExecutionResult result = env.execute("TicketPulse benchmark: " + label);
            return new Run(round, label, input.records(), result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0, null,
                    loadAverage());
        } catch (Exception e) {
            return new Run(round, label, input.records(), Double.NaN, rootCause(e), loadAverage());
        } finally {
            if (checkpoints != null) {
                deleteQuietly(checkpoints);
            }
        }
    }

    /**
     * The pipeline's input stage ({@link TicketPulsePipeline#ingest}: source, parse and validate in the source
     * reader, event time and watermarks, dead-letter routing), serialized dead letters: the floor under the full
     * pipeline.
     */
    static void parseOnly(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, PipelineConfig config) {
        SingleOutputStreamOperator<TicketEvent> parsed = TicketPulsePipeline.ingest(env, config, source);
        parsed.sinkTo(new DiscardingSink<>()).uid("benchmark-discard-events").name("discard events");
        parsed.getSideOutput(ParsedRecordRouter.DEAD_LETTERS)
                .sinkTo(JsonDiscardingSink.deadLetters())
                .uid("benchmark-dead-letters")
                .name("dead letters (serialized, discarded)");
    }

    /** The Flink configuration of a run: strict types and uids, and the state backend as on a cluster. */
    static Configuration configuration(String backend, boolean incremental) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        if (backend.equals("rocksdb")) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
            // about the managed memory of local-env's 1536 MB TaskManager (RocksDB's block cache and write buffers)
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        }
        return conf;
    }

    static PipelineConfig pipelineConfig(Options o, boolean sla) {
        PipelineConfig.Builder b = PipelineConfig.builder();
        if (sla) {
            b.slaPolicies(SlaPolicyFiles.loadDefault()).alertClock(AlertClock.EVENT_TIME);
        }
        if (o.windowSize() != null) {
            b.windowSize(o.windowSize()).windowSlide(o.windowSlide());
        }
        return b.build();
    }

    static Source<RawRecord, ?, ?> fileSource(Path file) {
        return EventsFileSource.of(new org.apache.flink.core.fs.Path(file.toUri()));
    }

    // ---------------------------------------------------------------------------------------------- reporting

    private static String labelOf(Variant v, Options o) {
        return v.fixedBackend == null && !v.parseOnly && o.stateBackend().equals("rocksdb") ? v.label + ", RocksDB" : v.label;
    }

    static String row(Run run) {
        if (run.failure() != null) {
            return String.format(Locale.ROOT, "round %d  %-22s  failed: %s", run.round(), run.label(), run.failure());
        }
        return String.format(Locale.ROOT, "round %d  %-22s  %8.2f s  %,12.0f events/s  (load average %.1f)",
                run.round(), run.label(), run.seconds(), run.eventsPerSecond(), run.loadAverage());
    }

    private static String bestOf(String label, double eventsPerSecond) {
        return Double.isNaN(eventsPerSecond) ? label + " n/a" : String.format(Locale.ROOT, "%s %,.0f", label, eventsPerSecond);
    }

    private static double best(List<Run> runs, String label) {
        return runs.stream()
                .filter(r -> r.label().equals(label) && r.failure() == null)
                .mapToDouble(Run::eventsPerSecond)
                .max()
                .orElse(Double.NaN);
    }

    /**
     * The machine's one-minute load average at the end of a run: the cores are shared, so a run next to other
     * work is slower; the rows show it, and rotation spreads it over the variants.
     */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void deleteQuietly(Path folder) {
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }

    /** The closing table: each measured ratio (or value) with its target from issue 8. */
    static final class Ratios {
        private final List<String[]> lines = new ArrayList<>();

        void add(String name, double numerator, double denominator, String target) {
            double ratio = numerator / denominator;
            lines.add(new String[] {name, Double.isNaN(ratio) ? "n/a (a run failed or was not selected)"
                    : String.format(Locale.ROOT, "%.2f", ratio), target});
        }

        void addValue(String name, double value, String target) {
            lines.add(new String[] {name, Double.isNaN(value) ? "n/a (failed)" : String.format(Locale.ROOT, "%.1f", value),
                    target});
        }

        String table() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-78s %12s  %s%n", "ratio", "measured", "target"));
            for (String[] l : lines) {
                s.append(String.format(Locale.ROOT, "%-78s %12s  %s%n", l[0], l[1], l[2]));
            }
            return s.toString();
        }
    }
}
