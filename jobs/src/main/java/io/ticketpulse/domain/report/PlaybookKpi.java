package io.ticketpulse.domain.report;

import java.util.Locale;

/**
 * The KPIs of the seed playbooks' assessment table, with the unit the report shows them in and whether lower is
 * better. CSAT is shown on a 100 scale: the mean 1-5 rating × 20 (5 = 100, 4.25 = 85).
 */
public enum PlaybookKpi {
    FRT_MEAN("Average first response time", Unit.SECONDS, true),
    WAIT_TIMEOUT_RATE("Customers waiting over the wait threshold", Unit.PERCENT, true),
    MTTR_MEAN("Mean time to resolve", Unit.SECONDS, true),
    FCR_RATE("First-contact resolution", Unit.PERCENT, false),
    CSAT("Customer satisfaction (0-100)", Unit.SCORE, false);

    /** How a value is stored and shown: seconds, a fraction 0-1 shown as %, a score 0-100. */
    public enum Unit { SECONDS, PERCENT, SCORE }

    private final String label;
    private final Unit unit;
    private final boolean lowerIsBetter;

    PlaybookKpi(String label, Unit unit, boolean lowerIsBetter) {
        this.label = label;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** The name in {@code --target NAME=VALUE}: {@code frt_mean}, {@code wait_timeout_rate}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** The KPI named {@code id} ({@link #id()}), or null. */
    public static PlaybookKpi byId(String id) {
        for (PlaybookKpi k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }

    /** The run-level value of this KPI in its unit, or null when nothing was measured. */
    public Double valueOf(Totals t) {
        return switch (this) {
            case FRT_MEAN -> t.frtMeanS();
            case WAIT_TIMEOUT_RATE -> t.waitTimeoutRate();
            case MTTR_MEAN -> t.mttrMeanS();
            case FCR_RATE -> t.fcrRate();
            case CSAT -> t.csatMean() == null ? null : t.csatMean() * 20;
        };
    }
}
