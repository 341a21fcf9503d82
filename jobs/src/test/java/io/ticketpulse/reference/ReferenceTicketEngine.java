package io.ticketpulse.reference;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FactChangelog;
import io.ticketpulse.domain.TicketFacts;
import io.ticketpulse.domain.sla.AlertReconciler;
import io.ticketpulse.domain.sla.PriorityDerivation;
import io.ticketpulse.domain.sla.SlaTimeline;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The executable specification of the per-ticket engine ({@code TicketFunction}): given the input steps one by one
 * (event arrivals, watermarks, processing time, horizon broadcasts), what the operator must emit after each step —
 * main output (the {@link Fact} changelog), alert records and dead letters. Written to be obviously correct, not
 * fast: it keeps every accepted event forever and re-derives every ticket from scratch on every step, with the pure
 * reference projections {@link TicketFacts#derive}, {@link FactChangelog#diff}, {@link SlaTimeline#project(
 * java.util.Collection, io.ticketpulse.domain.sla.SlaPolicySet, long)} and {@link AlertReconciler#toEmit}.
 *
 * <p>The rules (the lead engineer's contract, "the reference"), with wm the watermark (Long.MIN_VALUE before the
 * first) and L the allowed lateness:
 *
 * <ul>
 *   <li>an event older than wm - L is dead-lettered {@code LATE_EVENT};
 *   <li>an event whose id is already accepted for the ticket among its events at or after wm - L (all of them
 *       while wm is MIN) is dropped when equal, dead-lettered {@code DUPLICATE_CONFLICT} when different (the first
 *       one wins); otherwise it is accepted;
 *   <li>a ticket's accepted events, in event order, split into lives: an unstarted life (no {@code CREATED} yet)
 *       ends when the next event is more than R after its latest event, a started one when the next event is more
 *       than T after its latest event; an unstarted life's events are dead-lettered {@code UNKNOWN_TICKET} once
 *       wm - L passes its latest event + R;
 *   <li>facts: the changelog from the facts derived before to {@code TicketFacts.derive(life, wm, wait)} of every
 *       life, re-evaluated on every step (so as soon as wm reaches a fact's time);
 *   <li>alerts, per life: {@code AlertReconciler.toEmit(project(life, policies, R) up to the clock, last emitted of
 *       the life, clock, test life)} with the alert clock of {@code SlaAlertFunction}: in event time wm - L - 1,
 *       at the end of input (wm MAX) the horizon, never going back; with {@link AlertClock#AUTO} also the wall
 *       clock while the stream is live, evaluated when {@code SlaAlertFunction}'s timers would fire.
 * </ul>
 *
 * <p>With the AUTO clock and a live stream the outputs depend on when the watermark is observed for liveness,
 * i.e. on the operator's evaluation points, which the contract does not fix; the differential test therefore
 * compares AUTO only on replays (never live), where it must equal event time.
 */
public final class ReferenceTicketEngine {

    /** What the operator emits in one step, in order of emission within each ticket. */
    public record StepOutput(List<Fact> facts, List<SlaAlert> alerts, List<DeadLetter> deadLetters) {}

    private final ReferenceSettings settings;
    private final boolean auto;

    private long watermark = Long.MIN_VALUE;
    private long now;
    private long horizon = Long.MIN_VALUE;
    private final Map<String, TicketState> tickets = new TreeMap<>();

    /** AUTO only: the newest event time seen (element or watermark) and how far it trailed the wall clock. */
    private long newestEventTime = Long.MIN_VALUE;
    private long lagAtNewestEventTimeMs = Long.MAX_VALUE;

    /** Counters, for statistics and for hand-checked tests. */
    private int duplicatesDropped;

    /** One ticket (key): everything accepted, and what was emitted. */
    private static final class TicketState {
        final List<TicketEvent> accepted = new ArrayList<>();
        /** The facts derived at the last evaluation = the net of everything emitted. */
        List<Fact> derived = List.of();
        /** Per life (by the identity of its first event): the last record emitted per dedupKey. */
        final Map<String, Map<String, SlaAlert>> lastEmitted = new HashMap<>();
        /**
         * Lives (by the identity of their first event) whose state the operator has released: wm - L passed their
         * latest event + T (started) or + R (unstarted). Final: no accepted event can join them any more.
         */
        final Set<String> endedLives = new HashSet<>();
        /** Events (by identity) already dead-lettered as UNKNOWN_TICKET. */
        final Set<String> unknownReleased = new HashSet<>();
        /** The alert clock of the key's last evaluation (never goes back); null when none since the state ended. */
        Long evaluatedUpTo;
        /** AUTO: SlaAlertFunction's timers of the key. */
        Long eventTimeTimer;
        Long processingTimeTimer;
    }

    /** One life of a ticket: events in event order. */
    record Life(List<TicketEvent> events, boolean started, long maxEventTimeMs) {
        String id() {
            return identity(events.get(0));
        }
    }

    public ReferenceTicketEngine(ReferenceSettings settings, long initialProcessingTimeMs) {
        this.settings = settings;
        this.auto = settings.alertClock() == AlertClock.AUTO;
        this.now = initialProcessingTimeMs;
    }

    public int duplicatesDropped() {
        return duplicatesDropped;
    }

    /** The largest number of lives of one ticket so far. */
    public int maxLivesPerTicket() {
        int max = 0;
        for (TicketState ticket : tickets.values()) {
            max = Math.max(max, lives(ticket.accepted).size());
        }
        return max;
    }

    /** Applies one step; what the operator must emit in it. */
    public StepOutput apply(Step step) {
        List<Fact> facts = new ArrayList<>();
        List<SlaAlert> alerts = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        Set<String> alertKeys = new HashSet<>();
        if (step instanceof Step.Arrival a) {
            String key = arrive(a.event(), deadLetters);
            if (key != null) {
                alertKeys.add(key);
            }
        } else if (step instanceof Step.Watermark w) {
            if (w.ms() <= watermark) {
                throw new IllegalArgumentException("watermarks must increase: " + w + " after " + watermark);
            }
            watermark = w.ms();
            if (auto) {
                for (Map.Entry<String, TicketState> e : tickets.entrySet()) {
                    Long timer = e.getValue().eventTimeTimer;
                    if (timer != null && timer <= watermark) {
                        e.getValue().eventTimeTimer = null;
                        alertKeys.add(e.getKey());
                    }
                }
            }
        } else if (step instanceof Step.ProcessingTime p) {
            now = Math.max(now, p.ms());
            if (auto) {
                for (Map.Entry<String, TicketState> e : tickets.entrySet()) {
                    Long timer = e.getValue().processingTimeTimer;
                    if (timer != null && timer <= now) {
                        e.getValue().processingTimeTimer = null;
                        alertKeys.add(e.getKey());
                    }
                }
            }
        } else if (step instanceof Step.Horizon h) {
            horizon = Math.max(horizon, h.ms());
        }
        for (Map.Entry<String, TicketState> e : tickets.entrySet()) {
            String ticketId = e.getKey();
            TicketState ticket = e.getValue();
            List<Life> lives = lives(ticket.accepted);
            facts.addAll(evaluateFacts(ticket, lives));
            if (settings.policies() != null && (!auto || alertKeys.contains(ticketId))) {
                List<Life> held = new ArrayList<>();
                for (Life life : lives) {
                    if (!ticket.endedLives.contains(life.id())) {
                        held.add(life);
                    }
                }
                alerts.addAll(evaluateAlerts(ticket, held));
            }
            deadLetters.addAll(releaseUnknown(ticket, lives));
            if (endLives(ticket, lives)) {
                ticket.evaluatedUpTo = null;
                ticket.eventTimeTimer = null;
                ticket.processingTimeTimer = null;
            }
        }
        return new StepOutput(facts, alerts, deadLetters);
    }

    /** Lateness and dedupe; returns the ticket id when the event was accepted. */
    private String arrive(TicketEvent event, List<DeadLetter> deadLetters) {
        long lateness = settings.latenessMs();
        if (watermark != Long.MIN_VALUE && event.occurredAtMs < watermark - lateness) {
            deadLetters.add(deadLetter(DeadLetter.ReasonCode.LATE_EVENT, event));
            return null;
        }
        TicketState ticket = tickets.computeIfAbsent(event.ticketId, k -> new TicketState());
        for (TicketEvent e : ticket.accepted) {
            boolean comparable = watermark == Long.MIN_VALUE || e.occurredAtMs >= watermark - lateness;
            if (comparable && e.eventId.equals(event.eventId)) {
                if (e.equals(event)) {
                    duplicatesDropped++;
                } else {
                    deadLetters.add(deadLetter(DeadLetter.ReasonCode.DUPLICATE_CONFLICT, event));
                }
                return null;
            }
        }
        ticket.accepted.add(event);
        if (auto) {
            observeLiveness(event.occurredAtMs);
        }
        return event.ticketId;
    }

    /** The ticket's lives, from its accepted events. */
    List<Life> lives(List<TicketEvent> accepted) {
        List<TicketEvent> sorted = new ArrayList<>(accepted);
        sorted.sort(TicketFacts.EVENT_ORDER);
        List<Life> lives = new ArrayList<>();
        List<TicketEvent> current = null;
        boolean started = false;
        long max = Long.MIN_VALUE;
        for (TicketEvent e : sorted) {
            if (current != null) {
                long gap = started ? settings.tombstoneMs() : settings.retentionMs();
                if (e.occurredAtMs > max + gap) {
                    lives.add(new Life(current, started, max));
                    current = null;
                }
            }
            if (current == null) {
                current = new ArrayList<>();
                started = false;
                max = Long.MIN_VALUE;
            }
            current.add(e);
            started |= e.type == EventType.CREATED;
            max = Math.max(max, e.occurredAtMs);
        }
        if (current != null) {
            lives.add(new Life(current, started, max));
        }
        return lives;
    }

    private List<Fact> evaluateFacts(TicketState ticket, List<Life> lives) {
        List<Fact> derived = new ArrayList<>();
        for (Life life : lives) {
            derived.addAll(TicketFacts.derive(life.events(), watermark, settings.waitThresholdMs(),
                    settings.policies() == null ? PriorityDerivation.DEFAULT : settings.policies().priorityDerivation()));
        }
        derived.sort(Comparator.comparingLong((Fact f) -> f.timeMs).thenComparing(f -> f.type)); // stable
        List<Fact> changes = FactChangelog.diff(ticket.derived, derived);
        ticket.derived = derived;
        return changes;
    }

    private List<SlaAlert> evaluateAlerts(TicketState ticket, List<Life> lives) {
        boolean live = auto && observeLiveness(watermark);
        boolean endOfInput = watermark == Long.MAX_VALUE;
        long clock;
        if (endOfInput) {
            clock = horizon;
        } else {
            long eventClock = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - settings.latenessMs() - 1;
            clock = live ? Math.max(eventClock, now) : eventClock;
        }
        if (ticket.evaluatedUpTo != null && ticket.evaluatedUpTo > clock) {
            clock = ticket.evaluatedUpTo;
        } else {
            ticket.evaluatedUpTo = clock;
        }

        inheritLastEmitted(ticket, lives);
        List<SlaAlert> emit = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (Life life : lives) {
            Map<String, SlaAlert> lastEmitted = ticket.lastEmitted.computeIfAbsent(life.id(), k -> new HashMap<>());
            List<SlaAlert> projected = SlaTimeline.project(life.events(), settings.policies(), settings.retentionMs());
            List<SlaAlert> known = new ArrayList<>();
            for (SlaAlert a : projected) {
                if (a.changedAtMs <= clock) {
                    known.add(a);
                }
            }
            boolean test = SlaTimeline.isTestTicket(life.events());
            for (SlaAlert a : AlertReconciler.toEmit(known, lastEmitted, clock, test)) {
                a.detectedAtMs = now;
                emit.add(a);
                lastEmitted.put(a.dedupKey, a);
            }
            next = Math.min(next, AlertReconciler.nextChangeAfter(projected, clock));
        }
        if (auto) {
            if (endOfInput) {
                next = Long.MAX_VALUE;
            }
            ticket.eventTimeTimer = next == Long.MAX_VALUE ? null : next + settings.latenessMs() + 1;
            ticket.processingTimeTimer = live && next != Long.MAX_VALUE ? next : null;
        }
        return emit;
    }

    /**
     * The last-emitted records of a life follow it when a late event changes the lives: a life keeps the map of the
     * old life with the same first event, and takes over the entries of the lives it absorbed (the earlier first).
     */
    private static void inheritLastEmitted(TicketState ticket, List<Life> lives) {
        for (Life life : lives) {
            Map<String, SlaAlert> merged = ticket.lastEmitted.get(life.id());
            for (TicketEvent e : life.events().subList(1, life.events().size())) {
                Map<String, SlaAlert> absorbed = ticket.lastEmitted.remove(identity(e));
                if (absorbed != null && !absorbed.isEmpty()) {
                    if (merged == null) {
                        merged = new HashMap<>();
                        ticket.lastEmitted.put(life.id(), merged);
                    }
                    for (Map.Entry<String, SlaAlert> entry : absorbed.entrySet()) {
                        merged.putIfAbsent(entry.getKey(), entry.getValue());
                    }
                }
            }
        }
    }

    /** UNKNOWN_TICKET dead letters of the unstarted lives that wm - L has passed by more than R. */
    private List<DeadLetter> releaseUnknown(TicketState ticket, List<Life> lives) {
        List<DeadLetter> out = new ArrayList<>();
        for (Life life : lives) {
            if (!life.started() && passed(life.maxEventTimeMs(), settings.retentionMs())) {
                for (TicketEvent e : life.events()) {
                    if (ticket.unknownReleased.add(identity(e))) {
                        out.add(deadLetter(DeadLetter.ReasonCode.UNKNOWN_TICKET, e));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Marks the lives whose state ends now (wm - L past their latest event + T, or + R unstarted); whether every
     * life of the ticket has ended, so the operator holds no state (and no timer) for it.
     */
    private boolean endLives(TicketState ticket, List<Life> lives) {
        boolean all = true;
        for (Life life : lives) {
            long keep = life.started() ? settings.tombstoneMs() : settings.retentionMs();
            if (passed(life.maxEventTimeMs(), keep)) {
                ticket.endedLives.add(life.id());
            } else {
                all = false;
            }
        }
        return all;
    }

    /** Whether the operator must hold no keyed state any more (every ticket's lives ended). */
    public boolean allStateEnded() {
        for (TicketState ticket : tickets.values()) {
            for (Life life : lives(ticket.accepted)) {
                if (!ticket.endedLives.contains(life.id())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether wm - L is past {@code timeMs + spanMs}. */
    private boolean passed(long timeMs, long spanMs) {
        return watermark != Long.MIN_VALUE && watermark - settings.latenessMs() > timeMs + spanMs;
    }

    /** As {@code SlaAlertFunction.observeLiveness}: whether the stream is live. */
    private boolean observeLiveness(long eventTimeMs) {
        if (!auto || eventTimeMs == Long.MAX_VALUE) {
            return false;
        }
        if (eventTimeMs != Long.MIN_VALUE && eventTimeMs > newestEventTime) {
            newestEventTime = eventTimeMs;
            lagAtNewestEventTimeMs = now - eventTimeMs;
        }
        return newestEventTime != Long.MIN_VALUE && lagAtNewestEventTimeMs <= settings.liveLagBoundMs();
    }

    private static String identity(TicketEvent e) {
        return e.eventId + '@' + e.occurredAtMs;
    }

    private static DeadLetter deadLetter(DeadLetter.ReasonCode code, TicketEvent event) {
        DeadLetter d = new DeadLetter(code, code.name(), event.origin, null);
        d.eventId = event.eventId;
        d.ticketId = event.ticketId;
        return d;
    }
}
