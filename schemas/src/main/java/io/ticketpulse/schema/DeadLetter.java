package io.ticketpulse.schema;

import java.util.Objects;

/**
 * One {@code dead-letter} v1 record (see {@code schemas/dead-letter.schema.json}): an input record that was
 * not accepted, with the reason and where it came from. Flink POJO.
 */
public class DeadLetter {

    /** Machine-readable reason, one of {@link ReasonCode}. */
    public ReasonCode reasonCode;
    /** Human-readable reason, e.g. {@code "$.type: must be one of CREATED, ..."}. */
    public String reason;
    /** Where the record came from, e.g. {@code events.jsonl:42} or {@code ticket-events/3@1187}. */
    public String origin;
    /** The raw payload, exactly as received. */
    public byte[] payload;
    /** Event id and ticket id when they could be read (late events), else null. */
    public String eventId;
    public String ticketId;

    public DeadLetter() {}

    public DeadLetter(ReasonCode reasonCode, String reason, String origin, byte[] payload) {
        this.reasonCode = reasonCode;
        this.reason = reason;
        this.origin = origin;
        this.payload = payload;
    }

    /** Why a record was dead-lettered. */
    public enum ReasonCode {
        /** Larger than the configured maximum payload size. */
        OVERSIZED,
        /** Not UTF-8 text, not JSON, or not a JSON object. */
        MALFORMED_JSON,
        /** Valid JSON but not a valid ticket-event v1 (missing/wrong fields, unknown type, bad values). */
        SCHEMA_VIOLATION,
        /** A valid event older than the watermark minus the allowed lateness. */
        LATE_EVENT,
        /** A valid event more than the allowed future skew ahead of the wall clock. */
        FUTURE_EVENT,
        /** A valid event older than the configured lower bound of event time. */
        TOO_OLD_EVENT,
        /** An event whose event_id was already seen with other content; the first one wins. */
        DUPLICATE_CONFLICT,
        /** An event of a ticket with no CREATED within the ticket retention (never created, or forgotten). */
        UNKNOWN_TICKET,
        /**
         * A runtime SLA policy record (policy topic, watched policy file) that was not applied (invalid file, version
         * not above the one in force, bad effective_from, other kpis/aggregates than at start-up).
         */
        INVALID_POLICY,
        /**
         * An accepted event that was late for a risk pattern's CEP operator (live stream, delayed by more than the
         * live-lag bound): not matched by that pattern, one record per pattern; it was still applied to the KPIs and
         * SLA clocks.
         */
        LATE_FOR_PATTERNS
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter that = (DeadLetter) o;
        return reasonCode == that.reasonCode
                && Objects.equals(reason, that.reason)
                && Objects.equals(origin, that.origin)
                && java.util.Arrays.equals(payload, that.payload)
                && Objects.equals(eventId, that.eventId)
                && Objects.equals(ticketId, that.ticketId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reasonCode, reason, origin);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reasonCode + ": " + reason + " @" + origin + '}';
    }
}
