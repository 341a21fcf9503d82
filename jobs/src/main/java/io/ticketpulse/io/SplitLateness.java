package io.ticketpulse.io;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.Timestamps;

/**
 * Lateness decided per input split (per Kafka partition, per file) from that split's own records: a valid event
 * older than the split's newest valid event time minus {@code boundMs} (the out-of-orderness bound plus the allowed
 * lateness) is a {@code LATE_EVENT} dead letter. The split's watermark is its newest event time minus the
 * out-of-orderness, so this is the keyed operators' rule ("older than the watermark minus the allowed lateness")
 * applied to the split's own watermark: it depends only on the order of the split's records, never on how fast
 * they were read or on other splits, so a replay decides lateness the same way every time. The keyed operators
 * keep their own check, which only still fires for what this one cannot see (after a restore, the newest event
 * time of a split is known again only from the records read since). Not thread-safe: one per split output.
 */
final class SplitLateness {

    private final long boundMs;
    private long newestMs = Long.MIN_VALUE;

    SplitLateness(long boundMs) {
        this.boundMs = boundMs;
    }

    /** The record itself, or its LATE_EVENT dead letter. */
    ParsedRecord check(ParsedRecord record) {
        if (!record.valid()) {
            return record;
        }
        long t = record.event.occurredAtMs;
        if (newestMs != Long.MIN_VALUE && t < newestMs - boundMs) {
            DeadLetter d = new DeadLetter(DeadLetter.ReasonCode.LATE_EVENT,
                    "event time " + Timestamps.format(t) + " is older than its input split's newest event time "
                            + Timestamps.format(newestMs) + " minus the out-of-orderness bound and the allowed lateness",
                    record.event.origin, TicketEventJson.toJson(record.event));
            d.eventId = record.event.eventId;
            d.ticketId = record.event.ticketId;
            return ParsedRecord.of(d);
        }
        newestMs = Math.max(newestMs, t);
        return record;
    }
}
