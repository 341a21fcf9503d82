package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.domain.report.ReportTargets;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.io.SlaPolicyException;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.report.RunReportFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ticketpulse report}: one self-contained HTML page of a run's output folder (the playbook KPIs against
 * their targets, trends per day and week, FRT per channel, queues against their SLA policy, CSAT by FRT bucket,
 * the alert timeline and the queues that breach most). A bounded run writes it itself ({@link #writeFor}).
 */
@Command(name = "report", sortOptions = false, abbreviateSynopsis = true, showDefaultValues = true,
        usageHelpWidth = 120, headerHeading = "%n",
        header = "Write the HTML report of a run's output folder (KPI rows, alerts, dead letters).",
        descriptionHeading = "%n",
        description = "FOLDER is a run's folder (output/run-<UTC time>/) or a folder of runs (then its newest run)."
                + " The page is self-contained: no network access is needed to open it.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    TicketPulseCli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER", defaultValue = "output",
            description = "The run's output folder, or a folder of runs (the newest is reported).")
    Path folder;

    @ArgGroup(validate = false, heading = "%nReport:%n", order = 1)
    Settings settings = new Settings();

    @ArgGroup(validate = false, heading = "%nOptions file and help:%n", order = 2)
    CommonOptions common = new CommonOptions();

    static final class Settings {
        @Option(names = "--report-file", paramLabel = "PATH", converter = CliConverters.AnyPath.class,
                description = "Where to write the page. Default: report.html in the run's folder.")
        Path reportFile;

        @Option(names = "--policy-file", paramLabel = "PATH", converter = CliConverters.AnyPath.class,
                description = "The SLA policies the run used (per-queue first-response and resolution targets, the"
                        + " wait-timeout ceiling). Default: the shipped default-policies.yaml.")
        Path policyFile;

        @Option(names = "--target", paramLabel = "NAME=VALUE",
                description = "Replace a playbook target (repeatable): frt_mean=10m, wait_timeout_rate=15%,"
                        + " mttr_mean=2h, fcr_rate=80%, csat=85 (0-100). Default: these (the first playbook's).")
        List<String> targets = new ArrayList<>();

        @Option(names = "--what-if", paramLabel = "FILE", converter = CliConverters.ExistingFile.class,
                description = "Add the section \"What-if: candidate policy\" of this what-if output (the JSON lines"
                        + " of `ticketpulse what-if`). Default: no what-if section.")
        Path whatIf;
    }

    @Override
    public Integer call() {
        ReportTargets targets = targets();
        SlaPolicySet policies = policies();
        Path run;
        try {
            run = RunReportFiles.runFolder(folder);
        } catch (IllegalArgumentException e) {
            throw new OptionException("FOLDER: " + e.getMessage());
        }
        Path file = settings.reportFile != null ? settings.reportFile : run.resolve(RunReportFiles.REPORT_FILE);
        try {
            RunReportFiles.write(run, file, targets, policies, policies.source(), settings.whatIf);
        } catch (RuntimeException e) {
            cli.err().println("ticketpulse: the report of " + run + " could not be written: " + e.getMessage());
            return TicketPulseCli.EXIT_FAILED;
        }
        cli.out().println("Report: " + file.toAbsolutePath().normalize());
        return TicketPulseCli.EXIT_OK;
    }

    /** The targets with the {@code --target} replacements. */
    ReportTargets targets() {
        ReportTargets t = ReportTargets.PLAYBOOK;
        for (String spec : settings.targets) {
            try {
                t = t.with(spec);
            } catch (IllegalArgumentException e) {
                throw new OptionException("--target: " + e.getMessage());
            }
        }
        return t;
    }

    private SlaPolicySet policies() {
        try {
            return settings.policyFile == null ? SlaPolicyFiles.loadDefault() : SlaPolicyFiles.load(settings.policyFile);
        } catch (SlaPolicyException e) {
            throw new OptionException("--policy-file: " + e.getMessage());
        }
    }

    /**
     * The end of a bounded run on files: writes {@code report.html} into its output folder with the playbook
     * targets and the run's policies, and prints its path (a failure is printed, the run's output stays).
     */
    static void writeFor(RunOutput output, SlaPolicySet policies, java.io.PrintStream out, java.io.PrintStream err) {
        Path file = output.dir().resolve(RunReportFiles.REPORT_FILE);
        try {
            RunReportFiles.write(output.dir(), file, ReportTargets.PLAYBOOK, policies, policies.source());
            out.println("Report:       " + file);
        } catch (RuntimeException e) {
            err.println("ticketpulse: the report of " + output.dir() + " could not be written: " + e);
        }
    }
}
