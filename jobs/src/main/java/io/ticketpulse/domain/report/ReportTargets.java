package io.ticketpulse.domain.report;

import io.ticketpulse.domain.Durations;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

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

    /**
     * These targets with one replaced by {@code spec}, {@code NAME=VALUE}: {@code frt_mean=10m} and
     * {@code mttr_mean=2h} take a duration; {@code wait_timeout_rate=15%} and {@code fcr_rate=80%} a percentage
     * (or a fraction 0-1); {@code csat=85} a score 0-100.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public ReportTargets with(String spec) {
        int eq = spec.indexOf('=');
        PlaybookKpi kpi = eq < 0 ? null : PlaybookKpi.byId(spec.substring(0, eq).trim());
        if (kpi == null) {
            throw new IllegalArgumentException("\"" + spec + "\" is not NAME=VALUE with NAME one of "
                    + Arrays.stream(PlaybookKpi.values()).map(PlaybookKpi::id).collect(Collectors.joining(", ")));
        }
        String raw = spec.substring(eq + 1).trim();
        double value;
        try {
            value = switch (kpi.unit()) {
                case SECONDS -> Durations.parse(raw).toMillis() / 1000.0;
                case PERCENT -> raw.endsWith("%") ? Double.parseDouble(raw.substring(0, raw.length() - 1).trim()) / 100
                        : Double.parseDouble(raw);
                case SCORE -> Double.parseDouble(raw);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kpi.id() + ": \"" + raw + "\" is not "
                    + describe(kpi.unit()) + " (" + e.getMessage() + ")");
        }
        double max = kpi.unit() == PlaybookKpi.Unit.PERCENT ? 1 : kpi.unit() == PlaybookKpi.Unit.SCORE ? 100
                : Double.MAX_VALUE;
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(kpi.id() + ": \"" + raw + "\" is not " + describe(kpi.unit()));
        }
        return with(kpi, value);
    }

    private static String describe(PlaybookKpi.Unit unit) {
        return switch (unit) {
            case SECONDS -> "a duration (e.g. 10m, 2h)";
            case PERCENT -> "a percentage 0-100 % (e.g. 15%) or a fraction 0-1";
            case SCORE -> "a score 0-100";
        };
    }
}
