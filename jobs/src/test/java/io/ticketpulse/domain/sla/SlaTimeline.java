package io.ticketpulse.domain.sla;

import io.ticketpulse.domain.TicketFacts;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The per-ticket SLA alerts, derived from the set of the ticket's (deduplicated) events, like {@link TicketFacts}:
 * arrival order does not matter, events are applied in {@link TicketFacts#EVENT_ORDER}.
 *
 * <ul>
 *   <li>the ticket is defined by its first {@code CREATED}; without one, or with any {@code is_test} event, there
 *       are no alerts; events ordered before the creation are applied just after it, at the creation instant;
 *   <li>metrics: {@code assignment} (creation to first {@code ASSIGNED}), {@code first_response} (to the first
 *       {@code AGENT_REPLIED}), {@code resolution} per cycle (creation, or the {@code REOPENED} of a resolved or
 *       closed ticket, to {@code RESOLVED}/{@code CLOSED}), {@code next_response} per episode (the oldest
 *       {@code CUSTOMER_REPLIED} of an open ticket, after its first agent reply, that is not yet answered, to the
 *       next {@code AGENT_REPLIED}), {@code periodic_update} per gap (each {@code AGENT_REPLIED} of an open ticket
 *       to the next one; numbered by the agent replies of open tickets), {@code follow_up} per resolution cycle (from
 *       the {@code RESOLVED}/{@code CLOSED} that ends the cycle to the next {@code SATISFACTION_RATED} or
 *       {@code AGENT_REPLIED}; a {@code REOPENED} cancels it);
 *   <li>{@code RESOLVED}/{@code CLOSED} of an open ticket fulfils its resolution and cancels its response metrics
 *       and its periodic update;
 *   <li>a metric's policy is matched when it starts and re-matched at each {@code PRIORITY_CHANGED}, with the
 *       creation channel and attributes, the priority in force and the latest team at or before the instant;
 *   <li>resolution and periodic update pause while the status is {@code pending} or {@code on_hold}, and resume on
 *       any other status or on {@code REOPENED};
 *   <li>a CREATED without priority has the priority the policies' derivation gives for its attributes.
 * </ul>
 */
public final class SlaTimeline {

    private static final Comparator<SlaAlert> RECORD_ORDER =
            Comparator.comparingLong((SlaAlert a) -> a.changedAtMs).thenComparing(a -> a.dedupKey);

    private SlaTimeline() {}

    /**
     * Every alert state change of the ticket, as projected from its events assuming no further events, sorted by
     * (changedAtMs, dedupKey, then order of occurrence). detectedAtMs is 0. Causal: a record with changedAtMs = t
     * depends only on events at or before t, so callers keep those with changedAtMs &lt;= clock.
     */
    public static List<SlaAlert> project(Collection<TicketEvent> events, SlaPolicySet policies) {
        return project(events, policies, Long.MAX_VALUE);
    }

    /**
     * {@link #project(Collection, SlaPolicySet)} with the retention rule: a metric still running when the ticket
     * has had no event for {@code retentionMs} ends at the latest event instant + {@code retentionMs}, a firing
     * alert resolving as {@code expired} (an event at exactly that instant comes first).
     */
    public static List<SlaAlert> project(Collection<TicketEvent> events, SlaPolicySet policies, long retentionMs) {
        TicketSlaDerivation derivation = derivation(events, policies, retentionMs);
        if (derivation == null) {
            return List.of();
        }
        List<SlaAlert> records = derivation.run();
        records.sort(RECORD_ORDER); // stable: keeps the order of occurrence within (time, key)
        return records;
    }

    /**
     * A tracked metric running just before an instant (see {@link #runningBefore}): its deadline if nothing happens
     * (where its counted time reaches the target; {@code Long.MAX_VALUE} while its clock is paused).
     */
    public record RunningMetricAt(String channel, String priority, SlaMetric metric, int cycle, String policyId,
            long targetMs, boolean paused, long deadlineMs) {}

    /**
     * The tracked metrics of one life of a ticket running just before {@code w}: the state after every event before
     * {@code w} (and the retention rule up to {@code w}); none for a test ticket or before the creation. For the
     * imminent-breach reference ({@code reference/ImminentBreachReference}).
     */
    public static List<RunningMetricAt> runningBefore(
            Collection<TicketEvent> events, SlaPolicySet policies, long retentionMs, long w) {
        TicketSlaDerivation derivation = derivation(events, policies, retentionMs);
        return derivation == null ? List.of() : derivation.runningBefore(w);
    }

    /** Whether any of the events is a test event (such a ticket never alerts). */
    public static boolean isTestTicket(Collection<TicketEvent> events) {
        for (TicketEvent e : events) {
            if (e.isTest) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether no metric of the ticket is still running after its events (tracked or not): a test ticket, or a
     * created ticket that is resolved or closed (no open cycle) and whose follow-up was made (a rating or an agent
     * contact after the resolution). A ticket without {@code CREATED} is not ended (it may still come).
     * A later {@code REOPENED} would start a new cycle, so this tells "nothing pending", not "nothing can come".
     */
    public static boolean allEnded(Collection<TicketEvent> events, SlaPolicySet policies) {
        if (isTestTicket(events)) {
            return true;
        }
        TicketSlaDerivation derivation = derivation(events, policies, Long.MAX_VALUE);
        if (derivation == null) {
            return false;
        }
        derivation.run();
        return !derivation.hasRunningMetric();
    }

    /** The derivation of a non-test ticket with a creation, else null. */
    private static TicketSlaDerivation derivation(
            Collection<TicketEvent> events, SlaPolicySet policies, long retentionMs) {
        if (isTestTicket(events)) {
            return null;
        }
        List<TicketEvent> sorted = new ArrayList<>(events);
        sorted.sort(TicketFacts.EVENT_ORDER);
        TicketEvent created = null;
        for (TicketEvent e : sorted) {
            if (e.type == EventType.CREATED) {
                created = e;
                break;
            }
        }
        if (created == null) {
            return null;
        }
        List<TicketEvent> ordered = new ArrayList<>(sorted.size());
        List<Long> times = new ArrayList<>(sorted.size());
        ordered.add(created);
        times.add(created.occurredAtMs);
        for (TicketEvent e : sorted) {
            if (e != created) {
                ordered.add(e);
                times.add(Math.max(e.occurredAtMs, created.occurredAtMs));
            }
        }
        return new TicketSlaDerivation(ordered, times, policies, retentionMs);
    }
}
