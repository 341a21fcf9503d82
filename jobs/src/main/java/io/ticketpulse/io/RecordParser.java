package io.ticketpulse.io;

import io.ticketpulse.domain.EventTimeBounds;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.ParseResult;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventParser;

/**
 * Parses, validates and checks the event time of one raw record, once: a valid {@code ticket-event} v1 inside
 * the {@link EventTimeBounds} becomes an event with its origin; everything else a dead letter with its reason
 * code ({@code OVERSIZED}, {@code MALFORMED_JSON}, {@code SCHEMA_VIOLATION}, {@code FUTURE_EVENT}, {@code
 * TOO_OLD_EVENT}), raw bytes and origin. Never throws for input. Build one per source reader (the schema
 * validator is costly to build, cheap to use); not thread-safe, not serializable.
 */
public final class RecordParser {

    private final TicketEventParser parser;
    private final EventTimeBounds bounds;

    public RecordParser(int maxPayloadBytes, EventTimeBounds bounds) {
        this.parser = new TicketEventParser(maxPayloadBytes);
        this.bounds = bounds;
    }

    public ParsedRecord parse(byte[] payload, String origin) {
        ParseResult result = parser.parse(payload);
        if (!result.isValid()) {
            return ParsedRecord.of(result.toDeadLetter(payload, origin));
        }
        TicketEvent event = result.event();
        EventTimeBounds.Violation violation = bounds.check(event.occurredAtMs);
        if (violation != null) {
            DeadLetter d = new DeadLetter(violation.reasonCode(), violation.reason(), origin, payload);
            d.eventId = event.eventId;
            d.ticketId = event.ticketId;
            return ParsedRecord.of(d);
        }
        event.origin = origin;
        return ParsedRecord.of(event);
    }

    public ParsedRecord parse(RawRecord raw) {
        return parse(raw.payload, raw.origin);
    }
}
