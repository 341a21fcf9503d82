package io.ticketpulse.domain.sla;

import io.ticketpulse.domain.PrintableText;
import io.ticketpulse.schema.SlaAlert;

/**
 * The human text of an alert record, e.g. {@code first_response breached on T-42 (P1 chat): 3m12s elapsed of 3m
 * target, 7% over} ({@code (P3 email, derived priority)} when the priority was derived). Deterministic: a function of the record's fields only. Input text (ticket id, priority,
 * channel) is escaped with {@link PrintableText#escape}, so nothing unprintable reaches a pager or a terminal.
 */
public final class AlertSummary {

    private AlertSummary() {}

    public static String of(SlaAlert a) {
        StringBuilder s = new StringBuilder(a.slaMetric);
        if (a.cycle > 1) {
            s.append(" #").append(a.cycle);
        }
        s.append(' ');
        if (AlertLevels.RESOLVED.equals(a.status)) {
            s.append("resolved (").append(a.resolveReason).append(')');
        } else if (AlertLevels.BREACH.equals(a.kind)) {
            s.append("breached");
            if (!Severity.WARNING.wireName().equals(a.severity)) {
                s.append(" (").append(a.severity).append(')');
            }
        } else {
            s.append("warning");
        }
        s.append(" on ").append(PrintableText.escape(a.ticketId)).append(" (").append(PrintableText.escape(a.priority))
                .append(' ').append(PrintableText.escape(a.channel)).append(a.priorityDerived ? ", derived priority" : "")
                .append("): ");
        s.append(duration(Math.round(a.elapsedS * 1000))).append(" elapsed of ")
                .append(duration(Math.round(a.targetS * 1000))).append(" target, ");
        if (a.overrunPct >= 0) {
            s.append(Math.round(a.overrunPct)).append("% over");
        } else {
            s.append(Math.round(100 + a.overrunPct)).append("% used");
        }
        if (a.pausedS > 0) {
            s.append(", ").append(duration(Math.round(a.pausedS * 1000))).append(" paused");
        }
        return s.toString();
    }

    /** {@code 3m12s}, {@code 2h}, {@code 1d2h}; whole seconds (truncated), {@code 0s} for nothing. */
    static String duration(long ms) {
        long totalS = Math.max(0, ms) / 1000;
        long d = totalS / 86_400;
        long h = totalS % 86_400 / 3_600;
        long m = totalS % 3_600 / 60;
        long sec = totalS % 60;
        StringBuilder b = new StringBuilder();
        if (d > 0) {
            b.append(d).append('d');
        }
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (sec > 0 || b.length() == 0) {
            b.append(sec).append('s');
        }
        return b.toString();
    }
}
