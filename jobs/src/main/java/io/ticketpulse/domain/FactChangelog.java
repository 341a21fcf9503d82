package io.ticketpulse.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The changelog that turns the facts already emitted for a ticket into its newly derived facts. */
public final class FactChangelog {

    private FactChangelog() {}

    /**
     * Retractions ({@code sign -1}) of the emitted facts that are no longer derived, then additions of the
     * derived facts not yet emitted; multiset semantics, order preserved. Empty when nothing changed.
     */
    public static List<Fact> diff(List<Fact> emitted, List<Fact> derived) {
        Map<Fact, Integer> remaining = new HashMap<>();
        for (Fact f : derived) {
            remaining.merge(f, 1, Integer::sum);
        }
        List<Fact> changes = new ArrayList<>();
        Map<Fact, Integer> kept = new HashMap<>();
        for (Fact f : emitted) {
            Integer n = remaining.get(f);
            if (n != null && n > 0) {
                remaining.put(f, n - 1);
                kept.merge(f, 1, Integer::sum);
            } else {
                changes.add(f.withSign(-1));
            }
        }
        for (Fact f : derived) {
            Integer n = kept.get(f);
            if (n != null && n > 0) {
                kept.put(f, n - 1);
            } else {
                changes.add(f.withSign(+1));
            }
        }
        return changes;
    }
}
