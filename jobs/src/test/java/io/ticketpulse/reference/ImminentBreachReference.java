package io.ticketpulse.reference;

import io.ticketpulse.domain.TicketFacts;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.SlaTimeline;
import io.ticketpulse.domain.sla.SlaTimeline.RunningMetricAt;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference projection of the KPI rows' {@code imminent_breach}, computed from the README's definition and
 * nothing else: for a window end W, per (channel, priority), the SLA metrics that, as of just before W (the state
 * after every event before W), are tracked by a policy, not breached before W, with their clock running, and whose
 * deadline lies in [W, W + H). Written to be obviously correct, not fast: for every W it re-derives every ticket
 * from its accepted events before W with the test tree's own SLA projection ({@link SlaTimeline#runningBefore}),
 * never with the incremental production engine ({@code TicketReplay}) whose facts the KPI windows sum.
 *
 * <p>The rules it applies besides the definition, the per-ticket contract of {@link ReferenceTicketEngine}:
 * duplicates (same {@code event_id} in a ticket) count once, the first kept; a ticket's events split into lives (an
 * unstarted life ends when the next event is more than R after its latest event, a started one when it is more than
 * T after); a life with any test event never counts; a metric still running R after the life's latest event expires
 * there (so it stops counting).
 */
public final class ImminentBreachReference {

    private final SlaPolicySet policies;
    private final long retentionMs;
    private final long tombstoneMs;
    private final long horizonMs;
    /** Per ticket, its lives (each its distinct events in event order). */
    private final Map<String, List<List<TicketEvent>>> lives = new TreeMap<>();

    /**
     * @param accepted the events the per-ticket operator accepted (any order; exact duplicates allowed)
     * @param retentionMs R ({@code --ticket-retention}), tombstoneMs T ({@code --tombstone-retention})
     * @param horizonMs H ({@code --imminent-horizon}), positive
     */
    public ImminentBreachReference(Collection<TicketEvent> accepted, SlaPolicySet policies, long retentionMs,
            long tombstoneMs, long horizonMs) {
        if (horizonMs <= 0) {
            throw new IllegalArgumentException("the reference needs a positive horizon: " + horizonMs);
        }
        this.policies = policies;
        this.retentionMs = retentionMs;
        this.tombstoneMs = tombstoneMs;
        this.horizonMs = horizonMs;
        Map<String, Map<String, TicketEvent>> byTicket = new TreeMap<>();
        for (TicketEvent e : accepted) {
            byTicket.computeIfAbsent(e.ticketId, k -> new LinkedHashMap<>()).putIfAbsent(e.eventId, e);
        }
        byTicket.forEach((ticket, events) -> lives.put(ticket, lives(new ArrayList<>(events.values()))));
    }

    /** {@code imminent_breach} of the row (channel, priority) ending at {@code windowEndMs}. */
    public long count(String channel, String priority, long windowEndMs) {
        return countsAt(windowEndMs).getOrDefault(channel + '/' + priority, 0L);
    }

    /** Every non-zero count at the window end {@code w}, by {@code channel/priority}. */
    public Map<String, Long> countsAt(long w) {
        Map<String, Long> counts = new TreeMap<>();
        for (List<List<TicketEvent>> ticketLives : lives.values()) {
            for (List<TicketEvent> life : ticketLives) {
                if (SlaTimeline.isTestTicket(life)) {
                    continue; // a test ticket never counts, whatever the instant of its test event
                }
                for (RunningMetricAt m : SlaTimeline.runningBefore(life, policies, retentionMs, w)) {
                    // running (not paused), not breached before W, deadline in [W, W + H)
                    if (!m.paused() && m.deadlineMs() >= w && m.deadlineMs() - w < horizonMs) {
                        counts.merge(m.channel() + '/' + m.priority(), 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    /** A ticket's distinct events split into lives (gaps longer than R unstarted, T started). */
    private List<List<TicketEvent>> lives(List<TicketEvent> events) {
        events.sort(TicketFacts.EVENT_ORDER);
        List<List<TicketEvent>> out = new ArrayList<>();
        List<TicketEvent> current = null;
        boolean started = false;
        long latest = Long.MIN_VALUE;
        for (TicketEvent e : events) {
            if (current != null && e.occurredAtMs > latest + (started ? tombstoneMs : retentionMs)) {
                current = null;
            }
            if (current == null) {
                current = new ArrayList<>();
                out.add(current);
                started = false;
                latest = Long.MIN_VALUE;
            }
            current.add(e);
            started |= e.type == EventType.CREATED;
            latest = Math.max(latest, e.occurredAtMs);
        }
        return out;
    }
}
