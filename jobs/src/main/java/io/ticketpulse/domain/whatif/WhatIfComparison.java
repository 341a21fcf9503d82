package io.ticketpulse.domain.whatif;

import io.ticketpulse.domain.NearestRank;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaMetric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The comparison of a history evaluated under the current and a candidate policy file ({@link WhatIfEvaluation}):
 * per channel × priority × metric (and per metric over all channels and priorities) the statistics of each side,
 * and the metrics whose outcome or most urgent alert state differs. Pure; the order of everything is fixed
 * (groups by channel, priority, metric with the totals last; changes by ticket id, metric, cycle).
 */
public final class WhatIfComparison {

    /**
     * The statistics of one group under one policy file.
     *
     * @param met metrics fulfilled within the target
     * @param breached metrics that reached the target
     * @param cancelled metrics ended neither fulfilled nor breached ({@link Outcome#CANCELLED})
     * @param open metrics still running unbreached at the end of the history
     * @param attainmentPct met / (met + breached) × 100, rounded to 2 decimals; null when both are 0
     * @param warnings firing warning records (before the deadline)
     * @param pages firing breach records by severity ({@code warning}: at the target, then the tiers), every
     *     severity present
     * @param overrunP50Ms median (nearest rank) overrun of the breached metrics; null without breaches
     * @param overrunP90Ms 90th percentile (nearest rank) overrun of the breached metrics; null without breaches
     */
    public record Stats(
            int met,
            int breached,
            int cancelled,
            int open,
            Double attainmentPct,
            int warnings,
            Map<Severity, Integer> pages,
            Long overrunP50Ms,
            Long overrunP90Ms) {

        public Stats {
            pages = Collections.unmodifiableMap(new EnumMap<>(pages));
        }

        static Stats of(List<MetricResult> results) {
            int met = 0;
            int breached = 0;
            int cancelled = 0;
            int open = 0;
            int warnings = 0;
            Map<Severity, Integer> pages = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                pages.put(s, 0);
            }
            List<Long> overruns = new ArrayList<>();
            for (MetricResult r : results) {
                switch (r.outcome()) {
                    case MET -> met++;
                    case BREACHED -> {
                        breached++;
                        overruns.add(r.overrunMs());
                    }
                    case CANCELLED -> cancelled++;
                    case OPEN -> open++;
                    case UNTRACKED -> {
                        // not a result of this side
                    }
                }
                for (Reached a : r.alerts()) {
                    Severity s = switch (a) {
                        case WARNING, NONE -> null;
                        case BREACH -> Severity.WARNING;
                        case YELLOW -> Severity.YELLOW;
                        case ORANGE -> Severity.ORANGE;
                        case RED -> Severity.RED;
                    };
                    if (a == Reached.WARNING) {
                        warnings++;
                    } else if (s != null) {
                        pages.merge(s, 1, Integer::sum);
                    }
                }
            }
            Double attainment = met + breached == 0 ? null : Math.round(met * 10000.0 / (met + breached)) / 100.0;
            Collections.sort(overruns);
            Long p50 = overruns.isEmpty() ? null : overruns.get((int) NearestRank.rank(50, overruns.size()) - 1);
            Long p90 = overruns.isEmpty() ? null : overruns.get((int) NearestRank.rank(90, overruns.size()) - 1);
            return new Stats(met, breached, cancelled, open, attainment, warnings, pages, p50, p90);
        }
    }

    /** One group: channel and priority null for the totals of a metric over all channels and priorities. */
    public record Group(String channel, String priority, SlaMetric metric, Stats current, Stats candidate) {}

    /**
     * A metric whose outcome or most urgent alert state differs between the two files; a side is
     * {@link Outcome#UNTRACKED} (with a null policy) when that file does not track the metric.
     */
    public record Change(MetricResult current, MetricResult candidate) {

        public String ticketId() {
            return either().ticketId();
        }

        public long lifeStartMs() {
            return either().lifeStartMs();
        }

        public SlaMetric metric() {
            return either().metric();
        }

        public int cycle() {
            return either().cycle();
        }

        private MetricResult either() {
            return current.outcome() != Outcome.UNTRACKED ? current : candidate;
        }
    }

    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());
    private static final Comparator<List<Object>> GROUP_ORDER = Comparator
            .comparing((List<Object> k) -> (String) k.get(0), NULLS_LAST)
            .thenComparing(k -> (String) k.get(1), NULLS_LAST)
            .thenComparing(k -> (SlaMetric) k.get(2));

    private final List<Group> groups;
    private final List<Change> changes;

    private WhatIfComparison(List<Group> groups, List<Change> changes) {
        this.groups = groups;
        this.changes = changes;
    }

    public static WhatIfComparison of(List<MetricResult> current, List<MetricResult> candidate) {
        Map<List<Object>, List<MetricResult>> currentGroups = grouped(current);
        Map<List<Object>, List<MetricResult>> candidateGroups = grouped(candidate);
        TreeMap<List<Object>, Boolean> keys = new TreeMap<>(GROUP_ORDER);
        currentGroups.keySet().forEach(k -> keys.put(k, true));
        candidateGroups.keySet().forEach(k -> keys.put(k, true));
        List<Group> groups = new ArrayList<>();
        for (List<Object> k : keys.keySet()) {
            groups.add(new Group((String) k.get(0), (String) k.get(1), (SlaMetric) k.get(2),
                    Stats.of(currentGroups.getOrDefault(k, List.of())),
                    Stats.of(candidateGroups.getOrDefault(k, List.of()))));
        }
        return new WhatIfComparison(groups, changes(current, candidate));
    }

    private static Map<List<Object>, List<MetricResult>> grouped(List<MetricResult> results) {
        Map<List<Object>, List<MetricResult>> groups = new LinkedHashMap<>();
        for (MetricResult r : results) {
            groups.computeIfAbsent(key(r.channel(), r.priority(), r.metric()), k -> new ArrayList<>()).add(r);
            groups.computeIfAbsent(key(null, null, r.metric()), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static List<Object> key(String channel, String priority, SlaMetric metric) {
        List<Object> k = new ArrayList<>(3);
        k.add(channel);
        k.add(priority);
        k.add(metric);
        return k;
    }

    private static List<Change> changes(List<MetricResult> current, List<MetricResult> candidate) {
        Map<String, MetricResult> cur = byKey(current);
        Map<String, MetricResult> cand = byKey(candidate);
        TreeMap<String, Boolean> keys = new TreeMap<>();
        cur.keySet().forEach(k -> keys.put(k, true));
        cand.keySet().forEach(k -> keys.put(k, true));
        List<Change> changes = new ArrayList<>();
        for (String k : keys.keySet()) {
            MetricResult a = cur.get(k);
            MetricResult b = cand.get(k);
            a = a == null ? untracked(b) : a;
            b = b == null ? untracked(a) : b;
            if (a.outcome() != b.outcome() || a.reached() != b.reached()) {
                changes.add(new Change(a, b));
            }
        }
        changes.sort(Comparator.comparing(Change::ticketId).thenComparingLong(Change::lifeStartMs)
                .thenComparing(Change::metric)
                .thenComparingInt(Change::cycle));
        return changes;
    }

    private static Map<String, MetricResult> byKey(List<MetricResult> results) {
        Map<String, MetricResult> m = new LinkedHashMap<>();
        for (MetricResult r : results) {
            m.put(r.key(), r);
        }
        return m;
    }

    private static MetricResult untracked(MetricResult other) {
        return new MetricResult(other.ticketId(), other.lifeStartMs(), other.channel(), other.priority(),
                other.metric(), other.cycle(), null, Outcome.UNTRACKED, null, List.of());
    }

    /** The groups: by channel, priority, metric; each metric's totals (null channel and priority) after them. */
    public List<Group> groups() {
        return groups;
    }

    /** The metrics whose outcome or most urgent alert state differs, by ticket id, metric, cycle. */
    public List<Change> changes() {
        return changes;
    }

    /** Whether the two files give the same result for every metric. */
    public boolean same() {
        return changes.isEmpty() && groups.stream().allMatch(g -> Objects.equals(g.current(), g.candidate()));
    }
}
