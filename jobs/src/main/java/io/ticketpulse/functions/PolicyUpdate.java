package io.ticketpulse.functions;

import java.util.Objects;

/**
 * A validated runtime policy file, as broadcast to every per-ticket subtask and kept in its broadcast state (so it
 * is part of every checkpoint): the file's text (parsed again by each subtask: a Flink POJO cannot hold the
 * policy model without Kryo), its version and the event-time instant from which it is in force. Flink POJO.
 */
public class PolicyUpdate {

    public int version;
    public long effectiveFromMs;
    /** Where the record came from (policy topic record, watched file). */
    public String origin;
    /** The complete policy file, JSON or YAML, as received. */
    public String text;

    public PolicyUpdate() {}

    public PolicyUpdate(int version, long effectiveFromMs, String origin, String text) {
        this.version = version;
        this.effectiveFromMs = effectiveFromMs;
        this.origin = origin;
        this.text = text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyUpdate u && u.version == version && u.effectiveFromMs == effectiveFromMs
                && Objects.equals(u.origin, origin) && Objects.equals(u.text, text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, effectiveFromMs, origin, text);
    }

    @Override
    public String toString() {
        return "PolicyUpdate[v" + version + " from " + effectiveFromMs + " " + origin + "]";
    }
}
