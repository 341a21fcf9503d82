package io.ticketpulse.domain.whatif;

import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.ticket.MetricOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One SLA metric of one ticket (life, metric and cycle) under one policy file, before the end of the history is known:
 * how its last measurement ended when the ticket's events are replayed and time runs on ({@link MetricOutcome}),
 * and every firing alert record of it with its instant. {@link WhatIfEvaluation#finish} reads its
 * {@link MetricResult} off at the end of the history. This split is what lets the Flink what-if job evaluate each
 * ticket where its events are (keyed by ticket) and finish every result in its last, parallelism-1 step, where the
 * end of the history (the latest event time of all tickets) is known. Flink POJO.
 */
public class OpenMetricResult {

    public String ticketId;
    /** The event time of the CREATED of the ticket's life (as in {@link MetricOutcome#lifeStartMs()}). */
    public long lifeStartMs;
    public String channel;
    public String priority;
    public SlaMetric metric;
    public int cycle;
    public String policyId;
    public long targetMs;
    public long endMs;
    public String reason;
    public Long breachedAtMs;
    public long elapsedMs;
    public boolean pausedAtEnd;
    /** The firing alert records of the metric (of every policy it was measured against), in order. */
    public List<ReachedAt> alerts = new ArrayList<>();

    public OpenMetricResult() {}

    public static OpenMetricResult of(MetricOutcome o, List<ReachedAt> alerts) {
        OpenMetricResult r = new OpenMetricResult();
        r.ticketId = o.ticketId();
        r.lifeStartMs = o.lifeStartMs();
        r.channel = o.channel();
        r.priority = o.priority();
        r.metric = o.metric();
        r.cycle = o.cycle();
        r.policyId = o.policyId();
        r.targetMs = o.targetMs();
        r.endMs = o.endMs();
        r.reason = o.reason();
        r.breachedAtMs = o.breachedAtMs();
        r.elapsedMs = o.elapsedMs();
        r.pausedAtEnd = o.pausedAtEnd();
        r.alerts = new ArrayList<>(alerts);
        return r;
    }

    /** The outcome as the replay gave it. */
    public MetricOutcome outcome() {
        return new MetricOutcome(ticketId, lifeStartMs, channel, priority, metric, cycle, policyId, targetMs, endMs,
                reason, breachedAtMs, elapsedMs, pausedAtEnd);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenMetricResult r && outcome().equals(r.outcome()) && alerts.equals(r.alerts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome(), alerts);
    }

    @Override
    public String toString() {
        return outcome() + " alerts " + alerts;
    }
}
