package io.ticketpulse.schema;

import java.util.Map;
import java.util.Objects;

/**
 * One validated {@code ticket-event} v1 record (see {@code schemas/ticket-event.schema.json}).
 *
 * <p>A Flink POJO: public no-argument constructor and public fields, so Flink serializes it without
 * Kryo. Event time is kept as epoch milliseconds ({@link #occurredAtMs}); the wire format is an RFC 3339
 * timestamp with offset. Optional fields are {@code null} when absent.
 */
public class TicketEvent {

    public String eventId;
    public String ticketId;
    public EventType type;
    /** Event time, epoch milliseconds (UTC). */
    public long occurredAtMs;
    /** Lowercase channel token; required on CREATED. */
    public String channel;
    /** P1..P4; required on CREATED and PRIORITY_CHANGED. */
    public String priority;
    /** new, open, pending, on_hold, solved, closed; required on STATUS_CHANGED. */
    public String status;
    public String agentId;
    public String team;
    /** 1..5; required on SATISFACTION_RATED. */
    public Integer csat;
    public boolean isTest;
    public Map<String, String> attributes;
    /**
     * Not part of the wire contract: where this record was read (e.g. {@code events.jsonl:42}), so a late
     * event can be dead-lettered with its origin. Ignored by {@link #equals}.
     */
    public String origin;

    public TicketEvent() {}

    public TicketEvent(String eventId, String ticketId, EventType type, long occurredAtMs) {
        this.eventId = eventId;
        this.ticketId = ticketId;
        this.type = type;
        this.occurredAtMs = occurredAtMs;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TicketEvent)) {
            return false;
        }
        TicketEvent that = (TicketEvent) o;
        return occurredAtMs == that.occurredAtMs
                && isTest == that.isTest
                && Objects.equals(eventId, that.eventId)
                && Objects.equals(ticketId, that.ticketId)
                && type == that.type
                && Objects.equals(channel, that.channel)
                && Objects.equals(priority, that.priority)
                && Objects.equals(status, that.status)
                && Objects.equals(agentId, that.agentId)
                && Objects.equals(team, that.team)
                && Objects.equals(csat, that.csat)
                && Objects.equals(attributes, that.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, ticketId, type, occurredAtMs);
    }

    @Override
    public String toString() {
        return "TicketEvent{" + eventId + ' ' + ticketId + ' ' + type + " @" + occurredAtMs
                + (channel != null ? " channel=" + channel : "")
                + (priority != null ? " priority=" + priority : "")
                + (status != null ? " status=" + status : "")
                + (csat != null ? " csat=" + csat : "")
                + (isTest ? " test" : "") + '}';
    }
}
