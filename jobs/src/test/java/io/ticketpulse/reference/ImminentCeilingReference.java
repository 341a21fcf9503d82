package io.ticketpulse.reference;

import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.EscalationTier;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reference of the aggregate alert on {@code aggregates.imminent_breach_ceiling}, written from the README
 * ("Imminent breach", "Aggregate (team-level) alerts") as a sliding look-back over a key's final rows, not as the
 * production's run counters ({@code AggregateAlertTracker}). With ceiling N and the matching policy's escalation tiers
 * (ascending {@code over_pct} P), a count is <em>at or over</em> a tier when {@code count >= N (100 + P) / 100} and
 * <em>clear of</em> it when {@code count < N (100 + P - h) / 100}, h the hysteresis in points. At each final row:
 *
 * <ul>
 *   <li>the alert enters the highest tier whose last {@code raise_after} rows are all at or over it, when that is
 *       above the current tier (firing, or escalating);
 *   <li>otherwise, when the last {@code clear_after} rows are all clear of the current tier, it leaves it for the
 *       highest lower tier of which they are not all clear, or resolves ({@code recovered}) when there is none;
 *   <li>one record per change: firing at the new severity, or resolved with the severity it had; {@code
 *       breached_at} the window end of the row that started the episode; {@code elapsed_s} the count.
 * </ul>
 */
public final class ImminentCeilingReference {

    /** A final KPI row of the default family, with the count to judge (the reference's). */
    public record Row(String channel, String priority, long windowEndMs, long count) {}

    /** An alert record, in the fields the comparison uses. */
    public record Change(String dedupKey, String status, String severity, long changedAtMs, double count,
            Long breachedAtMs) {
        @Override
        public String toString() {
            return dedupKey + " " + status + " " + severity + " at " + changedAtMs + " count " + count
                    + " breached_at " + breachedAtMs;
        }
    }

    private ImminentCeilingReference() {}

    /** Every alert record of the rows (any order; one per key and window end), per key in window-end order. */
    public static List<Change> alerts(SlaPolicySet policies, List<Row> rows) {
        AggregateRules rules = policies.aggregates() == null ? AggregateRules.DEFAULT : policies.aggregates();
        Double ceiling = rules.imminentBreachCeiling();
        Map<String, List<Row>> byKey = new TreeMap<>();
        for (Row r : rows) {
            byKey.computeIfAbsent(r.channel() + '/' + r.priority(), k -> new ArrayList<>()).add(r);
        }
        List<Change> out = new ArrayList<>();
        if (ceiling == null) {
            return out;
        }
        for (List<Row> keyRows : byKey.values()) {
            keyRows.sort(Comparator.comparingLong(Row::windowEndMs));
            Row first = keyRows.get(0);
            Optional<SlaPolicy> policy = policies.match(first.channel(), first.priority(), null, Map.of());
            if (policy.isEmpty() || policy.get().escalation().isEmpty()) {
                continue;
            }
            List<EscalationTier> tiers = new ArrayList<>(policy.get().escalation());
            tiers.sort(Comparator.comparingDouble(EscalationTier::overPct));
            String key = "aggregate/imminent_breach/" + first.channel() + '/' + first.priority() + '/'
                    + policy.get().id() + '@' + policies.version();
            int level = -1;
            Long breachedAt = null;
            for (int j = 0; j < keyRows.size(); j++) {
                Row row = keyRows.get(j);
                int entered = -1;
                for (int i = 0; i < tiers.size(); i++) {
                    double at = ceiling * (100.0 + tiers.get(i).overPct()) / 100.0;
                    if (lastAll(keyRows, j, rules.raiseAfter(), c -> c >= at)) {
                        entered = i;
                    }
                }
                int next = level;
                if (entered > level) {
                    next = entered;
                } else if (level >= 0 && clear(keyRows, j, rules, ceiling, tiers.get(level))) {
                    next = -1;
                    for (int i = level - 1; i >= 0; i--) {
                        if (!clear(keyRows, j, rules, ceiling, tiers.get(i))) {
                            next = i;
                            break;
                        }
                    }
                }
                if (next == level) {
                    continue;
                }
                if (level < 0) {
                    breachedAt = row.windowEndMs();
                }
                String severity = tiers.get(next >= 0 ? next : level).severity().wireName();
                out.add(new Change(key, next >= 0 ? "firing" : "resolved", severity, row.windowEndMs(), row.count(),
                        breachedAt));
                level = next;
            }
        }
        return out;
    }

    private static boolean clear(List<Row> rows, int j, AggregateRules rules, double ceiling, EscalationTier tier) {
        double below = ceiling * (100.0 + tier.overPct() - rules.hysteresisPct()) / 100.0;
        return lastAll(rows, j, rules.clearAfter(), c -> c < below);
    }

    /** Whether the {@code n} rows ending at index {@code j} exist and all satisfy {@code test}. */
    private static boolean lastAll(List<Row> rows, int j, int n, java.util.function.DoublePredicate test) {
        if (j + 1 < n) {
            return false;
        }
        for (int k = j - n + 1; k <= j; k++) {
            if (!test.test(rows.get(k).count())) {
                return false;
            }
        }
        return true;
    }
}
