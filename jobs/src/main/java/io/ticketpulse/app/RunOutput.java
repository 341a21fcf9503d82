package io.ticketpulse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.io.JsonLinesSinks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The output folder of one run, {@code <output-dir>/run-<yyyyMMdd-HHmmss UTC>/}, holding {@code ticket-kpi/},
 * {@code dead-letter/} and {@code sla-alert/} with JSON-lines files and Flink's {@code checkpoints/}, and the count of what was
 * committed there. Plain Java.
 */
public final class RunOutput {

    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("'run-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;

    private RunOutput(Path dir) {
        this.dir = dir;
    }

    /** The folder of a run started at {@code startedAt} (wall clock) under {@code outputDir}. */
    public static RunOutput of(Path outputDir, Instant startedAt) {
        return new RunOutput(outputDir.toAbsolutePath().normalize().resolve(RUN_ID.format(startedAt)));
    }

    public Path dir() {
        return dir;
    }

    public Path kpiDir() {
        return dir.resolve(JsonLinesSinks.KPI_PREFIX);
    }

    public Path deadLetterDir() {
        return dir.resolve(JsonLinesSinks.DEAD_LETTER_PREFIX);
    }

    public Path alertDir() {
        return dir.resolve(JsonLinesSinks.ALERT_PREFIX);
    }

    /** Flink's checkpoints of the run (deleted by Flink when the job ends, except empty folders). */
    public Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    /** Counts the records in the committed (visible {@code *.jsonl}) files; in-progress files are hidden. */
    public Counts count() {
        List<Path> kpiFiles = committedFiles(kpiDir());
        List<Path> deadLetterFiles = committedFiles(deadLetterDir());
        long kpiRows = 0;
        for (Path f : kpiFiles) {
            kpiRows += lines(f).size(); // small files: one per writer and checkpoint
        }
        Map<String, Long> byReason = new TreeMap<>();
        long deadLetters = 0;
        for (Path f : deadLetterFiles) {
            for (String line : lines(f)) {
                deadLetters++;
                byReason.merge(reasonCode(line), 1L, Long::sum);
            }
        }
        List<Path> alertFiles = committedFiles(alertDir());
        Map<String, Long> alertsByState = new TreeMap<>();
        long alerts = 0;
        for (Path f : alertFiles) {
            for (String line : lines(f)) {
                alerts++;
                alertsByState.merge(field(line, "status") + ' ' + field(line, "kind"), 1L, Long::sum);
            }
        }
        return new Counts(kpiRows, kpiFiles.size(), deadLetters, deadLetterFiles.size(), byReason, alerts,
                alertFiles.size(), alertsByState);
    }

    /** The lines of the committed {@code *.jsonl} files under {@code folder}, file by file in name order. */
    public static List<String> committedLines(Path folder) {
        List<String> all = new ArrayList<>();
        for (Path f : committedFiles(folder)) {
            all.addAll(lines(f));
        }
        return all;
    }

    private static List<Path> committedFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return !name.startsWith(".") && name.endsWith(JsonLinesSinks.SUFFIX) && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return r.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reasonCode(String line) {
        return field(line, "reason_code");
    }

    private static String field(String line, String name) {
        try {
            JsonNode value = MAPPER.readTree(line).get(name);
            return value == null || !value.isTextual() ? "(no " + name + ")" : value.asText();
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    /**
     * What a run committed: KPI rows, dead letters and alert records, the files holding them, dead letters per
     * reason code and alert records per "status kind".
     */
    public record Counts(long kpiRows, int kpiFiles, long deadLetters, int deadLetterFiles,
            Map<String, Long> deadLettersByReason, long alerts, int alertFiles, Map<String, Long> alertsByState) {}
}
