package io.ticketpulse.io;

/**
 * An input record as read, before parsing: the raw bytes and where they came from. Sources of raw records never
 * parse; {@link ParsingSource} parses each one once, in the source reader, into a {@link ParsedRecord} (an event
 * or a dead letter, never an exception), so that a bad record is dead-lettered instead of failing the source.
 * Flink POJO.
 */
public class RawRecord {

    /** The bytes exactly as read (one JSON object expected). */
    public byte[] payload;
    /** Where the record came from, e.g. {@code events.jsonl:42}, {@code simulator-0#1187}, {@code topic/3@1187}. */
    public String origin;
    /**
     * The record's key as its producer set it (the Kafka record key, the simulator's ticket id), or null when
     * there is none (files). Informational: the pipeline keys by the parsed {@code ticket_id}, never by this.
     */
    public String key;

    public RawRecord() {}

    public RawRecord(byte[] payload, String origin) {
        this.payload = payload;
        this.origin = origin;
    }

    public RawRecord(byte[] payload, String origin, String key) {
        this.payload = payload;
        this.origin = origin;
        this.key = key;
    }
}
