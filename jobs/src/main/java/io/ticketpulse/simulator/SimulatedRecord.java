package io.ticketpulse.simulator;

/**
 * One record delivered by the {@link TicketSimulator}: the wire bytes and what the simulator knows about them.
 *
 * @param kind how the record was delivered (on time, late, duplicate, malformed)
 * @param payload the bytes as they would arrive on the wire (a ticket-event v1 JSON object, except for
 *     {@link Kind#MALFORMED} records); the array is not copied, don't change it
 * @param deliveredAtMs the simulated clock when the record was delivered, epoch ms; never decreases
 * @param occurredAtMs event time of the underlying event, epoch ms (also for malformed copies)
 * @param eventId the underlying event's id (also for malformed copies, whose payload may lack it)
 * @param ticketId the underlying event's ticket id
 */
public record SimulatedRecord(
        Kind kind, byte[] payload, long deliveredAtMs, long occurredAtMs, String eventId, String ticketId) {

    /** How a record was delivered. */
    public enum Kind {
        /** A valid event delivered within the jitter bound after it occurred. */
        EVENT,
        /** A valid event delivered 1–5 min after it occurred. */
        LATE,
        /** A valid event delivered 1–3 h after it occurred (beyond a typical allowed lateness). */
        VERY_LATE,
        /** A second delivery of an event already delivered: same event id, same bytes. */
        DUPLICATE,
        /** Bytes that are not a valid ticket event: truncated, not JSON, wrong types or missing fields. */
        MALFORMED;

        /** True for kinds whose payload is a valid ticket event (everything but {@link #MALFORMED}). */
        public boolean valid() {
            return this != MALFORMED;
        }
    }
}
