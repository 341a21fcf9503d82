package io.ticketpulse.importer;

/**
 * A record of the input that was not converted.
 *
 * @param line the 1-based line of the input on which the record starts
 * @param where the record inside a JSON document (e.g. {@code issues[3].changelog.histories[0]}), or empty
 * @param reason the reason code, an upper-case constant documented per importer in README.md
 * @param detail what was wrong, for a human (e.g. {@code incident_state "-100"})
 * @param record the record's text (a CSV row re-joined, a JSON object), cut to {@link #MAX_RECORD_CHARS}
 */
public record Reject(long line, String where, String reason, String detail, String record) {

    /** Longer record texts are cut to this many characters (and end with an ellipsis). */
    public static final int MAX_RECORD_CHARS = 4096;

    public Reject {
        if (record != null && record.length() > MAX_RECORD_CHARS) {
            record = record.substring(0, MAX_RECORD_CHARS - 1) + '…';
        }
    }
}
