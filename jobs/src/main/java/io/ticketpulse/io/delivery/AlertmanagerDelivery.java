package io.ticketpulse.io.delivery;

import io.ticketpulse.domain.delivery.AlertmanagerEntry;
import java.net.URI;
import java.time.Duration;

/** Delivery of the committed SLA alerts to a Prometheus Alertmanager ({@code POST /api/v2/alerts}). */
public final class AlertmanagerDelivery extends AlertDelivery<AlertmanagerEntry> {

    private static final long serialVersionUID = 1L;

    /** Prometheus's default {@code --rules.alert.resend-delay}: well inside Alertmanager's default 5 min resolve_timeout. */
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);
    /** Alerts per post. */
    static final int BATCH_SIZE = 500;
    static final String ALERTS_PATH = "/api/v2/alerts";

    private final URI alertsUri;
    private final Duration resendInterval;

    private AlertmanagerDelivery(URI alertsUri, Duration resendInterval, DeliverySettings settings) {
        super(settings);
        if (resendInterval.isNegative() || resendInterval.isZero()) {
            throw new IllegalArgumentException("the re-send interval must be positive: " + resendInterval);
        }
        this.alertsUri = alertsUri;
        this.resendInterval = resendInterval;
    }

    /**
     * Delivery to the Alertmanager at {@code baseUrl} (e.g. {@code http://127.0.0.1:9093}, with its route prefix if
     * it has one), re-sending firing alerts every {@code resendInterval}.
     */
    public static AlertmanagerDelivery of(URI baseUrl, Duration resendInterval) {
        return new AlertmanagerDelivery(alertsUri(baseUrl), resendInterval, DeliverySettings.defaults());
    }

    /** {@code <base>/api/v2/alerts}; a URL that already ends so is taken as it is. */
    static URI alertsUri(URI baseUrl) {
        String s = baseUrl.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s.endsWith(ALERTS_PATH) ? s : s + ALERTS_PATH);
    }

    public AlertmanagerDelivery withSettings(DeliverySettings settings) {
        return new AlertmanagerDelivery(alertsUri, resendInterval, settings);
    }

    public URI alertsUri() {
        return alertsUri;
    }

    public Duration resendInterval() {
        return resendInterval;
    }

    @Override
    public String receiver() {
        return "Alertmanager";
    }

    @Override
    Class<AlertmanagerEntry> entryType() {
        return AlertmanagerEntry.class;
    }

    @Override
    DeliveryChannel<AlertmanagerEntry> createChannel() {
        return new AlertmanagerChannel(alertsUri, resendInterval.toMillis(), BATCH_SIZE, settings().capacity());
    }

    @Override
    public String toString() {
        return "Alertmanager at " + alertsUri + ", re-sent every " + resendInterval;
    }
}
