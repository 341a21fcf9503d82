package io.ticketpulse.domain.report;

import java.util.EnumMap;
import java.util.Map;

/**
 * The targets of the playbook KPIs in the report's assessment table, in each KPI's unit (seconds, a fraction
 * 0-1, a score 0-100). {@link #PLAYBOOK} is the first seed playbook's benchmark column; {@code ticketpulse report
 * --target NAME=VALUE} replaces single targets.
 */
public record ReportTargets(Map<PlaybookKpi, Double> targets) {

    /** FRT 10 min, 15 % waiting over 10 min, MTTR 2 h, FCR 80 %, CSAT 85/100. */
    public static final ReportTargets PLAYBOOK = new ReportTargets(Map.of(
            PlaybookKpi.FRT_MEAN, 600.0,
            PlaybookKpi.WAIT_TIMEOUT_RATE, 0.15,
            PlaybookKpi.MTTR_MEAN, 7200.0,
            PlaybookKpi.FCR_RATE, 0.80,
            PlaybookKpi.CSAT, 85.0));

    public ReportTargets {
        EnumMap<PlaybookKpi, Double> copy = new EnumMap<>(PlaybookKpi.class);
        copy.putAll(targets);
        for (PlaybookKpi k : PlaybookKpi.values()) {
            if (!copy.containsKey(k)) {
                throw new IllegalArgumentException("no target for " + k.id());
            }
        }
        targets = Map.copyOf(copy);
    }

    public double target(PlaybookKpi kpi) {
        return targets.get(kpi);
    }

    /** These targets with {@code kpi}'s replaced. */
    public ReportTargets with(PlaybookKpi kpi, double value) {
        EnumMap<PlaybookKpi, Double> copy = new EnumMap<>(targets);
        copy.put(kpi, value);
        return new ReportTargets(copy);
    }
}
