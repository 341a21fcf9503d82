package io.ticketpulse.domain.ticket;

import io.ticketpulse.domain.calendar.BusinessCalendar;
import io.ticketpulse.domain.kpi.KpiAttribution;
import io.ticketpulse.domain.sla.AlertLevels;
import io.ticketpulse.domain.sla.AlertLevels.Level;
import io.ticketpulse.domain.sla.PolicySchedule;
import io.ticketpulse.domain.sla.PriorityDerivation;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.schema.TicketEvent;
import java.io.Serializable;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-ticket engine: moves a folded {@link TicketModel} forward over recent events, deriving the ticket's KPI
 * facts and SLA alert records on the way. The definitions are those of the README (and of the pure reference
 * projections in the test tree, which the engine is checked against); what is new is that they are computed
 * incrementally: a model folded up to an instant plus the events at or after it give the same facts and records
 * as the whole history would.
 *
 * <p>Work per replay is linear in the number of recent (buffered) events and independent of the ticket's length.
 */
public final class TicketEngine implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Deterministic total order of a ticket's events: event time, then event id. */
    public static final Comparator<TicketEvent> EVENT_ORDER =
            Comparator.comparingLong((TicketEvent e) -> e.occurredAtMs).thenComparing(e -> e.eventId);

    final long waitThresholdMs;
    final long retentionMs;
    final long tombstoneMs;
    /** The policy files in force over event time; null: no SLA alerts. */
    final PolicySchedule schedule;
    /** What facts are attributed to beyond channel and priority (grouping sets). */
    final KpiAttribution attribution;
    /**
     * The imminent-breach horizon: a running, tracked, unbreached metric whose deadline is at most this far ahead
     * counts as about to breach (IMMINENT facts); 0: off, no such facts. Set once, before use.
     */
    long imminentHorizonMs;
    /** The alert levels of each policy's metrics, by policy file version and policy id (built on first use). */
    private transient Map<Integer, Map<String, Map<SlaMetric, List<Level>>>> levels;
    /** The business-hours calendars the policies use, by policy file version and id (built on first use). */
    private transient Map<Integer, Map<String, BusinessCalendar>> calendars;

    /**
     * @param waitThresholdMs wait-timeout threshold after creation
     * @param retentionMs SLA metrics still running after this long without an event expire; events of a life
     *     without CREATED are unknown after it
     * @param tombstoneMs a started life ends after this long without an event (at least {@code retentionMs})
     * @param policies the SLA policies, or null for no alerts
     */
    public TicketEngine(long waitThresholdMs, long retentionMs, long tombstoneMs, SlaPolicySet policies) {
        this(waitThresholdMs, retentionMs, tombstoneMs, policies, KpiAttribution.NONE);
    }

    /**
     * The same, with facts also attributed to what the configured grouping sets slice by ({@link KpiAttribution}):
     * with {@link KpiAttribution#NONE} the facts are exactly those of the other constructor.
     */
    public TicketEngine(
            long waitThresholdMs,
            long retentionMs,
            long tombstoneMs,
            SlaPolicySet policies,
            KpiAttribution attribution) {
        this(waitThresholdMs, retentionMs, tombstoneMs, policies == null ? null : PolicySchedule.of(policies),
                attribution);
    }

    /**
     * The same as the five-argument constructor, with IMMINENT facts for the metrics about to breach within
     * {@code imminentHorizonMs} (0: none; the facts are then exactly those of the other constructors).
     */
    public TicketEngine(long waitThresholdMs, long retentionMs, long tombstoneMs, SlaPolicySet policies,
            KpiAttribution attribution, long imminentHorizonMs) {
        this(waitThresholdMs, retentionMs, tombstoneMs, policies, attribution);
        withImminentHorizon(imminentHorizonMs);
    }

    /** Sets the imminent-breach horizon (0: off) before the engine is used; returns this engine. */
    public TicketEngine withImminentHorizon(long horizonMs) {
        if (horizonMs < 0) {
            throw new IllegalArgumentException("the imminent-breach horizon must not be negative");
        }
        this.imminentHorizonMs = horizonMs;
        return this;
    }

    /**
     * An engine whose policy files in force change over event time ({@link PolicySchedule}; null: no alerts): a
     * running metric is measured under the file in force at each instant (see {@link TicketReplay}).
     */
    public static TicketEngine scheduled(long waitThresholdMs, long retentionMs, long tombstoneMs,
            PolicySchedule schedule, KpiAttribution attribution) {
        return new TicketEngine(waitThresholdMs, retentionMs, tombstoneMs, schedule, attribution);
    }

    private TicketEngine(
            long waitThresholdMs,
            long retentionMs,
            long tombstoneMs,
            PolicySchedule schedule,
            KpiAttribution attribution) {
        this.attribution = attribution;
        if (tombstoneMs < retentionMs) {
            throw new IllegalArgumentException("the tombstone retention must be at least the ticket retention");
        }
        this.waitThresholdMs = waitThresholdMs;
        this.retentionMs = retentionMs;
        this.tombstoneMs = tombstoneMs;
        this.schedule = schedule;
    }

    /** This engine measuring against {@code next} (same retentions and attribution). */
    public TicketEngine withSchedule(PolicySchedule next) {
        return new TicketEngine(waitThresholdMs, retentionMs, tombstoneMs, next, attribution)
                .withImminentHorizon(imminentHorizonMs);
    }

    /** The policy files in force over event time, or null (no SLA alerts). */
    public PolicySchedule schedule() {
        return schedule;
    }

    /** The priority of a ticket created at {@code t} without one: the derivation of the file in force then. */
    PriorityDerivation derivation(long t) {
        return schedule == null ? PriorityDerivation.DEFAULT : schedule.at(t).priorityDerivation();
    }

    /**
     * Replays {@code buffer} on a copy of {@code folded} and projects on as if no further event came.
     *
     * @param folded the model folded so far (not changed)
     * @param buffer the events at or after {@code folded.nowMs}, sorted by {@link #EVENT_ORDER}
     * @param foldToMs where the new folded model is taken: no event older than this can come any more
     */
    public TicketReplay replay(TicketModel folded, List<TicketEvent> buffer, long foldToMs) {
        return replay(folded, buffer, foldToMs, Long.MAX_VALUE);
    }

    /**
     * {@link #replay(TicketModel, List, long)}, building alert records only up to {@code recordsUpToMs}: of the
     * later ones only the earliest instant is kept ({@link TicketReplay#nextRecordAfterMs()}).
     */
    public TicketReplay replay(TicketModel folded, List<TicketEvent> buffer, long foldToMs, long recordsUpToMs) {
        return replay(folded, buffer, foldToMs, recordsUpToMs, false);
    }

    /**
     * {@link #replay(TicketModel, List, long, long)}; with {@code rematch}, the folded model's running metrics are
     * first matched anew under the file in force (as after a policy version change), so the states they have
     * reached fire again at the folded instant (see {@link TicketEvaluation}: alerts of a savepoint written before
     * dedup_keys carried the life).
     */
    TicketReplay replay(TicketModel folded, List<TicketEvent> buffer, long foldToMs, long recordsUpToMs,
            boolean rematch) {
        TicketReplay replay = new TicketReplay(this, folded.copy(), foldToMs, recordsUpToMs);
        replay.rematch = rematch;
        replay.run(buffer);
        return replay;
    }

    /**
     * The alert levels of a metric under a policy of the file of that version (empty for a policy id the file does
     * not have).
     */
    List<Level> levels(int version, String policyId, SlaMetric metric) {
        if (levels == null) {
            levels = new HashMap<>();
        }
        Map<String, Map<SlaMetric, List<Level>>> all = levels.get(version);
        if (all == null) {
            all = new HashMap<>();
            SlaPolicySet file = schedule.byVersion(version);
            for (SlaPolicy p : file == null ? List.<SlaPolicy>of() : file.policies()) {
                Map<SlaMetric, List<Level>> byMetric = new EnumMap<>(SlaMetric.class);
                for (SlaMetric m : SlaMetric.values()) {
                    Duration target = p.target(m);
                    if (target != null) {
                        byMetric.put(m, AlertLevels.of(p, target.toMillis()));
                    }
                }
                all.put(p.id(), byMetric);
            }
            levels.put(version, all);
        }
        Map<SlaMetric, List<Level>> byMetric = all.get(policyId);
        List<Level> l = byMetric == null ? null : byMetric.get(metric);
        return l == null ? List.of() : l;
    }

    /**
     * The business-hours calendar with this id that a policy of the file of that version uses, or null (calendar
     * time; also for an id kept in state that the file does not have).
     */
    BusinessCalendar calendar(int version, String calendarId) {
        if (calendarId == null || schedule == null) {
            return null;
        }
        if (calendars == null) {
            calendars = new HashMap<>();
        }
        Map<String, BusinessCalendar> all = calendars.get(version);
        if (all == null) {
            all = new HashMap<>();
            SlaPolicySet file = schedule.byVersion(version);
            for (SlaPolicy p : file == null ? List.<SlaPolicy>of() : file.policies()) {
                for (BusinessCalendar c : p.calendars().values()) {
                    all.put(c.id(), c);
                }
            }
            calendars.put(version, all);
        }
        return all.get(calendarId);
    }

    static long plus(long a, long b) {
        if (a == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
