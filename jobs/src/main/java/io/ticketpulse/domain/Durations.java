package io.ticketpulse.domain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of TicketPulse (command-line options and policy files): {@code 250ms}, {@code 90s},
 * {@code 10m}, {@code 1h}, {@code 7d}, or parts combined ({@code 1h30m}; they add up). Zero is a valid result;
 * callers reject it where it is not. At most {@link #MAX} (100 years, 36500d): every duration is added to event
 * times (years up to 2999), and the results must stay representable and four-digit years.
 */
public final class Durations {

    /** The longest duration accepted: 36500 days (100 years). */
    public static final Duration MAX = Duration.ofDays(36_500);

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses {@code raw}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code raw} (quoted): not a duration, or too long
     *     to represent in milliseconds
     */
    public static Duration parse(String raw) {
        Matcher m = PART.matcher(raw);
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (m.lookingAt()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
                end = m.end();
                m.region(end, raw.length());
            }
            total.toMillis(); // the pipeline works in milliseconds
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(tooLong(raw));
        }
        if (end == 0 || end != raw.length()) {
            throw new IllegalArgumentException(notADuration(raw));
        }
        if (total.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(tooLong(raw));
        }
        return total;
    }

    private static String tooLong(String raw) {
        return "\"" + raw + "\" is too long a duration (at most 36500d, 100 years)";
    }

    /** The message for a value that is not a duration. */
    public static String notADuration(String raw) {
        return "\"" + raw + "\" is not a duration (use e.g. 30s, 10m, 1h)";
    }
}
