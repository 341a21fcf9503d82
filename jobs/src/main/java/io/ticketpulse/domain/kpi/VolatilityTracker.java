package io.ticketpulse.domain.kpi;

import io.ticketpulse.domain.PrintableText;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Volatility alerts of one KPI row group (a (channel, priority), or a member of a grouping set): a pure step from
 * the group's state, its next final row and the values of its earlier rows to the new state and the alert
 * records. One alert per watched KPI, {@code volatility/<kpi>/<group key>@<policy version>}.
 *
 * <p>Rules, with B the baseline ({@link VolatilityRules.Baseline}) and the change {@code (value - B) / B * 100}:
 * <ul>
 *   <li>Only final rows count; a row whose window end is not after the last one applied is ignored.
 *   <li>A window is <em>out</em> of the band when {@code |change| >= change_pct}, <em>back</em> in it when
 *       {@code |change| < change_pct - hysteresis_pct}; in between it is neither.
 *   <li>The alert fires after {@code raise_after} consecutive windows out, and resolves ({@code recovered}) after
 *       {@code clear_after} consecutive windows back (the aggregate alerts' debounce).
 *   <li>No value (nothing measured), no baseline (no row of the group at the baseline's window ends) or a
 *       baseline of 0 (no percentage): the window counts as neither, and changes nothing.
 * </ul>
 */
public final class VolatilityTracker implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The {@code policy_id} of volatility alerts (their rule is the policy file's {@code kpis.volatility}). */
    public static final String POLICY_ID = "kpi-volatility";
    private static final int MAX_KEY = 512;
    private static final int MAX_SUMMARY = 1024;

    private final VolatilityRules rules;
    private final AggregateRules debounce;
    private final long windowSizeMs;
    private final int policyVersion;

    /** The new state (null when every alert of the group is idle) and the records to emit. */
    public record Step(VolatilityState state, List<SlaAlert> alerts) {}

    public VolatilityTracker(VolatilityRules rules, AggregateRules debounce, long windowSizeMs, int policyVersion) {
        if (debounce.raiseAfter() < 1 || debounce.clearAfter() < 1) {
            throw new IllegalArgumentException("raiseAfter and clearAfter must be at least 1: " + debounce);
        }
        this.rules = rules;
        this.debounce = debounce;
        this.windowSizeMs = windowSizeMs;
        this.policyVersion = policyVersion;
    }

    public VolatilityRules rules() {
        return rules;
    }

    /** Whether rows of this grouping set (null: the default family) are watched. */
    public boolean watches(String groupingSet) {
        return rules.groupingSets().contains(groupingSet == null ? GroupingSet.DEFAULT_ID : groupingSet);
    }

    /** How long a group keeps the values of its rows: the baseline's reach. */
    public long lookbackMs() {
        return rules.lookbackMs(windowSizeMs);
    }

    /** The watched KPIs' values of a row, NaN where nothing was measured: what the group keeps of it. */
    public double[] valuesOf(TicketKpi row) {
        double[] v = new double[rules.kpis().size()];
        for (int i = 0; i < v.length; i++) {
            Double x = rules.kpis().get(i).valueOf(row);
            v[i] = x == null ? Double.NaN : x;
        }
        return v;
    }

    /**
     * Applies the group's next final row.
     *
     * @param state the group's state, or null (not changed)
     * @param history the kept values of the group's row ending at an instant, or null when there is none
     */
    public Step next(VolatilityState state, TicketKpi row, LongFunction<double[]> history) {
        boolean old = state != null && state.lastWindowEndMs != null && row.windowEndMs <= state.lastWindowEndMs;
        if (!row.isFinal || old) {
            return new Step(state, List.of());
        }
        int n = rules.kpis().size();
        VolatilityState s = state == null || state.firing == null || state.firing.length != n
                ? VolatilityState.fresh(n)
                : state.copy();
        s.lastWindowEndMs = row.windowEndMs;
        double[] values = valuesOf(row);
        double[] baselines = baselines(row.windowEndMs, history);
        List<SlaAlert> alerts = new ArrayList<>();
        double backBelow = rules.changePct() - debounce.hysteresisPct();
        for (int i = 0; i < n; i++) {
            double value = values[i];
            double baseline = baselines[i];
            if (Double.isNaN(value) || Double.isNaN(baseline) || !(baseline > 0)) {
                continue;
            }
            double change = (value - baseline) / baseline * 100.0;
            boolean out = Math.abs(change) >= rules.changePct();
            boolean back = Math.abs(change) < backBelow;
            s.outRuns[i] = out ? s.outRuns[i] + 1 : 0;
            s.backRuns[i] = s.firing[i] && back ? s.backRuns[i] + 1 : 0;
            if (!s.firing[i] && s.outRuns[i] >= debounce.raiseAfter()) {
                s.firing[i] = true;
                s.firedAtMs[i] = row.windowEndMs;
                s.backRuns[i] = 0;
                alerts.add(record(rules.kpis().get(i), true, s.firedAtMs[i], row, value, baseline, change));
            } else if (s.firing[i] && s.backRuns[i] >= debounce.clearAfter()) {
                alerts.add(record(rules.kpis().get(i), false, s.firedAtMs[i], row, value, baseline, change));
                s.firing[i] = false;
                s.firedAtMs[i] = 0;
                s.backRuns[i] = 0;
                s.outRuns[i] = 0;
            }
        }
        return new Step(s.isIdle() ? null : s, alerts);
    }

    /** Per watched KPI the baseline of the window ending at {@code endMs} (NaN: none). */
    double[] baselines(long endMs, LongFunction<double[]> history) {
        int n = rules.kpis().size();
        double[] sum = new double[n];
        int[] count = new int[n];
        for (long end : rules.baselineEnds(endMs, windowSizeMs)) {
            double[] past = history.apply(end);
            if (past == null || past.length != n) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(past[i])) {
                    sum[i] += past[i];
                    count[i]++;
                }
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
        return b;
    }

    private SlaAlert record(
            VolatilityKpi kpi, boolean firing, long firedAtMs, TicketKpi row, double value, double baseline,
            double change) {
        SlaAlert a = new SlaAlert();
        a.alertId = alertId(kpi, row);
        a.dedupKey = a.alertId;
        a.status = firing ? "firing" : "resolved";
        a.kind = "volatility";
        a.severity = rules.severity().wireName();
        a.slaMetric = kpi.wireName();
        a.ticketId = null;
        a.channel = row.channel;
        a.priority = row.priority;
        a.team = row.groupingSet == null ? null : row.dimension("team");
        if (row.groupingSet == null) {
            a.groupingSet = GroupingSet.DEFAULT_ID;
            a.dimensionNames = new String[] {"channel", "priority"};
            a.dimensionValues = new String[] {row.channel, row.priority};
        } else {
            a.groupingSet = row.groupingSet;
            a.dimensionNames = row.dimensionNames.clone();
            a.dimensionValues = row.dimensionValues.clone();
        }
        a.policyId = POLICY_ID;
        a.policyVersion = policyVersion;
        a.cycle = 0;
        a.targetS = baseline;
        a.startedAtMs = row.windowStartMs;
        a.deadlineAtMs = null;
        a.breachedAtMs = firedAtMs;
        a.changedAtMs = row.windowEndMs;
        a.elapsedS = value;
        a.pausedS = 0;
        a.overrunPct = change;
        a.resolveReason = firing ? null : "recovered";
        a.summary = summary(kpi, firing, row, value, baseline, change);
        return a;
    }

    /** {@code volatility/<kpi>/<group key>@<version>}; a group key too long for the contract is hashed. */
    String alertId(VolatilityKpi kpi, TicketKpi row) {
        String id = "volatility/" + kpi.wireName() + '/' + row.groupKey() + '@' + policyVersion;
        if (id.length() <= MAX_KEY) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(row.groupKey().getBytes(StandardCharsets.UTF_8));
            return "volatility/" + kpi.wireName() + '/' + row.groupingSet + ":#" + HexFormat.of().formatHex(digest)
                    + '@' + policyVersion;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String summary(
            VolatilityKpi kpi, boolean firing, TicketKpi row, double value, double baseline, double change) {
        String group = groupText(row);
        String s = firing
                ? String.format(Locale.ROOT, "%s of %s %+.1f %% vs %s: %s vs %s", kpi.label(), group, change,
                        rules.baselineText(), kpi.format(value), kpi.format(baseline))
                : String.format(Locale.ROOT, "%s of %s back within %s %% of %s: %s vs %s", kpi.label(), group,
                        trim(rules.changePct()), rules.baselineText(), kpi.format(value), kpi.format(baseline));
        return s.length() <= MAX_SUMMARY ? s : s.substring(0, MAX_SUMMARY - 3) + "...";
    }

    private static String groupText(TicketKpi row) {
        if (row.groupingSet == null) {
            return PrintableText.escape(row.channel) + '/' + row.priority;
        }
        if (row.dimensionNames.length == 0) {
            return "all tickets";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.dimensionNames.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(row.dimensionNames[i]).append(' ')
                    .append(row.dimensionValues[i] == null ? "(none)" : PrintableText.escape(row.dimensionValues[i]));
        }
        return sb.toString();
    }

    private static String trim(double pct) {
        return pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct);
    }
}
