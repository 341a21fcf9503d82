package io.ticketpulse.domain.ticket;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compact, folded state of one ticket: what the KPI and SLA definitions need of the events applied so far
 * (in {@link TicketEngine#EVENT_ORDER}), instead of the events themselves. {@link TicketEngine} moves it forward
 * event instant by event instant and through time; it never goes back, so a late event is handled by replaying
 * the recent events from an earlier copy. A Flink POJO.
 *
 * <p>A ticket's history is one or more <em>lives</em>: a life starts with its first event, is a ticket once its
 * first {@code CREATED} is applied ({@link #started}), and ends when no event comes for the tombstone retention
 * (a started life) or for the ticket retention (a life without {@code CREATED}, whose events are then unknown).
 */
public class TicketModel {

    public String ticketId;
    /** Everything before this instant is applied (events) and advanced (clocks); MIN for a fresh model. */
    public long nowMs = Long.MIN_VALUE;
    /** The latest event time of the life; MIN for a fresh model. */
    public long lastEventMs = Long.MIN_VALUE;
    /** Whether the life's first CREATED is applied. */
    public boolean started;
    /** Whether any event of the life is a test event (such a ticket never counts and never alerts). */
    public boolean test;
    /** Events of a life not yet started, in event order; applied at the creation instant when it comes. */
    public List<TicketEvent> beforeCreation = new ArrayList<>();

    // attribution, as of the latest applied instant
    public String channel;
    public Map<String, String> attributes;
    public long createdMs;
    public String priority;
    /** Whether {@link #priority} is the one derived at creation (no PRIORITY_CHANGED since). */
    public boolean priorityDerived;
    public String team;
    /** The agent of the latest applied event naming one (assignee, replier, resolver). */
    public String agentId;

    // KPI facts
    public Long firstResponseMs;
    public boolean waitDecided;
    public boolean resolved;
    /** AGENT_REPLIED events applied, counted up to 2 (one-touch needs at most one). */
    public int agentReplies;
    public boolean inBacklog;
    public String backlogPriority;
    /**
     * The open backlog as the grouping sets see it (only kept when they are configured): whether the ticket is in
     * it, and the priority, team and agent its entry counts under. Apart from {@link #inBacklog}: a model folded
     * before grouping sets were configured (a savepoint) enters it at its next event, never leaves it unentered.
     */
    public boolean inGroupBacklog;
    public String groupBacklogPriority;
    public String groupBacklogTeam;
    public String groupBacklogAgent;
    public EventType lastTerminal;

    // handling time (AHT) of the current resolution cycle
    /** The assigned agent (the latest ASSIGNED's agent_id; null: none, or unassigned). */
    public String agent;
    /** The status as of the latest applied instant; null when none was given since creation or the last reopen. */
    public String workStatus;
    /** Whether an agent was assigned at some point of the running cycle. */
    public boolean cycleHadAgent;
    /** Handling time of the running cycle before {@link #handlingSinceMs}. */
    public long handlingMs;
    /** Since when the ticket is being handled (see the README), or {@link Long#MIN_VALUE} while it is not. */
    public long handlingSinceMs = Long.MIN_VALUE;

    // SLA clocks
    public int policyVersion;
    public String status;
    public boolean open = true;
    public boolean agentReplied;
    public int resolutionCycle = 1;
    public int episodes;
    public RunningMetric assignment;
    public RunningMetric firstResponse;
    public RunningMetric resolution;
    public RunningMetric nextResponse;
    /** AGENT_REPLIED events of an open ticket applied: the number of the latest periodic-update gap. */
    public int updates;
    public RunningMetric periodicUpdate;
    public RunningMetric followUp;

    public TicketModel() {}

    /** A fresh life of the ticket. */
    public static TicketModel fresh(String ticketId) {
        TicketModel m = new TicketModel();
        m.ticketId = ticketId;
        return m;
    }

    /** Whether the model holds nothing: no event applied (a fresh life). */
    public boolean isFresh() {
        return lastEventMs == Long.MIN_VALUE;
    }

    /** Whether an SLA metric is running. */
    public boolean hasRunningMetric() {
        return assignment != null || firstResponse != null || resolution != null || nextResponse != null
                || periodicUpdate != null || followUp != null;
    }

    /** A deep copy (events and attribute maps are shared: they are never changed). */
    public TicketModel copy() {
        TicketModel m = new TicketModel();
        m.ticketId = ticketId;
        m.nowMs = nowMs;
        m.lastEventMs = lastEventMs;
        m.started = started;
        m.test = test;
        m.beforeCreation = new ArrayList<>(beforeCreation);
        m.channel = channel;
        m.attributes = attributes;
        m.createdMs = createdMs;
        m.priority = priority;
        m.priorityDerived = priorityDerived;
        m.team = team;
        m.agentId = agentId;
        m.firstResponseMs = firstResponseMs;
        m.waitDecided = waitDecided;
        m.resolved = resolved;
        m.agentReplies = agentReplies;
        m.inBacklog = inBacklog;
        m.backlogPriority = backlogPriority;
        m.inGroupBacklog = inGroupBacklog;
        m.groupBacklogPriority = groupBacklogPriority;
        m.groupBacklogTeam = groupBacklogTeam;
        m.groupBacklogAgent = groupBacklogAgent;
        m.lastTerminal = lastTerminal;
        m.agent = agent;
        m.workStatus = workStatus;
        m.cycleHadAgent = cycleHadAgent;
        m.handlingMs = handlingMs;
        m.handlingSinceMs = handlingSinceMs;
        m.policyVersion = policyVersion;
        m.status = status;
        m.open = open;
        m.agentReplied = agentReplied;
        m.resolutionCycle = resolutionCycle;
        m.episodes = episodes;
        m.assignment = copyOf(assignment);
        m.firstResponse = copyOf(firstResponse);
        m.resolution = copyOf(resolution);
        m.nextResponse = copyOf(nextResponse);
        m.updates = updates;
        m.periodicUpdate = copyOf(periodicUpdate);
        m.followUp = copyOf(followUp);
        return m;
    }

    private static RunningMetric copyOf(RunningMetric r) {
        return r == null ? null : r.copy();
    }
}
