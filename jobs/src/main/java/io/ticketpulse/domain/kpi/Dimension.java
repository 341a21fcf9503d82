package io.ticketpulse.domain.kpi;

import io.ticketpulse.domain.Fact;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * One dimension a grouping set can slice the KPIs by: {@code channel}, {@code priority} (as the default rows do),
 * {@code team}, {@code agent_id} or {@code attributes.<key>} (a creation attribute such as
 * {@code attributes.issue_type}). The value of a fact is the ticket's at the fact's instant: its channel (from
 * {@code CREATED}), the priority in force, the team of its latest event naming one, the agent of its latest event
 * naming one (assignee, replier, resolver), or the attribute of its {@code CREATED} event. A missing or empty value
 * is unknown (null).
 *
 * @param kind what the dimension is
 * @param attributeKey the attribute key for {@link Kind#ATTRIBUTE}, else null
 */
public record Dimension(Kind kind, String attributeKey) implements Serializable {

    /** The kinds of dimension. */
    public enum Kind {
        CHANNEL,
        PRIORITY,
        TEAM,
        AGENT_ID,
        ATTRIBUTE
    }

    /** The prefix of an attribute dimension's name. */
    public static final String ATTRIBUTE_PREFIX = "attributes.";

    /** The names a dimension can have (the policy file's {@code kpis.grouping_sets[].dimensions}). */
    public static final Pattern NAME = Pattern.compile("channel|priority|team|agent_id|attributes\\..{1,64}");

    public static final Dimension CHANNEL = new Dimension(Kind.CHANNEL, null);
    public static final Dimension PRIORITY = new Dimension(Kind.PRIORITY, null);
    public static final Dimension TEAM = new Dimension(Kind.TEAM, null);
    public static final Dimension AGENT_ID = new Dimension(Kind.AGENT_ID, null);

    public Dimension {
        if ((kind == Kind.ATTRIBUTE) != (attributeKey != null)) {
            throw new IllegalArgumentException("an attribute key goes with an attribute dimension only");
        }
    }

    /** The dimension called {@code name}; see {@link #NAME}. */
    public static Dimension parse(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Unknown dimension '" + name
                    + "' (channel, priority, team, agent_id or attributes.<key>)");
        }
        return switch (name) {
            case "channel" -> CHANNEL;
            case "priority" -> PRIORITY;
            case "team" -> TEAM;
            case "agent_id" -> AGENT_ID;
            default -> new Dimension(Kind.ATTRIBUTE, name.substring(ATTRIBUTE_PREFIX.length()));
        };
    }

    /** The dimension's name as written in the policy file and in the rows' {@code dimensions}. */
    public String name() {
        return switch (kind) {
            case CHANNEL -> "channel";
            case PRIORITY -> "priority";
            case TEAM -> "team";
            case AGENT_ID -> "agent_id";
            case ATTRIBUTE -> ATTRIBUTE_PREFIX + attributeKey;
        };
    }

    /**
     * Whether the dimension's values are capped (team, agent and attributes: free text in the input). Channel and
     * priority are not: the default rows have never capped them, and priority has four values.
     */
    public boolean capped() {
        return kind == Kind.TEAM || kind == Kind.AGENT_ID || kind == Kind.ATTRIBUTE;
    }

    /** The {@link Fact#moved} bit of this dimension: 0 for those that never change during a ticket's life. */
    public int moveBit() {
        return switch (kind) {
            case PRIORITY -> Fact.MOVED_PRIORITY;
            case TEAM -> Fact.MOVED_TEAM;
            case AGENT_ID -> Fact.MOVED_AGENT;
            case CHANNEL, ATTRIBUTE -> 0;
        };
    }

    /** The fact's value of this dimension; null when unknown (absent or empty). */
    public String valueOf(Fact f) {
        String v = switch (kind) {
            case CHANNEL -> f.channel;
            case PRIORITY -> f.priority;
            case TEAM -> f.team;
            case AGENT_ID -> f.agentId;
            case ATTRIBUTE -> f.attributes == null ? null : f.attributes.get(attributeKey);
        };
        return v == null || v.isEmpty() ? null : v;
    }

    @Override
    public String toString() {
        return name();
    }
}
