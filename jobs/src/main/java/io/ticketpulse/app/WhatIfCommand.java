package io.ticketpulse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.domain.whatif.MetricResult;
import io.ticketpulse.domain.whatif.WhatIfComparison;
import io.ticketpulse.domain.whatif.WhatIfEvaluation;
import io.ticketpulse.io.EventsFileSource;
import io.ticketpulse.io.HistoryFile;
import io.ticketpulse.io.KafkaClientSettings;
import io.ticketpulse.io.KafkaEventsSource;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.io.SlaPolicyException;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.io.WhatIfJson;
import io.ticketpulse.io.WhatIfTable;
import io.ticketpulse.pipeline.WhatIfPipeline;
import io.ticketpulse.report.ReportHtml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ticketpulse what-if}: a history (a file, or a bounded range of the Kafka events topic) evaluated under the
 * current and a candidate SLA policy file, and the comparison written as JSON lines and printed as a table. By
 * default a Flink job on the embedded MiniCluster ({@link WhatIfPipeline}, {@code --parallelism}); {@code --engine
 * domain} runs the same per-ticket engine directly over the sorted history file (the pure reference the job is
 * tested against; see README.md, "What-if on history"). Both give the same bytes.
 */
@Command(name = "what-if", sortOptions = false, showDefaultValues = true, usageHelpWidth = 120,
        headerHeading = "%n",
        header = "Compare a history under the current and a candidate SLA policy file (attainment, breaches, pages).",
        descriptionHeading = "%n",
        description = {"Every ticket of the history (--events-file, or a bounded range of --events-topic with"
                + " --kafka-bootstrap-servers) is replayed on the per-ticket SLA engine twice, under"
                + " --policy-file and under --candidate-policy-file, and each metric's result is read off at the end"
                + " of the history (its latest event time). The comparison per channel x priority x metric, and the"
                + " metrics whose outcome changes, are written to --output-file as JSON lines (what-if v1) and"
                + " printed as a table. Rejected records are counted by reason, not fatal. Runs as a Flink job on"
                + " an embedded MiniCluster (--engine flink, the default) or directly on the domain engine"
                + " (--engine domain, files only); the output is the same. Exit code 0 done, 1 the input cannot be"
                + " read, the job failed or the output cannot be written, 2 a bad command line or policy file."})
final class WhatIfCommand implements Callable<Integer> {

    @ParentCommand
    TicketPulseCli cli;

    @Spec
    CommandSpec spec;

    @ArgGroup(validate = false, heading = "%nWhat-if:%n", order = 1)
    Settings settings = new Settings();

    @ArgGroup(validate = false, heading = "%nEngine:%n", order = 2)
    EngineSettings engine = new EngineSettings();

    @ArgGroup(validate = false, heading = "%nKafka range (instead of --events-file; --engine flink):%n", order = 3)
    SharedOptions.KafkaConnection kafka = new SharedOptions.KafkaConnection();

    @ArgGroup(validate = false, heading = "%nBounds of the Kafka range:%n", order = 4)
    KafkaRange range = new KafkaRange();

    @ArgGroup(validate = false, heading = "%nOptions file and help:%n", order = 5)
    CommonOptions common = new CommonOptions();

    /** Which engine evaluates the history. */
    enum Engine {
        /** A Flink job on the embedded MiniCluster: the per-ticket engine keyed by ticket, at --parallelism. */
        FLINK,
        /** The per-ticket engine called directly over the history file in memory: the reference. */
        DOMAIN
    }

    static final class EngineSettings {
        @Option(names = "--engine", paramLabel = "flink|domain", defaultValue = "flink",
                converter = EngineConverter.class,
                description = "flink: a Flink job on an embedded MiniCluster (keyed by ticket, --parallelism; a file"
                        + " or a Kafka range). domain: the engine called directly over the file in memory (the"
                        + " reference; files only). Same output.")
        Engine engine;

        @Option(names = "--parallelism", paramLabel = "N", converter = CliConverters.Parallelism.class,
                description = "--engine flink: parallelism of the job (as run; an embedded run at most max(8, 4 x"
                        + " CPU cores)). Default: 2.")
        Integer parallelism;
    }

    static final class EngineConverter implements picocli.CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String raw) {
            return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "flink" -> Engine.FLINK;
                case "domain" -> Engine.DOMAIN;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected flink or domain, got '" + raw + "'");
            };
        }
    }

    static final class KafkaRange {
        @Option(names = "--kafka-from", paramLabel = "TIME", converter = CliConverters.Rfc3339.class,
                description = "First record of the range: the first with a Kafka timestamp at or after TIME (RFC"
                        + " 3339), per partition. Default: the earliest offset.")
        Instant from;

        @Option(names = "--kafka-until", paramLabel = "TIME", converter = CliConverters.Rfc3339.class,
                description = "End of the range (exclusive): the first record with a Kafka timestamp at or after"
                        + " TIME (RFC 3339), per partition. Default: the latest offsets when the job starts (as run"
                        + " --kafka-bounded).")
        Instant until;
    }

    static final class Settings {
        @Option(names = "--events-file", paramLabel = "PATH", converter = CliConverters.ExistingFile.class,
                description = "The history: a JSON-lines file of ticket events (may be compressed: .gz, .bz2, .xz,"
                        + " .deflate). Required unless --kafka-bootstrap-servers.")
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
        boolean fromKafka = kafka.bootstrapServers != null;
        if (fromKafka && settings.eventsFile != null) {
            throw new OptionException("--events-file: cannot be combined with --kafka-bootstrap-servers (the history"
                    + " is a range of --events-topic)");
        }
        if (!fromKafka && settings.eventsFile == null) {
            throw new OptionException("--events-file: is required (the history to replay), or"
                    + " --kafka-bootstrap-servers for a range of the events topic");
        }
        if (settings.candidatePolicyFile == null) {
            throw new OptionException("--candidate-policy-file: is required (the policies to compare with)");
        }
        if (fromKafka && engine.engine == Engine.DOMAIN) {
            throw new OptionException("--engine: domain reads --events-file only (a Kafka range needs --engine"
                    + " flink)");
        }
        if (!fromKafka) {
            for (String o : List.of("--events-topic", "--kafka-property", "--kafka-property-file", "--kafka-from",
                    "--kafka-until")) {
                if (cli.given(spec, o)) {
                    throw new OptionException(o + ": only applies with --kafka-bootstrap-servers");
                }
            }
        }
        if (range.from != null && range.until != null && !range.from.isBefore(range.until)) {
            throw new OptionException("--kafka-until: must be after --kafka-from");
        }
        if (engine.engine == Engine.DOMAIN && engine.parallelism != null) {
            throw new OptionException("--parallelism: only applies with --engine flink");
        }
        int parallelism = engine.parallelism == null ? DEFAULT_PARALLELISM : engine.parallelism;
        if (engine.engine == Engine.FLINK) {
            TicketPulseJob.checkEmbeddedParallelism(parallelism);
        }
        Map<String, String> kafkaProperties = fromKafka ? kafka.clientProperties() : Map.of();
        SlaPolicySet current = policies("--policy-file", settings.policyFile);
        SlaPolicySet candidate = policies("--candidate-policy-file", settings.candidatePolicyFile);
        List<String> lines;
        if (engine.engine == Engine.DOMAIN) {
            HistoryFile history;
            try {
                history = HistoryFile.read(settings.eventsFile, EventsFileSource.DEFAULT_MAX_LINE_BYTES);
            } catch (IOException e) {
                cli.err().println("ticketpulse what-if: cannot read " + settings.eventsFile + ": " + e.getMessage());
                return TicketPulseCli.EXIT_FAILED;
            }
            WhatIfComparison comparison =
                    WhatIfComparison.of(evaluate(history, current), evaluate(history, candidate));
            lines = WhatIfJson.lines(history, current, candidate, comparison);
        } else {
            Source<RawRecord, ?, ?> source;
            if (fromKafka) {
                source = KafkaEventsSource.range(new KafkaClientSettings(kafka.bootstrapServers, kafkaProperties),
                        kafka.eventsTopic, range.from == null ? null : range.from.toEpochMilli(),
                        range.until == null ? null : range.until.toEpochMilli());
            } else {
                try {
                    EventsFileSource.checkCompressedFile(settings.eventsFile);
                } catch (IOException e) {
                    cli.err().println("ticketpulse what-if: cannot read " + settings.eventsFile + ": "
                            + e.getMessage());
                    return TicketPulseCli.EXIT_FAILED;
                }
                source = EventsFileSource.of(org.apache.flink.core.fs.Path.fromLocalFile(
                        settings.eventsFile.toAbsolutePath().toFile()), EventsFileSource.DEFAULT_MAX_LINE_BYTES);
            }
            try {
                lines = runJob(current, candidate, source, parallelism);
            } catch (Exception e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                cli.err().println("ticketpulse what-if: the job failed: " + cause);
                return TicketPulseCli.EXIT_FAILED;
            }
        }
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
        cli.out().println(summary(lines.get(0)) + (engine.engine == Engine.FLINK
                ? " [Flink, parallelism " + parallelism + "]" : " [domain engine]") + ":");
        cli.out().println("current " + current.source() + " v" + current.version() + " -> candidate "
                + candidate.source() + " v" + candidate.version());
        for (String line : WhatIfTable.render(WhatIfJson.read(lines), settings.maxChanges)) {
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

    /** Default of {@code --parallelism} (that of run). */
    static final int DEFAULT_PARALLELISM = 2;

    private List<MetricResult> evaluate(HistoryFile history, SlaPolicySet policies) {
        TicketEngine engine = WhatIfEvaluation.engine(policies, settings.ticketRetention);
        return WhatIfEvaluation.evaluate(engine, history.tickets().values(), history.asOfMs());
    }

    /** The what-if job on an embedded MiniCluster at {@code parallelism}: the comparison's lines, in order. */
    private List<String> runJob(SlaPolicySet current, SlaPolicySet candidate, Source<RawRecord, ?, ?> source,
            int parallelism) throws Exception {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        WhatIfPipeline.Outputs outputs = WhatIfPipeline.build(env, current, candidate, settings.ticketRetention,
                EventsFileSource.DEFAULT_MAX_LINE_BYTES, source);
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<String> it = outputs.lines().collectAsync()) {
            env.execute("ticketpulse what-if");
            it.forEachRemaining(lines::add);
        }
        return lines;
    }

    /** "What-if over N events of M tickets (...)", from the comparison's run record. */
    static String summary(String runLine) {
        JsonNode run;
        try {
            run = new ObjectMapper().readTree(runLine);
        } catch (IOException e) {
            throw new IllegalStateException("not a run record: " + runLine, e);
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        long rejectedCount = 0;
        for (Map.Entry<String, JsonNode> e : run.get("rejected").properties()) {
            rejected.put(e.getKey(), e.getValue().asLong());
            rejectedCount += e.getValue().asLong();
        }
        JsonNode asOf = run.get("as_of");
        return "What-if over " + run.get("events").asLong() + " events of " + run.get("tickets").asLong()
                + " tickets (" + run.get("duplicates").asLong() + " duplicates dropped, " + rejectedCount
                + " records rejected" + (rejected.isEmpty() ? "" : " " + rejected) + ")"
                + (asOf == null || asOf.isNull() ? "" : ", as of " + asOf.asText());
    }

    private static SlaPolicySet policies(String option, Path file) {
        try {
            return file == null ? SlaPolicyFiles.loadDefault() : SlaPolicyFiles.load(file);
        } catch (SlaPolicyException e) {
            throw new OptionException(option + ": " + e.getMessage());
        }
    }
}
