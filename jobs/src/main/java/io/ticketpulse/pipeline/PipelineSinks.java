package io.ticketpulse.pipeline;

import io.ticketpulse.io.delivery.AlertDelivery;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the pipeline writes: KPI rows, dead letters, optionally a second consumer of the KPI rows (the live
 * console summary of the embedded run), and optionally SLA alerts: {@code alerts} (the committed, exactly-once
 * alert topic), {@code alertsFast} (a low-latency at-least-once copy) and {@code alertSummary} (the live console
 * line of firing alerts), the deliveries of the committed alerts to {@code alertmanager} and {@code pagerDuty}, and optionally {@code tables} (KPI, alert and dead-letter tables, e.g. PostgreSQL). Injected
 * into {@link TicketPulsePipeline#build} so tests and deployments choose their own I/O. Optional sinks are null when
 * absent.
 */
public record PipelineSinks(
        Sink<TicketKpi> kpis,
        Sink<DeadLetter> deadLetters,
        Sink<TicketKpi> kpiSummary,
        Sink<SlaAlert> alerts,
        Sink<SlaAlert> alertsFast,
        Sink<SlaAlert> alertSummary,
        AlertDelivery<?> alertmanager,
        AlertDelivery<?> pagerDuty,
        TableSinks tables,
        DashboardSinks dashboard) {

    /** These sinks without a dashboard. */
    public PipelineSinks(Sink<TicketKpi> kpis, Sink<DeadLetter> deadLetters, Sink<TicketKpi> kpiSummary,
            Sink<SlaAlert> alerts, Sink<SlaAlert> alertsFast, Sink<SlaAlert> alertSummary,
            AlertDelivery<?> alertmanager, AlertDelivery<?> pagerDuty, TableSinks tables) {
        this(kpis, deadLetters, kpiSummary, alerts, alertsFast, alertSummary, alertmanager, pagerDuty, tables, null);
    }

    public PipelineSinks(Sink<TicketKpi> kpis, Sink<DeadLetter> deadLetters) {
        this(kpis, deadLetters, null, null, null, null, null, null, null);
    }

    public PipelineSinks(Sink<TicketKpi> kpis, Sink<DeadLetter> deadLetters, Sink<TicketKpi> kpiSummary) {
        this(kpis, deadLetters, kpiSummary, null, null, null, null, null, null);
    }

    /** These sinks with the given alert sinks (either may be null). */
    public PipelineSinks withAlerts(Sink<SlaAlert> alerts, Sink<SlaAlert> alertsFast) {
        return new PipelineSinks(kpis, deadLetters, kpiSummary, alerts, alertsFast, alertSummary, alertmanager,
                pagerDuty, tables, dashboard);
    }

    /** These sinks with a console summary of the alerts (parallelism 1; may be null). */
    public PipelineSinks withAlertSummary(Sink<SlaAlert> summary) {
        return new PipelineSinks(kpis, deadLetters, kpiSummary, alerts, alertsFast, summary, alertmanager,
                pagerDuty, tables, dashboard);
    }

    /** These sinks with the given table sinks as well (may be null). */
    public PipelineSinks withTables(TableSinks tables) {
        return new PipelineSinks(kpis, deadLetters, kpiSummary, alerts, alertsFast, alertSummary, alertmanager,
                pagerDuty, tables, dashboard);
    }

    /** These sinks with deliveries of the committed alerts to Alertmanager and PagerDuty (either may be null). */
    public PipelineSinks withAlertDeliveries(AlertDelivery<?> alertmanager, AlertDelivery<?> pagerDuty) {
        return new PipelineSinks(kpis, deadLetters, kpiSummary, alerts, alertsFast, alertSummary, alertmanager,
                pagerDuty, tables, dashboard);
    }

    /** These sinks feeding the live web dashboard as well (may be null). */
    public PipelineSinks withDashboard(DashboardSinks dashboard) {
        return new PipelineSinks(kpis, deadLetters, kpiSummary, alerts, alertsFast, alertSummary, alertmanager,
                pagerDuty, tables, dashboard);
    }
}
