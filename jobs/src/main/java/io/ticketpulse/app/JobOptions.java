package io.ticketpulse.app;

import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.Timestamps;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final List<Definition> DEFINITIONS = List.of(
            // input
            path("--events-file", "Input", null, "the simulator",
                    "replay this JSON-lines file of ticket events instead of simulating",
                    (v, p) -> v.eventsFile = p),
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
                    "how long a closed ticket's state is kept",
                    (v, d) -> v.ticketRetention = d),
            integer("--max-payload-bytes", "Pipeline", "65536", 256,
                    "larger input records are dead-lettered unparsed",
                    (v, n) -> v.maxPayloadBytes = n),
            // runtime
            integer("--parallelism", "Flink runtime", "2", 1, "parallelism of the Flink job",
                    (v, n) -> v.parallelism = n),
            duration("--checkpoint-interval", "Flink runtime", "10s",
                    "output files are committed on each checkpoint",
                    (v, d) -> v.checkpointInterval = d),
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
            flag("--run-forever", "Simulator",
                    "simulate until stopped (Ctrl-C)",
                    v -> v.runForever = true),
            // console
            duration("--summary-interval", "Console", "2s", "how often the live KPI table is printed",
                    (v, d) -> v.summaryInterval = d),
            flag("--quiet", "Console", "no live KPI table", v -> v.quiet = true),
            flag("--help", "Console", "print this help and exit", v -> v.help = true));

    private static final Set<String> SIMULATOR_ONLY =
            Set.of("--sim-rate", "--sim-events", "--sim-seed", "--sim-start", "--run-forever");

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Path eventsFile;
    private final Path outputDir;
    private final PipelineConfig pipelineConfig;
    private final int parallelism;
    private final Duration checkpointInterval;
    private final double simRate;
    private final long simEvents;
    private final long simSeed;
    private final Instant simStart;
    private final boolean runForever;
    private final Duration summaryInterval;
    private final boolean quiet;
    private final boolean help;

    private JobOptions(Values v, PipelineConfig pipelineConfig) {
        this.eventsFile = v.eventsFile;
        this.outputDir = v.outputDir;
        this.pipelineConfig = pipelineConfig;
        this.parallelism = v.parallelism;
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
        DEFINITIONS.forEach(d -> byName.put(d.name, d));
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
            if (!given.add(name)) {
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
        checkCombinations(values, given);
        return new JobOptions(values, pipelineConfig(values));
    }

    /** The {@code --help} text: what the job does and a table of every option with its default. */
    public static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("TicketPulse: rolling customer-service KPIs per channel and priority, on an embedded Flink.\n\n")
                .append("Usage: TicketPulseJob [options]      (from the repository root: ")
                .append("mvn -q -Prun compile -Dexec.args=\"[options]\")\n\n")
                .append("Without --events-file a built-in ticket simulator feeds the job; the run ends by itself\n")
                .append("after --sim-events records unless --run-forever. KPI rows and dead letters are written as\n")
                .append("JSON lines under --output-dir. Durations: 250ms, 90s, 10m, 1h, 7d or combined (1h30m).\n");
        int width = 0;
        for (Definition d : DEFINITIONS) {
            width = Math.max(width, d.synopsis().length());
        }
        String group = null;
        for (Definition d : DEFINITIONS) {
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

    private static void checkCombinations(Values v, Set<String> given) {
        if (v.eventsFile != null) {
            for (String name : optionNames()) {
                if (given.contains(name) && SIMULATOR_ONLY.contains(name)) {
                    throw new OptionException(name + ": only applies to the simulator, not with --events-file");
                }
            }
        }
        if (v.runForever && given.contains("--sim-events")) {
            throw new OptionException("--sim-events: cannot be combined with --run-forever");
        }
    }

    private static PipelineConfig pipelineConfig(Values v) {
        try {
            return PipelineConfig.builder()
                    .windowSize(v.windowSize)
                    .windowSlide(v.windowSlide)
                    .allowedLateness(v.allowedLateness)
                    .maxOutOfOrderness(v.maxOutOfOrderness)
                    .sourceIdleTimeout(v.idleTimeout)
                    .waitThreshold(v.waitThreshold)
                    .ticketRetention(v.ticketRetention)
                    .maxPayloadBytes(v.maxPayloadBytes)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
    }

    /**
     * Parses a duration such as {@code 250ms}, {@code 90s}, {@code 10m}, {@code 1h}, {@code 7d} or {@code 1h30m}.
     *
     * @throws OptionException naming {@code option} if {@code raw} is not one
     */
    static Duration parseDuration(String option, String raw) {
        Matcher m = DURATION_PART.matcher(raw);
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (m.lookingAt()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
                end = m.end();
                m.region(end, raw.length());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new OptionException(option + ": \"" + raw + "\" is too long a duration");
        }
        if (end == 0 || end != raw.length()) {
            throw new OptionException(option + ": \"" + raw + "\" is not a duration (use e.g. 30s, 10m, 1h)");
        }
        return total;
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

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    // ---- the definitions ----

    private static Definition duration(
            String name, String group, String def, String description, ValueSetter<Duration> setter) {
        return new Definition(name, group, "DURATION", def, description, null, (v, n, raw) -> {
            Duration d = parseDuration(n, raw);
            if (d.isZero()) {
                throw new OptionException(n + ": must be longer than 0, got " + raw);
            }
            setter.set(v, d);
        });
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
            setter.set(v, p);
        });
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

    /** The mutable values while parsing. */
    private static final class Values {
        Path eventsFile;
        Path outputDir;
        Duration windowSize;
        Duration windowSlide;
        Duration allowedLateness;
        Duration maxOutOfOrderness;
        Duration idleTimeout;
        Duration waitThreshold;
        Duration ticketRetention;
        int maxPayloadBytes;
        int parallelism;
        Duration checkpointInterval;
        double simRate;
        long simEvents;
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
