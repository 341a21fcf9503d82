package io.ticketpulse.io;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;

/**
 * An input record after parsing and validation at the source ({@link ParsingSource}): exactly one of {@link
 * #event} (a valid ticket event inside the event-time window, with its origin set) and {@link #deadLetter} (why
 * it was refused, with the raw bytes and origin). Only events carry an event-time timestamp and move watermarks
 * ({@link #timestamp()}). Flink POJO.
 */
public class ParsedRecord {

    /** Timestamp of a dead letter: none, it never moves a watermark. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /** The valid event, or null. */
    public TicketEvent event;
    /** The refused record, or null. */
    public DeadLetter deadLetter;

    public ParsedRecord() {}

    public static ParsedRecord of(TicketEvent event) {
        ParsedRecord r = new ParsedRecord();
        r.event = event;
        return r;
    }

    public static ParsedRecord of(DeadLetter deadLetter) {
        ParsedRecord r = new ParsedRecord();
        r.deadLetter = deadLetter;
        return r;
    }

    /** True for a valid event. */
    public boolean valid() {
        return event != null;
    }

    /** The event's {@code occurred_at} in epoch ms, or {@link #NO_TIMESTAMP} for a dead letter. */
    public long timestamp() {
        return event != null ? event.occurredAtMs : NO_TIMESTAMP;
    }

    @Override
    public String toString() {
        return event != null ? "ParsedRecord{" + event + '}' : "ParsedRecord{" + deadLetter + '}';
    }
}
