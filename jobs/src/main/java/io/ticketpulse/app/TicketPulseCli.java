package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ticketpulse}: the one entry point (the fat jar's main class). Subcommands are registered in
 * {@code @Command(subcommands = ...)} below, and only there. Without a subcommand the arguments are those of
 * {@code run}, so {@code ticketpulse --events-file F} and {@code flink run JAR --kafka-bootstrap-servers ...}
 * work as before the subcommands existed.
 *
 * <p>Before the command line is parsed, {@link OptionLayers} adds the settings of the environment (secrets), the
 * {@code --options-file} and the Flink configuration ({@code ticketpulse.*}) that the command line does not set.
 * Exit codes: 0 done (or help, or submitted detached), 1 the job failed, 2 a bad command line or configuration
 * (the message names the option, and the source of its value when that is not the command line).
 */
@Command(name = "ticketpulse", sortOptions = false, usageHelpWidth = 120,
        subcommands = {RunCommand.class, SimulateCommand.class, ImportCommand.class, ReportCommand.class,
                DashboardCommand.class, WhatIfCommand.class},
        headerHeading = "%n", header = "TicketPulse: rolling customer-service KPIs and SLA alerts, on Apache Flink.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {"ticketpulse [COMMAND] [OPTIONS]   (no COMMAND: run)"},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {"Without a command, ticketpulse runs 'run' with the options given. 'ticketpulse COMMAND --help'"
                + " lists a command's options.",
            "From the repository root: mvn -q -Prun compile -Dexec.args=\"[COMMAND] [OPTIONS]\"; on a cluster:"
                    + " flink run [-d] ticketpulse-jobs-<version>.jar [COMMAND] [OPTIONS]."})
public final class TicketPulseCli implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** The subcommand of a command line that names none. */
    static final String DEFAULT_COMMAND = "run";

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final ReadableConfig flinkConfiguration;
    private final Map<String, String> environment;
    /** Options set by a layer (not the command line), and where their values came from. */
    private final Map<String, String> layered = new HashMap<>();

    /**
     * A command line reading {@code flinkConfiguration} ({@code ticketpulse.*}) and the environment variables
     * {@code environment}; output to {@code out} and {@code err}; {@code clock} is the wall clock.
     */
    public TicketPulseCli(PrintStream out, PrintStream err, Clock clock, ReadableConfig flinkConfiguration,
            Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.flinkConfiguration = flinkConfiguration;
        this.environment = environment;
    }

    public static void main(String[] args) {
        // the Flink configuration of this environment: flink run's (config.yaml, -D ...), or empty when embedded
        ReadableConfig flink = StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration();
        int code = new TicketPulseCli(System.out, System.err, Clock.systemUTC(), flink, System.getenv())
                .execute(args);
        // exit explicitly: the embedded cluster may leave non-daemon threads behind
        System.exit(code);
    }

    /** Runs the command line {@code args}; returns the exit code. */
    public int execute(String... args) {
        List<String> argv;
        try {
            argv = withLayers(withDefaultCommand(args));
        } catch (OptionException e) {
            return usageError(e.getMessage());
        }
        return commandLine().execute(argv.toArray(String[]::new));
    }

    /**
     * Only checks the command line {@code args}: prints the help when asked (returns 0), reports a bad command
     * line (returns 2), else returns -1 (the command line is fine). {@code run}'s settings are checked in full;
     * other commands' option values only.
     */
    public int check(String... args) {
        CommandLine cl = commandLine();
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(withLayers(withDefaultCommand(args)).toArray(String[]::new));
        } catch (ParameterException e) {
            return usageError(message(e));
        } catch (OptionException e) {
            return usageError(e.getMessage());
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return EXIT_OK;
        }
        try {
            checkRepeats(parsed);
            if (parsed.subcommand() != null && parsed.subcommand().commandSpec().userObject() instanceof RunCommand r) {
                r.options();
            }
        } catch (ParameterException e) {
            return usageError(message(e));
        } catch (OptionException e) {
            return usageError(e.getMessage());
        }
        return -1;
    }

    /**
     * {@code ticketpulse run ARGS} parsed and checked, without running anything.
     *
     * @throws OptionException naming the option and the problem
     */
    static JobOptions parseRun(Clock clock, ReadableConfig flinkConfiguration, Map<String, String> environment,
            String... args) {
        List<String> argv = new ArrayList<>(List.of(DEFAULT_COMMAND));
        argv.addAll(Arrays.asList(args));
        TicketPulseCli cli = new TicketPulseCli(System.out, System.err, clock, flinkConfiguration, environment);
        return ((RunCommand) cli.parse(argv.toArray(String[]::new)).commandSpec().userObject()).options();
    }

    /**
     * The command line {@code args} (with the layers) parsed into its commands' objects, nothing run: the parse
     * result of the subcommand.
     *
     * @throws OptionException for a bad command line, with the message {@link #execute} would print
     */
    ParseResult parse(String... args) {
        CommandLine cl = commandLine();
        try {
            ParseResult parsed = cl.parseArgs(withLayers(withDefaultCommand(args)).toArray(String[]::new));
            checkRepeats(parsed);
            return parsed.subcommand();
        } catch (ParameterException e) {
            throw new OptionException(message(e));
        }
    }

    /** A new picocli command line on this object, with TicketPulse's error reporting. */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.setExpandAtFiles(false); // an argument starting with @ is a value, not a file of arguments
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((e, args) -> {
            err.println("ticketpulse: " + message(e));
            if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                err.println("Did you mean: " + String.join(", ", u.getSuggestions()) + "?");
            }
            err.println("Run with --help to see every option.");
            return EXIT_USAGE;
        });
        cl.setExecutionStrategy(parsed -> {
            checkRepeats(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof OptionException) {
                return usageError(e.getMessage());
            }
            throw e;
        });
        return cl;
    }

    @Override
    public Integer call() {
        // not reached: a command line without a command is run's
        CommandLine.usage(this, out);
        return EXIT_USAGE;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Clock clock() {
        return clock;
    }

    /** The environment variables: secrets an option falls back to ({@code TICKETPULSE_JDBC_PASSWORD}, ...). */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * True when {@code option} of the command {@code spec} was set by the user (the command line, the
     * environment or the options file), not by a default or the Flink configuration. The Flink configuration is
     * shared by every job of a cluster: its settings act as defaults, and never conflict with a run's mode.
     */
    boolean given(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option)
                && !layered.getOrDefault(option, "").startsWith("Flink configuration");
    }

    /**
     * A single-value option given twice is refused (picocli lets the last one win inside an {@code @ArgGroup}).
     *
     * @throws ParameterException naming the option
     */
    static void checkRepeats(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (OptionSpec o : p.matchedOptions()) {
                if (!o.isMultiValue() && o.originalStringValues().size() > 1) {
                    throw new ParameterException(p.commandSpec().commandLine(),
                            o.longestName() + ": given more than once", o, null);
                }
            }
        }
    }

    /** Options start the arguments (or there are none): they are run's. */
    static String[] withDefaultCommand(String[] args) {
        boolean startsWithOption = args.length == 0
                || args[0].startsWith("-") && !List.of("-h", "--help").contains(args[0]);
        if (!startsWithOption) {
            return args;
        }
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = DEFAULT_COMMAND;
        System.arraycopy(args, 0, withCommand, 1, args.length);
        return withCommand;
    }

    /** {@code argv} with the layers' values inserted after the subcommand's name. */
    private List<String> withLayers(String[] argv) {
        return withLayers(Arrays.asList(argv));
    }

    private List<String> withLayers(List<String> argv) {
        ParseResult probe;
        try {
            probe = commandLine().parseArgs(argv.toArray(String[]::new));
        } catch (ParameterException e) {
            return argv; // the real parse reports it
        }
        ParseResult sub = probe.subcommand();
        if (sub == null || sub.isUsageHelpRequested()) {
            return argv;
        }
        OptionLayers.Layered layers = OptionLayers.layers(sub, environment, flinkConfiguration);
        layered.putAll(layers.sources());
        List<String> all = new ArrayList<>(argv.subList(0, 1));
        all.addAll(layers.args());
        all.addAll(argv.subList(1, argv.size()));
        return all;
    }

    /** The one-line message of a bad command line: the option's name first, then its value's source. */
    String message(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        if (!(arg instanceof OptionSpec option)) {
            return e.getMessage();
        }
        String name = option.longestName();
        String message = e.getCause() instanceof TypeConversionException t ? name + ": " + t.getMessage()
                : e.getMessage();
        String source = layered.get(name);
        return source == null ? message : message + " (from " + source + ")";
    }

    private int usageError(String message) {
        err.println("ticketpulse: " + message);
        err.println("Run with --help to see every option.");
        return EXIT_USAGE;
    }
}
