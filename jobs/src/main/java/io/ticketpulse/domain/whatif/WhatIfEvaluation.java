package io.ticketpulse.domain.whatif;

import io.ticketpulse.domain.sla.AlertLevels;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.ticket.MetricOutcome;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.domain.ticket.TicketModel;
import io.ticketpulse.domain.ticket.TicketReplay;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates a history under one policy file: every ticket's events replayed on the per-ticket engine (the same
 * {@link TicketEngine} the job runs), in event order, and each tracked SLA metric's result read off at the end of
 * the history ({@code asOfMs}): how it ended if it ended by then, else whether it had breached. Alert records
 * after {@code asOfMs} do not count. Pure and deterministic: the result depends on the events and settings only.
 */
public final class WhatIfEvaluation {

    private WhatIfEvaluation() {}

    /**
     * The engine a what-if runs under {@code policies}: the KPI wait threshold of run (10 min), SLA clocks expiring
     * {@code ticketRetention} after a ticket's last event, and ended tickets remembered for at least 400 days (a
     * reused ticket id within a history of that length starts a new life, as in the job).
     */
    public static TicketEngine engine(SlaPolicySet policies, Duration ticketRetention) {
        long retention = ticketRetention.toMillis();
        return new TicketEngine(Duration.ofMinutes(10).toMillis(), retention,
                Math.max(retention, Duration.ofDays(400).toMillis()), policies);
    }

    /**
     * @param engine the engine with the policy file to evaluate under
     * @param tickets each ticket's events, sorted by {@link TicketEngine#EVENT_ORDER}, without duplicate event ids
     * @param asOfMs the end of the history (the latest event time)
     * @return the results of every tracked metric, ticket by ticket in the order given, metrics in order of their
     *     ends
     */
    public static List<MetricResult> evaluate(TicketEngine engine, Iterable<List<TicketEvent>> tickets, long asOfMs) {
        List<MetricResult> results = new ArrayList<>();
        for (List<TicketEvent> events : tickets) {
            for (OpenMetricResult open : ticket(engine, events)) {
                results.add(finish(open, asOfMs));
            }
        }
        return results;
    }

    /**
     * The first half of {@link #evaluate}, for one ticket, without the end of the history: the ticket's events
     * replayed on the engine and time run on as if no further event came; for every tracked metric its last
     * outcome and all its firing alert records.
     *
     * @param events the ticket's events, sorted by {@link TicketEngine#EVENT_ORDER}, without duplicate event ids
     * @return the metrics in order of their ends (empty for no events)
     */
    public static List<OpenMetricResult> ticket(TicketEngine engine, List<TicketEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        TicketReplay replay = engine.replay(TicketModel.fresh(events.get(0).ticketId), events, Long.MAX_VALUE);
        TreeSet<Long> lives = new TreeSet<>();
        for (MetricOutcome o : replay.outcomes()) {
            lives.add(o.lifeStartMs());
        }
        Map<String, List<ReachedAt>> alerts = new HashMap<>();
        for (SlaAlert a : replay.records()) {
            if (AlertLevels.FIRING.equals(a.status)) {
                // the alert's life: the latest life started at or before its metric (every tracked metric ends
                // in an outcome, lives never overlap, and a metric starts at or after its life's CREATED)
                Long life = lives.floor(a.startedAtMs);
                String key = MetricResult.key(a.ticketId, life == null ? Long.MIN_VALUE : life,
                        SlaMetric.fromWireName(a.slaMetric), a.cycle);
                alerts.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new ReachedAt(Reached.of(a.kind, a.severity), a.changedAtMs));
            }
        }
        // the last outcome of a metric is its result (an earlier one was retargeted to another policy)
        Map<String, MetricOutcome> last = new LinkedHashMap<>();
        for (MetricOutcome o : replay.outcomes()) {
            String key = MetricResult.key(o.ticketId(), o.lifeStartMs(), o.metric(), o.cycle());
            last.remove(key);
            last.put(key, o);
        }
        List<OpenMetricResult> results = new ArrayList<>();
        for (Map.Entry<String, MetricOutcome> e : last.entrySet()) {
            results.add(OpenMetricResult.of(e.getValue(), alerts.getOrDefault(e.getKey(), List.of())));
        }
        return results;
    }

    /**
     * The second half of {@link #evaluate}: the metric's result at the end of the history {@code asOfMs}, alert
     * records after it left out.
     */
    public static MetricResult finish(OpenMetricResult open, long asOfMs) {
        List<Reached> alerts = new ArrayList<>();
        for (ReachedAt a : open.alerts) {
            if (a.atMs <= asOfMs) {
                alerts.add(a.reached);
            }
        }
        return result(open.outcome(), alerts, asOfMs);
    }

    static MetricResult result(MetricOutcome o, List<Reached> alerts, long asOfMs) {
        boolean ended = o.endMs() <= asOfMs;
        Outcome outcome;
        Long overrun = null;
        if (o.breachedAtMs() != null && o.breachedAtMs() <= asOfMs) {
            outcome = Outcome.BREACHED;
            overrun = o.elapsedAt(asOfMs) - o.targetMs();
        } else if (!ended) {
            outcome = Outcome.OPEN;
        } else if ("fulfilled".equals(o.reason())) {
            outcome = Outcome.MET;
        } else {
            outcome = Outcome.CANCELLED;
        }
        return new MetricResult(o.ticketId(), o.lifeStartMs(), o.channel(), o.priority(), o.metric(), o.cycle(),
                o.policyId(), outcome, overrun, alerts);
    }
}
