package io.ticketpulse.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;

/** Runs the {@code ticketpulse} command line in tests: parse only, or execute with captured output. */
final class CliTesting {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    /** What an execution printed and returned. */
    record Result(int code, String out, String err) {}

    private CliTesting() {}

    /** A command line without Flink configuration or environment variables. */
    static TicketPulseCli cli() {
        return cli(new Configuration(), Map.of());
    }

    static TicketPulseCli cli(Configuration flink, Map<String, String> env) {
        return new TicketPulseCli(System.out, System.err, CLOCK, flink, env);
    }

    /** {@code ticketpulse simulate ARGS}, checked. */
    static SimulatorJob.Settings simulate(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        return ((SimulateCommand) cli().parse(all).commandSpec().userObject()).settings();
    }

    /** {@code ticketpulse run ARGS} with {@code flink} and {@code env}, checked. */
    static JobOptions run(Configuration flink, Map<String, String> env, String... args) {
        return TicketPulseCli.parseRun(CLOCK, flink, env, args);
    }

    /** Executes {@code ticketpulse ARGS}. */
    static Result execute(Configuration flink, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new TicketPulseCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK, flink, env).execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result execute(String... args) {
        return execute(new Configuration(), Map.of(), args);
    }

    /** picocli's model of the whole command line. */
    static CommandLine model() {
        return cli().commandLine();
    }

    /** The {@code --help} text of {@code command} ({@code run}, {@code simulate}). */
    static String usage(String command) {
        return model().getSubcommands().get(command).getUsageMessage();
    }
}
