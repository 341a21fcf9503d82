package io.ticketpulse.importer;

import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reading exports and writing the import's outputs. */
public final class ImportFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImportFiles() {}

    /**
     * The bytes of an export file: the file itself; for {@code .gz} its decompressed content; for {@code .zip} its
     * first entry that is a file ({@code .csv}, {@code .json}, {@code .jsonl} entries first).
     */
    public static InputStream open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            if (name.endsWith(".gz")) {
                return new GZIPInputStream(in, 1 << 16);
            }
            if (name.endsWith(".zip")) {
                return zipEntry(file, in);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static InputStream zipEntry(Path file, InputStream in) throws IOException {
        String preferred = null;
        try (ZipInputStream probe = new ZipInputStream(Files.newInputStream(file))) {
            String first = null;
            for (ZipEntry entry = probe.getNextEntry(); entry != null; entry = probe.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                String n = entry.getName().toLowerCase(Locale.ROOT);
                if (first == null) {
                    first = entry.getName();
                }
                if (n.endsWith(".csv") || n.endsWith(".json") || n.endsWith(".jsonl")) {
                    preferred = entry.getName();
                    break;
                }
            }
            if (preferred == null) {
                preferred = first;
            }
        }
        if (preferred == null) {
            throw new IOException(file + " holds no file");
        }
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().equals(preferred)) {
                return zip;
            }
        }
        zip.close();
        throw new IOException(file + ": cannot read entry " + preferred);
    }

    /** Writes one {@code ticket-event} JSON object per line; returns the number written. */
    public static long writeEvents(Iterator<TicketEvent> events, OutputStream out) throws IOException {
        long n = 0;
        while (events.hasNext()) {
            out.write(TicketEventJson.toJson(events.next()));
            out.write('\n');
            n++;
        }
        return n;
    }

    /**
     * Writes the rejects as JSON lines: {@code {"format", "line", "where", "reason", "detail", "record"}} (where
     * only inside JSON documents).
     */
    public static void writeRejects(String format, List<Reject> rejects, OutputStream out) throws IOException {
        for (Reject r : rejects) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("format", format);
            n.put("line", r.line());
            if (!r.where().isEmpty()) {
                n.put("where", r.where());
            }
            n.put("reason", r.reason());
            n.put("detail", r.detail());
            if (r.record() != null) {
                n.put("record", r.record());
            }
            out.write(MAPPER.writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }
}
