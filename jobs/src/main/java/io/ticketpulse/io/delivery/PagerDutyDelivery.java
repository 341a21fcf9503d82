package io.ticketpulse.io.delivery;

import io.ticketpulse.domain.delivery.PagerDutyEntry;
import java.net.URI;

/** Delivery of the committed SLA alerts to PagerDuty's Events API v2. */
public final class PagerDutyDelivery extends AlertDelivery<PagerDutyEntry> {

    private static final long serialVersionUID = 1L;

    /** PagerDuty's public Events API v2 endpoint. */
    public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    /** Events a minute: PagerDuty allows about 120 per integration key. */
    public static final int DEFAULT_RATE_PER_MINUTE = 120;
    /** The length of an Events API v2 routing (integration) key. */
    public static final int ROUTING_KEY_LENGTH = 32;

    private final URI enqueueUri;
    private final String routingKey;
    private final int ratePerMinute;

    private PagerDutyDelivery(URI enqueueUri, String routingKey, int ratePerMinute, DeliverySettings settings) {
        super(settings);
        checkRoutingKey(routingKey);
        if (ratePerMinute < 1) {
            throw new IllegalArgumentException("rate must be at least 1 event a minute: " + ratePerMinute);
        }
        this.enqueueUri = enqueueUri;
        this.routingKey = routingKey;
        this.ratePerMinute = ratePerMinute;
    }

    /** Delivery to {@code enqueueUrl} (the full URL, by default {@link #DEFAULT_URL}) with this routing key. */
    public static PagerDutyDelivery of(URI enqueueUrl, String routingKey) {
        return new PagerDutyDelivery(enqueueUrl, routingKey, DEFAULT_RATE_PER_MINUTE, DeliverySettings.defaults());
    }

    /**
     * Checks a routing key: 32 characters, printable ASCII without spaces. The message never contains the key.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static void checkRoutingKey(String routingKey) {
        if (routingKey == null || routingKey.length() != ROUTING_KEY_LENGTH) {
            throw new IllegalArgumentException("a PagerDuty routing key has " + ROUTING_KEY_LENGTH
                    + " characters; this one has " + (routingKey == null ? 0 : routingKey.length()));
        }
        for (int i = 0; i < routingKey.length(); i++) {
            char c = routingKey.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("a PagerDuty routing key is printable ASCII without spaces;"
                        + " this one has another character at position " + (i + 1));
            }
        }
    }

    public PagerDutyDelivery withSettings(DeliverySettings settings) {
        return new PagerDutyDelivery(enqueueUri, routingKey, ratePerMinute, settings);
    }

    public PagerDutyDelivery withRatePerMinute(int perMinute) {
        return new PagerDutyDelivery(enqueueUri, routingKey, perMinute, settings());
    }

    public URI enqueueUri() {
        return enqueueUri;
    }

    @Override
    public String receiver() {
        return "PagerDuty";
    }

    @Override
    Class<PagerDutyEntry> entryType() {
        return PagerDutyEntry.class;
    }

    @Override
    DeliveryChannel<PagerDutyEntry> createChannel() {
        return new PagerDutyChannel(enqueueUri, routingKey, ratePerMinute, settings().capacity());
    }

    @Override
    public String toString() {
        return "PagerDuty Events API v2 at " + enqueueUri + " (routing key ***), at most " + ratePerMinute
                + " events a minute";
    }
}
