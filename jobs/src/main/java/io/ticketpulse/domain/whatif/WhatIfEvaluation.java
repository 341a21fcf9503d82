package io.ticketpulse.domain.whatif;

import io.ticketpulse.domain.sla.AlertLevels;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.ticket.MetricOutcome;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.domain.ticket.TicketModel;
import io.ticketpulse.domain.ticket.TicketReplay;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
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
     * @param engine the engine with the policy file to evaluate under
     * @param tickets each ticket's events, sorted by {@link TicketEngine#EVENT_ORDER}, without duplicate event ids
     * @param asOfMs the end of the history (the latest event time)
     * @return the results of every tracked metric, ticket by ticket in the order given, metrics in order of their
     *     ends
     */
    public static List<MetricResult> evaluate(TicketEngine engine, Iterable<List<TicketEvent>> tickets, long asOfMs) {
        List<MetricResult> results = new ArrayList<>();
        for (List<TicketEvent> events : tickets) {
            if (events.isEmpty()) {
                continue;
            }
            TicketReplay replay = engine.replay(TicketModel.fresh(events.get(0).ticketId), events, Long.MAX_VALUE,
                    asOfMs);
            results.addAll(results(replay, asOfMs));
        }
        return results;
    }

    private static List<MetricResult> results(TicketReplay replay, long asOfMs) {
        TreeSet<Long> lives = new TreeSet<>();
        for (MetricOutcome o : replay.outcomes()) {
            lives.add(o.lifeStartMs());
        }
        Map<String, List<Reached>> alerts = new HashMap<>();
        for (SlaAlert a : replay.records()) {
            if (AlertLevels.FIRING.equals(a.status) && a.changedAtMs <= asOfMs) {
                // the alert's life: the latest life started at or before its metric (every tracked metric ends
                // in an outcome, lives never overlap, and a metric starts at or after its life's CREATED)
                Long life = lives.floor(a.startedAtMs);
                String key = MetricResult.key(a.ticketId, life == null ? Long.MIN_VALUE : life,
                        SlaMetric.fromWireName(a.slaMetric), a.cycle);
                alerts.computeIfAbsent(key, k -> new ArrayList<>()).add(Reached.of(a.kind, a.severity));
            }
        }
        // the last outcome of a metric is its result (an earlier one was retargeted to another policy)
        Map<String, MetricOutcome> last = new LinkedHashMap<>();
        for (MetricOutcome o : replay.outcomes()) {
            String key = MetricResult.key(o.ticketId(), o.lifeStartMs(), o.metric(), o.cycle());
            last.remove(key);
            last.put(key, o);
        }
        List<MetricResult> results = new ArrayList<>();
        for (Map.Entry<String, MetricOutcome> e : last.entrySet()) {
            MetricOutcome o = e.getValue();
            results.add(result(o, alerts.getOrDefault(e.getKey(), List.of()), asOfMs));
        }
        return results;
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
