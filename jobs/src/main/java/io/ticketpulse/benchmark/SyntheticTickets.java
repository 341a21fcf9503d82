package io.ticketpulse.benchmark;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.Timestamps;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * The benchmark's generated inputs, written once as {@code ticket-event} JSON-lines files (ordered by event time)
 * into the work folder and reused by later runs with the same parameters.
 */
final class SyntheticTickets {

    /** Held by the last, invalid line of an open-tickets file (see {@link SentinelSink}). */
    static final String SENTINEL = "ticketpulse-benchmark-sentinel";

    /** Start of every generated timeline: a fixed instant, so files are reproducible. */
    static final long BASE_MS = Timestamps.parse("2026-01-05T00:00:00Z");

    /** Time between two events of one ticket in the ticket-length profile. */
    static final long EVENT_GAP_MS = 60_000;

    private static final String[] CHANNELS = {"email", "chat", "phone"};

    private SyntheticTickets() {}

    /**
     * {@code totalEvents / length} tickets of {@code length} events each, over {@code spanMs}: event i of ticket
     * t at {@code BASE + t * s + i * EVENT_GAP} with the starts {@code s} apart so that the last event falls at
     * the span's end. With the same total and span, short and long tickets give the same event rate and the same
     * KPI windows; only the tickets' length differs. Events: CREATED (email, chat or phone; P3), ASSIGNED, then AGENT_REPLIED and
     * CUSTOMER_REPLIED alternating, RESOLVED, CLOSED.
     */
    static Path ticketsOfLength(Path dir, long totalEvents, int length, long spanMs) throws IOException {
        if (length < 4) {
            throw new IllegalArgumentException("a ticket needs at least 4 events, got " + length);
        }
        int tickets = Math.toIntExact(totalEvents / length);
        if (tickets < 1) {
            throw new IllegalArgumentException(totalEvents + " events are fewer than one ticket of " + length);
        }
        Path file = dir.resolve(String.format(Locale.ROOT, "tickets-%d-events-%d-each-span-%d.jsonl",
                (long) tickets * length, length, spanMs));
        if (Files.exists(file)) {
            return file;
        }
        long startGap = Math.max(0, (spanMs - (length - 1) * EVENT_GAP_MS) / tickets);
        long n = (long) tickets * length;
        // record j is event (j % length) of ticket (j / length); write them ordered by (time, j)
        long[] times = new long[Math.toIntExact(n)];
        Integer[] order = new Integer[times.length];
        for (int j = 0; j < times.length; j++) {
            times[j] = (j / length) * startGap + (j % length) * EVENT_GAP_MS;
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b));
        Path tmp = Files.createTempFile(dir, "generating-", ".jsonl");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            for (Integer j : order) {
                int t = j / length;
                int i = j % length;
                write(out, lengthProfileEvent(t, i, length, BASE_MS + times[j]));
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static TicketEvent lengthProfileEvent(int t, int i, int length, long atMs) {
        String ticketId = "T" + t;
        EventType type = i == 0 ? EventType.CREATED
                : i == 1 ? EventType.ASSIGNED
                : i == length - 2 ? EventType.RESOLVED
                : i == length - 1 ? EventType.CLOSED
                : i % 2 == 0 ? EventType.AGENT_REPLIED : EventType.CUSTOMER_REPLIED;
        TicketEvent e = new TicketEvent(ticketId + "-" + i, ticketId, type, atMs);
        decorate(e, t);
        return e;
    }

    /**
     * {@code tickets} open tickets created over one day (evenly spaced), each with CREATED (P3; email, chat or
     * phone), ASSIGNED 30 s later and AGENT_REPLIED 60 s later: the state of a help desk's open backlog. None is
     * resolved, so every ticket is still in state when the input ends. The last line is an invalid record holding
     * {@link #SENTINEL}.
     */
    static Path openTickets(Path dir, long tickets) throws IOException {
        Path file = dir.resolve("open-tickets-" + tickets + ".jsonl");
        if (Files.exists(file)) {
            return file;
        }
        long day = 86_400_000L;
        long[] offsets = {0, 30_000, 60_000};
        EventType[] types = {EventType.CREATED, EventType.ASSIGNED, EventType.AGENT_REPLIED};
        long[] next = new long[3]; // next ticket of each event type: a three-way merge by time
        Path tmp = Files.createTempFile(dir, "generating-", ".jsonl");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            while (true) {
                int pick = -1;
                long pickAt = Long.MAX_VALUE;
                for (int k = 0; k < 3; k++) {
                    if (next[k] < tickets) {
                        long at = next[k] * day / tickets + offsets[k];
                        if (at < pickAt) {
                            pick = k;
                            pickAt = at;
                        }
                    }
                }
                if (pick < 0) {
                    break;
                }
                long t = next[pick]++;
                String ticketId = "O" + t;
                TicketEvent e = new TicketEvent(ticketId + "-" + pick, ticketId, types[pick], BASE_MS + pickAt);
                decorate(e, t);
                write(out, e);
            }
            out.write(("{\"" + SENTINEL + "\":true}\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static void decorate(TicketEvent e, long t) {
        switch (e.type) {
            case CREATED -> {
                e.channel = CHANNELS[(int) (t % CHANNELS.length)];
                e.priority = "P3";
            }
            case ASSIGNED -> {
                e.agentId = "agent-" + (t % 50);
                e.team = "team-" + (t % 5);
            }
            case AGENT_REPLIED -> e.agentId = "agent-" + (t % 50);
            default -> { }
        }
    }

    private static void write(OutputStream out, TicketEvent e) throws IOException {
        out.write(TicketEventJson.toJson(e));
        out.write('\n');
    }

    /** Lines of a JSON-lines file that are not blank (the records a replay reads). */
    static long countRecords(Path file) throws IOException {
        long n = 0;
        boolean blank = true;
        byte[] buffer = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
            for (int r = in.read(buffer); r > 0; r = in.read(buffer)) {
                for (int i = 0; i < r; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (!blank) {
                            n++;
                        }
                        blank = true;
                    } else if (b != ' ' && b != '\t' && b != '\r') {
                        blank = false;
                    }
                }
            }
        }
        return blank ? n : n + 1;
    }
}
