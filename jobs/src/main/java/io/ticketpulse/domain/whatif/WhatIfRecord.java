package io.ticketpulse.domain.whatif;

import io.ticketpulse.domain.whatif.WhatIfComparison.Change;
import io.ticketpulse.domain.whatif.WhatIfComparison.Group;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A what-if output read back (the {@code what-if.jsonl} of {@code ticketpulse what-if}), for the report's
 * "What-if: candidate policy" section: the run record, the groups (each metric's totals with null channel and
 * priority) and the changed metrics, in the file's order. Pure.
 *
 * @param asOf the end of the history (ISO instant as written), null for an empty history
 */
public record WhatIfRecord(
        String asOf,
        long tickets,
        long events,
        String currentSource,
        long currentVersion,
        String candidateSource,
        long candidateVersion,
        List<Group> groups,
        List<Change> changes) {

    public WhatIfRecord {
        groups = List.copyOf(groups);
        changes = List.copyOf(changes);
    }

    /** Each metric's totals over all channels and priorities, in the file's order. */
    public List<Group> totals() {
        return groups.stream().filter(g -> g.channel() == null && g.priority() == null).toList();
    }

    /**
     * The channel × priority groups whose attainment changes most: |candidate − current| in percentage points,
     * largest first (ties by channel, priority, metric); groups without an attainment on either side or without a
     * change are left out; at most {@code n}.
     */
    public List<Group> topAttainmentChanges(int n) {
        List<Group> changed = new ArrayList<>();
        for (Group g : groups) {
            Double delta = attainmentDelta(g);
            if (g.channel() != null && delta != null && delta != 0.0) {
                changed.add(g);
            }
        }
        Comparator<String> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
        changed.sort(Comparator.comparingDouble((Group g) -> -Math.abs(attainmentDelta(g)))
                .thenComparing(Group::channel, nullsLast).thenComparing(Group::priority, nullsLast)
                .thenComparing(Group::metric));
        return changed.subList(0, Math.min(n, changed.size()));
    }

    /** Candidate minus current attainment in percentage points (2 decimals); null when either side has none. */
    public static Double attainmentDelta(Group g) {
        Double a = g.current().attainmentPct();
        Double b = g.candidate().attainmentPct();
        return a == null || b == null ? null : Math.round((b - a) * 100) / 100.0;
    }

    /** The first {@code n} changed metrics (by ticket id, metric, cycle as written). */
    public List<Change> firstChanges(int n) {
        return changes.subList(0, Math.min(n, changes.size()));
    }
}
