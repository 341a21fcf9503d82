package io.ticketpulse.io;

import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.schema.DeadLetter.ReasonCode;
import io.ticketpulse.schema.ParseResult;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;

/**
 * A whole history file of ticket events (the {@code --events-file} format: JSON lines, optionally compressed) read
 * into memory for the what-if comparison: every line parsed as the job parses it, each rejected line counted by
 * its dead-letter reason code, the events grouped by ticket (by ticket id) and sorted in the engine's event order.
 * An event id seen again in the same ticket is a duplicate (same content: dropped and counted) or a conflict
 * (other content: rejected as {@code DUPLICATE_CONFLICT}); the first one wins, as in the job.
 *
 * @param tickets each ticket's events, by ticket id, sorted by {@link TicketEngine#EVENT_ORDER}
 * @param asOfMs the latest event time of the file ({@code Long.MIN_VALUE} when it has no event)
 * @param events the events kept
 * @param duplicates exact duplicates dropped
 * @param rejected rejected lines by reason code (codes with none left out)
 */
public record HistoryFile(
        Map<String, List<TicketEvent>> tickets,
        long asOfMs,
        long events,
        long duplicates,
        Map<ReasonCode, Long> rejected) {

    /** Reads {@code file}; lines longer than {@code maxLineBytes} are rejected as OVERSIZED. */
    public static HistoryFile read(Path file, int maxLineBytes) throws IOException {
        String name = file.getFileName().toString();
        InflaterInputStreamFactory<?> decompressor = StandardDeCompressors.getDecompressorForFileName(name);
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = new BufferedInputStream(decompressor == null ? raw : decompressor.create(raw))) {
            return read(in, maxLineBytes);
        }
    }

    /** Reads JSON lines from {@code in} (not closed). Blank lines are skipped, as the job's file source does. */
    public static HistoryFile read(InputStream in, int maxLineBytes) throws IOException {
        TicketEventParser parser = new TicketEventParser(maxLineBytes);
        Map<String, Map<String, TicketEvent>> byTicket = new TreeMap<>();
        Map<ReasonCode, Long> rejected = new EnumMap<>(ReasonCode.class);
        long duplicates = 0;
        long events = 0;
        long asOf = Long.MIN_VALUE;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean more = true;
        while (more) {
            int b = in.read();
            if (b >= 0 && b != '\n') {
                line.write(b);
                continue;
            }
            more = b >= 0;
            byte[] payload = line.toByteArray();
            line.reset();
            int length = payload.length;
            if (length > 0 && payload[length - 1] == '\r') {
                length--;
            }
            if (isBlank(payload, length)) {
                continue;
            }
            ParseResult parsed = parser.parse(length == payload.length ? payload : java.util.Arrays.copyOf(payload,
                    length));
            if (!parsed.isValid()) {
                rejected.merge(parsed.reasonCode(), 1L, Long::sum);
                continue;
            }
            TicketEvent e = parsed.event();
            Map<String, TicketEvent> ticket = byTicket.computeIfAbsent(e.ticketId, k -> new LinkedHashMap<>());
            TicketEvent first = ticket.putIfAbsent(e.eventId, e);
            if (first == null) {
                events++;
                asOf = Math.max(asOf, e.occurredAtMs);
            } else if (first.equals(e)) {
                duplicates++;
            } else {
                rejected.merge(ReasonCode.DUPLICATE_CONFLICT, 1L, Long::sum);
            }
        }
        Map<String, List<TicketEvent>> tickets = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, TicketEvent>> t : byTicket.entrySet()) {
            List<TicketEvent> sorted = new ArrayList<>(t.getValue().values());
            sorted.sort(TicketEngine.EVENT_ORDER);
            tickets.put(t.getKey(), sorted);
        }
        return new HistoryFile(tickets, asOf, events, duplicates, rejected);
    }

    private static boolean isBlank(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The number of rejected lines. */
    public long rejectedCount() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
