package io.ticketpulse.simulator;

import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.simulator.SimulatedRecord.Kind;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A deterministic generator of ticket-event v1 records from many concurrent tickets, on a simulated clock.
 *
 * <p>Tickets arrive as a Poisson process ({@link SimulatorOptions#ticketsPerHour()} shared by {@code
 * instances} simulators) starting at {@link SimulatorOptions#start()}. Each new ticket's whole lifecycle is
 * planned at once (see {@link TicketPlanner}) from the distributions of {@link SimulatorOptions#profile()} and its events wait in a priority queue ordered by delivery time;
 * {@link #next()} delivers the earliest one and moves the simulated clock to its delivery time, so records come
 * out in delivery order, which is event-time order disturbed by the imperfections:
 *
 * <ul>
 *   <li>on-time events are delivered up to {@link SimulatorOptions#maxJitter()} after they occurred;
 *   <li>{@link SimulatorOptions#mildLateRate()} of events arrive 1–5 min late, {@link
 *       SimulatorOptions#veryLateRate()} 1–3 h late;
 *   <li>after a delivery, with {@link SimulatorOptions#duplicateRate()} the same bytes are delivered again
 *       1 s–2 min later, and with {@link SimulatorOptions#malformedRate()} a malformed record derived from it
 *       follows within 5 s.
 * </ul>
 *
 * <p>The same options, instance and instance count always give the same records, byte for byte. Ticket ids
 * are {@code T-<instance>-<n>} and event ids {@code T-<instance>-<n>-<k>}. Memory stays bounded: the queue holds
 * only the remaining events of tickets still open (a few hours of arrivals), and tickets leave it when closed.
 * Plain Java, not thread-safe.
 */
public final class TicketSimulator implements Iterator<SimulatedRecord> {

    /** No limit on the number of tickets: the simulator never runs dry. */
    public static final long UNLIMITED_TICKETS = Long.MAX_VALUE;

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private final SimulatorOptions options;
    private final int instance;
    private final long maxTickets;
    private final Dice dice;
    private final TicketPlanner planner;
    private final Malformer malformer;
    private final double meanArrivalGapMs;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();

    private double nextArrivalMs;
    private long ticketsCreated;
    private long sequence;
    private long clockMs;

    /** The only simulator: instance 0 of 1, unlimited tickets. */
    public TicketSimulator(SimulatorOptions options) {
        this(options, 0, 1, UNLIMITED_TICKETS);
    }

    /** Simulator {@code instance} of {@code instances} sharing the arrival rate, unlimited tickets. */
    public TicketSimulator(SimulatorOptions options, int instance, int instances) {
        this(options, instance, instances, UNLIMITED_TICKETS);
    }

    /**
     * Simulator {@code instance} (0-based) of {@code instances}: seeded with {@code seed + instance}, with
     * {@code ticketsPerHour / instances} arrivals per simulated hour; after {@code maxTickets} tickets no new
     * ones arrive and {@link #hasNext()} turns false once every planned event was delivered.
     */
    public TicketSimulator(SimulatorOptions options, int instance, int instances, long maxTickets) {
        if (instance < 0 || instances < 1 || instance >= instances) {
            throw new IllegalArgumentException("instance must be in [0, instances), got " + instance + " of " + instances);
        }
        if (maxTickets < 0) {
            throw new IllegalArgumentException("maxTickets must not be negative, got " + maxTickets);
        }
        this.options = options;
        this.instance = instance;
        this.maxTickets = maxTickets;
        this.dice = new Dice(options.seed() + instance);
        this.planner = new TicketPlanner(dice, options.profile());
        this.malformer = new Malformer(dice);
        this.meanArrivalGapMs = HOUR * (double) instances / options.ticketsPerHour();
        this.clockMs = options.start().toEpochMilli();
        this.nextArrivalMs = clockMs + dice.exponential(meanArrivalGapMs);
    }

    @Override
    public boolean hasNext() {
        return ticketsCreated < maxTickets || !queue.isEmpty();
    }

    @Override
    public SimulatedRecord next() {
        admitArrivals();
        Pending p = queue.poll();
        if (p == null) {
            throw new NoSuchElementException("all " + ticketsCreated + " tickets were delivered");
        }
        clockMs = p.deliverAtMs;
        byte[] bytes = p.bytes != null ? p.bytes : TicketEventJson.toJson(p.event);
        if (p.kind != Kind.DUPLICATE && p.kind != Kind.MALFORMED) {
            if (dice.chance(options.duplicateRate())) {
                enqueue(clockMs + dice.between(SECOND, 2 * MINUTE), Kind.DUPLICATE, p.event, bytes);
            }
            if (dice.chance(options.malformedRate())) {
                enqueue(clockMs + dice.between(0, 5 * SECOND), Kind.MALFORMED, p.event, malformer.corrupt(p.event, bytes));
            }
        }
        return new SimulatedRecord(p.kind, bytes, clockMs, p.event.occurredAtMs, p.event.eventId, p.event.ticketId);
    }

    /** The simulated clock: the delivery time of the last record (the start instant before the first). */
    public long clockMs() {
        return clockMs;
    }

    /** Records planned but not yet delivered (the memory this simulator holds). */
    public int pendingCount() {
        return queue.size();
    }

    public long ticketsCreated() {
        return ticketsCreated;
    }

    /** Creates every ticket arriving no later than the earliest pending delivery, so output stays in order. */
    private void admitArrivals() {
        while (ticketsCreated < maxTickets && (queue.isEmpty() || nextArrivalMs <= queue.peek().deliverAtMs)) {
            createTicket((long) nextArrivalMs);
            nextArrivalMs += dice.exponential(meanArrivalGapMs);
        }
    }

    private void createTicket(long createdAtMs) {
        ticketsCreated++;
        String ticketId = "T-" + instance + "-" + ticketsCreated;
        boolean isTest = dice.chance(options.testTicketRate());
        long maxJitterMs = options.maxJitter().toMillis();
        for (TicketEvent event : planner.plan(ticketId, createdAtMs, isTest)) {
            double u = dice.unit();
            if (u < options.veryLateRate()) {
                enqueue(event.occurredAtMs + dice.between(HOUR, 3 * HOUR), Kind.VERY_LATE, event, null);
            } else if (u < options.veryLateRate() + options.mildLateRate()) {
                enqueue(event.occurredAtMs + dice.between(MINUTE, 5 * MINUTE), Kind.LATE, event, null);
            } else {
                enqueue(event.occurredAtMs + dice.between(0, maxJitterMs), Kind.EVENT, event, null);
            }
        }
    }

    private void enqueue(long deliverAtMs, Kind kind, TicketEvent event, byte[] bytes) {
        queue.add(new Pending(deliverAtMs, sequence++, kind, event, bytes));
    }

    /** A planned delivery; ordered by delivery time, then by planning order. */
    private static final class Pending implements Comparable<Pending> {
        final long deliverAtMs;
        final long sequence;
        final Kind kind;
        final TicketEvent event;
        /** The wire bytes when fixed in advance (duplicates, malformed records); else serialized on delivery. */
        final byte[] bytes;

        Pending(long deliverAtMs, long sequence, Kind kind, TicketEvent event, byte[] bytes) {
            this.deliverAtMs = deliverAtMs;
            this.sequence = sequence;
            this.kind = kind;
            this.event = event;
            this.bytes = bytes;
        }

        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(deliverAtMs, o.deliverAtMs);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
