package io.ticketpulse.domain.kpi;

import io.ticketpulse.schema.TicketKpi;
import java.util.Locale;

/**
 * The KPIs a volatility alert can watch, named as the alert's {@code sla_metric}: the {@code ticket-kpi} field
 * without its unit suffix.
 */
public enum VolatilityKpi {
    TICKETS_CREATED("tickets_created", "tickets created", Unit.COUNT),
    RESOLVED("resolved", "tickets resolved", Unit.COUNT),
    BACKLOG_OPEN("backlog_open", "open backlog", Unit.COUNT),
    FRT_MEAN("frt_mean", "FRT mean", Unit.SECONDS),
    FRT_P50("frt_p50", "FRT p50", Unit.SECONDS),
    FRT_P90("frt_p90", "FRT p90", Unit.SECONDS),
    FRT_P95("frt_p95", "FRT p95", Unit.SECONDS),
    FRT_P99("frt_p99", "FRT p99", Unit.SECONDS),
    MTTR_MEAN("mttr_mean", "MTTR", Unit.SECONDS),
    MTTR_P50("mttr_p50", "MTTR p50", Unit.SECONDS),
    MTTR_P90("mttr_p90", "MTTR p90", Unit.SECONDS),
    WAIT_TIMEOUT_RATE("wait_timeout_rate", "wait-timeout rate", Unit.RATE),
    FCR_RATE("fcr_rate", "FCR rate", Unit.RATE),
    CSAT_MEAN("csat_mean", "CSAT mean", Unit.SCORE);

    private enum Unit {
        COUNT,
        SECONDS,
        RATE,
        SCORE
    }

    private final String wireName;
    private final String label;
    private final Unit unit;

    VolatilityKpi(String wireName, String label, Unit unit) {
        this.wireName = wireName;
        this.label = label;
        this.unit = unit;
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    /** The KPI called {@code name} ({@link #wireName()}). */
    public static VolatilityKpi fromWireName(String name) {
        for (VolatilityKpi k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown volatility KPI '" + name + "'");
    }

    /** The KPI's value in {@code row}; null when nothing was measured (a count is always measured). */
    public Double valueOf(TicketKpi row) {
        return switch (this) {
            case TICKETS_CREATED -> (double) row.ticketsCreated;
            case RESOLVED -> (double) row.resolved;
            case BACKLOG_OPEN -> (double) row.backlogOpen;
            case FRT_MEAN -> row.frtMeanS;
            case FRT_P50 -> row.frtP50S;
            case FRT_P90 -> row.frtP90S;
            case FRT_P95 -> row.frtP95S;
            case FRT_P99 -> row.frtP99S;
            case MTTR_MEAN -> row.mttrMeanS;
            case MTTR_P50 -> row.mttrP50S;
            case MTTR_P90 -> row.mttrP90S;
            case WAIT_TIMEOUT_RATE -> row.waitTimeoutRate;
            case FCR_RATE -> row.fcrRate;
            case CSAT_MEAN -> row.csatMean;
        };
    }

    /** A value of this KPI for summaries. */
    public String format(double value) {
        return switch (unit) {
            case COUNT -> value == Math.rint(value) ? String.valueOf((long) value)
                    : String.format(Locale.ROOT, "%.1f", value);
            case SECONDS -> String.format(Locale.ROOT, "%.1f s", value);
            case RATE -> String.format(Locale.ROOT, "%.1f%%", value * 100);
            case SCORE -> String.format(Locale.ROOT, "%.2f", value);
        };
    }
}
