package io.ticketpulse.domain.sla;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replays one ticket's events in application order and records every alert state change, then lets the running
 * clocks run on as if no further event came. Between two event instants nothing but the clocks moves; at an
 * event instant all events of that instant are applied first (in order) and the clocks' transitions due at that
 * instant after them, so an event wins a tie with a transition.
 */
final class TicketSlaDerivation {

    private static final Set<String> PAUSING_STATUSES = Set.of("pending", "on_hold");

    /** Resolve reason of an alert whose ticket had no event for the ticket retention. */
    static final String EXPIRED = "expired";

    private final List<TicketEvent> ordered;
    private final List<Long> timesMs;
    private final TicketContext ticket;
    private final List<SlaAlert> out = new ArrayList<>();
    /** The running metrics, in start order. */
    private final List<TrackedMetric> running = new ArrayList<>();
    private long nowMs;

    private TrackedMetric assignment;
    private TrackedMetric firstResponse;
    private TrackedMetric resolution;
    private TrackedMetric nextResponse;
    private TrackedMetric periodicUpdate;
    private TrackedMetric followUp;
    private int updates;
    private boolean started;
    private boolean open = true;
    private boolean agentReplied;
    private int resolutionCycle = 1;
    private int episodes;
    private String status;
    private final long retentionMs;
    private long lastInstantMs = Long.MIN_VALUE;

    /**
     * @param ordered the creation first, then the other events in event order; {@code timesMs} clamped to it
     * @param retentionMs metrics still running after this long without an event expire ({@code Long.MAX_VALUE}:
     *     never)
     */
    TicketSlaDerivation(List<TicketEvent> ordered, List<Long> timesMs, SlaPolicySet policies, long retentionMs) {
        this.ordered = ordered;
        this.timesMs = timesMs;
        this.ticket = new TicketContext(ordered, timesMs, policies);
        this.retentionMs = retentionMs;
    }

    /** Runs the whole derivation; the records in order of occurrence. */
    List<SlaAlert> run() {
        int i = 0;
        while (i < ordered.size()) {
            long t = timesMs.get(i);
            expireIfQuietBefore(t);
            advanceTo(t);
            for (; i < ordered.size() && timesMs.get(i) == t; i++) {
                apply(ordered.get(i), t);
            }
            lastInstantMs = t;
        }
        expireIfQuietBefore(Long.MAX_VALUE);
        advanceTo(Long.MAX_VALUE);
        return out;
    }

    /**
     * The metrics running just before {@code w} (the state after every event before {@code w}, as the KPI rows'
     * {@code imminent_breach} and {@code backlog_open} define it): the events before {@code w} applied, the
     * retention applied up to {@code w} (a metric whose expiry instant is before {@code w} has ended), nothing
     * after. Tracked metrics only (a policy sets a target); the deadline is where the counted time reaches the
     * target if nothing happens, {@code Long.MAX_VALUE} for a paused clock. Use instead of {@link #run()}.
     */
    List<SlaTimeline.RunningMetricAt> runningBefore(long w) {
        int i = 0;
        while (i < ordered.size() && timesMs.get(i) < w) {
            long t = timesMs.get(i);
            expireIfQuietBefore(t);
            advanceTo(t);
            for (; i < ordered.size() && timesMs.get(i) == t; i++) {
                apply(ordered.get(i), t);
            }
            lastInstantMs = t;
        }
        expireIfQuietBefore(w);
        List<SlaTimeline.RunningMetricAt> result = new ArrayList<>();
        for (TrackedMetric m : running) {
            if (m.policy() == null) {
                continue;
            }
            boolean paused = m.clock.isPaused();
            long deadline = paused ? Long.MAX_VALUE : m.clock.startMs() + m.targetMs() + m.clock.pausedAt(nowMs);
            // the creation's channel; the priority in force before w (latest PRIORITY_CHANGED before it, else the
            // creation's, derived when it has none)
            result.add(new SlaTimeline.RunningMetricAt(ordered.get(0).channel, ticket.priorityAt(w - 1), m.metric,
                    m.cycle, m.policy().id(), m.targetMs(), paused, deadline));
        }
        return result;
    }

    /**
     * Retention: when no event comes for {@code retentionMs} after the latest event instant, every metric still
     * running ends there (a firing alert resolves as {@code expired}); an event at exactly that instant comes
     * first.
     */
    private void expireIfQuietBefore(long nextInstantMs) {
        if (running.isEmpty() || lastInstantMs == Long.MIN_VALUE) {
            return;
        }
        long expireAt = lastInstantMs > Long.MAX_VALUE - retentionMs ? Long.MAX_VALUE : lastInstantMs + retentionMs;
        if (expireAt >= nextInstantMs || expireAt == Long.MAX_VALUE) {
            return;
        }
        advanceTo(expireAt);
        for (TrackedMetric m : List.copyOf(running)) {
            end(m, expireAt, EXPIRED);
        }
        assignment = null;
        firstResponse = null;
        resolution = null;
        nextResponse = null;
        periodicUpdate = null;
        followUp = null;
    }

    /** Whether a metric is still running after the last event. */
    boolean hasRunningMetric() {
        return !running.isEmpty();
    }

    private void advanceTo(long untilMs) {
        for (TrackedMetric m : running) {
            m.advance(nowMs, untilMs, ticket, out);
        }
        nowMs = untilMs;
    }

    private void apply(TicketEvent e, long t) {
        switch (e.type) {
            case CREATED -> {
                if (!started) {
                    started = true;
                    status = e.status;
                    assignment = start(SlaMetric.ASSIGNMENT, 1, t);
                    firstResponse = start(SlaMetric.FIRST_RESPONSE, 1, t);
                    resolution = start(SlaMetric.RESOLUTION, 1, t);
                    applyPause(t);
                }
            }
            case ASSIGNED -> assignment = end(assignment, t, "fulfilled");
            case AGENT_REPLIED -> {
                firstResponse = end(firstResponse, t, "fulfilled");
                nextResponse = end(nextResponse, t, "fulfilled");
                agentReplied = true;
                // an agent contact after the resolution is the follow-up
                followUp = end(followUp, t, "fulfilled");
                // on an open ticket every agent reply ends the current update gap and starts the next one
                if (open) {
                    periodicUpdate = end(periodicUpdate, t, "fulfilled");
                    periodicUpdate = start(SlaMetric.PERIODIC_UPDATE, ++updates, t);
                    applyPause(t);
                }
            }
            case CUSTOMER_REPLIED -> {
                if (open && agentReplied && nextResponse == null) {
                    nextResponse = start(SlaMetric.NEXT_RESPONSE, ++episodes, t);
                }
            }
            case STATUS_CHANGED -> {
                status = e.status;
                applyPause(t);
            }
            case PRIORITY_CHANGED -> {
                SlaPolicy policy = ticket.policyAt(t);
                for (TrackedMetric m : running) {
                    m.retarget(policy, t, ticket, out);
                }
            }
            case RESOLVED, CLOSED -> {
                if (open) {
                    assignment = end(assignment, t, "cancelled");
                    firstResponse = end(firstResponse, t, "cancelled");
                    nextResponse = end(nextResponse, t, "cancelled");
                    periodicUpdate = end(periodicUpdate, t, "cancelled");
                    resolution = end(resolution, t, "fulfilled");
                    // the follow-up of this resolution cycle is due from its end
                    followUp = start(SlaMetric.FOLLOW_UP, resolutionCycle, t);
                    open = false;
                }
            }
            case REOPENED -> {
                status = null;
                if (!open) {
                    open = true;
                    followUp = end(followUp, t, "cancelled");
                    resolution = start(SlaMetric.RESOLUTION, ++resolutionCycle, t);
                } else {
                    applyPause(t);
                }
            }
            case SATISFACTION_RATED -> followUp = end(followUp, t, "fulfilled");
            default -> {
                // ESCALATED: no effect on the SLA clocks
            }
        }
    }

    private TrackedMetric start(SlaMetric metric, int cycle, long t) {
        TrackedMetric m = new TrackedMetric(metric, cycle, t, ticket.policyAt(t));
        running.add(m);
        return m;
    }

    /** Ends a running metric (null: none); returns null, the new value of its slot. */
    private TrackedMetric end(TrackedMetric m, long t, String reason) {
        if (m != null) {
            m.end(t, reason, ticket, out);
            running.remove(m);
        }
        return null;
    }

    /** The resolution and periodic-update clocks stand still while the status is pending or on hold. */
    private void applyPause(long t) {
        for (TrackedMetric m : new TrackedMetric[] {resolution, periodicUpdate}) {
            if (m == null) {
                continue;
            }
            if (status != null && PAUSING_STATUSES.contains(status)) {
                m.clock.pause(t);
            } else {
                m.clock.resume(t);
            }
        }
    }
}
