package io.ticketpulse.importer;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.regex.Pattern;

/** Value checks and mappings the importers share. */
final class Values {

    /** Longest id, agent or team the ticket-event schema accepts. */
    static final int MAX_ID_CHARS = 128;

    /** ISO 8601 with an offset, the offset with or without a colon ({@code +01:00}, {@code +0100}, {@code Z}). */
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private Values() {}

    /** The stripped text, or null when null or blank. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }

    /**
     * Whether {@code value} can be an id, agent or team of a ticket event: 1–128 characters, no control characters
     * (C0, DEL, C1) and no unpaired surrogates (the schema's pattern).
     */
    static boolean isId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_ID_CHARS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The channel token of a source's channel name: lower case, runs of other characters than {@code a-z0-9} as one
     * {@code _}, no leading or trailing {@code _} ({@code Self service} → {@code self_service}); null when that is
     * not a valid channel ({@code [a-z][a-z0-9_-]{0,31}}).
     */
    static String channelToken(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        String token = EDGE_UNDERSCORES.matcher(NOT_ALPHANUMERIC.matcher(v.toLowerCase(Locale.ROOT)).replaceAll("_"))
                .replaceAll("");
        return CHANNEL.matcher(token).matches() ? token : null;
    }

    /**
     * Epoch ms of an ISO 8601 date-time with an offset ({@code 2010-03-31T15:59:42+01:00}, Jira's
     * {@code 2023-01-05T09:30:00.000+0000}, {@code 2025-01-08T14:25:30Z}), or {@link Long#MIN_VALUE} when missing,
     * malformed or outside the years 1970–2999 of the ticket-event schema.
     */
    static long offsetDateTime(String value) {
        String v = text(value);
        if (v == null) {
            return Long.MIN_VALUE;
        }
        try {
            long ms = OffsetDateTime.parse(v, OFFSET_DATE_TIME).toInstant().toEpochMilli();
            return inRange(ms) ? ms : Long.MIN_VALUE;
        } catch (DateTimeException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Whether an instant lies in the ticket-event schema's range, 1970-01-01 to 3000-01-01 (exclusive). */
    static boolean inRange(long epochMs) {
        return io.ticketpulse.schema.Timestamps.isEventTime(epochMs);
    }

    /** {@code value} in double quotes, for reject details. */
    static String quoted(String value) {
        return value == null ? "null" : '"' + value + '"';
    }
}
