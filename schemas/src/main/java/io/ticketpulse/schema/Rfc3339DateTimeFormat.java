package io.ticketpulse.schema;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;

/**
 * The JSON Schema {@code date-time} format as RFC 3339 defines it, for the networknt validator: {@link
 * Timestamps#isValid}. It replaces the validator's own, which refuses valid offsets ({@code -00:00}, beyond
 * ±18:00) and checks {@code :60} against a leap-second table; see {@link Timestamps} for what is accepted.
 */
final class Rfc3339DateTimeFormat implements Format {

    static final Rfc3339DateTimeFormat INSTANCE = new Rfc3339DateTimeFormat();

    private Rfc3339DateTimeFormat() {}

    @Override
    public String getName() {
        return "date-time";
    }

    @Override
    public String getMessageKey() {
        return "format.date-time";
    }

    @Override
    public boolean matches(ExecutionContext executionContext, String value) {
        return Timestamps.isValid(value);
    }
}
