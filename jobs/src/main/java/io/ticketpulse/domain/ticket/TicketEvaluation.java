package io.ticketpulse.domain.ticket;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FactChangelog;
import io.ticketpulse.domain.sla.AlertReconciler;
import io.ticketpulse.domain.sla.AlertSummary;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One evaluation of a ticket at a watermark and an alert clock: replays its recent events on its folded model,
 * works out what to emit (fact changes against the tentative facts, alert records against what was emitted), and
 * folds what can no longer change. Pure: the caller loads the state, applies the outcome and stores it.
 *
 * <p>Facts at or before the watermark are emitted; alert records at or before the clock. The fold instant never
 * passes the clock (+1), so every record before it has been through the reconciler when it becomes final.
 */
public final class TicketEvaluation {

    private static final Comparator<Fact> FACT_ORDER =
            Comparator.comparingLong((Fact f) -> f.timeMs).thenComparing(f -> f.type);
    private static final Comparator<SlaAlert> RECORD_ORDER =
            Comparator.comparingLong((SlaAlert a) -> a.changedAtMs).thenComparing(a -> a.dedupKey);

    private final List<Fact> factChanges = new ArrayList<>();
    private boolean retractFinalFacts;
    private boolean clearFinalFacts;
    private final List<Fact> newFinalFacts = new ArrayList<>();
    private final List<SlaAlert> alerts = new ArrayList<>();
    private List<TicketEvent> unknownEvents = List.of();
    private long nextFactMs = Long.MAX_VALUE;
    private long nextAlertChangeMs = Long.MAX_VALUE;
    private long nextLifeEndMs = Long.MAX_VALUE;
    private boolean corrections;

    private TicketEvaluation() {}

    /**
     * Evaluates the ticket and updates {@code state} (folded model, buffer, tentative facts, alert marks) in place.
     *
     * @param watermarkMs facts at or before it are emitted
     * @param clockMs alert records at or before it are emitted (ignored without policies)
     * @param foldToMs no event older than this can come any more (at most the clock + 1)
     */
    public static TicketEvaluation run(
            TicketEngine engine, TicketState state, long watermarkMs, long clockMs, long foldToMs) {
        TicketEvaluation ev = new TicketEvaluation();
        long foldTo = Math.max(foldToMs, state.foldedUpToMs());
        // the version the folded records were derived under (a restored model under another one re-matches)
        int foldedVersion = engine.schedule == null ? 0 : engine.schedule.versionAt(state.foldedUpToMs());
        // alert marks restored from a savepoint of a build whose dedup_keys had no life: their alerts resolve
        // (retracted) and the running metrics are matched anew, firing under the current keys at the fold instant
        Set<String> earlierFormat = engine.schedule == null ? Set.of() : earlierKeyFormat(state.alertMarks);
        boolean rematch = state.folded.started && earlierFormat.stream().anyMatch(k -> firing(state, k));
        TicketReplay replay = engine.replay(state.folded, state.buffer, foldTo, clockMs, rematch);
        // a test life's own facts and records are left out by the replay; what it had already emitted is taken
        // back only when it is the folded life (the one whose final facts and alert marks are kept)
        boolean test = replay.retractsKeptFacts();
        long lifeEnded = replay.lifeEndedBeforeFoldAtMs();

        ev.facts(state, replay, test, watermarkMs, foldTo, lifeEnded);
        if (engine.schedule != null) {
            Map<String, AlertMark> marks = new LinkedHashMap<>();
            for (AlertMark mark : state.alertMarks) {
                marks.put(mark.dedupKey(), mark);
            }
            state.alertMarks = ev.alerts(foldedVersion, marks, earlierFormat, replay, test, clockMs, foldTo);
        }
        ev.unknownEvents = replay.unknownEvents();
        ev.nextLifeEndMs = replay.nextLifeEndMs();

        state.folded = replay.folded();
        int keep = 0;
        while (keep < state.buffer.size() && state.buffer.get(keep).occurredAtMs < foldTo) {
            keep++;
        }
        state.buffer = new ArrayList<>(state.buffer.subList(keep, state.buffer.size()));
        return ev;
    }

    private void facts(TicketState state, TicketReplay replay, boolean test, long watermarkMs, long foldTo,
            long lifeEnded) {
        List<Fact> derived = new ArrayList<>();
        for (Fact f : replay.facts()) {
            if (f.timeMs <= watermarkMs) {
                derived.add(f);
            } else if (f.timeMs < nextFactMs) {
                nextFactMs = f.timeMs;
            }
        }
        derived.sort(FACT_ORDER);
        retractFinalFacts = replay.retractsKeptFacts();
        factChanges.addAll(FactChangelog.diff(state.tentative, derived));
        clearFinalFacts = lifeEnded != Long.MIN_VALUE;
        List<Fact> stillTentative = new ArrayList<>();
        for (Fact f : derived) {
            if (f.timeMs >= foldTo) {
                stillTentative.add(f);
            } else if (f.timeMs > lifeEnded) {
                newFinalFacts.add(f);
            }
        }
        state.tentative = stillTentative;
    }

    /**
     * The keys of the marks in the format of the builds before the life was part of a ticket alert's key
     * ({@code ticket_id/sla_metric/cycle/policy_id@version}): none once such alerts have resolved.
     */
    private static Set<String> earlierKeyFormat(List<AlertMark> marks) {
        Set<String> keys = new HashSet<>();
        for (AlertMark mark : marks) {
            SlaAlert a = mark.lastEmitted;
            if (a.dedupKey.equals(a.ticketId + '/' + a.slaMetric + '/' + a.cycle + '/' + a.policyId + '@'
                    + a.policyVersion)) {
                keys.add(a.dedupKey);
            }
        }
        return keys;
    }

    private static boolean firing(TicketState state, String key) {
        for (AlertMark mark : state.alertMarks) {
            if (mark.dedupKey().equals(key)) {
                return mark.lastEmitted.isFiring();
            }
        }
        return false;
    }

    private List<AlertMark> alerts(int version, Map<String, AlertMark> marks, Set<String> earlierFormat,
            TicketReplay replay, boolean test, long clockMs, long foldTo) {
        List<SlaAlert> records = new ArrayList<>(replay.records());
        records.sort(RECORD_ORDER);

        List<SlaAlert> derived = new ArrayList<>();
        Map<String, SlaAlert> lastEmitted = new HashMap<>();
        if (!test) {
            List<Map.Entry<String, AlertMark>> standIns = new ArrayList<>();
            for (Map.Entry<String, AlertMark> e : marks.entrySet()) {
                SlaAlert fin = e.getValue().finalLast;
                if (fin != null && fin.policyVersion == version && !earlierFormat.contains(e.getKey())) {
                    standIns.add(e);
                }
            }
            standIns.sort(Comparator.comparingLong((Map.Entry<String, AlertMark> e) -> e.getValue().firstAtMs)
                    .thenComparing(Map.Entry::getKey));
            for (Map.Entry<String, AlertMark> e : standIns) {
                derived.add(e.getValue().finalLast);
            }
        }
        for (Map.Entry<String, AlertMark> e : marks.entrySet()) {
            lastEmitted.put(e.getKey(), e.getValue().lastEmitted);
        }
        derived.addAll(records);
        nextAlertChangeMs = replay.nextRecordAfterMs();

        for (SlaAlert a : AlertReconciler.toEmit(derived, lastEmitted, clockMs, test)) {
            SlaAlert previous = lastEmitted.get(a.dedupKey);
            if (previous != null && a.changedAtMs < previous.changedAtMs) {
                corrections = true;
            }
            a.summary = AlertSummary.of(a);
            alerts.add(a);
            lastEmitted.put(a.dedupKey, a);
            AlertMark mark = marks.get(a.dedupKey);
            if (mark == null) {
                marks.put(a.dedupKey, new AlertMark(a));
            } else {
                mark.lastEmitted = a;
            }
        }
        for (SlaAlert r : records) {
            AlertMark mark = marks.get(r.dedupKey);
            if (r.changedAtMs < foldTo && mark != null) {
                mark.finalLast = r;
            }
        }
        List<AlertMark> kept = new ArrayList<>();
        for (AlertMark mark : marks.values()) {
            if (mark.lastEmitted.isFiring() || mark.lastEmitted.changedAtMs >= foldTo) {
                kept.add(mark);
            }
        }
        return kept;
    }

    /** The fact changes to emit, in order: retractions, then additions. */
    public List<Fact> factChanges() {
        return factChanges;
    }

    /** Whether every final fact of the ticket must be retracted (it turned out to be a test ticket). */
    public boolean retractFinalFacts() {
        return retractFinalFacts;
    }

    /** Whether the final facts kept so far belong to a life that ended and are to be forgotten. */
    public boolean clearFinalFacts() {
        return clearFinalFacts;
    }

    /** Emitted facts that became final (to keep, for a later test-ticket retraction). */
    public List<Fact> newFinalFacts() {
        return newFinalFacts;
    }

    /** The alert records to emit, in order, with their summary (the caller sets the detection time). */
    public List<SlaAlert> alerts() {
        return alerts;
    }

    /** Whether an emitted record corrects an earlier one (a late event changed history). */
    public boolean hasCorrections() {
        return corrections;
    }

    /** Events of a life without CREATED that ended: to dead-letter as unknown. */
    public List<TicketEvent> unknownEvents() {
        return unknownEvents;
    }

    /** The earliest fact after the watermark ({@code Long.MAX_VALUE}: none). */
    public long nextFactMs() {
        return nextFactMs;
    }

    /** The earliest end of a life at or after the fold instant ({@code Long.MAX_VALUE}: none). */
    public long nextLifeEndMs() {
        return nextLifeEndMs;
    }

    /** The earliest alert change after the clock ({@code Long.MAX_VALUE}: none). */
    public long nextAlertChangeMs() {
        return nextAlertChangeMs;
    }
}
