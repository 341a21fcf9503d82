package io.ticketpulse.io;

/**
 * A runtime SLA policy record as read (policy topic record, watched policy file content), before parsing: the
 * raw bytes, where it came from and its own time (the Kafka record timestamp, the file's modification time), which
 * is its effective instant when the file has no {@code effective_from}. A record with a null payload is the
 * watcher's "no change" tick and is passed over. Flink POJO.
 */
public class PolicyRecord {

    public byte[] payload;
    /** E.g. {@code sla-policies/0@4} or {@code /etc/ticketpulse/policies.yaml@2026-12-03T07:00:00.000Z}. */
    public String origin;
    /** The record's own time, epoch ms. */
    public long timestampMs;

    public PolicyRecord() {}

    public PolicyRecord(byte[] payload, String origin, long timestampMs) {
        this.payload = payload;
        this.origin = origin;
        this.timestampMs = timestampMs;
    }

    /** The watcher's tick when the file did not change. */
    public static PolicyRecord unchanged() {
        return new PolicyRecord(null, null, 0);
    }

    public boolean isUnchanged() {
        return payload == null;
    }
}
