package io.ticketpulse.domain.delivery;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an {@code sla-alert} record maps onto a PagerDuty Events API v2 event (README, "Alertmanager and
 * PagerDuty"), within the limits PagerDuty documents: {@code dedup_key} at most 255 characters,
 * {@code payload.summary} at most 1024.
 */
public final class PagerDutyMapping {

    /** PagerDuty's limit on {@code dedup_key}, in characters. */
    public static final int MAX_DEDUP_KEY = 255;
    /** PagerDuty's limit on {@code payload.summary}, in characters. */
    public static final int MAX_SUMMARY = 1024;
    /** {@code payload.source} of every event. */
    public static final String SOURCE = "ticketpulse";

    private PagerDutyMapping() {}

    /** {@code trigger} for a firing record, {@code resolve} for a resolved one. */
    public static String eventAction(SlaAlert a) {
        return a.isFiring() ? "trigger" : "resolve";
    }

    /** {@code warning} and {@code yellow} to {@code warning}, {@code orange} to {@code error}, {@code red} to {@code critical}. */
    public static String severity(String slaSeverity) {
        return SlaAlertJson.pagerDutySeverity(slaSeverity);
    }

    /**
     * The record's {@code dedup_key}. Valid records' keys fit PagerDuty's 255 characters unless every part is at
     * its longest (ticket id 128, life 24, policy id 64, cycle and version both of 10 digits: 256); a longer one
     * is cut to 190 characters plus {@code #} and the SHA-256 of the whole key in hex (255), so that it still
     * identifies the alert.
     */
    public static String dedupKey(String dedupKey) {
        if (dedupKey.length() <= MAX_DEDUP_KEY) {
            return dedupKey;
        }
        return dedupKey.substring(0, MAX_DEDUP_KEY - 65) + '#' + sha256(dedupKey);
    }

    /** The summary, cut to 1024 characters (the last one an ellipsis) when longer; never cuts a surrogate pair. */
    public static String summary(String summary) {
        String s = summary == null || summary.isBlank() ? "TicketPulse SLA alert" : summary;
        if (s.length() <= MAX_SUMMARY) {
            return s;
        }
        int end = MAX_SUMMARY - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + '\u2026';
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
