package io.ticketpulse.reference;

import io.ticketpulse.schema.TicketEvent;

/** One input step of the per-ticket engine, as a test harness drives it. */
public sealed interface Step {

    /** An event arrives on the keyed input (stream record timestamp = its event time). */
    record Arrival(TicketEvent event) implements Step {
        @Override
        public String toString() {
            TicketEvent e = event;
            StringBuilder b = new StringBuilder("event ").append(e.eventId).append(' ').append(e.type).append(' ')
                    .append(Times.at(e.occurredAtMs));
            if (e.channel != null) {
                b.append(" channel=").append(e.channel);
            }
            if (e.priority != null) {
                b.append(" priority=").append(e.priority);
            }
            if (e.status != null) {
                b.append(" status=").append(e.status);
            }
            if (e.team != null) {
                b.append(" team=").append(e.team);
            }
            if (e.agentId != null) {
                b.append(" agent=").append(e.agentId);
            }
            if (e.attributes != null) {
                b.append(" attributes=").append(new java.util.TreeMap<>(e.attributes));
            }
            if (e.csat != null) {
                b.append(" csat=").append(e.csat);
            }
            if (e.isTest) {
                b.append(" TEST");
            }
            if (e.origin != null) {
                b.append(" (").append(e.origin).append(')');
            }
            return b.toString();
        }
    }

    /** The watermark of both inputs advances to {@code ms} (strictly increasing; Long.MAX_VALUE: end of input). */
    record Watermark(long ms) implements Step {
        @Override
        public String toString() {
            return "watermark " + Times.at(ms);
        }
    }

    /** The processing time advances to {@code ms} (fires processing-time timers). */
    record ProcessingTime(long ms) implements Step {
        @Override
        public String toString() {
            return "wall clock " + Times.at(ms);
        }
    }

    /** A horizon (the latest event time of the whole input) arrives on the broadcast input. */
    record Horizon(long ms) implements Step {
        @Override
        public String toString() {
            return "horizon " + Times.at(ms);
        }
    }
}
