package io.ticketpulse.schema;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The key of one row family member of a grouping set other than the default (channel, priority):
 * {@code <grouping_set>:<value 1>/<value 2>/...}, one segment per dimension in the set's order. The
 * {@code ticket-kpi} upsert key of such a row is this key followed by {@code /<window_start_ms>/<window_end_ms>};
 * the default family keeps {@code <channel>/<priority>/<window_start_ms>/<window_end_ms>} (a channel never contains
 * {@code :}, so the two never collide).
 *
 * <p>A segment is the value's UTF-8 bytes with every byte outside {@code [A-Za-z0-9_.-]} percent-encoded
 * ({@code %2F}, upper-case hex), so no value can contain the separators; an unknown value (null) is written
 * {@value #UNKNOWN_SEGMENT} and a value folded into {@value #OTHER} by the dimension's cap {@value #FOLDED_SEGMENT}
 * (neither can be the encoding of a value). A set without dimensions (the overall roll-up) has the key
 * {@code <grouping_set>:}.
 */
public final class KpiGroupKey {

    /** How a value folded by a dimension's cap is written in the row's {@code dimensions}. */
    public static final String OTHER = "other";
    /** The key segment of a folded value. */
    public static final String FOLDED_SEGMENT = "*";
    /** The key segment of an unknown value (the ticket has no team, agent or attribute). */
    public static final String UNKNOWN_SEGMENT = "~";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** One decoded key: the grouping set and its dimension values (null: unknown), and which are folded. */
    public record Decoded(String groupingSet, String[] values, boolean[] folded) {}

    private KpiGroupKey() {}

    /** True for a key of a grouping set (not of the default family {@code channel/priority}). */
    public static boolean isGrouped(String key) {
        return key.indexOf(':') >= 0;
    }

    /**
     * The key of a group.
     *
     * @param values the dimension values, null where unknown (a folded position's value is ignored); never empty
     *     strings (the KPI grouping treats an empty value as unknown)
     * @param folded which positions are folded into {@value #OTHER}; null: none
     */
    public static String encode(String groupingSet, String[] values, boolean[] folded) {
        StringBuilder sb = new StringBuilder(groupingSet.length() + 16).append(groupingSet).append(':');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            if (folded != null && folded[i]) {
                sb.append(FOLDED_SEGMENT);
            } else if (values[i] == null) {
                sb.append(UNKNOWN_SEGMENT);
            } else if (values[i].isEmpty()) {
                throw new IllegalArgumentException("An empty dimension value has no key (use null for unknown)");
            } else {
                appendEncoded(sb, values[i]);
            }
        }
        return sb.toString();
    }

    /** The inverse of {@link #encode}: a folded position's value is {@value #OTHER}. */
    public static Decoded decode(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Not a grouping-set key: " + key);
        }
        String set = key.substring(0, colon);
        String rest = key.substring(colon + 1);
        List<String> segments = new ArrayList<>();
        if (!rest.isEmpty()) {
            int from = 0;
            while (true) {
                int slash = rest.indexOf('/', from);
                segments.add(slash < 0 ? rest.substring(from) : rest.substring(from, slash));
                if (slash < 0) {
                    break;
                }
                from = slash + 1;
            }
        }
        String[] values = new String[segments.size()];
        boolean[] folded = new boolean[segments.size()];
        for (int i = 0; i < values.length; i++) {
            String s = segments.get(i);
            if (s.equals(FOLDED_SEGMENT)) {
                folded[i] = true;
                values[i] = OTHER;
            } else if (!s.equals(UNKNOWN_SEGMENT)) {
                values[i] = decodeSegment(s, key);
            }
        }
        return new Decoded(set, values, folded);
    }

    private static void appendEncoded(StringBuilder sb, String value) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-') {
                sb.append(c);
            } else {
                sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
    }

    private static String decodeSegment(String s, String key) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("Truncated escape in key " + key);
                }
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
