package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.domain.whatif.MetricResult;
import io.ticketpulse.domain.whatif.WhatIfComparison;
import io.ticketpulse.domain.whatif.WhatIfEvaluation;
import io.ticketpulse.io.EventsFileSource;
import io.ticketpulse.io.HistoryFile;
import io.ticketpulse.io.SlaPolicyException;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.io.WhatIfJson;
import io.ticketpulse.io.WhatIfTable;
import io.ticketpulse.report.ReportHtml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ticketpulse what-if}: a history file evaluated under the current and a candidate SLA policy file, and the
 * comparison written as JSON lines and printed as a table. Runs the per-ticket engine directly over the sorted
 * history (no Flink job; see README.md, "What-if on history").
 */
@Command(name = "what-if", sortOptions = false, showDefaultValues = true, usageHelpWidth = 120,
        headerHeading = "%n",
        header = "Compare a history under the current and a candidate SLA policy file (attainment, breaches, pages).",
        descriptionHeading = "%n",
        description = {"Every ticket of --events-file is replayed on the per-ticket SLA engine twice, under"
                + " --policy-file and under --candidate-policy-file, and each metric's result is read off at the end"
                + " of the history (its latest event time). The comparison per channel x priority x metric, and the"
                + " metrics whose outcome changes, are written to --output-file as JSON lines (what-if v1) and"
                + " printed as a table. Rejected lines are counted by reason, not fatal. Exit code 0 done, 1 the"
                + " file cannot be read or written, 2 a bad command line or policy file."})
final class WhatIfCommand implements Callable<Integer> {

    @ParentCommand
    TicketPulseCli cli;

    @ArgGroup(validate = false, heading = "%nWhat-if:%n", order = 1)
    Settings settings = new Settings();

    @ArgGroup(validate = false, heading = "%nOptions file and help:%n", order = 2)
    CommonOptions common = new CommonOptions();

    static final class Settings {
        @Option(names = "--events-file", paramLabel = "PATH", converter = CliConverters.ExistingFile.class,
                description = "The history: a JSON-lines file of ticket events (may be compressed: .gz, .bz2, .xz,"
                        + " .deflate). Required.")
        Path eventsFile;

        @Option(names = "--policy-file", paramLabel = "PATH", converter = CliConverters.AnyPath.class,
                description = "The current SLA policies (sla-policy v1). Default: the shipped"
                        + " default-policies.yaml.")
        Path policyFile;

        @Option(names = "--candidate-policy-file", paramLabel = "PATH", converter = CliConverters.AnyPath.class,
                description = "The candidate SLA policies to compare with (sla-policy v1). Required.")
        Path candidatePolicyFile;

        @Option(names = "--output-file", paramLabel = "PATH", defaultValue = "what-if.jsonl",
                converter = CliConverters.AnyPath.class,
                description = "Where to write the comparison as JSON lines (what-if v1; replaced if it exists).")
        Path outputFile;

        @Option(names = "--ticket-retention", paramLabel = "DURATION", defaultValue = "7d",
                converter = CliConverters.PositiveDuration.class,
                description = "SLA clocks still running this long after a ticket's last event expire (as in run).")
        Duration ticketRetention;

        @Option(names = "--max-changes", paramLabel = "N", defaultValue = "20",
                converter = CliConverters.ChangeCount.class,
                description = "Changed metrics listed on the console (the JSON lines have all of them).")
        int maxChanges;

        @Option(names = "--report-file", paramLabel = "PATH", converter = CliConverters.AnyPath.class,
                description = "Also write the comparison as a standalone HTML page (the report's section \"What-if:"
                        + " candidate policy\"; replaced if it exists). Default: no page.")
        Path reportFile;
    }

    @Override
    public Integer call() {
        if (settings.eventsFile == null) {
            throw new OptionException("--events-file: is required (the history to replay)");
        }
        if (settings.candidatePolicyFile == null) {
            throw new OptionException("--candidate-policy-file: is required (the policies to compare with)");
        }
        SlaPolicySet current = policies("--policy-file", settings.policyFile);
        SlaPolicySet candidate = policies("--candidate-policy-file", settings.candidatePolicyFile);
        HistoryFile history;
        try {
            history = HistoryFile.read(settings.eventsFile, EventsFileSource.DEFAULT_MAX_LINE_BYTES);
        } catch (IOException e) {
            cli.err().println("ticketpulse what-if: cannot read " + settings.eventsFile + ": " + e.getMessage());
            return TicketPulseCli.EXIT_FAILED;
        }
        WhatIfComparison comparison = WhatIfComparison.of(evaluate(history, current), evaluate(history, candidate));
        List<String> lines = WhatIfJson.lines(history, current, candidate, comparison);
        try {
            Path parent = settings.outputFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(settings.outputFile, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            cli.err().println("ticketpulse what-if: cannot write " + settings.outputFile + ": " + e.getMessage());
            return TicketPulseCli.EXIT_FAILED;
        }
        cli.out().println("What-if over " + history.events() + " events of " + history.tickets().size()
                + " tickets (" + history.duplicates() + " duplicates dropped, " + history.rejectedCount()
                + " lines rejected" + (history.rejected().isEmpty() ? "" : " " + history.rejected()) + ")"
                + (history.asOfMs() == Long.MIN_VALUE ? ""
                        : ", as of " + io.ticketpulse.schema.Timestamps.format(history.asOfMs())) + ":");
        cli.out().println("current " + current.source() + " v" + current.version() + " -> candidate "
                + candidate.source() + " v" + candidate.version());
        for (String line : WhatIfTable.render(comparison, settings.maxChanges)) {
            cli.out().println(line);
        }
        cli.out().println("JSON lines: " + settings.outputFile);
        if (settings.reportFile != null) {
            try {
                Path parent = settings.reportFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(settings.reportFile, ReportHtml.renderWhatIf(WhatIfJson.read(lines),
                        settings.outputFile.getFileName().toString()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                cli.err().println("ticketpulse what-if: cannot write " + settings.reportFile + ": " + e.getMessage());
                return TicketPulseCli.EXIT_FAILED;
            }
            cli.out().println("HTML page:  " + settings.reportFile);
        }
        return TicketPulseCli.EXIT_OK;
    }

    private List<MetricResult> evaluate(HistoryFile history, SlaPolicySet policies) {
        long retention = settings.ticketRetention.toMillis();
        TicketEngine engine = new TicketEngine(Duration.ofMinutes(10).toMillis(), retention,
                Math.max(retention, Duration.ofDays(400).toMillis()), policies);
        return WhatIfEvaluation.evaluate(engine, history.tickets().values(), history.asOfMs());
    }

    private static SlaPolicySet policies(String option, Path file) {
        try {
            return file == null ? SlaPolicyFiles.loadDefault() : SlaPolicyFiles.load(file);
        } catch (SlaPolicyException e) {
            throw new OptionException(option + ": " + e.getMessage());
        }
    }
}
