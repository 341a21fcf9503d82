package io.ticketpulse.importer;

import io.ticketpulse.schema.TicketEvent;
import java.io.IOException;

/** Where imported events go besides the JSON-lines output, e.g. the events topic ({@link KafkaEventsProducer}). */
public interface EventSink extends AutoCloseable {

    /** Sends one event (asynchronously, in order per ticket). */
    void send(TicketEvent event) throws IOException;

    /** Waits until every event sent is acknowledged; returns how many were. Fails if any was not. */
    long finish() throws IOException;

    /** A description for the summary line (no secrets). */
    String describe();

    @Override
    void close();
}
