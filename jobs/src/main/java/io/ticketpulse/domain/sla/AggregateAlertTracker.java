package io.ticketpulse.domain.sla;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Team-level (aggregate) SLA alerts from the final {@code ticket-kpi} rows of one (channel, priority): a pure
 * step {@link #next(AggregateAlertState, TicketKpi)} from the key's state and its next final row to the new
 * state and the alert records of the state changes. One alert per metric ({@link AggregateMetric}) and policy,
 * {@code aggregate/<metric>/<channel>/<priority>/<policyId>@<version>}.
 *
 * <p>Rules (R = reference of the metric: the policy's target or the wait-timeout ceiling; tiers from the
 * policy's escalation list, see {@link AggregateThresholds}):
 * <ul>
 *   <li>Only final rows count ({@link #counts(TicketKpi)}); a row whose window end is not after the last one
 *       applied is ignored (a duplicate or out of order).
 *   <li>The policy is {@code SlaPolicySet.match(channel, priority, null, {})}; no policy, no target for the
 *       metric (or the ceiling off), or no tiers: the metric is not tracked and never alerts.
 *   <li>Per tier, a run counts consecutive measured rows at or over it, another consecutive measured rows
 *       clear of it (below it by more than {@code hysteresisPct} points of R).
 *   <li>The alert <em>enters</em> (fires at, or escalates to) the highest tier with a run of
 *       {@code raiseAfter} rows at or over it, when that is above its current tier.
 *   <li>Otherwise, once the current tier has a run of {@code clearAfter} rows clear of it, the alert
 *       <em>leaves</em> it for the highest lower tier it is not also clear of (for {@code clearAfter} rows),
 *       or resolves ({@code resolve_reason: recovered}) when there is none. So a value in the hysteresis band
 *       keeps the current tier, and a value hovering at a threshold cannot flap.
 *   <li>A null value (nothing measured in the window) counts as neither: it neither extends nor breaks any
 *       run, and changes nothing. A window without a row (nothing happened, no backlog) is the same.
 *   <li>One record per state change: firing at a new severity (up or down), or resolved (carrying the severity
 *       it was firing at). {@code breachedAtMs} is the window end of the row that started the firing episode.
 * </ul>
 */
public final class AggregateAlertTracker implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SlaPolicySet policies;
    private final AggregateRules rules;

    /** The new state of the key (null when every alert is idle: keep no state) and the records to emit. */
    public record Step(AggregateAlertState state, List<SlaAlert> alerts) {}

    public AggregateAlertTracker(SlaPolicySet policies) {
        this.policies = policies;
        this.rules = policies.aggregates() == null ? AggregateRules.DEFAULT : policies.aggregates();
        if (rules.raiseAfter() < 1 || rules.clearAfter() < 1) {
            throw new IllegalArgumentException("raiseAfter and clearAfter must be at least 1: " + rules);
        }
    }

    /** Whether a row takes part in aggregate alerting: only final rows (deterministic on replay). */
    public static boolean counts(TicketKpi row) {
        return row.isFinal;
    }

    /** The policy of a (channel, priority), if any. */
    public Optional<SlaPolicy> policyFor(String channel, String priority) {
        return policies.match(channel, priority, null, Map.of());
    }

    /** Applies the next row of the key to {@code state} (null: no state); {@code state} itself is not changed. */
    public Step next(AggregateAlertState state, TicketKpi row) {
        if (!counts(row)) {
            return new Step(state, List.of());
        }
        if (state != null && state.lastWindowEndMs != null && row.windowEndMs <= state.lastWindowEndMs) {
            return new Step(state, List.of());
        }
        Optional<SlaPolicy> policy = policyFor(row.channel, row.priority);
        if (policy.isEmpty()) {
            return new Step(null, List.of());
        }
        AggregateAlertState next = state == null ? new AggregateAlertState() : state.copy();
        next.lastWindowEndMs = row.windowEndMs;
        List<SlaAlert> alerts = new ArrayList<>();
        for (AggregateMetric metric : AggregateMetric.values()) {
            Optional<AggregateThresholds> thresholds = AggregateThresholds.of(policies, policy.get(), metric);
            if (thresholds.isEmpty()) {
                next.set(metric, null);
                continue;
            }
            AggregateMetricState s = step(thresholds.get(), next.get(metric), row, policy.get(), alerts);
            next.set(metric, s == null || s.isIdle() ? null : s);
        }
        return new Step(next.isIdle() ? null : next, alerts);
    }

    /** One metric: the new state (a copy) after {@code row}, adding the record of a state change to {@code out}. */
    private AggregateMetricState step(
            AggregateThresholds t, AggregateMetricState current, TicketKpi row, SlaPolicy policy, List<SlaAlert> out) {
        Double measured = t.metric().valueOf(row);
        if (measured == null || measured.isNaN()) {
            return current;
        }
        double value = measured;
        int n = t.tierCount();
        AggregateMetricState s = current == null || current.overRuns == null || current.overRuns.length != n
                ? AggregateMetricState.fresh(n)
                : current.copy();
        for (int i = 0; i < n; i++) {
            s.overRuns[i] = t.isAtOrOver(value, i) ? s.overRuns[i] + 1 : 0;
            s.underRuns[i] = i <= s.level && t.isClearOf(value, i) ? s.underRuns[i] + 1 : 0;
        }
        int entered = AggregateThresholds.NONE;
        for (int i = 0; i < n; i++) {
            if (s.overRuns[i] >= rules.raiseAfter()) {
                entered = i;
            }
        }
        int previous = s.level;
        if (entered > previous) {
            s.level = entered;
        } else if (previous != AggregateThresholds.NONE && s.underRuns[previous] >= rules.clearAfter()) {
            int kept = AggregateThresholds.NONE;
            for (int i = previous - 1; i >= 0; i--) {
                if (s.underRuns[i] < rules.clearAfter()) {
                    kept = i;
                    break;
                }
            }
            s.level = kept;
        }
        if (s.level == previous) {
            return s;
        }
        for (int i = s.level + 1; i < n; i++) {
            s.underRuns[i] = 0; // tiers above the new level are not held: their clear runs no longer matter
        }
        if (previous == AggregateThresholds.NONE) {
            s.breachedAtMs = row.windowEndMs;
        }
        out.add(record(t, s.level == AggregateThresholds.NONE ? previous : s.level, s.level != AggregateThresholds.NONE,
                s.breachedAtMs, row, value, policy));
        if (s.level == AggregateThresholds.NONE) {
            s.breachedAtMs = null; // the under-runs were all reset above: the next episode starts afresh
        }
        return s;
    }

    private SlaAlert record(
            AggregateThresholds t, int tier, boolean firing, Long breachedAtMs, TicketKpi row, double value, SlaPolicy policy) {
        String severity = t.severity(tier).wireName();
        SlaAlert a = new SlaAlert();
        a.alertId = alertId(t.metric(), row.channel, row.priority, policy.id(), policies.version());
        a.dedupKey = a.alertId;
        a.status = firing ? "firing" : "resolved";
        a.kind = "aggregate";
        a.severity = severity;
        a.slaMetric = t.metric().wireName();
        a.ticketId = null;
        a.channel = row.channel;
        a.priority = row.priority;
        a.team = null;
        a.policyId = policy.id();
        a.policyVersion = policies.version();
        a.cycle = 0;
        a.targetS = t.reference();
        a.startedAtMs = row.windowStartMs;
        a.deadlineAtMs = null;
        a.breachedAtMs = breachedAtMs;
        a.changedAtMs = row.windowEndMs;
        a.elapsedS = value;
        a.pausedS = 0;
        a.overrunPct = t.overrunPct(value);
        a.resolveReason = firing ? null : "recovered";
        a.summary = summary(t, firing, severity, row, value);
        return a;
    }

    /** {@code aggregate/<metric>/<channel>/<priority>/<policyId>@<version>}. */
    public static String alertId(AggregateMetric metric, String channel, String priority, String policyId, int version) {
        return "aggregate/" + metric.wireName() + '/' + channel + '/' + priority + '/' + policyId + '@' + version;
    }

    private static String summary(AggregateThresholds t, boolean firing, String severity, TicketKpi row, double value) {
        AggregateMetric m = t.metric();
        String head = m.label() + " of " + row.channel + '/' + row.priority;
        String measure = m.format(value) + String.format(Locale.ROOT, " is %+.1f%% vs the %s of ", t.overrunPct(value),
                m.referenceName()) + m.format(t.reference());
        return firing ? head + " " + severity + ": " + measure : head + " recovered: " + measure;
    }
}
