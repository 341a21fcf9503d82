package io.ticketpulse.domain;

import java.util.Map;
import java.util.Objects;

/**
 * A derived fact about one ticket, attributed to a channel and to the priority in force at {@link #timeMs}.
 *
 * <p>Facts form a changelog: {@code sign = +1} adds the fact, {@code sign = -1} retracts an earlier one
 * (a late event changed the ticket's history). Equality ignores the sign so that a retraction matches the
 * fact it retracts. A Flink POJO.
 *
 * <p>When grouping sets beyond (channel, priority) are configured ({@code domain.kpi.KpiAttribution}), a fact also
 * carries the ticket's team, agent and the tracked creation attributes at {@link #timeMs}, and the open backlog is
 * tracked a second time for the grouping sets ({@link FactType#GROUP_BACKLOG}): a GROUP_BACKLOG fact that only
 * moves the open ticket from one group to another carries the dimensions that moved in {@link #moved}, so that a
 * family whose dimensions did not change sees nothing. Without grouping sets these fields stay null and 0, and the
 * facts are exactly the (channel, priority) ones.
 */
public class Fact {

    public FactType type;
    /** The instant the fact happened (event time, epoch ms); it decides the window. */
    public long timeMs;
    public String ticketId;
    public String channel;
    public String priority;
    /** +1 to add, -1 to retract. */
    public int sign = 1;
    /** FRT (FIRST_RESPONSE), time to resolve (RESOLVED) or handling time (HANDLING_TIME), milliseconds. */
    public long valueMs;
    /**
     * FIRST_RESPONSE and RESOLVED: the same duration in business time, the working time of the calendar that the
     * ticket's matched policy gives the metric ({@code first_response}, {@code resolution}) at the fact's instant;
     * null when that metric counts calendar time (no calendar, or no matching policy).
     */
    public Long businessMs;
    /** WAIT_DECIDED: timed out; RESOLVED: one-touch; CREATED: the priority was derived (not given). */
    public boolean flag;
    /** BACKLOG: +1 entered the open backlog, -1 left it. */
    public int delta;
    /** RATED: the score 1..5. */
    public int csat;
    /** RATED: the FRT bucket of the ticket at the rating instant. */
    public FrtBucket frtBucket;

    /** {@link #moved} bit: the priority moved. */
    public static final int MOVED_PRIORITY = 1;
    /** {@link #moved} bit: the team moved. */
    public static final int MOVED_TEAM = 2;
    /** {@link #moved} bit: the agent moved. */
    public static final int MOVED_AGENT = 4;

    /** The ticket's team at the fact's instant, when grouping sets need it; else null. */
    public String team;
    /** The ticket's agent at the fact's instant (of its latest event naming one), when grouping sets need it. */
    public String agentId;
    /** The ticket's creation attributes that grouping sets use (only those keys), else null. */
    public Map<String, String> attributes;
    /**
     * GROUP_BACKLOG: 0 when the ticket entered or left the open backlog; else the {@code MOVED_*} bits of what
     * moved (the -1 of the old group and the +1 of the new one carry the same bits).
     */
    public int moved;

    public Fact() {}

    private Fact(FactType type, long timeMs, String ticketId, String channel, String priority) {
        this.type = type;
        this.timeMs = timeMs;
        this.ticketId = ticketId;
        this.channel = channel;
        this.priority = priority;
    }

    public static Fact created(long timeMs, String ticketId, String channel, String priority) {
        return new Fact(FactType.CREATED, timeMs, ticketId, channel, priority);
    }

    /** A creation whose priority was derived ({@code priorityDerived}) or given. */
    public static Fact created(long timeMs, String ticketId, String channel, String priority, boolean priorityDerived) {
        Fact f = new Fact(FactType.CREATED, timeMs, ticketId, channel, priority);
        f.flag = priorityDerived;
        return f;
    }

    /** The end of a resolution cycle with {@code handlingMs} of handling time. */
    public static Fact handlingTime(long timeMs, String ticketId, String channel, String priority, long handlingMs) {
        Fact f = new Fact(FactType.HANDLING_TIME, timeMs, ticketId, channel, priority);
        f.valueMs = handlingMs;
        return f;
    }

    public static Fact firstResponse(long timeMs, String ticketId, String channel, String priority, long frtMs) {
        Fact f = new Fact(FactType.FIRST_RESPONSE, timeMs, ticketId, channel, priority);
        f.valueMs = frtMs;
        return f;
    }

    /** This fact with its business-time value (null: calendar time only); returns this. */
    public Fact withBusinessMs(Long value) {
        this.businessMs = value;
        return this;
    }

    public static Fact waitDecided(long timeMs, String ticketId, String channel, String priority, boolean timedOut) {
        Fact f = new Fact(FactType.WAIT_DECIDED, timeMs, ticketId, channel, priority);
        f.flag = timedOut;
        return f;
    }

    public static Fact resolved(
            long timeMs, String ticketId, String channel, String priority, long ttrMs, boolean oneTouch) {
        Fact f = new Fact(FactType.RESOLVED, timeMs, ticketId, channel, priority);
        f.valueMs = ttrMs;
        f.flag = oneTouch;
        return f;
    }

    public static Fact backlog(long timeMs, String ticketId, String channel, String priority, int delta) {
        Fact f = new Fact(FactType.BACKLOG, timeMs, ticketId, channel, priority);
        f.delta = delta;
        return f;
    }

    /** An IMMINENT fact (see {@link FactType#IMMINENT}): +1 a metric became about to breach, -1 it stopped. */
    public static Fact imminent(long timeMs, String ticketId, String channel, String priority, int delta) {
        Fact f = new Fact(FactType.IMMINENT, timeMs, ticketId, channel, priority);
        f.delta = delta;
        return f;
    }

    /** A GROUP_BACKLOG fact (see {@link FactType#GROUP_BACKLOG}); attribution and {@link #moved} set by the caller. */
    public static Fact groupBacklog(long timeMs, String ticketId, String channel, String priority, int delta) {
        Fact f = new Fact(FactType.GROUP_BACKLOG, timeMs, ticketId, channel, priority);
        f.delta = delta;
        return f;
    }

    public static Fact rated(
            long timeMs, String ticketId, String channel, String priority, int csat, FrtBucket bucket) {
        Fact f = new Fact(FactType.RATED, timeMs, ticketId, channel, priority);
        f.csat = csat;
        f.frtBucket = bucket;
        return f;
    }

    /** Whether the fact is one of the (channel, priority) rows': every fact but the grouping sets' GROUP_BACKLOG. */
    public boolean countsForChannelPriority() {
        return type != FactType.GROUP_BACKLOG;
    }

    /** A copy of this fact with the given sign. */
    public Fact withSign(int newSign) {
        Fact f = new Fact(type, timeMs, ticketId, channel, priority);
        f.valueMs = valueMs;
        f.flag = flag;
        f.delta = delta;
        f.csat = csat;
        f.frtBucket = frtBucket;
        f.team = team;
        f.agentId = agentId;
        f.attributes = attributes;
        f.moved = moved;
        f.businessMs = businessMs;
        f.sign = newSign;
        return f;
    }

    /** Equality of everything but the sign. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Fact)) {
            return false;
        }
        Fact f = (Fact) o;
        return type == f.type
                && timeMs == f.timeMs
                && valueMs == f.valueMs
                && flag == f.flag
                && delta == f.delta
                && csat == f.csat
                && frtBucket == f.frtBucket
                && moved == f.moved
                && Objects.equals(businessMs, f.businessMs)
                && Objects.equals(team, f.team)
                && Objects.equals(agentId, f.agentId)
                && Objects.equals(attributes, f.attributes)
                && Objects.equals(ticketId, f.ticketId)
                && Objects.equals(channel, f.channel)
                && Objects.equals(priority, f.priority);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, timeMs, ticketId, channel, priority, valueMs, flag, delta, csat, frtBucket);
    }

    @Override
    public String toString() {
        return (sign < 0 ? "-" : "+") + type + '@' + timeMs + ' ' + ticketId + ' ' + channel + '/' + priority
                + switch (type) {
                    case FIRST_RESPONSE -> " frt=" + valueMs;
                    case WAIT_DECIDED -> flag ? " timeout" : " in-time";
                    case RESOLVED -> " ttr=" + valueMs + (flag ? " one-touch" : "");
                    case BACKLOG, GROUP_BACKLOG, IMMINENT -> " delta=" + delta;
                    case RATED -> " csat=" + csat + ' ' + frtBucket;
                    case HANDLING_TIME -> " aht=" + valueMs;
                    case CREATED -> flag ? " priority-derived" : "";
                    default -> "";
                }
                + (team == null ? "" : " team=" + team) + (agentId == null ? "" : " agent=" + agentId)
                + (attributes == null ? "" : " " + attributes) + (moved == 0 ? "" : " moved=" + moved)
                + (businessMs == null ? "" : " business=" + businessMs);
    }
}
