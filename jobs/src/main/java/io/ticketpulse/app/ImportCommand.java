package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.importer.Bpi2013Import;
import io.ticketpulse.importer.EventSink;
import io.ticketpulse.importer.ImportRun;
import io.ticketpulse.importer.Importers;
import io.ticketpulse.importer.JiraServiceManagementImport;
import io.ticketpulse.importer.KafkaEventsProducer;
import io.ticketpulse.importer.ServiceNowIncidentLog;
import io.ticketpulse.importer.TicketImporter;
import io.ticketpulse.importer.ZendeskImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ticketpulse import FORMAT INPUT [OUTPUT]}: a help desk's export converted to {@code ticket-event} v1 JSON
 * lines and/or produced to the events topic ({@link ImportRun}; the importers are plain Java in
 * {@code io.ticketpulse.importer}). No Flink job.
 */
@Command(name = "import", sortOptions = false, showDefaultValues = true, usageHelpWidth = 120,
        headerHeading = "%n",
        header = "Convert a help desk's export to ticket-event v1 JSON lines and/or the events topic.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {"ticketpulse import FORMAT INPUT [OUTPUT] [OPTIONS]"},
        descriptionHeading = "%n",
        description = {"Every record of INPUT is counted as converted, without events or rejected with a reason"
                + " (--rejects writes them); the counts are printed (to standard error when OUTPUT is -). Rejects are"
                + " data: the exit code is 0. Exit code 2 for a bad command line, 1 when INPUT cannot be read or is"
                + " not the format at all, or Kafka failed. The mapping of each format is in README.md, \"Importers\"."},
        parameterListHeading = "%nParameters:%n",
        footerHeading = "%n",
        footer = {"Formats:",
            "  servicenow  " + ServiceNowIncidentLog.DESCRIPTION,
            "  zendesk     " + ZendeskImport.DESCRIPTION,
            "  jira        " + JiraServiceManagementImport.DESCRIPTION,
            "  bpi2013     " + Bpi2013Import.DESCRIPTION})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    TicketPulseCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", converter = Format.class,
            description = "servicenow, zendesk, jira or bpi2013 (see Formats below).")
    TicketImporter format;

    @Parameters(index = "1", paramLabel = "INPUT",
            description = "The export: a file (.gz and .zip are unpacked), or - for standard input.")
    String input;

    @Parameters(index = "2", arity = "0..1", paramLabel = "OUTPUT",
            description = "The ticket-event JSON-lines file to write, or - for standard output; may be left out when"
                    + " producing to Kafka.")
    String output;

    @ArgGroup(validate = false, heading = "%nImport:%n", order = 1)
    Settings settings = new Settings();

    @ArgGroup(validate = false, heading = "%nKafka connection (produce the events to the events topic):%n", order = 2)
    SharedOptions.KafkaConnection kafka = new SharedOptions.KafkaConnection();

    @ArgGroup(validate = false, heading = "%nOptions file and help:%n", order = 3)
    CommonOptions common = new CommonOptions();

    /** The import's own options. */
    static final class Settings {
        @Option(names = "--rejects", paramLabel = "FILE", converter = CliConverters.AnyPath.class,
                description = "Write every rejected record as a JSON line (format, line, where, reason, detail,"
                        + " record).")
        Path rejects;

        @Option(names = "--copies", paramLabel = "N", defaultValue = "1", converter = Copies.class,
                description = "Write every ticket N times with distinct ids (copy c >= 1: <ticket_id>-c<c>), for"
                        + " load tests.")
        int copies;

        @Option(names = "--copy-shift", paramLabel = "DURATION", defaultValue = "0s",
                converter = CliConverters.DurationOrZero.class,
                description = "Copy c's event times are shifted by c x DURATION (0s: all copies at the same times).")
        Duration copyShift;
    }

    @Override
    public Integer call() {
        ImportRun.Settings run = settings();
        EventSink sink = null;
        try {
            if (kafka.bootstrapServers != null) {
                sink = new KafkaEventsProducer(kafka.bootstrapServers, kafka.eventsTopic, kafka.clientProperties(),
                        "topic " + kafka.eventsTopic + " at " + kafka.bootstrapServers);
            }
            ImportRun.run(run, System.in, cli.out(), run.writeOutput() && run.output() == null ? cli.err() : cli.out(),
                    sink);
            return TicketPulseCli.EXIT_OK;
        } catch (IOException | UncheckedIOException e) {
            cli.err().println("ticketpulse import: " + e.getMessage());
            return TicketPulseCli.EXIT_FAILED;
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
    }

    /**
     * The checked settings.
     *
     * @throws OptionException naming the parameter or option and the problem
     */
    ImportRun.Settings settings() {
        Path in = null;
        if (!input.equals("-")) {
            in = Path.of(input);
            if (!Files.isRegularFile(in)) {
                throw new OptionException("INPUT: no such file: " + input);
            }
        }
        if (output == null && kafka.bootstrapServers == null) {
            throw new OptionException("OUTPUT: is required unless the events are produced to Kafka"
                    + " (--kafka-bootstrap-servers)");
        }
        Path out = output == null || output.equals("-") ? null : Path.of(output);
        if (out != null && in != null && out.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize())) {
            throw new OptionException("OUTPUT: is INPUT");
        }
        return new ImportRun.Settings(format, in, out, output != null, settings.rejects, settings.copies,
                settings.copyShift);
    }

    /** A format name: one of {@link Importers#formats()}. */
    static final class Format implements ITypeConverter<TicketImporter> {
        @Override
        public TicketImporter convert(String value) {
            TicketImporter importer = Importers.byFormat(value);
            if (importer == null) {
                throw new TypeConversionException("'" + value + "' is not a format: one of "
                        + String.join(", ", Importers.formats()));
            }
            return importer;
        }
    }

    /** 1 to 10,000 copies. */
    static final class Copies implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= 10_000) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new TypeConversionException("'" + value + "' is not a number of copies from 1 to 10000");
        }
    }
}
