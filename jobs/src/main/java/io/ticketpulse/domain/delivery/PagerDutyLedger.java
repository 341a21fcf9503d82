package io.ticketpulse.domain.delivery;

import io.ticketpulse.schema.SlaAlert;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What PagerDuty must be told, one event at a time, per alert ({@code dedup_key}): its latest committed record
 * against the last event sent for it. Plain Java, single-threaded.
 *
 * <ul>
 *   <li>Firing: a {@code trigger} when the alert's state ({@code kind}/{@code severity}) differs from the last
 *       trigger sent, so escalations update the same PagerDuty alert; states passed while an earlier event was
 *       waiting are skipped (only the latest is sent).
 *   <li>Resolved: a {@code resolve} if a trigger was sent (or may have been: sent, not acknowledged); if none was,
 *       nothing is sent and the alert is forgotten ({@link #coalesced()}): it never paged, so nothing to resolve.
 *   <li>An event not acknowledged (PagerDuty down, throttled, or the job restarted before the answer) is sent
 *       again; one acknowledged is never sent again for the same state, also after a restore.
 *   <li>At most {@code capacity} alerts are tracked; a new alert beyond that is dropped ({@link Applied#DROPPED}).
 * </ul>
 */
public final class PagerDutyLedger {

    /** What {@link #apply} did with a record. */
    public enum Applied {
        TRACKED,
        /** A new alert while {@code capacity} alerts are tracked: not delivered. */
        DROPPED,
        /** A resolve of an alert that was never triggered: nothing to send. */
        IGNORED
    }

    private static final String RESOLVE = "resolve";

    private final int capacity;
    private final LinkedHashMap<String, PagerDutyEntry> entries = new LinkedHashMap<>();
    /** Alerts that may have an event to send, oldest change first. */
    private final LinkedHashSet<String> queue = new LinkedHashSet<>();
    private long coalesced;

    public PagerDutyLedger(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A ledger holding a snapshot's entries; unacknowledged events are sent again. */
    public static PagerDutyLedger restore(int capacity, Iterable<PagerDutyEntry> snapshot) {
        PagerDutyLedger ledger = new PagerDutyLedger(capacity);
        for (PagerDutyEntry e : snapshot) {
            ledger.entries.put(e.alert.dedupKey, e.copy());
            ledger.queue.add(e.alert.dedupKey);
        }
        return ledger;
    }

    /** {@code trigger:<kind>/<severity>}: the state a trigger event reports. */
    static String triggerIdentity(SlaAlert a) {
        return "trigger:" + a.kind + '/' + a.severity;
    }

    /** Applies one committed record (records of one dedup_key in their order). */
    public Applied apply(SlaAlert r) {
        PagerDutyEntry e = entries.get(r.dedupKey);
        if (e == null) {
            if (!r.isFiring()) {
                return Applied.IGNORED;
            }
            if (entries.size() >= capacity) {
                return Applied.DROPPED;
            }
            e = new PagerDutyEntry();
            entries.put(r.dedupKey, e);
        }
        e.alert = r;
        queue.add(r.dedupKey);
        return Applied.TRACKED;
    }

    /** The next event to send, oldest change first, or null when PagerDuty knows every current state. */
    public PagerDutyEvent next() {
        Iterator<String> it = queue.iterator();
        while (it.hasNext()) {
            String key = it.next();
            PagerDutyEntry e = entries.get(key);
            PagerDutyEvent event = e == null ? null : due(key, e);
            if (event != null) {
                return event;
            }
            it.remove();
        }
        return null;
    }

    private PagerDutyEvent due(String key, PagerDutyEntry e) {
        if (e.alert.isFiring()) {
            String want = triggerIdentity(e.alert);
            return want.equals(e.sent) && e.confirmed ? null : new PagerDutyEvent("trigger", e.alert, want);
        }
        if (e.sent == null) {
            // resolved before any trigger went out: it never paged
            entries.remove(key);
            coalesced++;
            return null;
        }
        if (RESOLVE.equals(e.sent) && e.confirmed) {
            entries.remove(key);
            return null;
        }
        return new PagerDutyEvent(RESOLVE, e.alert, RESOLVE);
    }

    /** The event is being sent: from now on PagerDuty may know it. */
    public void sending(PagerDutyEvent event) {
        PagerDutyEntry e = entries.get(event.alert().dedupKey);
        if (e != null) {
            e.sent = event.identity();
            e.confirmed = false;
        }
    }

    /**
     * PagerDuty answered the event for good: accepted it (202), or refused it as invalid (400, which sending again
     * would not change). A resolved alert whose resolve this was is forgotten.
     */
    public void done(PagerDutyEvent event) {
        String key = event.alert().dedupKey;
        PagerDutyEntry e = entries.get(key);
        if (e == null || !event.identity().equals(e.sent)) {
            return;
        }
        e.confirmed = true;
        if (!e.alert.isFiring() && RESOLVE.equals(e.sent)) {
            entries.remove(key);
            queue.remove(key);
        }
    }

    /** Alerts tracked. */
    public int size() {
        return entries.size();
    }

    /** Alerts that may have an event to send. */
    public int pending() {
        return queue.size();
    }

    /** Alerts resolved before a trigger was sent for them, so never sent at all. */
    public long coalesced() {
        return coalesced;
    }

    /** A copy of the state, for a checkpoint. */
    public List<PagerDutyEntry> snapshot() {
        List<PagerDutyEntry> copy = new ArrayList<>(entries.size());
        for (PagerDutyEntry e : entries.values()) {
            copy.add(e.copy());
        }
        return copy;
    }
}
