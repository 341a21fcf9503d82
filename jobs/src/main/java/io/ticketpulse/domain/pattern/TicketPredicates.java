package io.ticketpulse.domain.pattern;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;

/**
 * The per-event questions the risk patterns ask, in the terms of the {@code ticket-event} v1 contract. The CEP
 * conditions ({@code functions/cep}) call these and nothing else, so what a pattern means is decided and tested
 * here.
 */
public final class TicketPredicates {

    private TicketPredicates() {}

    /** The ticket was (re)assigned to an agent or a team. */
    public static boolean isAssignment(TicketEvent e) {
        return e.type == EventType.ASSIGNED;
    }

    /** An agent wrote to the customer (the only event that answers the customer). */
    public static boolean isAgentReply(TicketEvent e) {
        return e.type == EventType.AGENT_REPLIED;
    }

    /** The customer wrote (again). */
    public static boolean isCustomerReply(TicketEvent e) {
        return e.type == EventType.CUSTOMER_REPLIED;
    }

    /** The start of a ticket's life. */
    public static boolean isCreation(TicketEvent e) {
        return e.type == EventType.CREATED;
    }

    /** The ticket was resolved (a resolution cycle ends). */
    public static boolean isResolution(TicketEvent e) {
        return e.type == EventType.RESOLVED;
    }

    /** A resolved ticket was reopened: one RESOLVED to REOPENED round trip. */
    public static boolean isReopen(TicketEvent e) {
        return e.type == EventType.REOPENED;
    }

    /**
     * The ticket was escalated. The contract has an {@code ESCALATED} event type (to a higher tier or team); this is
     * it, not a status (the contract's statuses have no escalated one).
     */
    public static boolean isEscalation(TicketEvent e) {
        return e.type == EventType.ESCALATED;
    }

    /** The ticket's life ends: CLOSED (a later event of the ticket starts over). */
    public static boolean endsTicket(TicketEvent e) {
        return e.type == EventType.CLOSED;
    }

    /** What ends a wait for the agent: an agent reply, or the end of the ticket. */
    public static boolean answersOrEnds(TicketEvent e) {
        return isAgentReply(e) || endsTicket(e);
    }

    /** Events of test tickets take no part in the patterns (as they raise no SLA alerts). */
    public static boolean counts(TicketEvent e) {
        return !e.isTest;
    }
}
