package io.ticketpulse.domain.pattern;

import io.ticketpulse.domain.sla.PriorityDerivation;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.Timestamps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The life of pattern alerts ({@code kind: pattern}) of one ticket, driven in event-time order by the ticket's
 * events and the {@link PatternHit}s CEP found: a hit of a pattern that is not firing fires it (a new episode,
 * its own {@code dedup_key} {@code ticket_id/pattern/life start/episode/patterns@version}, the life start being
 * the CREATED's event time, so a ticket id reused after CLOSED never repeats a key); a hit of a firing pattern changes
 * nothing. An agent reply resolves the firing alerts of the patterns it clears ({@code fulfilled}); the end of the
 * ticket (CLOSED, or the ticket retention after its last event) resolves every firing one ({@code cancelled}).
 */
public final class PatternAlerts {

    /** The {@code policy_id} of pattern alerts: the policy file's {@code patterns} section. */
    public static final String POLICY_ID = "patterns";
    public static final String KIND = "pattern";

    private final PatternRules rules;
    private final int policyVersion;
    private final PriorityDerivation priorityDerivation;

    public PatternAlerts(PatternRules rules, int policyVersion, PriorityDerivation priorityDerivation) {
        this.rules = rules;
        this.policyVersion = policyVersion;
        this.priorityDerivation = priorityDerivation == null ? PriorityDerivation.DEFAULT : priorityDerivation;
    }

    /** Applies one event of the ticket: its attributes, and the alerts it resolves (in pattern order). */
    public List<SlaAlert> onEvent(PatternTicketState s, TicketEvent e) {
        s.lastEventMs = Math.max(s.lastEventMs, e.occurredAtMs);
        if (e.type == EventType.CREATED) {
            if (s.createdAtMs == Long.MIN_VALUE || e.occurredAtMs < s.createdAtMs) {
                s.createdAtMs = e.occurredAtMs;
            }
            s.channel = e.channel;
            if (e.priority != null) {
                s.priority = e.priority;
                s.priorityDerived = false;
            } else {
                s.priority = priorityDerivation.derive(e.attributes);
                s.priorityDerived = true;
            }
        } else if (e.type == EventType.PRIORITY_CHANGED && e.priority != null) {
            s.priority = e.priority;
            s.priorityDerived = false;
        }
        if (e.team != null) {
            s.team = e.team;
        }
        List<SlaAlert> out = new ArrayList<>();
        if (TicketPredicates.endsTicket(e)) {
            out.addAll(resolveAll(s, e.occurredAtMs));
            s.ended = true;
        } else if (TicketPredicates.isAgentReply(e)) {
            for (Iterator<PatternFiring> it = sorted(s).iterator(); it.hasNext(); ) {
                PatternFiring f = it.next();
                if (RiskPattern.fromWireName(f.pattern).clearedByAgentReply()) {
                    out.add(resolved(s, f, e.occurredAtMs, "fulfilled"));
                    s.firing.remove(f);
                }
            }
        }
        return out;
    }

    /**
     * A pattern CEP completed: the firing record, or null when the pattern is already firing for the ticket, is not
     * enabled, or the ticket is unknown here (no CREATED seen: such a ticket raises no alerts, as for the SLA
     * metrics).
     */
    public SlaAlert onHit(PatternTicketState s, PatternHit hit) {
        RiskPattern p = hit.riskPattern();
        PatternRule rule = rules.rule(p);
        if (rule == null || !rule.enabled() || s.channel == null || s.firing(p) != null) {
            return null;
        }
        PatternFiring f = new PatternFiring();
        f.pattern = p.wireName();
        f.episode = ++s.episodes[p.ordinal()];
        f.lifeStartMs = s.createdAtMs;
        f.startedAtMs = hit.startedAtMs;
        f.firedAtMs = hit.completedAtMs;
        f.severity = rule.severity().wireName();
        f.targetS = rule.within().toMillis() / 1000.0;
        s.firing.add(f);
        SlaAlert a = record(s, f, hit.completedAtMs);
        a.status = "firing";
        a.summary = summary(s, p, rule, hit);
        return a;
    }

    /** The ticket ended (its retention passed): every firing alert resolves {@code cancelled} at {@code atMs}. */
    public List<SlaAlert> resolveAll(PatternTicketState s, long atMs) {
        List<SlaAlert> out = new ArrayList<>();
        for (PatternFiring f : sorted(s)) {
            out.add(resolved(s, f, atMs, "cancelled"));
        }
        s.firing.clear();
        return out;
    }

    private static List<PatternFiring> sorted(PatternTicketState s) {
        List<PatternFiring> l = new ArrayList<>(s.firing);
        l.sort((a, b) -> Integer.compare(RiskPattern.fromWireName(a.pattern).ordinal(),
                RiskPattern.fromWireName(b.pattern).ordinal()));
        return l;
    }

    private SlaAlert resolved(PatternTicketState s, PatternFiring f, long atMs, String reason) {
        SlaAlert a = record(s, f, Math.max(atMs, f.firedAtMs));
        a.status = "resolved";
        a.resolveReason = reason;
        RiskPattern p = RiskPattern.fromWireName(f.pattern);
        a.summary = s.priority + " " + s.channel + " ticket " + s.ticketId + ": " + p.words() + " cleared ("
                + ("fulfilled".equals(reason) ? "an agent replied" : "the ticket ended") + ")";
        return a;
    }

    private SlaAlert record(PatternTicketState s, PatternFiring f, long changedAtMs) {
        SlaAlert a = new SlaAlert();
        a.dedupKey = s.ticketId + "/" + f.pattern + "/" + Timestamps.format(f.lifeStartMs) + "/" + f.episode + "/"
                + POLICY_ID + "@" + policyVersion;
        a.alertId = a.dedupKey;
        a.kind = KIND;
        a.severity = f.severity;
        a.slaMetric = f.pattern;
        a.ticketId = s.ticketId;
        a.channel = s.channel;
        a.priority = s.priority;
        a.priorityDerived = s.priorityDerived;
        a.team = s.team;
        a.policyId = POLICY_ID;
        a.policyVersion = policyVersion;
        a.cycle = f.episode;
        a.targetS = f.targetS;
        a.startedAtMs = f.startedAtMs;
        a.deadlineAtMs = f.startedAtMs + Math.round(f.targetS * 1000);
        a.breachedAtMs = f.firedAtMs;
        a.changedAtMs = changedAtMs;
        a.elapsedS = (changedAtMs - f.startedAtMs) / 1000.0;
        a.pausedS = 0;
        a.overrunPct = f.targetS == 0 ? 0 : (a.elapsedS - f.targetS) / f.targetS * 100;
        return a;
    }

    private static String summary(PatternTicketState s, RiskPattern p, PatternRule rule, PatternHit hit) {
        String what = switch (p) {
            case REASSIGNMENT_PING_PONG -> "assigned " + hit.events + " times without an agent reply";
            case CUSTOMER_CHASING -> hit.events + " customer replies in a row without an agent reply";
            case REOPEN_LOOP -> "reopened " + hit.events + " times";
            case SILENT_RESOLUTION -> "resolved without any agent reply";
            case ESCALATION_WITHOUT_RESPONSE -> "escalated and no agent reply";
        };
        return s.priority + " " + s.channel + " ticket " + s.ticketId + ": " + p.words() + " (" + what + " within "
                + format(rule.within()) + ")";
    }

    /** A duration as the policy file writes it: {@code 90m}, {@code 4h}, {@code 7d}. */
    public static String format(java.time.Duration d) {
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }
}
