package io.ticketpulse.domain.ticket;

import io.ticketpulse.schema.SlaAlert;

/**
 * What the per-ticket operator remembers of one alert ({@code dedup_key}) while it can still change: the last
 * record emitted, and the key's last record before the fold instant (final: no accepted event can change it),
 * which stands in for the folded history when a late event is reconciled. Forgotten once the alert is resolved
 * before the fold instant. A Flink POJO.
 */
public class AlertMark {

    public SlaAlert lastEmitted;
    /** The key's last final record, or null while it has none. */
    public SlaAlert finalLast;
    /** changedAtMs of the key's first emitted record (the key's place in derivation order). */
    public long firstAtMs;

    public AlertMark() {}

    AlertMark(SlaAlert first) {
        this.lastEmitted = first;
        this.firstAtMs = first.changedAtMs;
    }

    /** The alert's dedup key. */
    public String dedupKey() {
        return lastEmitted.dedupKey;
    }
}
