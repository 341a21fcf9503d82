package io.ticketpulse.schema;

import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code sla-alert} v1 record (see {@code schemas/sla-alert.schema.json}): one state change of one alert.
 *
 * <p>An alert is identified by {@code dedupKey} (= {@code alertId}): for a ticket metric
 * {@code ticket_id/sla_metric/life/cycle/policy_id@policy_version} (life: the event time of the CREATED
 * that started the ticket's life, RFC 3339 UTC with milliseconds, so a ticket id reused for a new life never
 * repeats a key; a pattern alert has the same shape), for an aggregate alert
 * {@code aggregate/metric/channel/priority/policy_id@policy_version}, for a volatility alert
 * {@code volatility/metric/<KPI group key>@policy_version}. Over its life it goes through a few
 * states ({@code firing} warning, {@code firing} breach at each severity, {@code resolved}); a record is written
 * for each state change and never twice for the same state. Times are epoch milliseconds here and RFC 3339 UTC
 * on the wire; {@code null} where a field does not apply. Flink POJO.
 */
public class SlaAlert {

    public String alertId;
    public String dedupKey;
    /** {@code firing} or {@code resolved}. */
    public String status;
    /** {@code warning}, {@code breach}, {@code aggregate} or {@code volatility}. */
    public String kind;
    /** {@code warning}, {@code yellow}, {@code orange} or {@code red}. */
    public String severity;
    /** {@code assignment}, {@code first_response}, {@code resolution}, {@code next_response}; aggregate: {@code frt_p90}, {@code mttr_mean}, {@code wait_timeout_rate}. */
    public String slaMetric;
    /** The ticket; null for aggregate alerts. */
    public String ticketId;
    public String channel;
    public String priority;
    /**
     * Whether {@code priority} was derived from the ticket's attributes (its CREATED carried none and no
     * PRIORITY_CHANGED came before {@code changedAtMs}); false for aggregate alerts.
     */
    public boolean priorityDerived;
    public String team;
    /** Volatility alerts: the grouping set of the KPI rows ({@code channel_priority} for the default family). */
    public String groupingSet;
    /** Volatility alerts: the names of the rows' dimensions, in order; null for other kinds. */
    public String[] dimensionNames;
    /** Volatility alerts: the rows' dimension values (null: unknown, {@code other}: folded); null for other kinds. */
    public String[] dimensionValues;
    public String policyId;
    public int policyVersion;
    /** Resolution cycle (1 + reopens before it), next-response episode number, or 1; 0 for aggregate alerts. */
    public int cycle;
    public double targetS;
    /** When the metric's clock started (ticket alerts); the window start (aggregate alerts). */
    public Long startedAtMs;
    /** start + target + paused time; null for aggregate alerts. */
    public Long deadlineAtMs;
    /** When the breach began (the deadline, or a re-targeting instant); null while only a warning. */
    public Long breachedAtMs;
    /** Event-time instant of this state change (Alertmanager startsAt / endsAt). */
    public long changedAtMs;
    /** Clock time counted against the target at {@code changedAtMs} (pauses excluded); aggregate: the measured value. */
    public double elapsedS;
    public double pausedS;
    /** (elapsed - target) / target * 100; negative while within target. */
    public double overrunPct;
    /** Why a resolved alert ended: {@code fulfilled}, {@code cancelled}, {@code retargeted}, {@code recovered}, {@code test_ticket}, {@code retracted}; null while firing. */
    public String resolveReason;
    /** The business-hours calendar the metric counts; null for calendar time (and aggregate, volatility alerts). */
    public String calendarId;
    /** Business time counted at {@code changedAtMs} (= {@code elapsedS}) when {@code calendarId} is set, else null. */
    public Double businessElapsedS;
    /** Wall-clock time since the start, pauses excluded, when {@code calendarId} is set, else null. */
    public Double calendarElapsedS;
    /** Processing time when the record was emitted; the only field that differs between replays. */
    public long detectedAtMs;
    public String summary;

    public SlaAlert() {}

    public boolean isFiring() {
        return "firing".equals(status);
    }

    /** Equality of everything but {@code detectedAtMs} (processing time). */
    public boolean sameAs(SlaAlert o) {
        return o != null
                && policyVersion == o.policyVersion
                && cycle == o.cycle
                && priorityDerived == o.priorityDerived
                && Double.compare(targetS, o.targetS) == 0
                && changedAtMs == o.changedAtMs
                && Double.compare(elapsedS, o.elapsedS) == 0
                && Double.compare(pausedS, o.pausedS) == 0
                && Double.compare(overrunPct, o.overrunPct) == 0
                && Objects.equals(alertId, o.alertId)
                && Objects.equals(dedupKey, o.dedupKey)
                && Objects.equals(status, o.status)
                && Objects.equals(kind, o.kind)
                && Objects.equals(severity, o.severity)
                && Objects.equals(slaMetric, o.slaMetric)
                && Objects.equals(ticketId, o.ticketId)
                && Objects.equals(channel, o.channel)
                && Objects.equals(priority, o.priority)
                && Objects.equals(team, o.team)
                && Objects.equals(groupingSet, o.groupingSet)
                && Arrays.equals(dimensionNames, o.dimensionNames)
                && Arrays.equals(dimensionValues, o.dimensionValues)
                && Objects.equals(policyId, o.policyId)
                && Objects.equals(startedAtMs, o.startedAtMs)
                && Objects.equals(deadlineAtMs, o.deadlineAtMs)
                && Objects.equals(breachedAtMs, o.breachedAtMs)
                && Objects.equals(resolveReason, o.resolveReason)
                && Objects.equals(calendarId, o.calendarId)
                && Objects.equals(businessElapsedS, o.businessElapsedS)
                && Objects.equals(calendarElapsedS, o.calendarElapsedS)
                && Objects.equals(summary, o.summary);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaAlert other && sameAs(other) && detectedAtMs == other.detectedAtMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dedupKey, status, kind, severity, changedAtMs);
    }

    @Override
    public String toString() {
        return "SlaAlert{" + dedupKey + ' ' + status + ' ' + kind + ' ' + severity + " at " + changedAtMs
                + (resolveReason == null ? "" : " (" + resolveReason + ')') + '}';
    }
}
