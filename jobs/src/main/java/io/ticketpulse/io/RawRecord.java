package io.ticketpulse.io;

/**
 * An input record as read, before parsing: the raw bytes and where they came from. Parsing happens in the
 * pipeline so that a bad record is dead-lettered instead of failing the source. Flink POJO.
 */
public class RawRecord {

    /** The bytes exactly as read (one JSON object expected). */
    public byte[] payload;
    /** Where the record came from, e.g. {@code events.jsonl:42}, {@code simulator-0#1187}, {@code topic/3@1187}. */
    public String origin;

    public RawRecord() {}

    public RawRecord(byte[] payload, String origin) {
        this.payload = payload;
        this.origin = origin;
    }
}
