package io.ticketpulse.reference;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of per-ticket engine input scripts ({@link Scenario}): a few tickets interleaved, each a history
 * with small gaps and gaps longer than R and than T (reopen cycles, pauses, priority and team changes, ratings,
 * test events, replies before the creation, tickets without {@code CREATED}); each event arrives after its own
 * delay (so out of order, some late within and beyond the lateness), with exact and conflicting duplicates; a
 * monotone watermark with small lags, long lags and jumps ahead; the wall clock following the arrivals; and an end:
 * a horizon broadcast and watermark MAX, MAX alone, or a watermark past every expiry.
 *
 * <p>Everything is drawn as small structured "drafts" (gaps, delays, lags as numbers that shrink towards zero, lists
 * that shrink by dropping elements) and compiled into steps; every shrunk draft compiles to a valid script
 * (watermarks stay increasing), so a failure shrinks to a short, readable history.
 */
public final class ScenarioArbitraries {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private ScenarioArbitraries() {}

    /** One event of a ticket's history after its first: gap after the previous event, what it is, arrival delay. */
    record EventDraft(long gapMs, EventType type, String priority, String status, String team, int csat,
            boolean test, long delayMs) {}

    /** One ticket: when it starts, whether it starts with a CREATED (and how), then its other events. */
    record TicketDraft(long startMs, boolean createdFirst, String priority, String channel, long createdDelayMs,
            List<EventDraft> events) {}

    /** A second copy of an event: exact, or with the same id and other content (time shifted, or another team). */
    record CopyDraft(int pick, boolean conflict, int shiftMinutes, long delayMs) {}

    /** A watermark after the {@code afterArrival}-th arrival, {@code lagMs} behind that arrival's clock. */
    record WatermarkDraft(int afterArrival, long lagMs, int tweakMs) {}

    /** How the input ends: 0 horizon + MAX, 1 MAX without a horizon, 2 a watermark past every expiry. */
    record EndDraft(int mode, long horizonOffsetMs) {}

    /** Scripts for the given settings (R, T and L shape the gaps and lags); {@code wallClockOffsets} in ms. */
    public static Arbitrary<Scenario> scenarios(ReferenceSettings settings, long... wallClockOffsets) {
        Arbitrary<List<TicketDraft>> tickets = ticket(settings).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<CopyDraft>> copies = copy().list().ofMaxSize(3);
        Arbitrary<List<WatermarkDraft>> watermarks = watermark(settings).list().ofMinSize(2).ofMaxSize(16);
        Arbitrary<EndDraft> end = Combinators.combine(
                        Arbitraries.frequency(Tuple.of(45, 0), Tuple.of(15, 1), Tuple.of(40, 2)),
                        Arbitraries.longs().between(-2 * HOUR, 2 * HOUR))
                .as(EndDraft::new);
        Arbitrary<Long> wall = Arbitraries.of(box(wallClockOffsets));
        return Combinators.combine(tickets, copies, watermarks, end, wall)
                .as((t, c, w, e, offset) -> compile(settings, t, c, w, e, offset));
    }

    private static Long[] box(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    static Arbitrary<TicketDraft> ticket(ReferenceSettings s) {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 120).map(m -> m * MINUTE),
                        Arbitraries.frequency(Tuple.of(85, true), Tuple.of(15, false)),
                        priority(),
                        Arbitraries.of("chat", "email"),
                        delay(s),
                        event(s).list().ofMaxSize(9))
                .as(TicketDraft::new);
    }

    static Arbitrary<EventDraft> event(ReferenceSettings s) {
        return Combinators.combine(
                        gap(s),
                        Arbitraries.frequency(
                                Tuple.of(14, EventType.AGENT_REPLIED),
                                Tuple.of(10, EventType.CUSTOMER_REPLIED),
                                Tuple.of(8, EventType.ASSIGNED),
                                Tuple.of(10, EventType.STATUS_CHANGED),
                                Tuple.of(8, EventType.PRIORITY_CHANGED),
                                Tuple.of(8, EventType.RESOLVED),
                                Tuple.of(6, EventType.REOPENED),
                                Tuple.of(5, EventType.CLOSED),
                                Tuple.of(5, EventType.SATISFACTION_RATED),
                                Tuple.of(2, EventType.ESCALATED),
                                Tuple.of(4, EventType.CREATED)),
                        priority(),
                        Arbitraries.of("open", "pending", "on_hold", "solved", "new"),
                        Arbitraries.frequency(Tuple.of(60, "-"), Tuple.of(20, "alpha"), Tuple.of(20, "beta"))
                                .map(t -> t.equals("-") ? null : t),
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.frequency(Tuple.of(95, false), Tuple.of(5, true)),
                        delay(s))
                .as(EventDraft::new);
    }

    private static Arbitrary<String> priority() {
        return Arbitraries.frequency(Tuple.of(40, "P1"), Tuple.of(30, "P2"), Tuple.of(20, "P3"), Tuple.of(10, "P4"));
    }

    /** Gaps between a ticket's events: mostly minutes, sometimes hours, exactly R or T, longer than R or T. */
    static Arbitrary<Long> gap(ReferenceSettings s) {
        return Arbitraries.frequencyOf(
                Tuple.of(50, Arbitraries.longs().between(0, 40).map(h -> h * 30_000)),
                Tuple.of(25, Arbitraries.longs().between(20, 120).map(m -> m * MINUTE)),
                Tuple.of(5, Arbitraries.of(s.retentionMs(), s.tombstoneMs())),
                Tuple.of(12, Arbitraries.longs().between(1, 360).map(m -> s.retentionMs() + m * MINUTE)),
                Tuple.of(8, Arbitraries.longs().between(1, 360).map(m -> s.tombstoneMs() + m * MINUTE)));
    }

    /** Arrival delays: mostly within the watermark lag, sometimes beyond the lateness, sometimes hours. */
    static Arbitrary<Long> delay(ReferenceSettings s) {
        return Arbitraries.frequencyOf(
                Tuple.of(55, Arbitraries.longs().between(0, 4).map(h -> h * 30_000)),
                Tuple.of(25, Arbitraries.longs().between(2, 15).map(m -> m * MINUTE)),
                Tuple.of(12, Arbitraries.longs().between(15, 60).map(m -> m * MINUTE)),
                Tuple.of(8, Arbitraries.longs().between(1, 30).map(h -> h * HOUR)));
    }

    static Arbitrary<CopyDraft> copy() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.of(false, true),
                        Arbitraries.integers().between(-30, 30),
                        Arbitraries.frequencyOf(
                                Tuple.of(70, Arbitraries.longs().between(0, 20).map(m -> m * MINUTE)),
                                Tuple.of(30, Arbitraries.longs().between(1, 30).map(h -> h * HOUR))))
                .as(CopyDraft::new);
    }

    /** Watermarks: small lags (about the lateness), long lags, and jumps ahead of the arrivals. */
    static Arbitrary<WatermarkDraft> watermark(ReferenceSettings s) {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.frequencyOf(
                                Tuple.of(60, Arbitraries.longs().between(0, 20).map(h -> h * 30_000)),
                                Tuple.of(25, Arbitraries.longs().between(10, 240).map(m -> m * MINUTE)),
                                Tuple.of(15, Arbitraries.longs().between(0, 26 * 60).map(m -> -m * MINUTE))),
                        Arbitraries.frequency(Tuple.of(80, 0), Tuple.of(10, -1), Tuple.of(10, 1)))
                .as(WatermarkDraft::new);
    }

    /** An arrival of the script being compiled: the event, its arrival clock, and its order of creation. */
    private record Pending(TicketEvent event, long arrivalMs, int seq) {}

    static Scenario compile(ReferenceSettings s, List<TicketDraft> tickets, List<CopyDraft> copies,
            List<WatermarkDraft> watermarks, EndDraft end, long wallOffsetMs) {
        List<Pending> pending = new ArrayList<>();
        long maxEventTime = Long.MIN_VALUE;
        for (int i = 0; i < tickets.size(); i++) {
            TicketDraft d = tickets.get(i);
            String ticketId = "T" + (i + 1);
            long t = Times.T0 + d.startMs();
            int n = 0;
            if (d.createdFirst()) {
                TicketEvent c = new TicketEvent(ticketId + "-e" + ++n, ticketId, EventType.CREATED, t);
                c.channel = d.channel();
                c.priority = d.priority();
                pending.add(new Pending(c, t + d.createdDelayMs(), pending.size()));
            }
            for (EventDraft e : d.events()) {
                t += e.gapMs();
                TicketEvent ev = new TicketEvent(ticketId + "-e" + ++n, ticketId, e.type(), t);
                switch (e.type()) {
                    case CREATED -> {
                        ev.channel = d.channel();
                        ev.priority = e.priority();
                    }
                    case PRIORITY_CHANGED -> ev.priority = e.priority();
                    case STATUS_CHANGED -> ev.status = e.status();
                    case SATISFACTION_RATED -> ev.csat = e.csat();
                    default -> { }
                }
                ev.team = e.team();
                ev.isTest = e.test();
                pending.add(new Pending(ev, t + e.delayMs(), pending.size()));
            }
        }
        for (Pending p : pending) {
            maxEventTime = Math.max(maxEventTime, p.event().occurredAtMs);
        }
        int originals = pending.size();
        if (originals > 0) {
            for (CopyDraft c : copies) {
                Pending original = pending.get(c.pick() % originals);
                TicketEvent copy = copyOf(original.event());
                copy.origin = "copy";
                if (c.conflict()) {
                    copy.origin = "conflicting copy";
                    if (c.shiftMinutes() != 0) {
                        copy.occurredAtMs += c.shiftMinutes() * MINUTE;
                    } else {
                        copy.team = "gamma";
                    }
                }
                pending.add(new Pending(copy, original.arrivalMs() + c.delayMs(), pending.size()));
            }
        }
        pending.sort(Comparator.comparingLong(Pending::arrivalMs).thenComparingInt(Pending::seq));

        // watermarks, by the arrival they follow (0: before the first), increasing only
        Map<Integer, List<Long>> watermarksAfter = new HashMap<>();
        for (WatermarkDraft w : watermarks) {
            int after = w.afterArrival() % (pending.size() + 1);
            long clock = after == 0 ? (pending.isEmpty() ? Times.T0 : pending.get(0).arrivalMs()) 
                    : pending.get(after - 1).arrivalMs();
            watermarksAfter.computeIfAbsent(after, k -> new ArrayList<>()).add(clock - w.lagMs() + w.tweakMs());
        }
        List<Step> steps = new ArrayList<>();
        long wall = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i <= pending.size(); i++) {
            for (long wm : watermarksAfter.getOrDefault(i, List.of())) {
                if (wm > watermark) {
                    steps.add(new Step.Watermark(wm));
                    watermark = wm;
                }
            }
            if (i < pending.size()) {
                Pending p = pending.get(i);
                long now = p.arrivalMs() + wallOffsetMs;
                if (now > wall) {
                    steps.add(new Step.ProcessingTime(now));
                    wall = now;
                }
                steps.add(new Step.Arrival(p.event()));
            }
        }
        long last = pending.isEmpty() ? Times.T0 : maxEventTime;
        switch (end.mode()) {
            case 0 -> {
                steps.add(new Step.Horizon(last + end.horizonOffsetMs()));
                steps.add(new Step.Watermark(Long.MAX_VALUE));
            }
            case 1 -> steps.add(new Step.Watermark(Long.MAX_VALUE));
            default -> {
                long far = Math.max(last, watermark) + s.tombstoneMs() + s.retentionMs() + s.latenessMs() + DAY;
                steps.add(new Step.Watermark(far));
            }
        }
        long initialWall = (pending.isEmpty() ? Times.T0 : pending.get(0).arrivalMs()) + wallOffsetMs - HOUR;
        return new Scenario(s, initialWall, List.copyOf(steps));
    }

    /** A field-by-field copy of an event. */
    public static TicketEvent copyOf(TicketEvent e) {
        TicketEvent c = new TicketEvent(e.eventId, e.ticketId, e.type, e.occurredAtMs);
        c.channel = e.channel;
        c.priority = e.priority;
        c.status = e.status;
        c.agentId = e.agentId;
        c.team = e.team;
        c.csat = e.csat;
        c.isTest = e.isTest;
        c.attributes = e.attributes;
        c.origin = e.origin;
        return c;
    }
}
