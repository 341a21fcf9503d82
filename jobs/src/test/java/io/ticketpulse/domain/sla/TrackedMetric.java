package io.ticketpulse.domain.sla;

import io.ticketpulse.domain.sla.AlertLevels.Level;
import io.ticketpulse.schema.SlaAlert;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One running metric of a ticket (one cycle or episode): its clock, the policy whose target it is measured
 * against (null while no matched policy sets a target for it), and the alert state reached under that policy.
 * Each state change appends one record to the output.
 */
final class TrackedMetric {

    final SlaMetric metric;
    final int cycle;
    final MetricClock clock;
    private SlaPolicy policy;
    private long targetMs;
    private List<Level> levels = List.of();
    /** Index in {@link #levels} of the current firing state; -1 while nothing fired under this policy. */
    private int level = -1;
    private Long breachedAtMs;
    /** How many times the metric has been measured against each policy (by id), the current time included. */
    private final Map<String, Integer> episodes = new HashMap<>();
    /** Which of them the current one is (1: the first), or 0 while untracked. */
    private int episode;

    TrackedMetric(SlaMetric metric, int cycle, long startMs, SlaPolicy policy) {
        this.metric = metric;
        this.cycle = cycle;
        this.clock = new MetricClock(startMs);
        setPolicy(policy);
    }

    SlaPolicy policy() {
        return policy;
    }

    long targetMs() {
        return targetMs;
    }

    Level currentLevel() {
        return levels.get(level);
    }

    Long breachedAtMs() {
        return breachedAtMs;
    }

    /** The episode under the current policy: 2 and up after being re-targeted away from it and back. */
    int episode() {
        return episode;
    }

    /**
     * Measures the metric against {@code newPolicy} from now on, from its original start. When the policy id
     * changes, an alert that fired under the old one resolves as {@code retargeted}; the state under the new one
     * starts from nothing and is caught up by the next {@link #advance} (at this very instant if already due).
     */
    void retarget(SlaPolicy newPolicy, long atMs, TicketContext ticket, List<SlaAlert> out) {
        if (Objects.equals(id(policy), id(newPolicy))) {
            return;
        }
        if (level >= 0) {
            out.add(ticket.record(this, atMs, AlertLevels.RESOLVED, "retargeted"));
        }
        setPolicy(newPolicy);
    }

    /**
     * Appends the state changes due at instants in [{@code fromMs}, {@code untilMs}); the clock does not change
     * pace in between. States reached at the same instant give one record, with the most urgent of them.
     */
    void advance(long fromMs, long untilMs, TicketContext ticket, List<SlaAlert> out) {
        while (level + 1 < levels.size()) {
            long at = clock.instantOfElapsed(levels.get(level + 1).elapsedMs(), fromMs);
            if (at >= untilMs) {
                return;
            }
            int reached = level + 1;
            while (reached + 1 < levels.size() && clock.hasReached(levels.get(reached + 1).elapsedMs(), at)) {
                reached++;
            }
            level = reached;
            if (breachedAtMs == null && levels.get(level).isBreach()) {
                breachedAtMs = at;
            }
            out.add(ticket.record(this, at, AlertLevels.FIRING, null));
            fromMs = at;
        }
    }

    /** The metric ends (fulfilled or cancelled): a fired alert resolves with {@code reason}. */
    void end(long atMs, String reason, TicketContext ticket, List<SlaAlert> out) {
        if (level >= 0) {
            out.add(ticket.record(this, atMs, AlertLevels.RESOLVED, reason));
        }
    }

    private void setPolicy(SlaPolicy newPolicy) {
        policy = newPolicy == null || newPolicy.target(metric) == null ? null : newPolicy;
        targetMs = policy == null ? 0 : policy.target(metric).toMillis();
        levels = policy == null ? List.of() : AlertLevels.of(policy, targetMs);
        episode = policy == null ? 0 : episodes.merge(policy.id(), 1, Integer::sum);
        level = -1;
        breachedAtMs = null;
    }

    private static String id(SlaPolicy p) {
        return p == null ? null : p.id();
    }
}
