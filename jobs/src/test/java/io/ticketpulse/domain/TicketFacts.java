package io.ticketpulse.domain;

import io.ticketpulse.domain.sla.PriorityDerivation;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Derives the KPI facts of one ticket from the set of its (deduplicated) events, as of an event-time instant.
 *
 * <p>A pure function of the event <em>set</em>: arrival order does not matter, so out-of-order and late events
 * give the same facts as an ordered stream. Every fact at instant {@code t} depends only on events at or
 * before {@code t}; that is why a late event can only change facts at or after its own time. Definitions:
 *
 * <ul>
 *   <li>the ticket is defined by its first {@code CREATED} (by time, then event id); without one there are no
 *       facts; a ticket with any {@code is_test} event has no facts;
 *   <li>facts are attributed to the creation channel and to the priority in force at the fact's instant: the
 *       latest {@code PRIORITY_CHANGED} at or before it, else the priority at creation;
 *   <li>first response = first {@code AGENT_REPLIED}; FRT = its time minus creation (a reply stamped before
 *       creation counts as at creation);
 *   <li>wait decision at the earlier of the first response and {@code created + threshold}; a reply at exactly
 *       the threshold is in time;
 *   <li>resolution = first {@code RESOLVED}; one-touch when at most one {@code AGENT_REPLIED} is at or before it;
 *   <li>backlog: open at instant {@code t} when created at or before {@code t} and the last of its
 *       {@code RESOLVED}/{@code CLOSED}/{@code REOPENED} events at or before {@code t} is neither
 *       {@code RESOLVED} nor {@code CLOSED}; emitted as +1/-1 deltas per (channel, priority);
 *   <li>each rating counts, with the FRT bucket of a first response at or before the rating;
 *   <li>a creation without a priority gets the one the priority derivation gives for its attributes (the CREATED
 *       fact says so, unless a PRIORITY_CHANGED at the creation instant gives it another);
 *   <li>handling time: the events in application order (the creation first, events stamped before it at its
 *       instant); resolution cycles from the creation, or a {@code REOPENED} of a resolved or closed ticket, to
 *       the {@code RESOLVED}/{@code CLOSED} that ends it; between two consecutive instants the state after every
 *       event of the earlier one holds; the time of a cycle in which the ticket is open, has an agent (the latest
 *       {@code ASSIGNED}'s {@code agent_id}) and a status {@code new}, {@code open} or none (none given since the
 *       creation or the latest {@code REOPENED}) is its handling time, a fact at the cycle's end when an agent
 *       was assigned at some point of the cycle.
 * </ul>
 */
public final class TicketFacts {

    /** Deterministic total order of events: event time, then event id. */
    public static final Comparator<TicketEvent> EVENT_ORDER =
            Comparator.comparingLong((TicketEvent e) -> e.occurredAtMs).thenComparing(e -> e.eventId);

    private TicketFacts() {}

    /**
     * The facts of a ticket with time at or before {@code asOfMs}, in time order.
     *
     * @param events the ticket's distinct events, any order
     * @param asOfMs facts after this instant are not yet known (the watermark)
     * @param waitThresholdMs the wait-timeout threshold
     */
    public static List<Fact> derive(Collection<TicketEvent> events, long asOfMs, long waitThresholdMs) {
        return derive(events, asOfMs, waitThresholdMs, PriorityDerivation.DEFAULT);
    }

    /** {@link #derive(Collection, long, long)} with the priority derivation of a policy file. */
    public static List<Fact> derive(Collection<TicketEvent> events, long asOfMs, long waitThresholdMs,
            PriorityDerivation derivation) {
        List<TicketEvent> sorted = new ArrayList<>(events);
        sorted.sort(EVENT_ORDER);
        TicketEvent created = null;
        for (TicketEvent e : sorted) {
            if (e.isTest) {
                return List.of();
            }
            if (created == null && e.type == EventType.CREATED) {
                created = e;
            }
        }
        if (created == null) {
            return List.of();
        }
        return new Derivation(sorted, created, waitThresholdMs, derivation).facts(asOfMs);
    }

    /** The derivation for one ticket with a known creation. */
    private static final class Derivation {
        private final List<TicketEvent> sorted;
        private final String ticketId;
        private final String channel;
        private final String creationPriority;
        private final boolean creationPriorityDerived;
        private final TicketEvent created;
        private final long createdMs;
        private final long waitThresholdMs;
        private final List<TicketEvent> priorityChanges = new ArrayList<>();

        Derivation(List<TicketEvent> sorted, TicketEvent created, long waitThresholdMs, PriorityDerivation derivation) {
            this.sorted = sorted;
            this.created = created;
            this.ticketId = created.ticketId;
            this.channel = created.channel;
            this.creationPriorityDerived = created.priority == null;
            this.creationPriority = creationPriorityDerived ? derivation.derive(created.attributes) : created.priority;
            this.createdMs = created.occurredAtMs;
            this.waitThresholdMs = waitThresholdMs;
            for (TicketEvent e : sorted) {
                if (e.type == EventType.PRIORITY_CHANGED) {
                    priorityChanges.add(e);
                }
            }
        }

        List<Fact> facts(long asOfMs) {
            List<Fact> facts = new ArrayList<>();
            facts.add(Fact.created(createdMs, ticketId, channel, priorityAt(createdMs), priorityDerivedAt(createdMs)));

            Long firstResponseMs = firstTimeOf(EventType.AGENT_REPLIED);
            long deadlineMs = createdMs + waitThresholdMs;
            if (firstResponseMs != null) {
                long frtMs = firstResponseMs - createdMs;
                facts.add(Fact.firstResponse(firstResponseMs, ticketId, channel, priorityAt(firstResponseMs), frtMs));
            }
            if (firstResponseMs != null && firstResponseMs <= deadlineMs) {
                facts.add(Fact.waitDecided(firstResponseMs, ticketId, channel, priorityAt(firstResponseMs), false));
            } else {
                facts.add(Fact.waitDecided(deadlineMs, ticketId, channel, priorityAt(deadlineMs), true));
            }

            Long resolvedMs = firstTimeOf(EventType.RESOLVED);
            if (resolvedMs != null) {
                int replies = countAtOrBefore(EventType.AGENT_REPLIED, resolvedMs);
                facts.add(Fact.resolved(
                        resolvedMs, ticketId, channel, priorityAt(resolvedMs), resolvedMs - createdMs, replies <= 1));
            }

            for (TicketEvent e : sorted) {
                if (e.type == EventType.SATISFACTION_RATED && e.csat != null) {
                    long at = Math.max(e.occurredAtMs, createdMs);
                    FrtBucket bucket = firstResponseMs != null && firstResponseMs <= at
                            ? FrtBucket.of(firstResponseMs - createdMs)
                            : FrtBucket.NONE;
                    facts.add(Fact.rated(at, ticketId, channel, priorityAt(at), e.csat, bucket));
                }
            }

            addBacklogDeltas(facts);
            addHandlingTimes(facts);

            List<Fact> known = new ArrayList<>(facts.size());
            for (Fact f : facts) {
                if (f.timeMs <= asOfMs) {
                    known.add(f);
                }
            }
            known.sort(Comparator.comparingLong((Fact f) -> f.timeMs).thenComparing(f -> f.type));
            return known;
        }

        /** The time of the first event of a type, clamped to the creation (skewed clocks), or null. */
        private Long firstTimeOf(EventType type) {
            for (TicketEvent e : sorted) {
                if (e.type == type) {
                    return Math.max(e.occurredAtMs, createdMs);
                }
            }
            return null;
        }

        private int countAtOrBefore(EventType type, long atMs) {
            int n = 0;
            for (TicketEvent e : sorted) {
                if (e.type == type && e.occurredAtMs <= atMs) {
                    n++;
                }
            }
            return n;
        }

        /** Whether the priority in force at the instant is the derived creation priority. */
        boolean priorityDerivedAt(long atMs) {
            if (!creationPriorityDerived) {
                return false;
            }
            for (TicketEvent change : priorityChanges) {
                if (change.occurredAtMs <= atMs && change.priority != null) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The handling time of each resolution cycle, straight from the definition: walks the instants in
         * application order and adds up the spans between consecutive instants during which the ticket was being
         * handled (open, an agent assigned, status new/open/none).
         */
        private void addHandlingTimes(List<Fact> facts) {
            List<TicketEvent> ordered = new ArrayList<>();
            ordered.add(created);
            for (TicketEvent e : sorted) {
                if (e != created) {
                    ordered.add(e);
                }
            }
            String agent = null;
            String status = null;
            boolean open = true;
            boolean hadAgent = false;
            long handled = 0;
            boolean handling = false;
            long previous = createdMs;
            int i = 0;
            while (i < ordered.size()) {
                long t = Math.max(ordered.get(i).occurredAtMs, createdMs);
                if (handling) {
                    handled += t - previous;
                }
                for (; i < ordered.size() && Math.max(ordered.get(i).occurredAtMs, createdMs) == t; i++) {
                    TicketEvent e = ordered.get(i);
                    switch (e.type) {
                        case CREATED -> {
                            if (e == created) {
                                status = e.status;
                            }
                        }
                        case ASSIGNED -> {
                            agent = e.agentId;
                            hadAgent |= open && agent != null;
                        }
                        case STATUS_CHANGED -> status = e.status;
                        case RESOLVED, CLOSED -> {
                            if (open) {
                                if (hadAgent) {
                                    facts.add(Fact.handlingTime(t, ticketId, channel, priorityAt(t), handled));
                                }
                                open = false;
                                handled = 0;
                                hadAgent = false;
                            }
                        }
                        case REOPENED -> {
                            status = null;
                            if (!open) {
                                open = true;
                                hadAgent = agent != null;
                            }
                        }
                        default -> { }
                    }
                }
                handling = open && agent != null && (status == null || status.equals("new") || status.equals("open"));
                previous = t;
            }
        }

        /** The latest PRIORITY_CHANGED at or before the instant, else the priority at creation. */
        String priorityAt(long atMs) {
            String priority = creationPriority;
            for (TicketEvent change : priorityChanges) {
                if (change.occurredAtMs > atMs) {
                    break;
                }
                if (change.priority != null) {
                    priority = change.priority;
                }
            }
            return priority;
        }

        /**
         * Walks the instants where openness or priority can change and emits the backlog moves: -1 for the
         * (channel, priority) the ticket leaves, +1 for the one it enters.
         */
        private void addBacklogDeltas(List<Fact> facts) {
            boolean wasOpen = false;
            String wasPriority = null;
            EventType lastTerminal = null;
            int i = 0;
            while (i < sorted.size()) {
                long t = sorted.get(i).occurredAtMs;
                boolean relevant = t == createdMs;
                for (; i < sorted.size() && sorted.get(i).occurredAtMs == t; i++) {
                    EventType type = sorted.get(i).type;
                    if (type == EventType.RESOLVED || type == EventType.CLOSED || type == EventType.REOPENED) {
                        lastTerminal = type;
                        relevant = true;
                    } else if (type == EventType.PRIORITY_CHANGED) {
                        relevant = true;
                    }
                }
                if (!relevant) {
                    continue;
                }
                boolean open = t >= createdMs && lastTerminal != EventType.RESOLVED && lastTerminal != EventType.CLOSED;
                String priority = priorityAt(t);
                boolean moved = !Objects.equals(priority, wasPriority);
                if (wasOpen && (!open || moved)) {
                    facts.add(Fact.backlog(t, ticketId, channel, wasPriority, -1));
                }
                if (open && (!wasOpen || moved)) {
                    facts.add(Fact.backlog(t, ticketId, channel, priority, +1));
                }
                wasOpen = open;
                wasPriority = priority;
            }
        }
    }
}
