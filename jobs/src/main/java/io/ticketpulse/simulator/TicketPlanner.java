package io.ticketpulse.simulator;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the whole lifecycle of one ticket at its creation: the events it will have and when they occur, drawn
 * from the distributions of a {@link SimulatorProfile}.
 *
 * <p>The profile gives the channel and priority mix, the log-normal first-reply delay per channel (scaled per
 * priority, and capped for P1/P2: triage), the working time to the resolution, the one-touch share per channel,
 * the agents' updates while a P1 is worked, follow-ups after a P1/P2 resolution and the CSAT weights by
 * first-reply delay. Most tickets are ASSIGNED (within a few minutes, before the first reply); a ticket that is
 * not one-touch gets 1–6 customer/agent exchanges (each customer message answered after the ticket's reply delay
 * scaled by the profile), sometimes a pending or on-hold spell, PRIORITY_CHANGED during triage (4 %, to an
 * adjacent priority), ESCALATED (10 % of P1, 3 % of others), RESOLVED, REOPENED and resolved again (8 %),
 * SATISFACTION_RATED (30 %; the faster the first reply, the better the score) and CLOSED a few hours after the
 * final resolution.
 */
final class TicketPlanner {

    static final double REOPEN_RATE = 0.08;
    static final double RATING_RATE = 0.30;
    static final double PRIORITY_CHANGE_RATE = 0.04;

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private static final String[] ISSUE_TYPES = {"billing", "technical", "account", "shipping", "other"};
    private static final double[] ISSUE_WEIGHTS = {25, 35, 15, 15, 10};
    /** The team a ticket is routed to, by issue type (same order as {@link #ISSUE_TYPES}). */
    private static final String[] TEAMS = {"billing", "tech-support", "accounts", "logistics", "general"};
    private static final String ESCALATION_TEAM = "escalations";
    private static final String[] LANGUAGES = {"en", "de", "fr", "es"};
    private static final double[] LANGUAGE_WEIGHTS = {60, 15, 15, 10};
    private static final String[] TIERS = {"free", "pro", "enterprise"};
    private static final double[] TIER_WEIGHTS = {55, 35, 10};
    private static final int AGENTS = 150;
    /** Shape of the first-reply delay of a ticket that sits in the backlog first. */
    static final double BACKLOG_SIGMA = 0.6;
    /** Median delay from the creation to the assignment (routing), capped at the first reply. */
    private static final double ASSIGNMENT_MEDIAN_MS = 2 * MINUTE;

    private final Dice dice;
    private final SimulatorProfile profile;
    private final double[] channelWeights;
    private final double[] priorityWeights;

    TicketPlanner(Dice dice, SimulatorProfile profile) {
        this.dice = dice;
        this.profile = profile;
        this.channelWeights = profile.channelWeights();
        this.priorityWeights = profile.priorityWeights();
    }

    /** The events of a new ticket created at {@code createdAtMs}, in event-time order, CREATED first. */
    List<TicketEvent> plan(String ticketId, long createdAtMs, boolean isTest) {
        SimulatorProfile.ChannelBehaviour channel = profile.channels().get(dice.weighted(channelWeights));
        int priorityIndex = dice.weighted(priorityWeights);
        // re-prioritised at triage (before the first reply) to an adjacent priority: the desk then works the ticket
        // as one of that priority (reply, work, updates, follow-up)
        int workedAs = priorityIndex;
        if (dice.chance(PRIORITY_CHANGE_RATE)) {
            workedAs = priorityIndex == 0 ? 1
                    : priorityIndex == priorityWeights.length - 1 ? priorityIndex - 1
                    : priorityIndex + (dice.chance(0.5) ? 1 : -1);
        }
        SimulatorProfile.PriorityBehaviour priority = profile.priorities().get(workedAs);
        int issue = dice.weighted(ISSUE_WEIGHTS);
        String agent = agentId();
        List<TicketEvent> events = new ArrayList<>();

        TicketEvent created = event(ticketId, EventType.CREATED, createdAtMs);
        created.channel = channel.channel();
        created.priority = profile.priorities().get(priorityIndex).priority();
        created.team = TEAMS[issue];
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("issue_type", ISSUE_TYPES[issue]);
        attributes.put("language", LANGUAGES[dice.weighted(LANGUAGE_WEIGHTS)]);
        attributes.put("customer_tier", TIERS[dice.weighted(TIER_WEIGHTS)]);
        created.attributes = attributes;
        events.add(created);

        double replyMedianMs = channel.firstReplyMedian().toMillis() * priority.firstReplyFactor();
        if (priority.medianCap().isPresent()) {
            replyMedianMs = Math.min(replyMedianMs, priority.medianCap().get().toMillis());
        }
        long firstReplyDelay;
        if (dice.chance(channel.backlogShare())) {
            double backlogMedianMs = channel.backlogMedian().toMillis() * priority.firstReplyFactor();
            if (priority.medianCap().isPresent()) {
                backlogMedianMs = Math.min(backlogMedianMs, priority.medianCap().get().toMillis());
            }
            firstReplyDelay = dice.logNormal(backlogMedianMs, BACKLOG_SIGMA);
        } else {
            firstReplyDelay = dice.logNormal(replyMedianMs, channel.firstReplySigma());
        }
        long firstReplyAt = createdAtMs + Math.max(1, firstReplyDelay);
        if (dice.chance(profile.assignedRate())) {
            long assignedAt = createdAtMs + Math.max(1, dice.logNormal(ASSIGNMENT_MEDIAN_MS, 1.0));
            TicketEvent assigned = event(ticketId, EventType.ASSIGNED, Math.min(assignedAt, firstReplyAt));
            assigned.team = TEAMS[issue];
            assigned.agentId = agent;
            events.add(assigned);
        }
        events.add(agentReply(ticketId, firstReplyAt, agent));

        long work = dice.logNormal(channel.workMedian().toMillis() * priority.workFactor(), channel.workSigma());
        long resolvedAt = firstReplyAt + Math.max(1, work);
        if (!dice.chance(channel.oneTouchRate())) {
            resolvedAt = addExchanges(events, ticketId, agent, firstReplyAt, resolvedAt,
                    replyMedianMs * profile.exchangeReplyMedianFactor(), channel.firstReplySigma());
        }
        if (priority.updates().isPresent()) {
            addUpdates(events, ticketId, agent, firstReplyAt, resolvedAt, priority.updates().get().toMillis());
        }
        if (dice.chance(0.20)) {
            addStatusSpell(events, ticketId, "pending", firstReplyAt, resolvedAt);
        }
        if (dice.chance(0.05)) {
            addStatusSpell(events, ticketId, "on_hold", firstReplyAt, resolvedAt);
        }
        if (workedAs != priorityIndex) {
            long triagedAt = createdAtMs + Math.round((firstReplyAt - createdAtMs) * 0.5 * dice.unit());
            TicketEvent changed = event(ticketId, EventType.PRIORITY_CHANGED, Math.min(triagedAt + 1, firstReplyAt));
            changed.priority = priority.priority();
            events.add(changed);
        }
        if (dice.chance(workedAs == 0 ? 0.10 : 0.03)) {
            TicketEvent escalated = event(ticketId, EventType.ESCALATED, dice.between(firstReplyAt, resolvedAt));
            escalated.team = ESCALATION_TEAM;
            events.add(escalated);
        }
        events.add(resolved(ticketId, resolvedAt, agent));
        addFollowUp(events, ticketId, agent, resolvedAt, priority);

        long finalResolvedAt = resolvedAt;
        if (dice.chance(REOPEN_RATE)) {
            long reopenedAt = resolvedAt + dice.logNormal(2 * HOUR, 1.0);
            events.add(event(ticketId, EventType.REOPENED, reopenedAt));
            long customerAt = reopenedAt + dice.between(SECOND, MINUTE);
            events.add(event(ticketId, EventType.CUSTOMER_REPLIED, customerAt));
            long replyAt = customerAt + Math.max(1, dice.logNormal(replyMedianMs, channel.firstReplySigma()));
            events.add(agentReply(ticketId, replyAt, agent));
            finalResolvedAt = replyAt + dice.logNormal(HOUR * priority.workFactor(), 0.8);
            if (priority.updates().isPresent()) {
                addUpdates(events, ticketId, agent, replyAt, finalResolvedAt, priority.updates().get().toMillis());
            }
            events.add(resolved(ticketId, finalResolvedAt, agent));
            addFollowUp(events, ticketId, agent, finalResolvedAt, priority);
        }

        long closedAt = finalResolvedAt + dice.logNormal(3 * HOUR, 0.5);
        if (dice.chance(RATING_RATE)) {
            long ratedAt = finalResolvedAt + dice.logNormal(20 * MINUTE, 1.0);
            TicketEvent rated = event(ticketId, EventType.SATISFACTION_RATED, ratedAt);
            rated.csat = 1 + dice.weighted(profile.csatWeights(csatBucket(firstReplyDelay)));
            events.add(rated);
            closedAt = Math.max(closedAt, ratedAt + MINUTE);
        }
        closedAt = Math.max(closedAt, lastEventAt(events) + MINUTE);
        events.add(event(ticketId, EventType.CLOSED, closedAt));

        // stable sort: CREATED stays first, ties keep their planned order
        events.sort(Comparator.comparingLong(e -> e.occurredAtMs));
        for (int i = 0; i < events.size(); i++) {
            TicketEvent e = events.get(i);
            e.eventId = ticketId + "-" + (i + 1);
            e.isTest = isTest;
        }
        return events;
    }

    /**
     * 1–6 customer/agent exchanges after the first reply: each customer message at a uniform time in the rest of
     * the working time, answered after a log-normal delay; returns the resolution instant, moved after the last
     * answer when needed.
     */
    private long addExchanges(List<TicketEvent> events, String ticketId, String agent, long from, long to,
            double replyMedianMs, double replySigma) {
        int rounds = 1;
        while (rounds < 6 && dice.chance(0.5)) {
            rounds++;
        }
        long t = from;
        long span = Math.max(rounds, to - from);
        for (int i = 0; i < rounds; i++) {
            long customerAt = t + 1 + dice.between(0, span / rounds);
            events.add(event(ticketId, EventType.CUSTOMER_REPLIED, customerAt));
            t = customerAt + Math.max(1, dice.logNormal(replyMedianMs, replySigma));
            events.add(agentReply(ticketId, t, agent));
        }
        return Math.max(to, t + 1 + dice.between(0, span / (2L * rounds)));
    }

    /** An agent's update about every {@code everyMs} (median) while the ticket is worked. */
    private void addUpdates(List<TicketEvent> events, String ticketId, String agent, long from, long to,
            long everyMs) {
        long t = from + Math.max(MINUTE, dice.logNormal(everyMs, 0.3));
        while (t < to) {
            events.add(agentReply(ticketId, t, agent));
            t += Math.max(MINUTE, dice.logNormal(everyMs, 0.3));
        }
    }

    /**
     * For a priority that follows up ({@code followUpRate} above 0), an agent's follow-up message after the
     * resolution: with the follow-up rate about 15 min after it, otherwise late (about 3 h: forgotten, then done).
     */
    private void addFollowUp(List<TicketEvent> events, String ticketId, String agent, long resolvedAt,
            SimulatorProfile.PriorityBehaviour priority) {
        if (priority.followUpRate() <= 0) {
            return;
        }
        long delay = dice.chance(priority.followUpRate())
                ? Math.max(MINUTE, dice.logNormal(15 * MINUTE, 0.5))
                : dice.logNormal(3 * HOUR, 0.5);
        events.add(agentReply(ticketId, resolvedAt + delay, agent));
    }

    private static long lastEventAt(List<TicketEvent> events) {
        long last = Long.MIN_VALUE;
        for (TicketEvent e : events) {
            last = Math.max(last, e.occurredAtMs);
        }
        return last;
    }

    /** STATUS_CHANGED to {@code status} at some point, and back to open later, before the resolution. */
    private void addStatusSpell(List<TicketEvent> events, String ticketId, String status, long from, long to) {
        long start = dice.between(from + 1, to - 1);
        long end = start + Math.round((to - start) * (0.2 + 0.6 * dice.unit()));
        TicketEvent away = event(ticketId, EventType.STATUS_CHANGED, start);
        away.status = status;
        events.add(away);
        TicketEvent back = event(ticketId, EventType.STATUS_CHANGED, end);
        back.status = "open";
        events.add(back);
    }

    static int csatBucket(long firstReplyDelayMs) {
        if (firstReplyDelayMs < MINUTE) {
            return 0;
        }
        if (firstReplyDelayMs < 5 * MINUTE) {
            return 1;
        }
        return firstReplyDelayMs < HOUR ? 2 : 3;
    }

    private String agentId() {
        return String.format("agent-%03d", 1 + dice.nextInt(AGENTS));
    }

    private static TicketEvent agentReply(String ticketId, long at, String agent) {
        TicketEvent e = event(ticketId, EventType.AGENT_REPLIED, at);
        e.agentId = agent;
        return e;
    }

    private static TicketEvent resolved(String ticketId, long at, String agent) {
        TicketEvent e = event(ticketId, EventType.RESOLVED, at);
        e.agentId = agent;
        return e;
    }

    private static TicketEvent event(String ticketId, EventType type, long at) {
        return new TicketEvent(null, ticketId, type, at);
    }
}
