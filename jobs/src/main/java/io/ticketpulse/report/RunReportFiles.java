package io.ticketpulse.report;

import io.ticketpulse.domain.report.ReportTargets;
import io.ticketpulse.domain.report.RunReport;
import io.ticketpulse.domain.report.RunReports;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.whatif.WhatIfRecord;
import io.ticketpulse.io.JsonLinesSinks;
import io.ticketpulse.io.WhatIfJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads a run's output folder and writes its report ({@code report.html} in the folder by default). */
public final class RunReportFiles {

    /** The report's file name in a run folder. */
    public static final String REPORT_FILE = "report.html";

    private RunReportFiles() {}

    /**
     * The run folder {@code folder} names: itself when it holds a run's output, else its newest {@code run-*}
     * subfolder (so {@code output/} means the latest run).
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static Path runFolder(Path folder) {
        if (isRun(folder)) {
            return folder;
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                Optional<Path> newest = list.filter(p -> p.getFileName().toString().startsWith("run-"))
                        .filter(RunReportFiles::isRun).max(Comparator.comparing(p -> p.getFileName().toString()));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException(folder + " is neither the output folder of a run (" + JsonLinesSinks.KPI_PREFIX
                + "/, " + JsonLinesSinks.ALERT_PREFIX + "/, " + JsonLinesSinks.DEAD_LETTER_PREFIX
                + "/) nor a folder of runs (run-*/)");
    }

    private static boolean isRun(Path p) {
        return Files.isDirectory(p.resolve(JsonLinesSinks.KPI_PREFIX)) || Files.isDirectory(p.resolve(JsonLinesSinks.ALERT_PREFIX))
                || Files.isDirectory(p.resolve(JsonLinesSinks.DEAD_LETTER_PREFIX));
    }

    /**
     * Writes the report of the run folder {@code runDir} to {@code file} (replaced atomically) and returns the
     * report.
     *
     * @param policySource the policy file's name, for the page's sources line
     */
    public static RunReport write(Path runDir, Path file, ReportTargets targets, SlaPolicySet policies,
            String policySource) {
        return write(runDir, file, targets, policies, policySource, null);
    }

    /**
     * As {@link #write(Path, Path, ReportTargets, SlaPolicySet, String)}, with the section "What-if: candidate
     * policy" of the what-if output {@code whatIfFile} (JSON lines of {@code ticketpulse what-if}) when not null.
     *
     * @throws IllegalArgumentException when {@code whatIfFile} is not a what-if output
     */
    public static RunReport write(Path runDir, Path file, ReportTargets targets, SlaPolicySet policies,
            String policySource, Path whatIfFile) {
        WhatIfRecord whatIf = null;
        if (whatIfFile != null) {
            try {
                whatIf = WhatIfJson.read(Files.readAllLines(whatIfFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ReportInput input = ReportInput.read(runDir);
        RunReport report = RunReports.compute(input.kpiRows(), input.alerts(), input.deadLettersByReason(), targets,
                policies);
        List<String> sources = new ArrayList<>();
        sources.add("Output folder: " + runDir.toAbsolutePath().normalize());
        sources.add("SLA policies (per-queue targets): " + policySource);
        sources.add("Playbook targets: " + targetsLine(targets));
        if (input.groupingSetRows() > 0) {
            sources.add(input.groupingSetRows() + " KPI rows of other grouping sets are not in this report");
        }
        for (Map.Entry<String, Long> e : input.unreadable().entrySet()) {
            sources.add("Unreadable lines skipped in " + e.getKey() + "/: " + e.getValue());
        }
        if (whatIfFile != null) {
            sources.add("What-if output: " + whatIfFile.toAbsolutePath().normalize());
        }
        String html = ReportHtml.render(report, runDir.getFileName().toString(), sources, whatIf);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".report-", ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            try { // a temp file is private; the report is as readable as the run's other files
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its default
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return report;
    }

    static String targetsLine(ReportTargets targets) {
        List<String> parts = new ArrayList<>();
        for (var k : io.ticketpulse.domain.report.PlaybookKpi.values()) {
            parts.add(k.id() + " " + ReportHtml.kpiValue(k, targets.target(k)));
        }
        return String.join(", ", parts);
    }
}
