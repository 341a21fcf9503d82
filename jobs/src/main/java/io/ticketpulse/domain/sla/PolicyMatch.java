package io.ticketpulse.domain.sla;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Which tickets a policy applies to. An empty set (or map) matches anything; otherwise the ticket's value must be
 * in the set, and every listed attribute must have the listed value. A missing (null) value is in no non-empty set.
 */
public record PolicyMatch(Set<String> channels, Set<String> priorities, Set<String> teams, Map<String, String> attributes)
        implements Serializable {

    public static final PolicyMatch ANY = new PolicyMatch(Set.of(), Set.of(), Set.of(), Map.of());

    public PolicyMatch {
        channels = Set.copyOf(channels);
        priorities = Set.copyOf(priorities);
        teams = Set.copyOf(teams);
        attributes = Map.copyOf(attributes);
    }

    public boolean matches(String channel, String priority, String team, Map<String, String> ticketAttributes) {
        if (!in(channels, channel) || !in(priorities, priority) || !in(teams, team)) {
            return false;
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (ticketAttributes == null || !e.getValue().equals(ticketAttributes.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** An empty set matches anything; a null value (e.g. no team yet) only the empty set (Set.of rejects null). */
    private static boolean in(Set<String> allowed, String value) {
        return allowed.isEmpty() || value != null && allowed.contains(value);
    }
}
