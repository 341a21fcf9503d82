package io.ticketpulse.domain.delivery;

import io.ticketpulse.schema.SlaAlert;
import java.util.Objects;

/**
 * Delivery state of one Alertmanager alert (one label set) in {@link AlertmanagerLedger}: the record its labels
 * and annotations come from, when it started, when it ended (null while firing), whether it was ever part of a
 * post (so Alertmanager may know it), whether it changed since the last acknowledged post, and a version that
 * tells an acknowledgement of an older state from one of the current. Flink POJO (operator state).
 */
public class AlertmanagerEntry {

    public SlaAlert alert;
    public long startsAtMs;
    public Long endsAtMs;
    public boolean attempted;
    public boolean dirty;
    public long version;

    public AlertmanagerEntry() {}

    AlertmanagerEntry copy() {
        AlertmanagerEntry e = new AlertmanagerEntry();
        e.alert = alert;
        e.startsAtMs = startsAtMs;
        e.endsAtMs = endsAtMs;
        e.attempted = attempted;
        e.dirty = dirty;
        e.version = version;
        return e;
    }

    boolean isOpen() {
        return endsAtMs == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertmanagerEntry e
                && startsAtMs == e.startsAtMs
                && attempted == e.attempted
                && dirty == e.dirty
                && version == e.version
                && Objects.equals(endsAtMs, e.endsAtMs)
                && (alert == null ? e.alert == null : alert.sameAs(e.alert));
    }

    @Override
    public int hashCode() {
        return Objects.hash(startsAtMs, endsAtMs, version);
    }

    @Override
    public String toString() {
        return "AlertmanagerEntry{" + (alert == null ? null : alert.dedupKey + ' ' + alert.kind + '/' + alert.severity)
                + ", starts " + startsAtMs + ", ends " + endsAtMs + (attempted ? ", attempted" : "")
                + (dirty ? ", dirty" : "") + ", v" + version + '}';
    }
}
