package io.ticketpulse.simulator;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the whole lifecycle of one ticket at its creation: the events it will have and when they occur.
 *
 * <p>The mix: channels email 35%, chat 25%, phone 15%, web 15%, app 7%, social 3%; priorities P1 5%, P2 15%, P3
 * 55%, P4 25%. The first agent reply follows a log-normal delay whose median depends on the channel (phone 15 s,
 * chat 40 s, social 10 min, app 15 min, web 25 min, email 40 min) scaled by priority (P1 ×0.3 … P4 ×1.5); 85% of
 * tickets are ASSIGNED before it. Then 0–6 customer/agent exchanges, sometimes a pending or on-hold spell,
 * PRIORITY_CHANGED (4%), ESCALATED (10% of P1, 3% of others), RESOLVED after a log-normal working time,
 * REOPENED and resolved again (8%), SATISFACTION_RATED (30%; the faster the first reply, the better the
 * score) and CLOSED a few hours after the final resolution.
 */
final class TicketPlanner {

    static final String[] CHANNELS = {"email", "chat", "phone", "web", "app", "social"};
    static final double[] CHANNEL_WEIGHTS = {35, 25, 15, 15, 7, 3};
    static final String[] PRIORITIES = {"P1", "P2", "P3", "P4"};
    static final double[] PRIORITY_WEIGHTS = {5, 15, 55, 25};

    static final double ASSIGNED_RATE = 0.85;
    static final double REOPEN_RATE = 0.08;
    static final double RATING_RATE = 0.30;

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    /** Median delay to the first agent reply per channel (same order as {@link #CHANNELS}). */
    private static final double[] FIRST_REPLY_MEDIAN_MS = {
        40 * MINUTE, 40 * SECOND, 15 * SECOND, 25 * MINUTE, 15 * MINUTE, 10 * MINUTE
    };
    /** Median working time from the first reply to the resolution per channel. */
    private static final double[] WORK_MEDIAN_MS = {5 * HOUR, 12 * MINUTE, 8 * MINUTE, 4 * HOUR, 3 * HOUR, 2 * HOUR};

    private static final double[] FIRST_REPLY_PRIORITY_FACTOR = {0.3, 0.6, 1.0, 1.5};
    private static final double[] WORK_PRIORITY_FACTOR = {0.4, 0.7, 1.0, 1.3};

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

    /** CSAT 1..5 weights by first-reply delay: under 1 min, 1–5 min, 5–60 min, 1 h and more. */
    private static final double[][] CSAT_WEIGHTS = {
        {2, 3, 10, 30, 55},
        {3, 5, 15, 35, 42},
        {8, 10, 22, 33, 27},
        {18, 17, 25, 25, 15}
    };

    private final Dice dice;

    TicketPlanner(Dice dice) {
        this.dice = dice;
    }

    /** The events of a new ticket created at {@code createdAtMs}, in event-time order, CREATED first. */
    List<TicketEvent> plan(String ticketId, long createdAtMs, boolean isTest) {
        int channel = dice.weighted(CHANNEL_WEIGHTS);
        int priority = dice.weighted(PRIORITY_WEIGHTS);
        int issue = dice.weighted(ISSUE_WEIGHTS);
        String agent = agentId();
        List<TicketEvent> events = new ArrayList<>();

        TicketEvent created = event(ticketId, EventType.CREATED, createdAtMs);
        created.channel = CHANNELS[channel];
        created.priority = PRIORITIES[priority];
        created.team = TEAMS[issue];
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("issue_type", ISSUE_TYPES[issue]);
        attributes.put("language", LANGUAGES[dice.weighted(LANGUAGE_WEIGHTS)]);
        attributes.put("customer_tier", TIERS[dice.weighted(TIER_WEIGHTS)]);
        created.attributes = attributes;
        events.add(created);

        long firstReplyDelay = dice.logNormal(
                FIRST_REPLY_MEDIAN_MS[channel] * FIRST_REPLY_PRIORITY_FACTOR[priority], 1.0);
        long firstReplyAt = createdAtMs + Math.max(1, firstReplyDelay);
        if (dice.chance(ASSIGNED_RATE)) {
            long assignedAt = createdAtMs + Math.max(1, Math.round(firstReplyDelay * (0.1 + 0.7 * dice.unit())));
            TicketEvent assigned = event(ticketId, EventType.ASSIGNED, Math.min(assignedAt, firstReplyAt));
            assigned.team = TEAMS[issue];
            assigned.agentId = agent;
            events.add(assigned);
        }
        events.add(agentReply(ticketId, firstReplyAt, agent));

        long work = dice.logNormal(WORK_MEDIAN_MS[channel] * WORK_PRIORITY_FACTOR[priority], 0.9);
        long resolvedAt = firstReplyAt + Math.max(1, work);
        addExchanges(events, ticketId, agent, firstReplyAt, resolvedAt);
        if (dice.chance(0.20)) {
            addStatusSpell(events, ticketId, "pending", firstReplyAt, resolvedAt);
        }
        if (dice.chance(0.05)) {
            addStatusSpell(events, ticketId, "on_hold", firstReplyAt, resolvedAt);
        }
        if (dice.chance(0.04)) {
            TicketEvent changed = event(ticketId, EventType.PRIORITY_CHANGED, dice.between(createdAtMs + 1, resolvedAt));
            changed.priority = PRIORITIES[(priority + 1 + dice.nextInt(PRIORITIES.length - 1)) % PRIORITIES.length];
            events.add(changed);
        }
        if (dice.chance(priority == 0 ? 0.10 : 0.03)) {
            TicketEvent escalated = event(ticketId, EventType.ESCALATED, dice.between(firstReplyAt, resolvedAt));
            escalated.team = ESCALATION_TEAM;
            events.add(escalated);
        }
        events.add(resolved(ticketId, resolvedAt, agent));

        long finalResolvedAt = resolvedAt;
        if (dice.chance(REOPEN_RATE)) {
            long reopenedAt = resolvedAt + dice.logNormal(2 * HOUR, 1.0);
            events.add(event(ticketId, EventType.REOPENED, reopenedAt));
            long customerAt = reopenedAt + dice.between(SECOND, MINUTE);
            events.add(event(ticketId, EventType.CUSTOMER_REPLIED, customerAt));
            long replyAt = customerAt + dice.logNormal(30 * MINUTE, 1.0);
            events.add(agentReply(ticketId, replyAt, agent));
            finalResolvedAt = replyAt + dice.logNormal(HOUR, 0.8);
            events.add(resolved(ticketId, finalResolvedAt, agent));
        }

        long closedAt = finalResolvedAt + dice.logNormal(3 * HOUR, 0.5);
        if (dice.chance(RATING_RATE)) {
            long ratedAt = finalResolvedAt + dice.logNormal(20 * MINUTE, 1.0);
            TicketEvent rated = event(ticketId, EventType.SATISFACTION_RATED, ratedAt);
            rated.csat = 1 + dice.weighted(CSAT_WEIGHTS[csatBucket(firstReplyDelay)]);
            events.add(rated);
            closedAt = Math.max(closedAt, ratedAt + MINUTE);
        }
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

    /** 0–6 customer/agent exchanges at sorted uniform times between the first reply and the resolution. */
    private void addExchanges(List<TicketEvent> events, String ticketId, String agent, long from, long to) {
        if (dice.chance(0.4)) {
            return;
        }
        int rounds = 1;
        while (rounds < 6 && dice.chance(0.5)) {
            rounds++;
        }
        long[] times = new long[2 * rounds];
        for (int i = 0; i < times.length; i++) {
            times[i] = dice.between(from + 1, to - 1);
        }
        java.util.Arrays.sort(times);
        for (int i = 0; i < times.length; i += 2) {
            events.add(event(ticketId, EventType.CUSTOMER_REPLIED, times[i]));
            events.add(agentReply(ticketId, times[i + 1], agent));
        }
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

    private static int csatBucket(long firstReplyDelayMs) {
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
