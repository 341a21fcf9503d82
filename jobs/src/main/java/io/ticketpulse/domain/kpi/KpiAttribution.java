package io.ticketpulse.domain.kpi;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the per-ticket engine attributes its facts to beyond channel and priority, because a configured grouping
 * set slices by it: the team, the agent, creation attributes. {@link #NONE} (no grouping set needs anything):
 * facts are exactly the (channel, priority) ones, as before grouping sets.
 *
 * @param team facts carry the ticket's team, and its open-backlog entry moves with the team
 * @param agent facts carry the ticket's agent, and its open-backlog entry moves with the agent
 * @param attributeKeys facts carry these creation attributes (sorted, distinct)
 */
public record KpiAttribution(boolean team, boolean agent, List<String> attributeKeys) implements Serializable {

    public static final KpiAttribution NONE = new KpiAttribution(false, false, List.of());

    public KpiAttribution {
        attributeKeys = attributeKeys.stream().distinct().sorted().toList();
    }

    /** Whether facts carry anything beyond channel and priority. */
    public boolean any() {
        return team || agent || !attributeKeys.isEmpty();
    }

    /** The tracked attributes of a ticket's creation attributes (null when none is tracked or none is set). */
    public Map<String, String> trackedAttributes(Map<String, String> creationAttributes) {
        if (attributeKeys.isEmpty() || creationAttributes == null) {
            return null;
        }
        Map<String, String> tracked = null;
        for (String key : attributeKeys) {
            String v = creationAttributes.get(key);
            if (v != null) {
                tracked = tracked == null ? new HashMap<>(4) : tracked;
                tracked.put(key, v);
            }
        }
        return tracked;
    }
}
