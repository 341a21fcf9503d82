package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.io.delivery.AlertmanagerDelivery;
import io.ticketpulse.io.delivery.PagerDutyDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The alert receivers of a run ({@code --alertmanager-url}, {@code --alertmanager-resend-interval},
 * {@code --pagerduty-url}, and the PagerDuty routing key from {@code --pagerduty-routing-key-file} or the
 * environment variable {@link #ROUTING_KEY_VARIABLE}), checked at start. The routing key is a secret: it is never
 * an option value, and no message or description of this class shows it.
 *
 * @param alertmanager delivery to Alertmanager, if configured
 * @param pagerDuty delivery to PagerDuty, if a routing key was given
 */
record AlertReceivers(Optional<AlertmanagerDelivery> alertmanager, Optional<PagerDutyDelivery> pagerDuty) {

    static final String ALERTMANAGER_URL = "--alertmanager-url";
    static final String ALERTMANAGER_RESEND_INTERVAL = "--alertmanager-resend-interval";
    static final String PAGERDUTY_URL = "--pagerduty-url";
    static final String PAGERDUTY_ROUTING_KEY_FILE = "--pagerduty-routing-key-file";
    /** The environment variable that may hold the PagerDuty routing key (when no file is given). */
    static final String ROUTING_KEY_VARIABLE = "TICKETPULSE_PAGERDUTY_ROUTING_KEY";
    /** A routing key file is a line of 32 characters: larger files are refused. */
    static final int MAX_KEY_FILE_BYTES = 1024;

    static final AlertReceivers NONE = new AlertReceivers(Optional.empty(), Optional.empty());

    /**
     * The receivers of these settings: Alertmanager when {@code alertmanagerUrl} is given; PagerDuty when a routing
     * key is, from {@code routingKeyFile} or else the environment's {@link #ROUTING_KEY_VARIABLE}.
     *
     * @throws OptionException naming the option (or variable) and the problem, never the key
     */
    static AlertReceivers of(Optional<String> alertmanagerUrl, Duration resendInterval, String pagerDutyUrl,
            Optional<Path> routingKeyFile, Map<String, String> env) {
        Optional<AlertmanagerDelivery> am = alertmanagerUrl.map(u -> {
            if (resendInterval.isNegative() || resendInterval.isZero()) {
                throw new OptionException(ALERTMANAGER_RESEND_INTERVAL + ": must be positive");
            }
            return AlertmanagerDelivery.of(httpUrl(ALERTMANAGER_URL, u), resendInterval);
        });
        Optional<String> key = routingKeyFile.isPresent()
                ? Optional.of(readKeyFile(routingKeyFile.get()))
                : Optional.ofNullable(env.get(ROUTING_KEY_VARIABLE)).filter(v -> !v.isBlank())
                        .map(v -> checked(ROUTING_KEY_VARIABLE, v.strip()));
        URI pdUrl = httpUrl(PAGERDUTY_URL, pagerDutyUrl);
        return new AlertReceivers(am, key.map(k -> PagerDutyDelivery.of(pdUrl, k)));
    }

    /** An absolute http or https URL with a host. */
    static URI httpUrl(String option, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new OptionException(option + ": '" + value + "' is not a URL (" + e.getReason() + ")");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new OptionException(option + ": '" + value + "' is not an http:// or https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new OptionException(option + ": '" + value.replaceAll("//[^/@]*@", "//***@")
                    + "' must have no user info, query or fragment");
        }
        return uri;
    }

    /** The key in {@code file}: its text without surrounding white space. */
    static String readKeyFile(Path file) {
        String where = PAGERDUTY_ROUTING_KEY_FILE + ": " + file;
        if (!Files.isRegularFile(file)) {
            throw new OptionException(where + ": no such file");
        }
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
            if (bytes.length > MAX_KEY_FILE_BYTES) {
                throw new OptionException(where + " is larger than " + MAX_KEY_FILE_BYTES
                        + " bytes; it should hold the 32-character routing key only");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new OptionException(where + " is not UTF-8 text");
        } catch (IOException e) {
            throw new OptionException(where + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        return checked(where, text.strip());
    }

    private static String checked(String where, String key) {
        try {
            PagerDutyDelivery.checkRoutingKey(key);
        } catch (IllegalArgumentException e) {
            throw new OptionException(where + ": " + e.getMessage());
        }
        return key;
    }

    /** One line per receiver for the start-up description (the routing key as {@code ***}); empty when none. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        alertmanager.ifPresent(a -> sb.append("Delivering committed alerts to Alertmanager at ").append(a.alertsUri())
                .append(" (firing ones re-sent every ").append(TicketPulseJob.human(a.resendInterval())).append(").\n"));
        pagerDuty.ifPresent(p -> sb.append("Delivering committed alerts to PagerDuty at ").append(p.enqueueUri())
                .append(" (routing key ***).\n"));
        return sb.toString();
    }
}
