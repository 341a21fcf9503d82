package io.ticketpulse.domain.delivery;

import io.ticketpulse.schema.SlaAlert;
import java.util.Objects;

/**
 * Delivery state of one alert ({@code dedup_key}) in {@link PagerDutyLedger}: its latest committed record, the
 * last event sent or being sent for it ({@code trigger:<kind>/<severity>} or {@code resolve}; null when none since
 * the alert started) and whether PagerDuty acknowledged that event. Flink POJO (operator state).
 */
public class PagerDutyEntry {

    public SlaAlert alert;
    public String sent;
    public boolean confirmed;

    public PagerDutyEntry() {}

    PagerDutyEntry copy() {
        PagerDutyEntry e = new PagerDutyEntry();
        e.alert = alert;
        e.sent = sent;
        e.confirmed = confirmed;
        return e;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PagerDutyEntry e
                && confirmed == e.confirmed
                && Objects.equals(sent, e.sent)
                && (alert == null ? e.alert == null : alert.sameAs(e.alert));
    }

    @Override
    public int hashCode() {
        return Objects.hash(sent, confirmed);
    }

    @Override
    public String toString() {
        return "PagerDutyEntry{" + (alert == null ? null : alert.dedupKey + ' ' + alert.status + ' ' + alert.kind + '/'
                + alert.severity) + ", sent " + sent + (confirmed ? " (confirmed)" : "") + '}';
    }
}
