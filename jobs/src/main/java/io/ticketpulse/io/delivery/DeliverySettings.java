package io.ticketpulse.io.delivery;

import io.ticketpulse.domain.delivery.Backoff;
import java.io.Serializable;
import java.time.Duration;

/**
 * Settings every alert delivery shares: the backoff after a failed request (receiver down, 5xx, timeout) and after
 * a throttled one (429), how long the end of a bounded input waits for the last deliveries, how many alerts it
 * tracks at most, and the HTTP transport.
 */
public record DeliverySettings(
        Backoff failureBackoff,
        Backoff throttleBackoff,
        Duration drainTimeout,
        int capacity,
        HttpTransport.Factory transport) implements Serializable {

    /** Alerts tracked at most per receiver (firing, or with a change not yet acknowledged). */
    public static final int DEFAULT_CAPACITY = 100_000;

    public DeliverySettings {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must not be negative: " + drainTimeout);
        }
    }

    /**
     * Failures: 1 s, doubling, at most 1 min. Throttled: 30 s, doubling, at most 4 min (PagerDuty advises retrying
     * a 429 after 30 s and backing off a few minutes). 30 s to drain at the end, 100,000 alerts, the JDK HTTP client.
     */
    public static DeliverySettings defaults() {
        return new DeliverySettings(
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)),
                new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(4)),
                Duration.ofSeconds(30),
                DEFAULT_CAPACITY,
                JdkHttpTransport.factory());
    }

    public DeliverySettings withFailureBackoff(Backoff b) {
        return new DeliverySettings(b, throttleBackoff, drainTimeout, capacity, transport);
    }

    public DeliverySettings withThrottleBackoff(Backoff b) {
        return new DeliverySettings(failureBackoff, b, drainTimeout, capacity, transport);
    }

    public DeliverySettings withDrainTimeout(Duration d) {
        return new DeliverySettings(failureBackoff, throttleBackoff, d, capacity, transport);
    }

    public DeliverySettings withCapacity(int c) {
        return new DeliverySettings(failureBackoff, throttleBackoff, drainTimeout, c, transport);
    }

    public DeliverySettings withTransport(HttpTransport.Factory t) {
        return new DeliverySettings(failureBackoff, throttleBackoff, drainTimeout, capacity, t);
    }
}
