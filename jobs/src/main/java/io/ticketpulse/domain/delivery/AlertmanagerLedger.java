package io.ticketpulse.domain.delivery;

import io.ticketpulse.schema.SlaAlert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What Alertmanager must be told: the Alertmanager alerts (label sets) of the committed {@code sla-alert}
 * records, and which of them changed since Alertmanager last acknowledged them. Plain Java, single-threaded.
 *
 * <ul>
 *   <li>A firing record opens (or updates) the alert of its label set; {@code startsAt} is the {@code changed_at}
 *       of the first firing record of the episode (until the alert resolves).
 *   <li>A firing record with another label set than the open one (a warning becoming a breach, an escalation)
 *       ends the open one at the record's {@code changed_at} and opens its own, with the same {@code startsAt}.
 *   <li>A resolved record ends the open alert at its {@code changed_at} ({@code endsAt}); a resolve of an alert
 *       never posted is not posted either (nothing to take back), nor one of an alert it does not know.
 *   <li>Ended alerts are forgotten once Alertmanager acknowledged their end; firing ones stay, for re-sending
 *       ({@link #markAllDirty}) until they end.
 *   <li>At most {@code capacity} alerts are tracked: a new alert beyond that is dropped ({@link Applied#DROPPED});
 *       ends and escalations of tracked alerts are always taken.
 * </ul>
 */
public final class AlertmanagerLedger {

    /** What {@link #apply} did with a record. */
    public enum Applied {
        /** The record changed what Alertmanager must be told. */
        TRACKED,
        /** A new alert while {@code capacity} alerts are tracked: not delivered. */
        DROPPED,
        /** Nothing to tell Alertmanager (a resolve of an alert it was never sent). */
        IGNORED
    }

    /** Alerts of one post and the versions they were taken at. */
    public record Batch(List<AlertmanagerAlert> alerts, List<String> keys, List<Long> versions) {
        public int size() {
            return alerts.size();
        }
    }

    private final int capacity;
    /** By label-set key, in the order they were first tracked. */
    private final LinkedHashMap<String, AlertmanagerEntry> entries = new LinkedHashMap<>();
    /** dedup_key -> label-set key of its open (firing) alert. */
    private final HashMap<String, String> openByDedupKey = new HashMap<>();
    private final LinkedHashSet<String> dirty = new LinkedHashSet<>();
    private long lastVersion;

    public AlertmanagerLedger(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A ledger holding a snapshot's entries (all marked changed: the restored job tells Alertmanager again). */
    public static AlertmanagerLedger restore(int capacity, Iterable<AlertmanagerEntry> snapshot) {
        AlertmanagerLedger ledger = new AlertmanagerLedger(capacity);
        for (AlertmanagerEntry e : snapshot) {
            AlertmanagerEntry copy = e.copy();
            String key = AlertmanagerMapping.labelSetKey(copy.alert);
            ledger.entries.put(key, copy);
            if (copy.isOpen()) {
                ledger.openByDedupKey.put(copy.alert.dedupKey, key);
            }
            ledger.lastVersion = Math.max(ledger.lastVersion, copy.version);
            ledger.markDirty(key, copy);
        }
        return ledger;
    }

    /** Applies one committed record (records of one dedup_key in their order). */
    public Applied apply(SlaAlert r) {
        String key = AlertmanagerMapping.labelSetKey(r);
        String openKey = openByDedupKey.get(r.dedupKey);
        AlertmanagerEntry open = openKey == null ? null : entries.get(openKey);
        if (!r.isFiring()) {
            if (open == null) {
                return Applied.IGNORED;
            }
            if (openKey.equals(key)) {
                open.alert = r;
            }
            end(openKey, open, r.changedAtMs);
            return Applied.TRACKED;
        }
        long startsAtMs;
        if (open != null) {
            startsAtMs = open.startsAtMs;
            if (!openKey.equals(key)) {
                end(openKey, open, r.changedAtMs);
            }
        } else {
            startsAtMs = r.changedAtMs;
        }
        AlertmanagerEntry e = entries.get(key);
        if (e == null) {
            if (open == null && entries.size() >= capacity) {
                return Applied.DROPPED;
            }
            e = new AlertmanagerEntry();
            entries.put(key, e);
        }
        e.alert = r;
        e.startsAtMs = startsAtMs;
        e.endsAtMs = null;
        openByDedupKey.put(r.dedupKey, key);
        markDirty(key, e);
        return Applied.TRACKED;
    }

    private void end(String key, AlertmanagerEntry e, long atMs) {
        openByDedupKey.remove(e.alert.dedupKey);
        if (!e.attempted) {
            // Alertmanager never heard of it: nothing to end
            entries.remove(key);
            dirty.remove(key);
            return;
        }
        e.endsAtMs = Math.max(e.startsAtMs, atMs);
        markDirty(key, e);
    }

    private void markDirty(String key, AlertmanagerEntry e) {
        e.dirty = true;
        e.version = ++lastVersion;
        dirty.add(key);
    }

    /** Marks every tracked alert as changed: the periodic re-send of all firing alerts (and unacknowledged ends). */
    public void markAllDirty() {
        for (Map.Entry<String, AlertmanagerEntry> e : entries.entrySet()) {
            markDirty(e.getKey(), e.getValue());
        }
    }

    /**
     * The next post: up to {@code max} changed alerts, oldest change first, as of {@code nowMs}, or null when
     * nothing changed. An {@code endsAt} later than now is sent as now (an end is known, so it is not in the
     * future), never before {@code startsAt}. The alerts count as attempted from here on.
     */
    public Batch next(long nowMs, int max) {
        if (dirty.isEmpty()) {
            return null;
        }
        List<AlertmanagerAlert> alerts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        Iterator<String> it = dirty.iterator();
        while (it.hasNext() && alerts.size() < max) {
            String key = it.next();
            AlertmanagerEntry e = entries.get(key);
            e.attempted = true;
            Long endsAt = e.endsAtMs == null ? null : Math.max(e.startsAtMs, Math.min(e.endsAtMs, nowMs));
            alerts.add(new AlertmanagerAlert(AlertmanagerMapping.labels(e.alert),
                    AlertmanagerMapping.annotations(e.alert), e.startsAtMs, endsAt));
            keys.add(key);
            versions.add(e.version);
        }
        return new Batch(List.copyOf(alerts), List.copyOf(keys), List.copyOf(versions));
    }

    /**
     * Alertmanager took the batch (or refused parts of it as invalid, which sending again would not change): each
     * alert not changed since is no longer pending, and an ended one is forgotten.
     */
    public void delivered(Batch batch) {
        for (int i = 0; i < batch.size(); i++) {
            String key = batch.keys().get(i);
            AlertmanagerEntry e = entries.get(key);
            if (e == null || e.version != batch.versions().get(i)) {
                continue;
            }
            e.dirty = false;
            dirty.remove(key);
            if (!e.isOpen()) {
                entries.remove(key);
            }
        }
    }

    /** Alerts tracked (firing, or ended and not yet acknowledged). */
    public int size() {
        return entries.size();
    }

    /** Alerts whose current state Alertmanager has not acknowledged. */
    public int pending() {
        return dirty.size();
    }

    /** Alerts firing. */
    public int firing() {
        return openByDedupKey.size();
    }

    /** A copy of the state, for a checkpoint. */
    public List<AlertmanagerEntry> snapshot() {
        List<AlertmanagerEntry> copy = new ArrayList<>(entries.size());
        for (AlertmanagerEntry e : entries.values()) {
            copy.add(e.copy());
        }
        return copy;
    }
}
