package io.ticketpulse.domain.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * What the pattern alerts keep per ticket: the ticket's attributes for the alert records, its firing pattern
 * alerts, and the episode number of each pattern (so that a pattern firing again after it cleared gets a new
 * {@code dedup_key}). Forgotten when the ticket ends. Flink POJO.
 */
public class PatternTicketState {

    public String ticketId;
    public String channel;
    public String priority;
    public boolean priorityDerived;
    public String team;
    /** Event time of the life's CREATED (the earliest applied), MIN before it: keeps dedup_keys unique across lives. */
    public long createdAtMs = Long.MIN_VALUE;
    /** Event time of the ticket's latest event. */
    public long lastEventMs = Long.MIN_VALUE;
    /** Episodes so far, indexed by {@link RiskPattern#ordinal()}. */
    public int[] episodes = new int[RiskPattern.values().length];
    public List<PatternFiring> firing = new ArrayList<>();
    /** True once the ticket ended (CLOSED): the state is to be forgotten. */
    public boolean ended;

    public PatternTicketState() {}

    public static PatternTicketState fresh(String ticketId) {
        PatternTicketState s = new PatternTicketState();
        s.ticketId = ticketId;
        return s;
    }

    public PatternFiring firing(RiskPattern p) {
        for (PatternFiring f : firing) {
            if (f.pattern.equals(p.wireName())) {
                return f;
            }
        }
        return null;
    }
}
