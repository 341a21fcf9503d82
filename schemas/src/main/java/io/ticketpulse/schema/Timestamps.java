package io.ticketpulse.schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps of the wire contracts: written in UTC with milliseconds, read with any offset. */
public final class Timestamps {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** {@code 2026-11-22T10:00:00.000Z}. */
    public static String format(long epochMs) {
        return OUT.format(Instant.ofEpochMilli(epochMs));
    }

    /**
     * Parses an RFC 3339 timestamp with a mandatory offset ({@code Z} or {@code +hh:mm}); sub-millisecond
     * digits are truncated.
     *
     * @throws DateTimeParseException if it is not one
     */
    public static long parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
    }
}
