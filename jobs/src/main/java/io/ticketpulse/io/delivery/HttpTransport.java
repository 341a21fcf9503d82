package io.ticketpulse.io.delivery;

import java.io.Serializable;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Posts JSON to a receiver without blocking the caller. One per delivery operator instance. */
public interface HttpTransport extends AutoCloseable {

    /** Posts {@code json} to {@code uri}; the future fails on a network error or timeout. */
    CompletableFuture<HttpResult> post(URI uri, String json);

    @Override
    void close();

    /** Creates the transport on the task manager (the factory travels in the job graph). */
    interface Factory extends Serializable {
        HttpTransport create();
    }
}
