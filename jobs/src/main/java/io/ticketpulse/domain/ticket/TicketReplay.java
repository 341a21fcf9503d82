package io.ticketpulse.domain.ticket;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.calendar.BusinessCalendar;
import io.ticketpulse.domain.FrtBucket;
import io.ticketpulse.domain.kpi.KpiAttribution;
import io.ticketpulse.domain.sla.AlertLevels;
import io.ticketpulse.domain.sla.AlertLevels.Level;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One replay of a ticket's recent events on its folded model (see {@link TicketEngine#replay}): applies them
 * instant by instant (all events of an instant first, then what time brings), taking a copy of the model at the
 * fold instant on the way, then lets time run on as if no further event came.
 *
 * <p>Outputs, in order of occurrence: the KPI facts and the SLA alert records (without summary and detection
 * time) from the folded instant on, and the events of a life without {@code CREATED} that became unknown before
 * the fold instant.
 */
public final class TicketReplay {

    private static final Set<String> PAUSING_STATUSES = Set.of("pending", "on_hold");
    /** The statuses in which an assigned ticket counts as being handled (null: none given since (re)opening). */
    private static final Set<String> WORKING_STATUSES = Set.of("new", "open");

    static final String FULFILLED = "fulfilled";
    static final String CANCELLED = "cancelled";
    static final String RETARGETED = "retargeted";
    static final String EXPIRED = "expired";

    private final TicketEngine engine;
    private final long foldToMs;
    private final long recordsUpToMs;
    private long nextRecordAfterMs = Long.MAX_VALUE;
    private TicketModel m;
    private TicketModel folded;
    private final List<Fact> facts = new ArrayList<>();
    private final List<SlaAlert> records = new ArrayList<>();
    private final List<TicketEvent> unknown = new ArrayList<>();
    private final List<MetricOutcome> outcomes = new ArrayList<>();
    private long lifeEndedBeforeFoldAtMs = Long.MIN_VALUE;
    private long nextLifeEndMs = Long.MAX_VALUE;
    private boolean test;
    /**
     * Whether the replay's first life (the folded one, whose final facts and alert marks the caller keeps) has
     * ended, and whether it was a test ticket when it did.
     */
    private boolean firstLifeEnded;
    private boolean firstLifeTest;
    /** Match the folded model's running metrics anew even under the same policy version ({@link TicketEngine}). */
    boolean rematch;
    /** Where the current life's facts and records start in the outputs (a test life's are dropped at its end). */
    private int lifeFactsFrom;
    private int lifeRecordsFrom;
    private int lifeOutcomesFrom;

    TicketReplay(TicketEngine engine, TicketModel model, long foldToMs, long recordsUpToMs) {
        this.engine = engine;
        this.m = model;
        this.foldToMs = foldToMs;
        this.recordsUpToMs = recordsUpToMs;
    }

    /** The model at the fold instant. */
    public TicketModel folded() {
        return folded;
    }

    /** The model after every event, projected to the end of time. */
    public TicketModel projected() {
        return m;
    }

    /** The facts, in order of occurrence (time order; within an instant in the order of the reference). */
    public List<Fact> facts() {
        return facts;
    }

    /** The alert records up to the replay's record limit, in order of occurrence. */
    public List<SlaAlert> records() {
        return records;
    }

    /**
     * How every metric measured under a policy ended, in order of the ends (none of a test life): at an event, or
     * projected on as if no further event came (expired after the ticket retention at the latest).
     */
    public List<MetricOutcome> outcomes() {
        return outcomes;
    }

    /** The earliest alert change after the replay's record limit ({@code Long.MAX_VALUE}: none). */
    public long nextRecordAfterMs() {
        return nextRecordAfterMs;
    }

    /** The events of a life without CREATED that ended before the fold instant (to dead-letter). */
    public List<TicketEvent> unknownEvents() {
        return unknown;
    }

    /**
     * When the latest life that ended before the fold instant ended (its facts are final and nothing of it
     * remains), or {@code Long.MIN_VALUE} for none.
     */
    public long lifeEndedBeforeFoldAtMs() {
        return lifeEndedBeforeFoldAtMs;
    }

    /**
     * The earliest instant at or after the fold instant at which a life ends (a life without CREATED becomes
     * unknown, or a tombstone expires), or {@code Long.MAX_VALUE}: when the ticket next needs folding even without
     * events.
     */
    public long nextLifeEndMs() {
        return nextLifeEndMs;
    }

    /**
     * Whether the life of the latest event is a test ticket. A test life's facts and records are left out of the
     * outputs; this tells the caller to retract what the life had already emitted.
     */
    public boolean isTestTicket() {
        return test;
    }

    /**
     * Whether the facts kept final for the folded life are to be retracted: the folded life (the replay's first)
     * is a test ticket, whether or not a later life follows it among the replayed events (a late test event of an
     * earlier life).
     */
    public boolean retractsKeptFacts() {
        return firstLifeEnded ? firstLifeTest : test;
    }

    void run(List<TicketEvent> buffer) {
        adoptPolicyVersion();
        int i = 0;
        while (i < buffer.size()) {
            long t = buffer.get(i).occurredAtMs;
            int j = i + 1;
            while (j < buffer.size() && buffer.get(j).occurredAtMs == t) {
                j++;
            }
            foldBefore(t);
            applyRawInstant(buffer.subList(i, j), t);
            i = j;
        }
        test = m.test;
        foldBefore(Long.MAX_VALUE);
        advanceTo(Long.MAX_VALUE);
    }

    /** Takes the folded copy once the replay reaches the fold instant. */
    private void foldBefore(long nextInstantMs) {
        if (folded == null && nextInstantMs >= foldToMs) {
            advanceTo(foldToMs);
            folded = m.copy();
        }
    }

    // ---- events ------------------------------------------------------------------------------------------------

    private void applyRawInstant(List<TicketEvent> group, long t) {
        advanceTo(t);
        if (m.started) {
            applyInstant(t, group, false);
            return;
        }
        TicketEvent creation = null;
        for (TicketEvent e : group) {
            if (e.type == EventType.CREATED) {
                creation = e;
                break;
            }
        }
        if (creation == null) {
            m.beforeCreation.addAll(group);
            m.lastEventMs = Math.max(m.lastEventMs, t);
            return;
        }
        List<TicketEvent> ordered = new ArrayList<>(m.beforeCreation.size() + group.size());
        ordered.add(creation);
        ordered.addAll(m.beforeCreation);
        for (TicketEvent e : group) {
            if (e != creation) {
                ordered.add(e);
            }
        }
        m.beforeCreation = new ArrayList<>();
        applyInstant(t, ordered, true);
    }

    /**
     * Applies the events of one instant (the creation first when {@code starts}): the instant's context (priority,
     * team, test flag) first, so every fact and record of the instant sees all of it, then the KPI facts and the
     * SLA clocks.
     */
    private void applyInstant(long t, List<TicketEvent> events, boolean starts) {
        m.lastEventMs = Math.max(m.lastEventMs, t);
        TicketEvent creation = starts ? events.get(0) : null;
        if (starts) {
            m.started = true;
            if (engine.schedule != null) {
                m.policyVersion = engine.schedule.versionAt(t);
            }
            m.channel = creation.channel;
            m.attributes = creation.attributes;
            m.createdMs = t;
            m.priorityDerived = creation.priority == null;
            m.priority = m.priorityDerived ? engine.derivation(t).derive(creation.attributes) : creation.priority;
        }
        for (TicketEvent e : events) {
            m.test |= e.isTest;
            if (e.type == EventType.PRIORITY_CHANGED && e.priority != null) {
                m.priority = e.priority;
                m.priorityDerived = false;
            }
            if (e.team != null) {
                m.team = e.team;
            }
            if (e.agentId != null) {
                m.agentId = e.agentId;
            }
        }
        applyHandling(t, events, starts);
        applyKpi(t, events, starts);
        if (engine.schedule != null) {
            for (TicketEvent e : events) {
                applySla(e, t, e == creation);
            }
            if (engine.imminentHorizonMs > 0) {
                for (RunningMetric r : new RunningMetric[] {
                        m.assignment, m.firstResponse, m.resolution, m.nextResponse, m.periodicUpdate, m.followUp}) {
                    syncImminent(r, t);
                }
            }
        }
    }

    private void applyKpi(long t, List<TicketEvent> events, boolean starts) {
        boolean backlogMayMove = starts;
        boolean firstResponseNow = false;
        boolean resolvedNow = false;
        List<TicketEvent> ratings = null;
        for (TicketEvent e : events) {
            switch (e.type) {
                case AGENT_REPLIED -> {
                    m.agentReplies = Math.min(2, m.agentReplies + 1);
                    if (m.firstResponseMs == null) {
                        m.firstResponseMs = t;
                        firstResponseNow = true;
                    }
                }
                case RESOLVED -> {
                    if (!m.resolved) {
                        m.resolved = true;
                        resolvedNow = true;
                    }
                    m.lastTerminal = e.type;
                    backlogMayMove = true;
                }
                case CLOSED, REOPENED -> {
                    m.lastTerminal = e.type;
                    backlogMayMove = true;
                }
                case PRIORITY_CHANGED -> backlogMayMove = true;
                case SATISFACTION_RATED -> {
                    if (e.csat != null) {
                        ratings = ratings == null ? new ArrayList<>() : ratings;
                        ratings.add(e);
                    }
                }
                default -> {
                    // CREATED (handled by the caller), ASSIGNED, CUSTOMER_REPLIED, STATUS_CHANGED, ESCALATED
                }
            }
        }
        if (starts) {
            facts.add(attributed(Fact.created(t, m.ticketId, m.channel, m.priority, m.priorityDerived)));
        }
        if (firstResponseNow) {
            facts.add(attributed(Fact.firstResponse(t, m.ticketId, m.channel, m.priority, t - m.createdMs)
                    .withBusinessMs(businessSinceCreation(SlaMetric.FIRST_RESPONSE, t))));
            if (!m.waitDecided) {
                facts.add(attributed(Fact.waitDecided(t, m.ticketId, m.channel, m.priority, false)));
                m.waitDecided = true;
            }
        }
        if (resolvedNow) {
            facts.add(attributed(
                    Fact.resolved(t, m.ticketId, m.channel, m.priority, t - m.createdMs, m.agentReplies <= 1)
                            .withBusinessMs(businessSinceCreation(SlaMetric.RESOLUTION, t))));
        }
        if (ratings != null) {
            FrtBucket bucket = m.firstResponseMs == null ? FrtBucket.NONE : FrtBucket.of(m.firstResponseMs - m.createdMs);
            for (TicketEvent r : ratings) {
                facts.add(attributed(Fact.rated(t, m.ticketId, m.channel, m.priority, r.csat, bucket)));
            }
        }
        if (backlogMayMove) {
            boolean open = m.lastTerminal != EventType.RESOLVED && m.lastTerminal != EventType.CLOSED;
            boolean moved = !Objects.equals(m.priority, m.backlogPriority);
            if (m.inBacklog && (!open || moved)) {
                facts.add(Fact.backlog(t, m.ticketId, m.channel, m.backlogPriority, -1));
            }
            if (open && (!m.inBacklog || moved)) {
                facts.add(Fact.backlog(t, m.ticketId, m.channel, m.priority, +1));
            }
            m.inBacklog = open;
            m.backlogPriority = m.priority;
        }
        if (engine.attribution.any()) {
            applyGroupBacklog(t);
        }
    }

    /**
     * The open backlog as the grouping sets see it, at every applied instant: entering and leaving as the default
     * one does, and moving with the priority, team and agent (a move's -1 and +1 carry the {@code MOVED_*} bits of
     * what moved). A ticket not in it yet (one folded before grouping sets were configured) enters it at its next
     * event, so it never leaves it without having entered.
     */
    private void applyGroupBacklog(long t) {
        KpiAttribution a = engine.attribution;
        boolean open = m.lastTerminal != EventType.RESOLVED && m.lastTerminal != EventType.CLOSED;
        int movedBits = (Objects.equals(m.priority, m.groupBacklogPriority) ? 0 : Fact.MOVED_PRIORITY)
                | (a.team() && !Objects.equals(m.team, m.groupBacklogTeam) ? Fact.MOVED_TEAM : 0)
                | (a.agent() && !Objects.equals(m.agentId, m.groupBacklogAgent) ? Fact.MOVED_AGENT : 0);
        boolean moved = m.inGroupBacklog && open && movedBits != 0;
        if (m.inGroupBacklog && (!open || moved)) {
            facts.add(groupBacklog(t, m.groupBacklogPriority, m.groupBacklogTeam, m.groupBacklogAgent, -1,
                    moved ? movedBits : 0));
        }
        if (open && (!m.inGroupBacklog || moved)) {
            facts.add(groupBacklog(t, m.priority, m.team, m.agentId, +1, moved ? movedBits : 0));
        }
        m.inGroupBacklog = open;
        m.groupBacklogPriority = m.priority;
        m.groupBacklogTeam = a.team() ? m.team : null;
        m.groupBacklogAgent = a.agent() ? m.agentId : null;
    }

    /** The fact attributed to the ticket's team, agent and tracked attributes now, as the grouping sets need. */
    private Fact attributed(Fact f) {
        KpiAttribution a = engine.attribution;
        if (a.any()) {
            f.team = a.team() ? m.team : null;
            f.agentId = a.agent() ? m.agentId : null;
            f.attributes = a.trackedAttributes(m.attributes);
        }
        return f;
    }

    /** A GROUP_BACKLOG fact of the group (priority, team, agent) the entry counts under. */
    private Fact groupBacklog(long t, String priority, String team, String agent, int delta, int moved) {
        Fact f = Fact.groupBacklog(t, m.ticketId, m.channel, priority, delta);
        KpiAttribution a = engine.attribution;
        f.team = a.team() ? team : null;
        f.agentId = a.agent() ? agent : null;
        f.attributes = a.trackedAttributes(m.attributes);
        f.moved = moved;
        return f;
    }

    /**
     * Handling time: per resolution cycle (from creation, or the REOPENED of a resolved or closed ticket, to the
     * RESOLVED or CLOSED that ends it), the time with an agent assigned and a working status. The events of the
     * instant apply in order (the creation first); the state after the last of them holds from the instant on.
     * Runs before {@link #applyKpi}, so {@code m.lastTerminal} is still the state before the instant.
     */
    private void applyHandling(long t, List<TicketEvent> events, boolean starts) {
        boolean open = m.lastTerminal != EventType.RESOLVED && m.lastTerminal != EventType.CLOSED;
        for (TicketEvent e : events) {
            switch (e.type) {
                case CREATED -> {
                    if (starts && e == events.get(0)) {
                        m.workStatus = e.status;
                        m.cycleHadAgent = m.agent != null;
                    }
                }
                case ASSIGNED -> {
                    m.agent = e.agentId;
                    m.cycleHadAgent |= open && m.agent != null;
                }
                case STATUS_CHANGED -> m.workStatus = e.status;
                case RESOLVED, CLOSED -> {
                    if (open) {
                        long handled = m.handlingMs
                                + (m.handlingSinceMs == Long.MIN_VALUE ? 0 : t - m.handlingSinceMs);
                        if (m.cycleHadAgent) {
                            facts.add(attributed(Fact.handlingTime(t, m.ticketId, m.channel, m.priority, handled)));
                        }
                        m.handlingMs = 0;
                        m.handlingSinceMs = Long.MIN_VALUE;
                        m.cycleHadAgent = false;
                        open = false;
                    }
                }
                case REOPENED -> {
                    m.workStatus = null;
                    if (!open) {
                        open = true;
                        m.cycleHadAgent = m.agent != null;
                    }
                }
                default -> {
                    // AGENT_REPLIED, CUSTOMER_REPLIED, PRIORITY_CHANGED, ESCALATED, SATISFACTION_RATED
                }
            }
        }
        boolean handling = open && m.agent != null
                && (m.workStatus == null || WORKING_STATUSES.contains(m.workStatus));
        if (handling && m.handlingSinceMs == Long.MIN_VALUE) {
            m.handlingSinceMs = t;
        } else if (!handling && m.handlingSinceMs != Long.MIN_VALUE) {
            m.handlingMs += t - m.handlingSinceMs;
            m.handlingSinceMs = Long.MIN_VALUE;
        }
    }

    private void applySla(TicketEvent e, long t, boolean isCreation) {
        switch (e.type) {
            case CREATED -> {
                if (isCreation) {
                    m.status = e.status;
                    m.assignment = start(SlaMetric.ASSIGNMENT, 1, t);
                    m.firstResponse = start(SlaMetric.FIRST_RESPONSE, 1, t);
                    m.resolution = start(SlaMetric.RESOLUTION, 1, t);
                    applyPause(t);
                }
            }
            case ASSIGNED -> m.assignment = end(m.assignment, t, FULFILLED);
            case AGENT_REPLIED -> {
                m.firstResponse = end(m.firstResponse, t, FULFILLED);
                m.nextResponse = end(m.nextResponse, t, FULFILLED);
                m.agentReplied = true;
                m.followUp = end(m.followUp, t, FULFILLED);
                if (m.open) {
                    m.periodicUpdate = end(m.periodicUpdate, t, FULFILLED);
                    m.periodicUpdate = start(SlaMetric.PERIODIC_UPDATE, ++m.updates, t);
                    applyPause(t);
                }
            }
            case CUSTOMER_REPLIED -> {
                if (m.open && m.agentReplied && m.nextResponse == null) {
                    m.nextResponse = start(SlaMetric.NEXT_RESPONSE, ++m.episodes, t);
                }
            }
            case STATUS_CHANGED -> {
                m.status = e.status;
                applyPause(t);
            }
            case PRIORITY_CHANGED -> {
                SlaPolicy policy = policyNow();
                retarget(m.assignment, policy, t);
                retarget(m.firstResponse, policy, t);
                retarget(m.resolution, policy, t);
                retarget(m.nextResponse, policy, t);
                retarget(m.periodicUpdate, policy, t);
                retarget(m.followUp, policy, t);
            }
            case RESOLVED, CLOSED -> {
                if (m.open) {
                    m.assignment = end(m.assignment, t, CANCELLED);
                    m.firstResponse = end(m.firstResponse, t, CANCELLED);
                    m.nextResponse = end(m.nextResponse, t, CANCELLED);
                    m.periodicUpdate = end(m.periodicUpdate, t, CANCELLED);
                    m.resolution = end(m.resolution, t, FULFILLED);
                    m.followUp = start(SlaMetric.FOLLOW_UP, m.resolutionCycle, t);
                    m.open = false;
                }
            }
            case REOPENED -> {
                m.status = null;
                if (!m.open) {
                    m.open = true;
                    m.followUp = end(m.followUp, t, CANCELLED);
                    m.resolution = start(SlaMetric.RESOLUTION, ++m.resolutionCycle, t);
                } else {
                    applyPause(t);
                }
            }
            case SATISFACTION_RATED -> m.followUp = end(m.followUp, t, FULFILLED);
            default -> {
                // ESCALATED: no effect on the SLA clocks
            }
        }
    }

    /** The clocks that pause (resolution, periodic update) stand still while the status is pending or on hold. */
    private void applyPause(long t) {
        boolean pausing = m.status != null && PAUSING_STATUSES.contains(m.status);
        for (RunningMetric r : new RunningMetric[] {m.resolution, m.periodicUpdate}) {
            if (r != null && pausing) {
                r.pause(t, calendar(r));
            } else if (r != null) {
                r.resume(t);
            }
        }
    }

    // ---- time --------------------------------------------------------------------------------------------------

    /**
     * Lets time run from the model's instant to {@code untilMs} (exclusive): the wait deadline, the SLA clocks'
     * transitions, the expiry of the SLA metrics after the ticket retention without an event, the end of a life
     * without CREATED (its events become unknown) and of a started life after the tombstone retention.
     */
    private void advanceTo(long untilMs) {
        if (engine.schedule != null) {
            for (long at = engine.schedule.nextChangeAfter(m.nowMs); at <= untilMs && at != Long.MAX_VALUE;
                    at = engine.schedule.nextChangeAfter(m.nowMs)) {
                advanceStretch(at);
                switchPolicyFile(at);
            }
        }
        advanceStretch(untilMs);
    }

    /**
     * A runtime policy file comes into force at {@code t} (before the events of {@code t}): every alert firing
     * under the retired version resolves ({@code retargeted}), and every running metric is matched anew under the
     * new file, its clock (time counted, pauses) kept; the catch-up from {@code t} raises at once what the new
     * targets already make due ({@code breached_at} = {@code t}, as for a re-targeting {@code PRIORITY_CHANGED}).
     */
    private void switchPolicyFile(long t) {
        int version = engine.schedule.versionAt(t);
        if (!m.started || m.policyVersion == version) {
            return;
        }
        RunningMetric[] running = {
                m.assignment, m.firstResponse, m.resolution, m.nextResponse, m.periodicUpdate, m.followUp};
        for (RunningMetric r : running) {
            if (r != null && r.level >= 0) {
                emit(r, t, AlertLevels.RESOLVED, RETARGETED);
            }
        }
        // matched under the new file; each clock changes calendar (if it does) with the old one still resolvable
        SlaPolicy policy = policyIn(engine.schedule.byVersion(version));
        for (RunningMetric r : running) {
            if (r != null) {
                setPolicy(r, policy, t);
            }
        }
        m.policyVersion = version;
    }

    /** {@link #advanceTo} within one stretch of the policy schedule (no file comes into force before untilMs). */
    private void advanceStretch(long untilMs) {
        if (untilMs <= m.nowMs) {
            return;
        }
        if (!m.started) {
            long unknownAt = TicketEngine.plus(m.lastEventMs, engine.retentionMs);
            if (!m.beforeCreation.isEmpty() && unknownAt < untilMs) {
                if (unknownAt < foldToMs) {
                    unknown.addAll(m.beforeCreation);
                    lifeEndedBeforeFoldAtMs = unknownAt;
                } else {
                    nextLifeEndMs = Math.min(nextLifeEndMs, unknownAt);
                }
                endLife();
            }
            m.nowMs = untilMs;
            return;
        }
        if (!m.waitDecided) {
            long deadline = TicketEngine.plus(m.createdMs, engine.waitThresholdMs);
            if (deadline < untilMs) {
                facts.add(attributed(Fact.waitDecided(deadline, m.ticketId, m.channel, m.priority, true)));
                m.waitDecided = true;
            }
        }
        if (m.hasRunningMetric()) {
            long expireAt = TicketEngine.plus(m.lastEventMs, engine.retentionMs);
            if (expireAt < untilMs) {
                advanceMetrics(m.nowMs, expireAt);
                m.assignment = end(m.assignment, expireAt, EXPIRED);
                m.firstResponse = end(m.firstResponse, expireAt, EXPIRED);
                m.resolution = end(m.resolution, expireAt, EXPIRED);
                m.nextResponse = end(m.nextResponse, expireAt, EXPIRED);
                m.periodicUpdate = end(m.periodicUpdate, expireAt, EXPIRED);
                m.followUp = end(m.followUp, expireAt, EXPIRED);
            } else {
                advanceMetrics(m.nowMs, untilMs);
            }
        }
        long lifeEndsAt = TicketEngine.plus(m.lastEventMs, engine.tombstoneMs);
        if (lifeEndsAt < untilMs) {
            if (lifeEndsAt < foldToMs) {
                lifeEndedBeforeFoldAtMs = lifeEndsAt;
            } else {
                nextLifeEndMs = Math.min(nextLifeEndMs, lifeEndsAt);
            }
            endLife();
        }
        m.nowMs = untilMs;
    }

    /** The current life ends: a test life's facts and records are dropped; the next event starts a fresh one. */
    private void endLife() {
        if (!firstLifeEnded) {
            firstLifeEnded = true;
            firstLifeTest = m.test;
        }
        if (m.test) {
            facts.subList(lifeFactsFrom, facts.size()).clear();
            records.subList(lifeRecordsFrom, records.size()).clear();
            outcomes.subList(lifeOutcomesFrom, outcomes.size()).clear();
        }
        lifeFactsFrom = facts.size();
        lifeRecordsFrom = records.size();
        lifeOutcomesFrom = outcomes.size();
        m = TicketModel.fresh(m.ticketId);
    }

    private void advanceMetrics(long fromMs, long untilMs) {
        if (engine.imminentHorizonMs > 0) {
            for (RunningMetric r : new RunningMetric[] {
                    m.assignment, m.firstResponse, m.resolution, m.nextResponse, m.periodicUpdate, m.followUp}) {
                advanceImminent(r, fromMs, untilMs);
            }
        }
        advance(m.assignment, fromMs, untilMs);
        advance(m.firstResponse, fromMs, untilMs);
        advance(m.resolution, fromMs, untilMs);
        advance(m.nextResponse, fromMs, untilMs);
        advance(m.periodicUpdate, fromMs, untilMs);
        advance(m.followUp, fromMs, untilMs);
    }

    // ---- SLA metrics -------------------------------------------------------------------------------------------

    /**
     * A restored model measured under another policy file version: every running metric is matched anew under
     * the current file and its alert state starts from nothing (caught up at once by the next advance).
     */
    private void adoptPolicyVersion() {
        if (engine.schedule == null || !m.started
                || (!rematch && m.policyVersion == engine.schedule.versionAt(m.nowMs))) {
            return;
        }
        int version = engine.schedule.versionAt(m.nowMs);
        SlaPolicy policy = policyIn(engine.schedule.at(m.nowMs));
        for (RunningMetric r : new RunningMetric[] {
                m.assignment, m.firstResponse, m.resolution, m.nextResponse, m.periodicUpdate, m.followUp}) {
            if (r != null) {
                setPolicy(r, policy, m.nowMs);
            }
        }
        m.policyVersion = version;
    }

    private RunningMetric start(SlaMetric metric, int cycle, long t) {
        RunningMetric r = new RunningMetric(metric, cycle, t);
        setPolicy(r, policyNow(), t);
        return r;
    }

    /** Ends a running metric (null: none): a fired alert resolves with {@code reason}; returns null. */
    private RunningMetric end(RunningMetric r, long t, String reason) {
        if (r != null && r.level >= 0) {
            emit(r, t, AlertLevels.RESOLVED, reason);
        }
        if (r != null && r.policyId != null) {
            outcome(r, t, reason);
        }
        if (r != null && r.imminentPriority != null) {
            imminent(r, t, -1);
        }
        return null;
    }

    private void outcome(RunningMetric r, long t, String reason) {
        outcomes.add(new MetricOutcome(m.ticketId, m.createdMs, m.channel, m.priority, r.metric, r.cycle,
                r.policyId, targetMs(r, policyFile().byId(r.policyId)), t, reason, r.breachedAtMs,
                r.elapsedAt(t, calendar(r)), r.isPaused()));
    }

    /**
     * Measures the metric against {@code policy} from now on, from its original start. When the policy id
     * changes, an alert that fired under the old one resolves as {@code retargeted}.
     */
    private void retarget(RunningMetric r, SlaPolicy policy, long t) {
        if (r == null || Objects.equals(r.policyId, trackedId(r.metric, policy))) {
            return;
        }
        if (r.level >= 0) {
            emit(r, t, AlertLevels.RESOLVED, RETARGETED);
        }
        if (r.policyId != null) {
            outcome(r, t, RETARGETED);
            r.leave(r.policyId + '@' + policyFile().version());
        }
        setPolicy(r, policy, t);
    }

    /**
     * The state changes due at instants in [{@code fromMs}, {@code untilMs}); states reached at the same instant
     * give one record, with the most urgent of them.
     */
    private void advance(RunningMetric r, long fromMs, long untilMs) {
        if (r == null || r.policyId == null) {
            return;
        }
        List<Level> levels = levels(r);
        BusinessCalendar calendar = calendar(r);
        while (r.level + 1 < levels.size()) {
            long at = r.instantOfElapsed(levels.get(r.level + 1).elapsedMs(), fromMs, calendar);
            if (at >= untilMs) {
                return;
            }
            int reached = r.level + 1;
            while (reached + 1 < levels.size() && r.hasReached(levels.get(reached + 1).elapsedMs(), at, calendar)) {
                reached++;
            }
            r.level = reached;
            if (r.breachedAtMs == null && levels.get(reached).isBreach()) {
                r.breachedAtMs = at;
                if (calendar != null && alertsOutsideHours(r)) {
                    r.countOverrunInWallTime(at, calendar); // the tiers count (and fire) in wall time from here
                }
            }
            emit(r, at, AlertLevels.FIRING, null);
            fromMs = at;
        }
    }

    // ---- imminent breach ----------------------------------------------------------------------------------------

    /**
     * Whether the metric is about to breach just after {@code t} (at or after its last pause change): tracked, its
     * clock running, not breached (the target not reached, or under a calendar reached only at the next working
     * instant), and less than the horizon left: its counted time over target - horizon, or exactly at it with time
     * counting from {@code t} on (in calendar time: its deadline in (t, t + horizon]; outside working hours exactly
     * the horizon left stays so until working time runs, as when the state is reached as time runs).
     */
    private boolean isImminent(RunningMetric r, long t) {
        if (r.policyId == null || r.isPaused()) {
            return false;
        }
        long target = targetMs(r, policyFile().byId(r.policyId));
        BusinessCalendar calendar = calendar(r);
        if (r.hasReached(target, t, calendar)) {
            return false;
        }
        long enter = target - engine.imminentHorizonMs;
        return r.elapsedAt(t, calendar) > enter || r.hasReached(Math.max(0, enter), t, calendar);
    }

    /** After the events of instant {@code t}: the IMMINENT facts that make the metric count as it should now. */
    private void syncImminent(RunningMetric r, long t) {
        if (r == null) {
            return;
        }
        boolean should = isImminent(r, t);
        if (r.imminentPriority != null && (!should || !Objects.equals(r.imminentPriority, m.priority))) {
            imminent(r, t, -1);
        }
        if (should && r.imminentPriority == null) {
            imminent(r, t, +1);
        }
    }

    /**
     * Time running from {@code fromMs} to {@code untilMs} (exclusive), no event in between: a running clock enters
     * [target - horizon, target) at one instant and leaves it at the deadline.
     */
    private void advanceImminent(RunningMetric r, long fromMs, long untilMs) {
        if (r == null || r.policyId == null || r.isPaused()) {
            return;
        }
        long target = targetMs(r, policyFile().byId(r.policyId));
        // counted time (calendar or business time) reaches target - horizon, then the target
        long leaveAt = r.instantOfElapsed(target, fromMs, calendar(r));
        long enterAt = r.instantOfElapsed(Math.max(0, target - engine.imminentHorizonMs), fromMs, calendar(r));
        if (r.imminentPriority == null && enterAt < leaveAt && enterAt < untilMs) {
            imminent(r, enterAt, +1);
        }
        if (r.imminentPriority != null && leaveAt < untilMs) {
            imminent(r, leaveAt, -1);
        }
    }

    /** An IMMINENT fact: +1 under the ticket's priority now, -1 under the one it counted under. */
    private void imminent(RunningMetric r, long t, int delta) {
        if (delta > 0) {
            r.imminentPriority = m.priority;
            facts.add(Fact.imminent(t, m.ticketId, m.channel, m.priority, +1));
        } else {
            facts.add(Fact.imminent(t, m.ticketId, m.channel, r.imminentPriority, -1));
            r.imminentPriority = null;
        }
    }

    /**
     * Measures the metric against {@code policy} (from nothing fired) from {@code t} on, counting under the
     * policy's calendar for it; what the clock counted up to {@code t} stays counted.
     */
    private void setPolicy(RunningMetric r, SlaPolicy policy, long t) {
        r.endOverrunInWallTime(t, calendar(r));
        r.policyId = trackedId(r.metric, policy);
        r.changeCalendar(t, calendar(r), r.policyId == null ? null : policy.calendar(r.metric));
        r.level = -1;
        r.breachedAtMs = null;
    }

    /** Whether the metric's policy lets its escalations fire outside working hours ({@code alert_outside_hours}). */
    private boolean alertsOutsideHours(RunningMetric r) {
        SlaPolicy policy = policyFile().byId(r.policyId);
        return policy != null && policy.alertOutsideHours();
    }

    /** The policy's id when it sets a target for the metric, else null (untracked). */
    private static String trackedId(SlaMetric metric, SlaPolicy policy) {
        return policy == null || policy.target(metric) == null ? null : policy.id();
    }

    /** The policy in force now: creation channel and attributes, priority and team as of now. */
    /**
     * The business-time variant of a KPI duration from the creation to {@code t}: the working time, between the
     * two, of the calendar that the policy matching the ticket at {@code t} gives {@code metric}; null when that
     * metric counts calendar time (no calendar, no matching policy, or no policies at all).
     */
    private Long businessSinceCreation(SlaMetric metric, long t) {
        if (engine.schedule == null) {
            return null;
        }
        SlaPolicy policy = policyNow();
        BusinessCalendar calendar = policy == null ? null : policy.calendar(metric);
        return calendar == null ? null : calendar.businessMillis(m.createdMs, t);
    }

    private SlaPolicy policyNow() {
        return policyIn(policyFile());
    }

    /** The policy of {@code file} matching the ticket now. */
    private SlaPolicy policyIn(SlaPolicySet file) {
        return file.match(m.channel, m.priority, m.team, m.attributes).orElse(null);
    }

    /** The policy file the ticket's metrics are measured under now (the version in force at the model's instant). */
    private SlaPolicySet policyFile() {
        SlaPolicySet file = engine.schedule.byVersion(m.policyVersion);
        return file != null ? file : engine.schedule.at(m.nowMs);
    }

    /** The business-hours calendar the metric's clock counts, or null for calendar time. */
    private BusinessCalendar calendar(RunningMetric r) {
        return r.calendarId == null ? null : engine.calendar(m.policyVersion, r.calendarId);
    }

    private List<Level> levels(RunningMetric r) {
        return engine.levels(m.policyVersion, r.policyId, r.metric);
    }

    private static long targetMs(RunningMetric r, SlaPolicy policy) {
        return policy.target(r.metric).toMillis();
    }

    /** Adds the record of the metric's current state at {@code atMs}, if within the record limit. */
    private void emit(RunningMetric r, long atMs, String status, String resolveReason) {
        if (atMs > recordsUpToMs) {
            nextRecordAfterMs = Math.min(nextRecordAfterMs, atMs);
        } else {
            records.add(record(r, atMs, status, resolveReason));
        }
    }

    /**
     * The {@code dedup_key} (= {@code alert_id}) of a ticket's SLA alert:
     * {@code <ticket_id>/<sla_metric>/<life>/<cycle>/<policy_id>@<policy_version>}, the life being the event time of
     * the life's {@code CREATED} (RFC 3339, UTC, milliseconds), as in the pattern alerts' keys: a ticket id reused
     * after its state was released (a new life) never repeats a key of an earlier life.
     */
    public static String dedupKey(String ticketId, SlaMetric metric, long lifeStartMs, int cycle, String policyId,
            int policyVersion) {
        return ticketId + '/' + metric.wireName() + '/' + Timestamps.format(lifeStartMs) + '/' + cycle + '/'
                + policyId + '@' + policyVersion;
    }

    /**
     * What follows the key of a metric's {@code episode}-th time under one policy: nothing for the first,
     * {@code #<episode>} for a metric re-targeted away from the policy and back (the earlier episode's alert
     * resolved {@code retargeted}, which stays the last record of its key).
     */
    public static String episodeSuffix(int episode) {
        return episode > 1 ? "#" + episode : "";
    }

    /** The record of the metric's current state at {@code atMs} (no summary, no detection time). */
    private SlaAlert record(RunningMetric r, long atMs, String status, String resolveReason) {
        SlaPolicySet file = policyFile();
        SlaPolicy policy = file.byId(r.policyId);
        Level level = levels(r).get(r.level);
        long targetMs = targetMs(r, policy);
        BusinessCalendar calendar = calendar(r);
        long elapsedMs = r.elapsedAt(atMs, calendar);
        long pausedMs = r.pausedAt(atMs);
        SlaAlert a = new SlaAlert();
        a.dedupKey = dedupKey(m.ticketId, r.metric, m.createdMs, r.cycle, policy.id(), file.version())
                + episodeSuffix(r.episode(policy.id() + '@' + file.version()));
        a.alertId = a.dedupKey;
        a.status = status;
        a.kind = level.kind();
        a.severity = level.severity().wireName();
        a.slaMetric = r.metric.wireName();
        a.ticketId = m.ticketId;
        a.channel = m.channel;
        a.priority = m.priority;
        a.priorityDerived = m.priorityDerived;
        a.team = m.team;
        a.policyId = policy.id();
        a.policyVersion = file.version();
        a.cycle = r.cycle;
        a.targetS = targetMs / 1000.0;
        a.startedAtMs = r.startMs;
        a.deadlineAtMs = r.deadlineAt(targetMs, atMs, calendar);
        a.breachedAtMs = r.breachedAtMs;
        a.changedAtMs = atMs;
        a.elapsedS = elapsedMs / 1000.0;
        a.pausedS = pausedMs / 1000.0;
        a.overrunPct = AlertLevels.overrunPct(elapsedMs, targetMs);
        a.resolveReason = resolveReason;
        if (r.calendarId != null) {
            a.calendarId = r.calendarId;
            a.businessElapsedS = elapsedMs / 1000.0;
            a.calendarElapsedS = r.calendarElapsedAt(atMs) / 1000.0;
        }
        return a;
    }
}
