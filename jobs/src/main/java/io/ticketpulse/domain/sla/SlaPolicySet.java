package io.ticketpulse.domain.sla;

import io.ticketpulse.domain.kpi.KpiSettings;
import io.ticketpulse.domain.pattern.PatternRules;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole {@code sla-policy} v1 file: ordered policies (first match wins), the file's {@code version} (carried
 * by every alert as {@code policy_version}), aggregate-alert rules, how a priority is derived for a ticket created
 * without one, the KPI grouping sets and volatility alerts ({@code kpis}), the risk patterns ({@code patterns}), and
 * where it was read from (for messages).
 */
public record SlaPolicySet(String source, int version, List<SlaPolicy> policies, AggregateRules aggregates,
        PriorityDerivation priorityDerivation, KpiSettings kpis, PatternRules patterns) implements Serializable {

    public SlaPolicySet {
        policies = List.copyOf(policies);
        if (priorityDerivation == null) {
            priorityDerivation = PriorityDerivation.DEFAULT;
        }
        kpis = kpis == null ? KpiSettings.DEFAULT : kpis;
        patterns = patterns == null ? PatternRules.NONE : patterns;
    }

    /** A policy set without a {@code patterns} section ({@link PatternRules#NONE}). */
    public SlaPolicySet(String source, int version, List<SlaPolicy> policies, AggregateRules aggregates,
            PriorityDerivation priorityDerivation, KpiSettings kpis) {
        this(source, version, policies, aggregates, priorityDerivation, kpis, PatternRules.NONE);
    }

    /** A policy set with the default priority derivation and without a {@code kpis} section. */
    public SlaPolicySet(String source, int version, List<SlaPolicy> policies, AggregateRules aggregates) {
        this(source, version, policies, aggregates, PriorityDerivation.DEFAULT, KpiSettings.DEFAULT);
    }

    /** A policy set without a {@code kpis} section ({@link KpiSettings#DEFAULT}). */
    public SlaPolicySet(String source, int version, List<SlaPolicy> policies, AggregateRules aggregates,
            PriorityDerivation priorityDerivation) {
        this(source, version, policies, aggregates, priorityDerivation, KpiSettings.DEFAULT);
    }

    /** A policy set with the default priority derivation ({@link PriorityDerivation#DEFAULT}). */
    public SlaPolicySet(String source, int version, List<SlaPolicy> policies, AggregateRules aggregates,
            KpiSettings kpis) {
        this(source, version, policies, aggregates, PriorityDerivation.DEFAULT, kpis);
    }

    /** The first policy matching the ticket, if any. */
    public Optional<SlaPolicy> match(String channel, String priority, String team, Map<String, String> attributes) {
        for (SlaPolicy p : policies) {
            if (p.match().matches(channel, priority, team, attributes)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The policy with this id, or null (a policy id kept in state that this file no longer has). */
    public SlaPolicy byId(String id) {
        for (SlaPolicy p : policies) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }
}
