package io.ticketpulse.schema;

import io.ticketpulse.schema.DeadLetter.ReasonCode;
import java.util.Objects;

/**
 * The outcome of {@link TicketEventParser#parse(byte[])}: either a valid {@link TicketEvent}, or the reason
 * code and human-readable reason why the payload was rejected. Immutable.
 */
public final class ParseResult {

    private final TicketEvent event;
    private final ReasonCode reasonCode;
    private final String reason;

    private ParseResult(TicketEvent event, ReasonCode reasonCode, String reason) {
        this.event = event;
        this.reasonCode = reasonCode;
        this.reason = reason;
    }

    /** A valid result carrying {@code event}. */
    public static ParseResult valid(TicketEvent event) {
        return new ParseResult(Objects.requireNonNull(event, "event"), null, null);
    }

    /** A rejection with its reason code and reason. */
    public static ParseResult invalid(ReasonCode reasonCode, String reason) {
        return new ParseResult(null, Objects.requireNonNull(reasonCode, "reasonCode"),
                Objects.requireNonNull(reason, "reason"));
    }

    /** True if the payload was a valid ticket-event v1. */
    public boolean isValid() {
        return event != null;
    }

    /** The parsed event; null when not {@link #isValid()}. */
    public TicketEvent event() {
        return event;
    }

    /** Why the payload was rejected; null when {@link #isValid()}. */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** Human-readable reason of the rejection; null when {@link #isValid()}. */
    public String reason() {
        return reason;
    }

    /**
     * The dead letter of this rejection for the given raw payload and origin.
     *
     * @throws IllegalStateException if this result is valid
     */
    public DeadLetter toDeadLetter(byte[] payload, String origin) {
        if (isValid()) {
            throw new IllegalStateException("a valid parse result is not a dead letter");
        }
        return new DeadLetter(reasonCode, reason, origin, payload);
    }

    @Override
    public String toString() {
        return isValid() ? "ParseResult{valid " + event + '}' : "ParseResult{" + reasonCode + ": " + reason + '}';
    }
}
