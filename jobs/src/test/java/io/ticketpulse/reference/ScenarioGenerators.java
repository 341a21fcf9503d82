package io.ticketpulse.reference;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of per-ticket engine input scripts ({@link Scenario}): a few tickets interleaved, each a
 * history with small gaps and gaps longer than R and than T (a customer reply or reopen more than T after the
 * ticket's last event comes as a new {@code CREATED}: the id reused for a second life; reopen cycles, pauses,
 * priority and team changes,
 * ratings, test events, replies before the creation, tickets without {@code CREATED}, creations without a priority
 * (with or without urgency and impact attributes), assignments to agents and back to a queue); each event arrives after its
 * own delay (so out of order, some late within and beyond the lateness), with exact and conflicting duplicates; a
 * monotone watermark with small lags, long lags and jumps ahead; the wall clock following the arrivals; and an end:
 * a horizon broadcast and watermark MAX, MAX alone, or a watermark past every expiry.
 *
 * <p>Everything is drawn as small structured "drafts" (gaps, delays, lags as numbers that shrink towards zero, lists
 * that shrink towards shorter ones and by dropping any element, weighted choices that shrink towards their first, simplest option) composed with
 * {@code zip}/{@code map} only, so QuickTheories shrinks the draft, and compiled into steps; every shrunk draft
 * compiles to a valid script (watermarks stay increasing), so a failure shrinks to a short, readable history
 * ({@link Scenario#toString()}).
 */
public final class ScenarioGenerators {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private ScenarioGenerators() {}

    /** One event of a ticket's history after its first: gap after the previous event, what it is, arrival delay. */
    record EventDraft(long gapMs, EventType type, String priority, String status, Who who, int csat,
            boolean test, long delayMs) {
        String team() {
            return who.team();
        }
    }

    /** Who acted: the event's team and agent (either may be null; an ASSIGNED without agent goes back to a queue). */
    record Who(String team, String agent) {}

    /**
     * The creation's priority, or none (null) and the attributes it is derived from (null: none); and whether an
     * agent is assigned right after it ({@code assignAfterMs} later, -1: not), so that many tickets have a handling
     * time.
     */
    record CreationDraft(String priority, Map<String, String> attributes, long assignAfterMs) {}

    /** The first half of an {@link EventDraft} (QuickTheories zips at most five generators). */
    private record EventHead(long gapMs, EventType type, String priority, String status) {}

    /** One ticket: when it starts, whether it starts with a CREATED (and how), then its other events. */
    record TicketDraft(long startMs, boolean createdFirst, CreationDraft creation, String channel, long createdDelayMs,
            List<EventDraft> events) {}

    /** The first part of a {@link TicketDraft}. */
    private record TicketHead(long startMs, boolean createdFirst, CreationDraft creation, String channel) {}

    /** A second copy of an event: exact, or with the same id and other content (time shifted, or another team). */
    record CopyDraft(int pick, boolean conflict, int shiftMinutes, long delayMs) {}

    /** A watermark after the {@code afterArrival}-th arrival, {@code lagMs} behind that arrival's clock. */
    record WatermarkDraft(int afterArrival, long lagMs, int tweakMs) {}

    /** How the input ends: 0 horizon + MAX, 1 MAX without a horizon, 2 a watermark past every expiry. */
    record EndDraft(int mode, long horizonOffsetMs) {}

    /** The drafts of a whole script, before compiling. */
    private record ScriptDraft(List<TicketDraft> tickets, List<CopyDraft> copies, List<WatermarkDraft> watermarks,
            EndDraft end) {}

    /** Scripts for the given settings (R, T and L shape the gaps and lags); {@code wallClockOffsets} in ms. */
    public static Gen<Scenario> scenarios(ReferenceSettings settings, long... wallClockOffsets) {
        Gen<List<TicketDraft>> tickets = droppables(ticket(settings), 1, 3);
        Gen<List<CopyDraft>> copies = droppables(copy(), 0, 3);
        Gen<List<WatermarkDraft>> watermarks = droppables(watermark(settings), 2, 16);
        Gen<EndDraft> end = weighted(List.of(Pair.of(45, 0), Pair.of(15, 1), Pair.of(40, 2)))
                .zip(longs().between(-2 * HOUR, 2 * HOUR), EndDraft::new);
        List<Long> offsets = new ArrayList<>();
        for (long offset : wallClockOffsets) {
            offsets.add(offset);
        }
        Gen<Long> wall = Generate.pick(offsets);
        return tickets.zip(copies, watermarks, end, ScriptDraft::new)
                .zip(wall, (d, offset) -> compile(settings, d.tickets(), d.copies(), d.watermarks(), d.end(), offset));
    }

    /**
     * A list of drafts each of which may be dropped. QuickTheories shrinks a list by its size, which keeps the first
     * elements; a "dropped" flag per element (rarely set when generating, the shrink target) lets it remove any
     * element in the middle too, so a shrunk history keeps only the events that matter.
     */
    private static <T> Gen<List<T>> droppables(Gen<T> element, int minSize, int maxSize) {
        Gen<Boolean> dropped = weighted(List.of(Pair.of(1, true), Pair.of(19, false)));
        Gen<List<Optional<T>>> maybe = lists()
                .of(dropped.zip(element, (d, e) -> d ? Optional.<T>empty() : Optional.of(e)))
                .ofSizeBetween(minSize, maxSize);
        return maybe.map(l -> l.stream().flatMap(Optional::stream).toList());
    }

    /** A weighted choice among constants; shrinks towards the first. */
    private static <T> Gen<T> weighted(List<Pair<Integer, T>> choices) {
        List<Pair<Integer, Gen<T>>> gens = new ArrayList<>();
        for (Pair<Integer, T> c : choices) {
            gens.add(Pair.of(c._1, Generate.constant(c._2)));
        }
        return Generate.frequency(gens);
    }

    static Gen<TicketDraft> ticket(ReferenceSettings s) {
        Gen<Long> start = longs().between(0, 120).map(m -> m * MINUTE);
        Gen<Boolean> createdFirst = weighted(List.of(Pair.of(85, true), Pair.of(15, false)));
        Gen<String> channel = Generate.pick(List.of("chat", "email"));
        Gen<List<EventDraft>> events = droppables(event(s), 0, 9).zip(tail(), (ev, tail) -> {
            List<EventDraft> all = new ArrayList<>(ev);
            all.addAll(tail);
            return all;
        });
        return start.zip(createdFirst, creation(), channel, TicketHead::new)
                .zip(delay(s), events, (h, d, ev) -> new TicketDraft(h.startMs(), h.createdFirst(), h.creation(),
                        h.channel(), d, ev));
    }

    /**
     * An ending that reaches the stage metrics' and the handling time's rarer states (none by default, the shrink
     * target): a resolution, then 16 to 40 minutes later (past the follow-up warning of 15 min) a rating, an agent
     * contact or a reopen; two agent replies 8 to 15 minutes apart (past the periodic-update warning at 7.5 min);
     * or a status change to pending arriving 7 to 9.5 minutes late, after the resolution it precedes (a handling
     * time emitted, then corrected within the lateness).
     */
    static Gen<List<EventDraft>> tail() {
        Who nobody = new Who(null, null);
        Gen<List<EventDraft>> followUp = Generate.pick(List.of(
                        EventType.SATISFACTION_RATED, EventType.AGENT_REPLIED, EventType.REOPENED))
                .zip(longs().between(16, 40), (type, minutes) -> List.of(
                        new EventDraft(MINUTE, EventType.RESOLVED, null, null, nobody, 0, false, 0),
                        new EventDraft(minutes * MINUTE, type, null, null, new Who(null, "a1"), 4, false, 0)));
        Gen<List<EventDraft>> updates = longs().between(8, 15).map(minutes -> List.of(
                new EventDraft(MINUTE, EventType.AGENT_REPLIED, null, null, new Who(null, "a1"), 0, false, 0),
                new EventDraft(minutes * MINUTE, EventType.AGENT_REPLIED, null, null, new Who(null, "a2"), 0, false,
                        0)));
        Gen<List<EventDraft>> latePause = longs().between(14, 19).map(halfMinutes -> List.of(
                new EventDraft(MINUTE, EventType.ASSIGNED, null, null, new Who(null, "a2"), 0, false, 0),
                new EventDraft(2 * MINUTE, EventType.STATUS_CHANGED, null, "pending", nobody, 0, false,
                        halfMinutes * 30_000),
                new EventDraft(MINUTE, EventType.RESOLVED, null, null, nobody, 0, false, 0)));
        return Generate.frequency(List.of(
                Pair.of(55, Generate.constant(List.<EventDraft>of())),
                Pair.of(15, followUp),
                Pair.of(15, updates),
                Pair.of(15, latePause)));
    }

    /**
     * Mostly a given priority; sometimes none, derived from urgency and impact (the defaults' levels, words and
     * digits, one or both present, or an unknown value) or from nothing (the default priority).
     */
    static Gen<CreationDraft> creation() {
        List<Map<String, String>> derivedFrom = List.of(
                Map.of(),
                Map.of("urgency", "high", "impact", "high"),
                Map.of("urgency", "high", "impact", "medium"),
                Map.of("urgency", "low", "impact", "low"),
                Map.of("urgency", "medium"),
                Map.of("impact", "4", "urgency", "3"),
                Map.of("urgency", "severe", "issue_type", "billing"));
        // a given priority, or (null priority) the index of the attributes it is derived from
        Gen<Pair<String, Integer>> priority = Generate.frequency(List.of(
                Pair.of(80, priority().map(p -> Pair.of(p, -1))),
                Pair.of(20, integers().between(0, derivedFrom.size() - 1).map(i -> Pair.<String, Integer>of(null, i)))));
        Gen<Long> assignAfter = Generate.frequency(List.of(
                Pair.of(50, Generate.constant(-1L)),
                Pair.of(50, longs().between(0, 20).map(h -> h * 30_000))));
        return priority.zip(assignAfter, (p, after) -> new CreationDraft(p._1,
                p._2 < 0 || derivedFrom.get(p._2).isEmpty() ? null : derivedFrom.get(p._2), after));
    }

    static Gen<EventDraft> event(ReferenceSettings s) {
        Gen<EventType> type = weighted(List.of(
                Pair.of(20, EventType.AGENT_REPLIED),
                Pair.of(10, EventType.CUSTOMER_REPLIED),
                Pair.of(8, EventType.ASSIGNED),
                Pair.of(10, EventType.STATUS_CHANGED),
                Pair.of(8, EventType.PRIORITY_CHANGED),
                Pair.of(8, EventType.RESOLVED),
                Pair.of(6, EventType.REOPENED),
                Pair.of(5, EventType.CLOSED),
                Pair.of(8, EventType.SATISFACTION_RATED),
                Pair.of(2, EventType.ESCALATED),
                Pair.of(4, EventType.CREATED)));
        Gen<String> status = Generate.pick(List.of("open", "pending", "on_hold", "solved", "new"));
        Gen<String> team = weighted(List.of(Pair.of(60, "-"), Pair.of(20, "alpha"), Pair.of(20, "beta")))
                .map(t -> t.equals("-") ? null : t);
        Gen<String> agent = weighted(List.of(Pair.of(30, "-"), Pair.of(35, "a1"), Pair.of(35, "a2")))
                .map(a -> a.equals("-") ? null : a);
        Gen<Who> who = team.zip(agent, Who::new);
        Gen<Integer> csat = integers().between(1, 5);
        Gen<Boolean> test = weighted(List.of(Pair.of(95, false), Pair.of(5, true)));
        return gap(s).zip(type, priority(), status, EventHead::new)
                .zip(who, csat, test, delay(s), (h, w, c, t, d) ->
                        new EventDraft(h.gapMs(), h.type(), h.priority(), h.status(), w, c, t, d));
    }

    private static Gen<String> priority() {
        return weighted(List.of(Pair.of(40, "P1"), Pair.of(30, "P2"), Pair.of(20, "P3"), Pair.of(10, "P4")));
    }

    /** Gaps between a ticket's events: mostly minutes, sometimes hours, exactly R or T, longer than R or T. */
    static Gen<Long> gap(ReferenceSettings s) {
        return Generate.frequency(List.of(
                Pair.of(50, longs().between(0, 40).map(h -> h * 30_000)),
                Pair.of(25, longs().between(20, 120).map(m -> m * MINUTE)),
                Pair.of(5, Generate.pick(List.of(s.retentionMs(), s.tombstoneMs()))),
                Pair.of(12, longs().between(1, 360).map(m -> s.retentionMs() + m * MINUTE)),
                Pair.of(8, longs().between(1, 360).map(m -> s.tombstoneMs() + m * MINUTE))));
    }

    /** Arrival delays: mostly within the watermark lag, sometimes beyond the lateness, sometimes hours. */
    static Gen<Long> delay(ReferenceSettings s) {
        return Generate.frequency(List.of(
                Pair.of(55, longs().between(0, 4).map(h -> h * 30_000)),
                Pair.of(25, longs().between(2, 15).map(m -> m * MINUTE)),
                Pair.of(12, longs().between(15, 60).map(m -> m * MINUTE)),
                Pair.of(8, longs().between(1, 30).map(h -> h * HOUR))));
    }

    static Gen<CopyDraft> copy() {
        return integers().between(0, 1000).zip(
                weighted(List.of(Pair.of(50, false), Pair.of(50, true))),
                integers().between(-30, 30),
                Generate.frequency(List.of(
                        Pair.of(70, longs().between(0, 20).map(m -> m * MINUTE)),
                        Pair.of(30, longs().between(1, 30).map(h -> h * HOUR)))),
                CopyDraft::new);
    }

    /** Watermarks: small lags (about the lateness), long lags, and jumps ahead of the arrivals. */
    static Gen<WatermarkDraft> watermark(ReferenceSettings s) {
        return integers().between(0, 1000).zip(
                Generate.frequency(List.of(
                        Pair.of(60, longs().between(0, 20).map(h -> h * 30_000)),
                        Pair.of(25, longs().between(10, 240).map(m -> m * MINUTE)),
                        Pair.of(15, longs().between(0, 26 * 60).map(m -> -m * MINUTE)))),
                weighted(List.of(Pair.of(80, 0), Pair.of(10, -1), Pair.of(10, 1))),
                WatermarkDraft::new);
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
                c.priority = d.creation().priority();
                c.attributes = d.creation().attributes();
                pending.add(new Pending(c, t + d.createdDelayMs(), pending.size()));
                if (d.creation().assignAfterMs() >= 0) {
                    TicketEvent a = new TicketEvent(ticketId + "-e" + ++n, ticketId, EventType.ASSIGNED,
                            t + d.creation().assignAfterMs());
                    a.agentId = "a1";
                    pending.add(new Pending(a, a.occurredAtMs + d.createdDelayMs(), pending.size()));
                }
            }
            for (EventDraft e : d.events()) {
                t += e.gapMs();
                // a customer coming back more than T after the ticket's last event (its state released) opens a
                // new ticket under the same id: a second life with its own alerts (dedup_keys by life)
                EventType type = e.gapMs() > s.tombstoneMs()
                        && (e.type() == EventType.CUSTOMER_REPLIED || e.type() == EventType.REOPENED)
                        ? EventType.CREATED : e.type();
                TicketEvent ev = new TicketEvent(ticketId + "-e" + ++n, ticketId, type, t);
                switch (type) {
                    case CREATED -> {
                        ev.channel = d.channel();
                        ev.priority = e.priority();
                        ev.status = e.status(); // a creation with a status (the handling time's and pauses' start)
                    }
                    case PRIORITY_CHANGED -> ev.priority = e.priority();
                    case STATUS_CHANGED -> ev.status = e.status();
                    case SATISFACTION_RATED -> ev.csat = e.csat();
                    default -> { }
                }
                ev.team = e.team();
                if (type == EventType.ASSIGNED || type == EventType.AGENT_REPLIED) {
                    ev.agentId = e.who().agent();
                }
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
