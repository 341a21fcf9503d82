package io.ticketpulse.domain.sla;

import io.ticketpulse.domain.sla.AlertLevels.Level;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a ticket's alerts are attributed to at an instant: creation channel and attributes, the priority in force
 * (latest {@code PRIORITY_CHANGED} at or before, else the creation priority, derived from the creation attributes
 * when the CREATED has none), the team (latest non-null team at or before), hence the matched policy. Builds the
 * alert records.
 */
final class TicketContext {

    private static final DateTimeFormatter LIFE_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final String ticketId;
    /** The life: the creation instant, as the contract writes it (RFC 3339, UTC, milliseconds). */
    private final String life;
    private final String channel;
    private final Map<String, String> attributes;
    private final SlaPolicySet policies;
    private final List<Long> priorityTimes = new ArrayList<>();
    private final List<String> priorities = new ArrayList<>();
    private final List<Boolean> prioritiesDerived = new ArrayList<>();
    private final List<Long> teamTimes = new ArrayList<>();
    private final List<String> teams = new ArrayList<>();

    /** @param ordered the ticket's events in application order, the creation first, times already clamped */
    TicketContext(List<TicketEvent> ordered, List<Long> timesMs, SlaPolicySet policies) {
        TicketEvent created = ordered.get(0);
        this.ticketId = created.ticketId;
        this.life = LIFE_FORMAT.format(Instant.ofEpochMilli(created.occurredAtMs));
        this.channel = created.channel;
        this.attributes = created.attributes;
        this.policies = policies;
        for (int i = 0; i < ordered.size(); i++) {
            TicketEvent e = ordered.get(i);
            long t = timesMs.get(i);
            if (i == 0 && e.priority == null) {
                priorityTimes.add(t);
                priorities.add(policies.priorityDerivation().derive(e.attributes));
                prioritiesDerived.add(true);
            } else if ((i == 0 || e.type == EventType.PRIORITY_CHANGED) && e.priority != null) {
                priorityTimes.add(t);
                priorities.add(e.priority);
                prioritiesDerived.add(false);
            }
            if (e.team != null) {
                teamTimes.add(t);
                teams.add(e.team);
            }
        }
    }

    String priorityAt(long atMs) {
        return latestAtOrBefore(priorityTimes, priorities, atMs);
    }

    boolean priorityDerivedAt(long atMs) {
        boolean derived = false;
        for (int i = 0; i < priorityTimes.size() && priorityTimes.get(i) <= atMs; i++) {
            derived = prioritiesDerived.get(i);
        }
        return derived;
    }

    String teamAt(long atMs) {
        return latestAtOrBefore(teamTimes, teams, atMs);
    }

    /** The policy in force at the instant (first match wins), or null. */
    SlaPolicy policyAt(long atMs) {
        return policies.match(channel, priorityAt(atMs), teamAt(atMs), attributes).orElse(null);
    }

    /**
     * The contract's key: {@code <ticket_id>/<sla_metric>/<life>/<cycle>/<policy_id>@<policy_version>}, the life
     * being the event time of the life's (the projected event set's) first {@code CREATED}, and {@code #<episode>}
     * after it from the metric's second episode under the same policy on (re-targeted away and back).
     */
    String dedupKey(SlaMetric metric, int cycle, SlaPolicy policy, int episode) {
        return ticketId + '/' + metric.wireName() + '/' + life + '/' + cycle + '/' + policy.id() + '@'
                + policies.version() + (episode > 1 ? "#" + episode : "");
    }

    /** The record of {@code m}'s current state at {@code atMs}. */
    SlaAlert record(TrackedMetric m, long atMs, String status, String resolveReason) {
        Level level = m.currentLevel();
        long targetMs = m.targetMs();
        long elapsedMs = m.clock.elapsedAt(atMs);
        long pausedMs = m.clock.pausedAt(atMs);
        SlaAlert a = new SlaAlert();
        a.dedupKey = dedupKey(m.metric, m.cycle, m.policy(), m.episode());
        a.alertId = a.dedupKey;
        a.status = status;
        a.kind = level.kind();
        a.severity = level.severity().wireName();
        a.slaMetric = m.metric.wireName();
        a.ticketId = ticketId;
        a.channel = channel;
        a.priority = priorityAt(atMs);
        a.priorityDerived = priorityDerivedAt(atMs);
        a.team = teamAt(atMs);
        a.policyId = m.policy().id();
        a.policyVersion = policies.version();
        a.cycle = m.cycle;
        a.targetS = targetMs / 1000.0;
        a.startedAtMs = m.clock.startMs();
        a.deadlineAtMs = m.clock.startMs() + targetMs + pausedMs;
        a.breachedAtMs = m.breachedAtMs();
        a.changedAtMs = atMs;
        a.elapsedS = elapsedMs / 1000.0;
        a.pausedS = pausedMs / 1000.0;
        a.overrunPct = AlertLevels.overrunPct(elapsedMs, targetMs);
        a.resolveReason = resolveReason;
        a.detectedAtMs = 0;
        a.summary = AlertSummary.of(a);
        return a;
    }

    private static String latestAtOrBefore(List<Long> times, List<String> values, long atMs) {
        String value = null;
        for (int i = 0; i < times.size() && times.get(i) <= atMs; i++) {
            value = values.get(i);
        }
        return value;
    }
}
