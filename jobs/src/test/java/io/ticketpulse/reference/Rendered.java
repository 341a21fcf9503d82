package io.ticketpulse.reference;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FactType;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;

/**
 * One-line renderings of the engine's outputs with instants relative to T0, complete enough that two records with
 * equal renderings are equal ({@link Fact#equals} plus the sign; {@link SlaAlert#equals}; a dead letter's reason
 * code, ticket and event id, which is what the contract fixes).
 */
public final class Rendered {

    private Rendered() {}

    public static String fact(Fact f) {
        return (f.sign < 0 ? "-" : "+") + f.type + ' ' + Times.at(f.timeMs) + ' ' + f.ticketId + ' ' + f.channel + '/'
                + f.priority
                + switch (f.type) {
                    case FIRST_RESPONSE -> " frt=" + Times.span(f.valueMs);
                    case WAIT_DECIDED -> f.flag ? " timeout" : " in-time";
                    case RESOLVED -> " ttr=" + Times.span(f.valueMs) + (f.flag ? " one-touch" : "");
                    case BACKLOG -> " delta=" + f.delta;
                    case RATED -> " csat=" + f.csat + ' ' + f.frtBucket;
                    case HANDLING_TIME -> " aht=" + Times.span(f.valueMs);
                    case CREATED -> f.flag ? " priority-derived" : "";
                    default -> "";
                }
                // fields the type does not use, only when set (they take part in equality)
                + (f.type != FactType.FIRST_RESPONSE && f.type != FactType.RESOLVED
                        && f.type != FactType.HANDLING_TIME && f.valueMs != 0 ? " value=" + f.valueMs : "")
                + (f.type != FactType.BACKLOG && f.delta != 0 ? " delta=" + f.delta : "")
                + (f.type != FactType.WAIT_DECIDED && f.type != FactType.RESOLVED && f.type != FactType.CREATED
                        && f.flag ? " flag" : "")
                + (f.type != FactType.RATED && (f.csat != 0 || f.frtBucket != null)
                        ? " csat=" + f.csat + ' ' + f.frtBucket : "");
    }

    /** The alert's state and time, e.g. {@code T1/first_response/1/p1-urgent@1 firing breach yellow @+0:03:18}. */
    public static String alertShort(SlaAlert a) {
        return a.dedupKey + ' ' + a.status + ' ' + a.kind + ' ' + a.severity + ' ' + Times.at(a.changedAtMs)
                + (a.resolveReason == null ? "" : " (" + a.resolveReason + ')');
    }

    /** Every field of the record (all that {@link SlaAlert#equals} compares). */
    public static String alert(SlaAlert a) {
        return alertShort(a) + " | id=" + a.alertId + " metric=" + a.slaMetric + " ticket=" + a.ticketId + " channel="
                + a.channel + " priority=" + a.priority + " team=" + a.team + " policy=" + a.policyId + '@'
                + a.policyVersion + " cycle=" + a.cycle + " target=" + a.targetS + "s started="
                + (a.startedAtMs == null ? "null" : Times.at(a.startedAtMs)) + " deadline="
                + (a.deadlineAtMs == null ? "null" : Times.at(a.deadlineAtMs)) + " breached="
                + (a.breachedAtMs == null ? "null" : Times.at(a.breachedAtMs)) + " elapsed=" + a.elapsedS
                + "s paused=" + a.pausedS + "s overrun=" + a.overrunPct + "% detected=" + Times.at(a.detectedAtMs)
                + (a.priorityDerived ? " priority-derived" : "") + " summary=" + a.summary;
    }

    public static String deadLetter(DeadLetter d) {
        return d.reasonCode + " " + d.ticketId + ' ' + d.eventId;
    }
}
