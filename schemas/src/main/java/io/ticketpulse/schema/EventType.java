package io.ticketpulse.schema;

/** The lifecycle event types of the {@code ticket-event} v1 contract. */
public enum EventType {
    CREATED,
    ASSIGNED,
    AGENT_REPLIED,
    CUSTOMER_REPLIED,
    STATUS_CHANGED,
    PRIORITY_CHANGED,
    ESCALATED,
    RESOLVED,
    REOPENED,
    CLOSED,
    SATISFACTION_RATED
}
