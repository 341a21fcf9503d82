package io.ticketpulse.domain;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.time.Instant;

/** Builders of ticket events on a fixed clock, for tests. */
public final class TicketEvents {

    /** 2026-11-22T10:00:00Z, the start of every test scenario. */
    public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private TicketEvents() {}

    /** The instant {@code minutes} and {@code seconds} after {@link #T0}, epoch ms. */
    public static long at(int minutes, int seconds) {
        return T0.plus(Duration.ofMinutes(minutes)).plusSeconds(seconds).toEpochMilli();
    }

    public static long at(int minutes) {
        return at(minutes, 0);
    }

    public static TicketEvent event(String eventId, String ticketId, EventType type, long atMs) {
        return new TicketEvent(eventId, ticketId, type, atMs);
    }

    public static TicketEvent created(String eventId, String ticketId, long atMs, String channel, String priority) {
        TicketEvent e = event(eventId, ticketId, EventType.CREATED, atMs);
        e.channel = channel;
        e.priority = priority;
        return e;
    }

    public static TicketEvent reply(String eventId, String ticketId, long atMs) {
        return event(eventId, ticketId, EventType.AGENT_REPLIED, atMs);
    }

    public static TicketEvent resolved(String eventId, String ticketId, long atMs) {
        return event(eventId, ticketId, EventType.RESOLVED, atMs);
    }

    public static TicketEvent priorityChanged(String eventId, String ticketId, long atMs, String priority) {
        TicketEvent e = event(eventId, ticketId, EventType.PRIORITY_CHANGED, atMs);
        e.priority = priority;
        return e;
    }

    public static TicketEvent rated(String eventId, String ticketId, long atMs, int csat) {
        TicketEvent e = event(eventId, ticketId, EventType.SATISFACTION_RATED, atMs);
        e.csat = csat;
        return e;
    }

    public static TicketEvent assigned(String eventId, String ticketId, long atMs, String team) {
        TicketEvent e = event(eventId, ticketId, EventType.ASSIGNED, atMs);
        e.team = team;
        return e;
    }

    /** An ASSIGNED to an agent ({@code agentId}; null: back to a queue, no agent). */
    public static TicketEvent assignedTo(String eventId, String ticketId, long atMs, String agentId) {
        TicketEvent e = event(eventId, ticketId, EventType.ASSIGNED, atMs);
        e.agentId = agentId;
        return e;
    }

    public static TicketEvent customerReplied(String eventId, String ticketId, long atMs) {
        return event(eventId, ticketId, EventType.CUSTOMER_REPLIED, atMs);
    }

    public static TicketEvent statusChanged(String eventId, String ticketId, long atMs, String status) {
        TicketEvent e = event(eventId, ticketId, EventType.STATUS_CHANGED, atMs);
        e.status = status;
        return e;
    }

    public static TicketEvent reopened(String eventId, String ticketId, long atMs) {
        return event(eventId, ticketId, EventType.REOPENED, atMs);
    }

    public static TicketEvent closed(String eventId, String ticketId, long atMs) {
        return event(eventId, ticketId, EventType.CLOSED, atMs);
    }

    /** The same event with {@code team} set (mutates and returns it). */
    public static TicketEvent withTeam(TicketEvent e, String team) {
        e.team = team;
        return e;
    }

    /** The same event marked as a test event (mutates and returns it). */
    public static TicketEvent asTest(TicketEvent e) {
        e.isTest = true;
        return e;
    }

    /** The same event with creation attributes (mutates and returns it). */
    public static TicketEvent withAttributes(TicketEvent e, java.util.Map<String, String> attributes) {
        e.attributes = attributes;
        return e;
    }

    /** The instant {@code hours}, {@code minutes} and {@code seconds} after {@link #T0}, epoch ms. */
    public static long atH(int hours, int minutes, int seconds) {
        return at(hours * 60 + minutes, seconds);
    }
}
