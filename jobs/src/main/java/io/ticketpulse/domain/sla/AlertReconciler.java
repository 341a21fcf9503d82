package io.ticketpulse.domain.sla;

import io.ticketpulse.schema.SlaAlert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Decides which alert records to emit now, given what the ticket's events derive up to the clock and what was
 * emitted so far. Idempotent: called again with the updated last-emitted records it emits nothing.
 *
 * <ol>
 *   <li>for each key, in derived order, the derived records after the last emitted one of the key (by
 *       changedAtMs), skipping any in the same (status, kind, severity) as the previous one emitted for the key;
 *   <li>then, for each key whose current derived state (its last derived record) differs in (status, kind,
 *       severity) from its last emitted one (a late event changed history), that current record, as a correction;
 *   <li>then, for each key emitted, still firing and no longer derived at all, a resolved copy of its last
 *       emitted record with reason {@code test_ticket} (test ticket) or {@code retracted}, at the clock.
 * </ol>
 */
public final class AlertReconciler {

    public static final String RETRACTED = "retracted";
    public static final String TEST_TICKET = "test_ticket";

    private AlertReconciler() {}

    /**
     * What to emit now. derived = SlaTimeline.project(...) filtered to changedAtMs &lt;= clockMs; lastEmitted = the
     * last record emitted per dedupKey so far (empty map at first). Returns the records to emit, in order; the
     * caller then stores each as the new lastEmitted of its key. A key that disappeared is resolved as
     * {@code retracted}; use {@link #toEmit(List, Map, long, boolean)} to say the ticket became a test ticket.
     */
    public static List<SlaAlert> toEmit(List<SlaAlert> derived, Map<String, SlaAlert> lastEmitted, long clockMs) {
        return toEmit(derived, lastEmitted, clockMs, false);
    }

    /** {@link #toEmit(List, Map, long)}, with vanished keys resolved as {@code test_ticket} when {@code testTicket}. */
    public static List<SlaAlert> toEmit(
            List<SlaAlert> derived, Map<String, SlaAlert> lastEmitted, long clockMs, boolean testTicket) {
        List<SlaAlert> emit = new ArrayList<>();
        Map<String, SlaAlert> previous = new LinkedHashMap<>();
        Map<String, SlaAlert> current = new LinkedHashMap<>();
        for (SlaAlert r : derived) {
            if (r.changedAtMs > clockMs) {
                continue;
            }
            current.put(r.dedupKey, r);
            SlaAlert prev = previous.containsKey(r.dedupKey) ? previous.get(r.dedupKey) : lastEmitted.get(r.dedupKey);
            SlaAlert last = lastEmitted.get(r.dedupKey);
            if (last != null && r.changedAtMs <= last.changedAtMs) {
                continue;
            }
            if (prev != null && sameState(prev, r)) {
                continue;
            }
            emit.add(r);
            previous.put(r.dedupKey, r);
        }
        for (Map.Entry<String, SlaAlert> e : current.entrySet()) {
            SlaAlert prev = previous.containsKey(e.getKey()) ? previous.get(e.getKey()) : lastEmitted.get(e.getKey());
            if (prev != null && !sameState(prev, e.getValue())) {
                emit.add(e.getValue());
            }
        }
        for (Map.Entry<String, SlaAlert> e : new TreeMap<>(lastEmitted).entrySet()) {
            SlaAlert last = e.getValue();
            if (last.isFiring() && !current.containsKey(e.getKey())) {
                emit.add(resolvedCopy(last, testTicket ? TEST_TICKET : RETRACTED, clockMs));
            }
        }
        return emit;
    }

    /**
     * The smallest changedAtMs after {@code clockMs} among the projected records (when to look again), or
     * {@code Long.MAX_VALUE} for none.
     */
    public static long nextChangeAfter(List<SlaAlert> projected, long clockMs) {
        long next = Long.MAX_VALUE;
        for (SlaAlert r : projected) {
            if (r.changedAtMs > clockMs && r.changedAtMs < next) {
                next = r.changedAtMs;
            }
        }
        return next;
    }

    /**
     * Whether, from the projection alone, the ticket's alerts are over at the clock: nothing projected after it
     * and every projected alert's last record resolved. It cannot see a metric that is running without a record
     * yet (e.g. paused, or untracked); {@link SlaTimeline#allEnded} can.
     */
    public static boolean allEnded(List<SlaAlert> projected, long clockMs) {
        Map<String, SlaAlert> last = new LinkedHashMap<>();
        for (SlaAlert r : projected) {
            if (r.changedAtMs > clockMs) {
                return false;
            }
            last.put(r.dedupKey, r);
        }
        for (SlaAlert r : last.values()) {
            if (r.isFiring()) {
                return false;
            }
        }
        return true;
    }

    static boolean sameState(SlaAlert a, SlaAlert b) {
        return Objects.equals(a.status, b.status) && Objects.equals(a.kind, b.kind)
                && Objects.equals(a.severity, b.severity);
    }

    private static SlaAlert resolvedCopy(SlaAlert from, String reason, long atMs) {
        SlaAlert a = new SlaAlert();
        a.alertId = from.alertId;
        a.dedupKey = from.dedupKey;
        a.status = AlertLevels.RESOLVED;
        a.kind = from.kind;
        a.severity = from.severity;
        a.slaMetric = from.slaMetric;
        a.ticketId = from.ticketId;
        a.channel = from.channel;
        a.priority = from.priority;
        a.priorityDerived = from.priorityDerived;
        a.team = from.team;
        a.policyId = from.policyId;
        a.policyVersion = from.policyVersion;
        a.cycle = from.cycle;
        a.targetS = from.targetS;
        a.startedAtMs = from.startedAtMs;
        a.deadlineAtMs = from.deadlineAtMs;
        a.breachedAtMs = from.breachedAtMs;
        a.changedAtMs = atMs;
        a.elapsedS = from.elapsedS;
        a.pausedS = from.pausedS;
        a.overrunPct = from.overrunPct;
        a.resolveReason = reason;
        a.detectedAtMs = 0;
        a.summary = AlertSummary.of(a);
        return a;
    }
}
