package io.ticketpulse.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.domain.report.KpiRow;
import io.ticketpulse.domain.report.ReportAlert;
import io.ticketpulse.io.JsonLinesSinks;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a run's output folder holds for the report: the default ({@code channel}, {@code priority}) KPI rows, the
 * alert records and the dead letters per reason code, read from the committed {@code *.jsonl} files of
 * {@code ticket-kpi/}, {@code sla-alert/} and {@code dead-letter/} (in-progress files, hidden, are skipped).
 * Grouping-set rows are counted and left out. A line that cannot be read is counted per folder, never dropped
 * silently: the report shows the counts.
 *
 * @param kpiRows          the default KPI rows, every revision
 * @param groupingSetRows  KPI rows of other grouping sets (not in the report)
 * @param alerts           the alert records
 * @param deadLettersByReason dead letters per {@code reason_code}
 * @param unreadable       unreadable lines per folder name
 */
public record ReportInput(List<KpiRow> kpiRows, long groupingSetRows, List<ReportAlert> alerts,
        Map<String, Long> deadLettersByReason, Map<String, Long> unreadable) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads the run folder {@code runDir} ({@code output/run-<time>/}).
     *
     * @throws IllegalArgumentException when it has none of the three folders (not a run's output)
     */
    public static ReportInput read(Path runDir) {
        Path kpiDir = runDir.resolve(JsonLinesSinks.KPI_PREFIX);
        Path alertDir = runDir.resolve(JsonLinesSinks.ALERT_PREFIX);
        Path deadLetterDir = runDir.resolve(JsonLinesSinks.DEAD_LETTER_PREFIX);
        if (!Files.isDirectory(kpiDir) && !Files.isDirectory(alertDir) && !Files.isDirectory(deadLetterDir)) {
            throw new IllegalArgumentException(runDir + " is not the output folder of a run: it has no "
                    + JsonLinesSinks.KPI_PREFIX + "/, " + JsonLinesSinks.ALERT_PREFIX + "/ or "
                    + JsonLinesSinks.DEAD_LETTER_PREFIX + "/ folder");
        }
        Map<String, Long> unreadable = new TreeMap<>();
        List<KpiRow> rows = new ArrayList<>();
        long groupingSetRows = 0;
        for (String line : committedLines(kpiDir)) {
            TicketKpi k;
            try {
                k = TicketKpiJson.fromJson(line.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                unreadable.merge(JsonLinesSinks.KPI_PREFIX, 1L, Long::sum);
                continue;
            }
            if (k.groupingSet != null) {
                groupingSetRows++;
                continue;
            }
            rows.add(new KpiRow(k.channel, k.priority, Instant.ofEpochMilli(k.windowStartMs),
                    Instant.ofEpochMilli(k.windowEndMs), k.revision, k.ticketsCreated, k.frtCount, k.frtMeanS,
                    k.frtP50S, k.frtP90S, k.waitTimeouts, k.waitDecided, k.resolved, k.mttrMeanS, k.oneTouchResolved,
                    k.backlogOpen, k.csatCount, k.csatMean, k.csatMeanFrtLt1m, k.csatMeanFrt1To5m,
                    k.csatMeanFrtGt5m));
        }
        List<ReportAlert> alerts = new ArrayList<>();
        for (String line : committedLines(alertDir)) {
            SlaAlert a;
            try {
                a = SlaAlertJson.fromJson(line);
            } catch (IllegalArgumentException e) {
                unreadable.merge(JsonLinesSinks.ALERT_PREFIX, 1L, Long::sum);
                continue;
            }
            alerts.add(new ReportAlert(a.dedupKey, a.status, a.kind, a.severity, a.slaMetric, a.channel, a.priority,
                    a.team, Instant.ofEpochMilli(a.changedAtMs), a.summary));
        }
        Map<String, Long> byReason = new TreeMap<>();
        for (String line : committedLines(deadLetterDir)) {
            String reason;
            try {
                JsonNode code = MAPPER.readTree(line).get("reason_code");
                reason = code == null || !code.isTextual() ? null : code.asText();
            } catch (IOException e) {
                reason = null;
            }
            if (reason == null) {
                unreadable.merge(JsonLinesSinks.DEAD_LETTER_PREFIX, 1L, Long::sum);
            } else {
                byReason.merge(reason, 1L, Long::sum);
            }
        }
        return new ReportInput(rows, groupingSetRows, alerts, byReason, unreadable);
    }

    /** The non-blank lines of the committed {@code *.jsonl} files under {@code folder}, in file-name order. */
    static List<String> committedLines(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> {
                String name = p.getFileName().toString();
                return !name.startsWith(".") && name.endsWith(JsonLinesSinks.SUFFIX) && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                r.lines().filter(l -> !l.isBlank()).forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }
}
