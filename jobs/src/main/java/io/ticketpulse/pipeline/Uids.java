package io.ticketpulse.pipeline;

/**
 * Stable operator uids (kebab-case, by role). Savepoints map state to operators by these ids: never rename
 * one of an operator that has state, and never reuse one for a different operator.
 */
public final class Uids {

    public static final String SOURCE = "ticket-events-source";
    public static final String PARSE = "parse-ticket-events";
    /** Retired (watermarks moved into the source): kept so that it is never reused for another operator. */
    public static final String TIMESTAMPS = "event-time-watermarks";
    /**
     * The one per-ticket operator (dedupe, lifecycle, facts, SLA clocks). Its state replaces that of the retired
     * {@link #LIFECYCLE} and {@link #SLA_ALERTS}, which it cannot read: see the README's upgrade notes.
     */
    public static final String TICKETS = "tickets";
    /** The input horizon broadcast to {@link #TICKETS}. */
    public static final String TICKET_HORIZON = "ticket-input-horizon";
    /** The horizon as a broadcast element of {@link #TICKETS} (stateless). */
    public static final String TICKET_HORIZON_BROADCAST = "ticket-horizon-broadcast";
    /** Runtime SLA policy records (policy topic, watched policy file; parallelism 1). */
    public static final String POLICY_SOURCE = "sla-policy-source";
    /** Validates runtime policy records (parallelism 1; keyed state: the latest accepted version). */
    public static final String POLICY_VALIDATE = "sla-policy-validate";
    /** Holds the watermark of a bounded policy input until it ends (stateless). */
    public static final String POLICY_HOLD = "sla-policy-watermark-hold";
    /** Validated policy files as broadcast elements of {@link #TICKETS} (stateless). */
    public static final String POLICY_BROADCAST = "sla-policy-broadcast";
    /** Retired (replaced by {@link #TICKETS}): kept so that it is never reused for another operator. */
    public static final String LIFECYCLE = "ticket-lifecycle";
    public static final String FACT_PRE_AGGREGATE = "fact-pre-aggregate";
    public static final String KPI_WINDOWS = "kpi-windows";
    public static final String KPI_SINK = "kpi-sink";
    /** The caps of the grouping sets' dimensions (first-seen values, fold into other), keyed by grouping set. */
    public static final String KPI_FOLD_VALUES = "kpi-fold-values";
    /** Delays the watermark of the grouping sets' deltas by the allowed lateness (stateless). */
    public static final String KPI_FOLD_WATERMARK = "kpi-fold-watermark-delay";
    /** KPI windows of the grouping sets other than (channel, priority). */
    public static final String KPI_GROUP_WINDOWS = "kpi-grouping-set-windows";
    public static final String VOLATILITY_FINAL_KPIS = "volatility-final-kpis";
    public static final String VOLATILITY_ALERTS = "volatility-alerts";
    public static final String KPI_CONSOLE = "kpi-console-summary";
    public static final String DEAD_LETTER_UNION = "dead-letter-union";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    /** Retired (replaced by {@link #TICKET_HORIZON}). */
    public static final String SLA_HORIZON = "sla-input-horizon";
    /** Retired (replaced by {@link #TICKETS}). */
    public static final String SLA_ALERTS = "sla-ticket-alerts";
    public static final String AGGREGATE_FINAL_KPIS = "aggregate-final-kpis";
    public static final String AGGREGATE_ALERTS = "aggregate-alerts";
    public static final String ALERT_CONSOLE = "sla-alert-console-summary";
    /** SLA alerts, committed exactly once ({@code PipelineSinks.alerts}). */
    public static final String ALERT_SINK = "sla-alert-sink";
    /** SLA alerts, low-latency at least once ({@code PipelineSinks.alertsFast}). */
    public static final String ALERT_FAST_SINK = "sla-alert-fast-sink";
    /** KPI rows to a table, upserted by key and revision ({@code PipelineSinks.tables}, e.g. PostgreSQL). */
    public static final String KPI_TABLE_SINK = "kpi-table-sink";
    /** SLA alerts to the current-state and history tables. */
    public static final String ALERT_TABLE_SINK = "sla-alert-table-sink";
    /** Dead letters to a table. */
    public static final String DEAD_LETTER_TABLE_SINK = "dead-letter-table-sink";
    /** Committed SLA alerts delivered to Alertmanager ({@code PipelineSinks.alertmanager}; parallelism 1). */
    public static final String ALERTMANAGER_DELIVERY = "alertmanager-delivery";
    /** Committed SLA alerts delivered to PagerDuty ({@code PipelineSinks.pagerDuty}; parallelism 1). */
    public static final String PAGERDUTY_DELIVERY = "pagerduty-delivery";
    /** The risk patterns' event-time clock in front of the CEP operators (stateless; see {@code PatternClock}). */
    public static final String RISK_PATTERN_CLOCK = "risk-pattern-clock";
    /** One CEP operator per risk pattern of the policy file's {@code patterns} section. */
    public static final String RISK_PATTERN_PING_PONG = "risk-pattern-reassignment-ping-pong";
    public static final String RISK_PATTERN_CHASING = "risk-pattern-customer-chasing";
    public static final String RISK_PATTERN_REOPEN_LOOP = "risk-pattern-reopen-loop";
    public static final String RISK_PATTERN_SILENT_RESOLUTION = "risk-pattern-silent-resolution";
    public static final String RISK_PATTERN_ESCALATION = "risk-pattern-escalation-without-response";
    /** Appended to a pattern's uid: its late events as {@code LATE_FOR_PATTERNS} dead letters (stateless). */
    public static final String RISK_PATTERN_LATE_SUFFIX = "-late-events";
    /** The accepted events as signals for the pattern alerts (stateless). */
    public static final String RISK_PATTERN_EVENTS = "risk-pattern-event-signals";
    /** The input horizon for the pattern alerts, its watermark only at the end of input (stateless). */
    public static final String RISK_PATTERN_HORIZON = "risk-pattern-input-horizon";
    /** The pattern alerts per ticket (firing, cleared), keyed by ticket. */
    public static final String RISK_PATTERN_ALERTS = "risk-pattern-alerts";
    /** The live dashboard's feeds ({@code PipelineSinks.dashboard}; stateless). */
    public static final String DASHBOARD_EVENTS = "dashboard-events";
    public static final String DASHBOARD_KPIS = "dashboard-kpis";
    public static final String DASHBOARD_ALERTS = "dashboard-alerts";
    public static final String DASHBOARD_DEAD_LETTERS = "dashboard-dead-letters";

    // the what-if job on history (io.ticketpulse.pipeline.WhatIfPipeline)
    public static final String WHAT_IF_SOURCE = "what-if-events-source";
    public static final String WHAT_IF_PARSE = "what-if-parse-events";
    /** Per ticket: the events until the end of input, then the engine under both policy files. */
    public static final String WHAT_IF_TICKETS = "what-if-tickets";
    /** The rejected records' reason codes to the comparison (stateless). */
    public static final String WHAT_IF_REJECTIONS = "what-if-rejections";
    /** The comparison at the end of the history (parallelism 1). */
    public static final String WHAT_IF_COMPARISON = "what-if-comparison";

    // the simulator producer job (io.ticketpulse.app.SimulatorJob)
    public static final String SIMULATOR_SOURCE = "simulator-source";
    public static final String SIMULATOR_EVENTS_SINK = "simulator-events-sink";

    private Uids() {}
}
