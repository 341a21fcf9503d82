package io.ticketpulse.importer;

import io.ticketpulse.domain.Durations;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Writes the ServiceNow incident audit log as a {@code ticket-event} v1 JSON-lines file (see {@link
 * ServiceNowIncidentLog} for the mapping), optionally multiplied: {@code --copies N} writes every ticket N times
 * with distinct ticket and event ids (copy 0 keeps the incident number, copy c ≥ 1 appends {@code -c<c>}:
 * {@code INC0000045-c3}, event {@code INC0000045-c3-0007}), copy c shifted by c × {@code --copy-shift} (default 0:
 * all copies at the original times, i.e. N times the ticket volume on the same days). The output is ordered by
 * event time, so a replay sees the events as a live stream would (at one instant: copy 0's events first, then copy 1's, ...).
 *
 * <p>Run from the repository root (see README.md, "Benchmark"):
 *
 * <pre>
 * mvn -B -q -pl jobs -am compile exec:exec@servicenow-import -Dexec.skip=true \
 *     -Dimport.args="--input ../shared/data/real/servicenow_incident_event_log.zip --copies 10 --output output/servicenow-x10.jsonl"
 * </pre>
 */
public final class ServiceNowImport {

    private static final String USAGE = String.join("\n",
            "Usage: ServiceNowImport --input FILE [--output FILE] [--copies N] [--copy-shift DURATION]",
            "  --input FILE           the incident audit log: a .csv, or a .zip holding one .csv",
            "  --output FILE          the ticket-event JSON-lines file to write (default output/servicenow-events.jsonl)",
            "  --copies N             write every ticket N times with distinct ids (default 1)",
            "  --copy-shift DURATION  copy c's times are shifted by c x this (default 0s: same times), e.g. 120d",
            "Prints the counts: rows in, rows converted / without change / rejected per reason, events per type.");

    private ServiceNowImport() {}

    public static void main(String[] args) throws IOException {
        Path input = null;
        Path output = Path.of("output", "servicenow-events.jsonl");
        int copies = 1;
        Duration shift = Duration.ZERO;
        try {
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    System.out.println(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + ": missing value");
                }
                String value = args[++i];
                switch (name) {
                    case "--input" -> input = Path.of(value);
                    case "--output" -> output = Path.of(value);
                    case "--copies" -> copies = Integer.parseInt(value);
                    case "--copy-shift" -> shift = Durations.parse(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (input == null) {
                throw new IllegalArgumentException("--input is required");
            }
            if (copies < 1) {
                throw new IllegalArgumentException("--copies must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        ServiceNowIncidentLog.Conversion conversion;
        try (InputStream csv = openCsv(input)) {
            conversion = ServiceNowIncidentLog.convert(
                    new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 1 << 16));
        }
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
            written = write(multiplied(conversion.events(), copies, shift), out);
        }
        PrintStream stdout = System.out;
        stdout.printf(Locale.ROOT, "ServiceNow import of %s%n", input);
        stdout.print(conversion.report().describe());
        stdout.printf(Locale.ROOT, "written: %,d events (%d cop%s, shift %s) to %s%n", written, copies,
                copies == 1 ? "y" : "ies", shift, output);
    }

    /** The CSV stream of {@code file}: the file itself, or the first {@code .csv} entry of a {@code .zip}. */
    static InputStream openCsv(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return in;
        }
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return zip;
            }
        }
        zip.close();
        throw new IOException(file + " holds no .csv entry");
    }

    /** Writes one JSON object per line; returns the number written. */
    static long write(Iterator<TicketEvent> events, OutputStream out) throws IOException {
        long n = 0;
        while (events.hasNext()) {
            out.write(TicketEventJson.toJson(events.next()));
            out.write('\n');
            n++;
        }
        return n;
    }

    /**
     * The events {@code copies} times, merged by time: copy c has ticket id {@code <id>-c<c>} (c ≥ 1), event ids
     * with the same prefix, and times shifted by c × {@code shift}. {@code events} must be ordered by time; the
     * result is too (at one instant: copy 0's events, then copy 1's, ...; each copy in the input's order).
     */
    static Iterator<TicketEvent> multiplied(List<TicketEvent> events, int copies, Duration shift) {
        long shiftMs = shift.toMillis();
        record Cursor(int copy, int index, long atMs) {}
        PriorityQueue<Cursor> queue = new PriorityQueue<>(
                (a, b) -> a.atMs() != b.atMs() ? Long.compare(a.atMs(), b.atMs()) : Integer.compare(a.copy(), b.copy()));
        if (!events.isEmpty()) {
            for (int c = 0; c < copies; c++) {
                queue.add(new Cursor(c, 0, events.get(0).occurredAtMs + c * shiftMs));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !queue.isEmpty();
            }

            @Override
            public TicketEvent next() {
                Cursor cursor = queue.poll();
                if (cursor == null) {
                    throw new NoSuchElementException();
                }
                int next = cursor.index() + 1;
                if (next < events.size()) {
                    queue.add(new Cursor(cursor.copy(), next,
                            events.get(next).occurredAtMs + cursor.copy() * shiftMs));
                }
                return copy(events.get(cursor.index()), cursor.copy(), cursor.copy() * shiftMs);
            }
        };
    }

    /** Copy {@code copy} of {@code e}: the event itself for copy 0, else with suffixed ids and shifted time. */
    static TicketEvent copy(TicketEvent e, int copy, long shiftMs) {
        if (copy == 0) {
            return e;
        }
        String ticketId = e.ticketId + "-c" + copy;
        String eventId = e.eventId.startsWith(e.ticketId)
                ? ticketId + e.eventId.substring(e.ticketId.length())
                : e.eventId + "-c" + copy;
        TicketEvent c = new TicketEvent(eventId, ticketId, e.type, e.occurredAtMs + shiftMs);
        c.channel = e.channel;
        c.priority = e.priority;
        c.status = e.status;
        c.agentId = e.agentId;
        c.team = e.team;
        c.csat = e.csat;
        c.isTest = e.isTest;
        c.attributes = e.attributes;
        return c;
    }
}
