package io.ticketpulse.importer;

import io.ticketpulse.schema.TicketEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;

/**
 * One import from end to end, what {@code ticketpulse import} does: convert the input, write the events as JSON
 * lines (a file, or standard output) and/or produce them to the events topic, write the rejects file, print the
 * counts. Plain Java; the command line is {@code app.ImportCommand}.
 */
public final class ImportRun {

    /**
     * What to import and where to.
     *
     * @param importer the format
     * @param input the export; null = standard input
     * @param output the JSON-lines file to write; null = standard output; ignored when {@code writeOutput} is false
     * @param writeOutput false to only produce to the sink
     * @param rejects the file for the rejected records (JSON lines), or null
     * @param copies every ticket this many times ({@link EventCopies})
     * @param copyShift copy c's times shifted by c × this
     */
    public record Settings(TicketImporter importer, Path input, Path output, boolean writeOutput, Path rejects,
            int copies, Duration copyShift) {

        public Settings {
            if (copies < 1) {
                throw new IllegalArgumentException("copies must be at least 1");
            }
            if (copyShift.isNegative()) {
                throw new IllegalArgumentException("the copy shift must not be negative");
            }
        }
    }

    /** What happened: the conversion's counts and the number of events written and produced. */
    public record Summary(ImportReport report, long written, long produced) {}

    private ImportRun() {}

    /**
     * Runs the import.
     *
     * @param stdin read when {@code settings.input()} is null
     * @param stdout the events go here when {@code settings.output()} is null
     * @param messages where the counts are printed (standard error when the events go to standard output)
     * @param sink also send every event here (the events topic), or null
     * @throws IOException if the input cannot be read or is not the format at all, an output cannot be written, or
     *     the sink failed
     * @throws IllegalArgumentException if the copies would not be valid events (too long ids, years after 2999)
     */
    public static Summary run(Settings settings, InputStream stdin, PrintStream stdout, PrintStream messages,
            EventSink sink) throws IOException {
        ImportResult result;
        String source = settings.input() == null ? "standard input" : settings.input().toString();
        if (settings.input() == null) {
            result = settings.importer().convert(stdin);
        } else {
            try (InputStream in = ImportFiles.open(settings.input())) {
                result = settings.importer().convert(in);
            }
        }
        String problem = EventCopies.problem(result.events(), settings.copies(), settings.copyShift());
        if (problem != null) {
            throw new IllegalArgumentException("--copies " + settings.copies() + " --copy-shift "
                    + settings.copyShift() + ": " + problem);
        }
        if (settings.rejects() != null) {
            createParent(settings.rejects());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(settings.rejects()), 1 << 16)) {
                ImportFiles.writeRejects(settings.importer().format(), result.rejects(), out);
            }
        }
        long written = 0;
        long produced = 0;
        Iterator<TicketEvent> events = EventCopies.multiplied(result.events(), settings.copies(),
                settings.copyShift());
        if (settings.writeOutput()) {
            OutputStream out;
            if (settings.output() == null) {
                out = new BufferedOutputStream(stdout, 1 << 16);
            } else {
                createParent(settings.output());
                out = new BufferedOutputStream(Files.newOutputStream(settings.output()), 1 << 16);
            }
            try {
                written = ImportFiles.writeEvents(sink == null ? events : tee(events, sink), out);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            } finally {
                if (settings.output() == null) {
                    out.flush();
                } else {
                    out.close();
                }
            }
        } else if (sink != null) {
            while (events.hasNext()) {
                sink.send(events.next());
            }
        }
        if (sink != null) {
            produced = sink.finish();
        }
        messages.printf(Locale.ROOT, "%s import of %s%n", settings.importer().format(), source);
        messages.print(result.report().describe());
        if (settings.writeOutput()) {
            messages.printf(Locale.ROOT, "written: %,d events (%d cop%s, shift %s) to %s%n", written,
                    settings.copies(), settings.copies() == 1 ? "y" : "ies", settings.copyShift(),
                    settings.output() == null ? "standard output" : settings.output());
        }
        if (sink != null) {
            messages.printf(Locale.ROOT, "produced: %,d events to %s%n", produced, sink.describe());
        }
        if (settings.rejects() != null) {
            messages.printf(Locale.ROOT, "rejects: %,d records to %s%n", result.rejects().size(), settings.rejects());
        }
        return new Summary(result.report(), written, produced);
    }

    private static Iterator<TicketEvent> tee(Iterator<TicketEvent> events, EventSink sink) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public TicketEvent next() {
                TicketEvent e = events.next();
                try {
                    sink.send(e);
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
                return e;
            }
        };
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
