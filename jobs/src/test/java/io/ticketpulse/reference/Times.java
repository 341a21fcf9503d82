package io.ticketpulse.reference;

import io.ticketpulse.domain.TicketEvents;

/** Readable instants and spans for the differential test's output: offsets from {@link TicketEvents#T0}. */
public final class Times {

    public static final long T0 = TicketEvents.T0.toEpochMilli();

    private Times() {}

    /** An instant as its offset from T0, e.g. {@code +1d02:03}, {@code +0:05:30}, {@code -0:10}, {@code MAX}. */
    public static String at(long ms) {
        if (ms == Long.MAX_VALUE) {
            return "MAX";
        }
        if (ms == Long.MIN_VALUE) {
            return "MIN";
        }
        long d = ms - T0;
        return (d < 0 ? "-" : "+") + clock(Math.abs(d));
    }

    /** A duration, e.g. {@code 2h}, {@code 10m}, {@code 1d}, {@code 0:02:30}. */
    public static String span(long ms) {
        if (ms % 86_400_000L == 0 && ms != 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms != 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms != 0) {
            return ms / 60_000L + "m";
        }
        return clock(ms);
    }

    private static String clock(long ms) {
        long days = ms / 86_400_000L;
        long rest = ms % 86_400_000L;
        long h = rest / 3_600_000L;
        long m = rest / 60_000L % 60;
        long s = rest / 1000 % 60;
        long milli = rest % 1000;
        StringBuilder b = new StringBuilder();
        if (days > 0) {
            b.append(days).append('d');
        }
        b.append(days > 0 ? String.format("%02d", h) : Long.toString(h)).append(':').append(String.format("%02d", m));
        if (s != 0 || milli != 0) {
            b.append(':').append(String.format("%02d", s));
        }
        if (milli != 0) {
            b.append('.').append(String.format("%03d", milli));
        }
        return b.toString();
    }
}
