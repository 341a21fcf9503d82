package io.ticketpulse.functions;

/**
 * What is broadcast to every per-ticket subtask ({@link TicketFunction}): either the input's horizon (the latest
 * event time any upstream subtask has seen) or a validated runtime policy file. Flink POJO; exactly one field set.
 */
public class TicketBroadcast {

    public Long horizonMs;
    public PolicyUpdate policy;

    public TicketBroadcast() {}

    public static TicketBroadcast horizon(long maxEventTimeMs) {
        TicketBroadcast b = new TicketBroadcast();
        b.horizonMs = maxEventTimeMs;
        return b;
    }

    public static TicketBroadcast policy(PolicyUpdate update) {
        TicketBroadcast b = new TicketBroadcast();
        b.policy = update;
        return b;
    }

    @Override
    public String toString() {
        return horizonMs != null ? "horizon " + horizonMs : String.valueOf(policy);
    }
}
