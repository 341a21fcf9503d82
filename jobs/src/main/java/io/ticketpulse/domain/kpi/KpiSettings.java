package io.ticketpulse.domain.kpi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The KPI grouping settings (the policy file's {@code kpis} section): the grouping sets computed besides the
 * default (channel, priority) rows, and the volatility alerts. {@link #DEFAULT}: none of either, the job's
 * output exactly as without the section.
 *
 * @param groupingSets the extra grouping sets, ids distinct and none {@value GroupingSet#DEFAULT_ID}, no two with
 *     the same dimensions (in any order), none with the default's (channel, priority)
 * @param volatility volatility alerts, or null: none
 */
public record KpiSettings(List<GroupingSet> groupingSets, VolatilityRules volatility) implements Serializable {

    public static final KpiSettings DEFAULT = new KpiSettings(List.of(), null);
    /** The most grouping sets. */
    public static final int MAX_GROUPING_SETS = 32;

    public KpiSettings {
        groupingSets = List.copyOf(groupingSets);
        List<String> problems = problems(groupingSets, volatility);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** What is wrong with these settings (empty: nothing), each naming the set or field. */
    public static List<String> problems(List<GroupingSet> sets, VolatilityRules volatility) {
        List<String> problems = new ArrayList<>();
        if (sets.size() > MAX_GROUPING_SETS) {
            problems.add("at most " + MAX_GROUPING_SETS + " grouping sets");
        }
        Set<String> ids = new HashSet<>();
        List<Set<Dimension>> seen = new ArrayList<>();
        seen.add(Set.of(Dimension.CHANNEL, Dimension.PRIORITY));
        List<String> seenIds = new ArrayList<>(List.of(GroupingSet.DEFAULT_ID));
        for (GroupingSet s : sets) {
            if (s.id().equals(GroupingSet.DEFAULT_ID) || !ids.add(s.id())) {
                problems.add("grouping set id '" + s.id() + "' is used twice (" + GroupingSet.DEFAULT_ID
                        + " is the default rows')");
                continue;
            }
            Set<Dimension> dims = Set.copyOf(s.dimensions());
            int same = seen.indexOf(dims);
            if (same >= 0) {
                problems.add("grouping set '" + s.id() + "' has the dimensions of '" + seenIds.get(same) + "'");
            } else {
                seen.add(dims);
                seenIds.add(s.id());
            }
        }
        if (volatility != null) {
            for (String id : volatility.groupingSets()) {
                if (!id.equals(GroupingSet.DEFAULT_ID) && !ids.contains(id)) {
                    problems.add("volatility: unknown grouping set '" + id + "' (" + GroupingSet.DEFAULT_ID
                            + " or an id of kpis.grouping_sets)");
                }
            }
        }
        return problems;
    }

    /** The set with this id, or null. */
    public GroupingSet set(String id) {
        for (GroupingSet s : groupingSets) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** Whether any grouping set beyond the default is configured. */
    public boolean hasGroupingSets() {
        return !groupingSets.isEmpty();
    }

    /** What the per-ticket engine must attribute facts to for these sets. */
    public KpiAttribution attribution() {
        boolean team = false;
        boolean agent = false;
        List<String> keys = new ArrayList<>();
        for (GroupingSet s : groupingSets) {
            for (Dimension d : s.dimensions()) {
                switch (d.kind()) {
                    case TEAM -> team = true;
                    case AGENT_ID -> agent = true;
                    case ATTRIBUTE -> keys.add(d.attributeKey());
                    default -> {
                        // channel and priority are always on the facts
                    }
                }
            }
        }
        return new KpiAttribution(team, agent, keys);
    }
}
