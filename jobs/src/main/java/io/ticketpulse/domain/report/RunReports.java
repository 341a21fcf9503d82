package io.ticketpulse.domain.report;

import io.ticketpulse.domain.report.RunReport.AlertBucket;
import io.ticketpulse.domain.report.RunReport.Assessment;
import io.ticketpulse.domain.report.RunReport.ChannelFrt;
import io.ticketpulse.domain.report.RunReport.CsatBucket;
import io.ticketpulse.domain.report.RunReport.Period;
import io.ticketpulse.domain.report.RunReport.PolicyCheck;
import io.ticketpulse.domain.report.RunReport.QueueBreaches;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Computes a {@link RunReport} from a run's KPI rows, alert records and dead-letter counts. Plain Java.
 *
 * <p>How window rows become run-level values:
 * <ol>
 *   <li>Of several rows with one upsert key the highest {@code revision} counts (a bounded replay writes one).</li>
 *   <li>Rolling windows overlap (1 h windows every minute count each fact 60 times), so the totals are summed
 *       over the <b>tiling windows</b> only: those whose start is a multiple of the window size since the epoch.
 *       They partition event time, so every fact is in exactly one of them (a window without facts has no row
 *       and adds nothing). With tumbling windows every row tiles.</li>
 *   <li>Counts and rates are exact: a mean is Σ(mean × count) / Σ count, a rate Σ numerator / Σ denominator
 *       ({@link Totals}).</li>
 *   <li>Percentiles are not additive: a run-level percentile is reported as the count-weighted mean of the tiling
 *       windows' percentiles, with their minimum and maximum, between which the exact nearest-rank percentile of
 *       the run lies ({@link Estimate}). CSAT by FRT bucket: rows carry a mean per bucket but no count, so it is
 *       the mean of the windows' bucket means weighted by the window's {@code csat_count} (an estimate too).</li>
 *   <li>Backlog at an instant T: per queue the {@code backlog_open} of its latest row (any window) ending at or
 *       before T, summed (a queue's latest row holds until its next one).</li>
 *   <li>A day or week holds the tiling windows that start in it (UTC; weeks are ISO weeks, Monday first).</li>
 * </ol>
 */
public final class RunReports {

    /** The most queues listed as breaching most. */
    public static final int TOP_QUEUES = 10;

    private RunReports() {}

    /**
     * The report of one run.
     *
     * @param rows            the default (channel, priority) KPI rows, every revision as read
     * @param alerts          the alert records, in any order
     * @param deadLettersByReason dead letters per reason code
     * @param targets         the playbook KPIs' targets
     * @param policies        the SLA policies the run used, for the per-queue targets; null: none
     * @throws IllegalArgumentException when the rows have different window sizes (not one run's)
     */
    public static RunReport compute(Collection<KpiRow> rows, Collection<ReportAlert> alerts,
            Map<String, Long> deadLettersByReason, ReportTargets targets, SlaPolicySet policies) {
        List<KpiRow> latest = latestRevisions(rows);
        Duration size = latest.isEmpty() ? null : latest.get(0).windowSize();
        for (KpiRow r : latest) {
            if (!r.windowSize().equals(size)) {
                throw new IllegalArgumentException("KPI rows of different window sizes (" + size + ", "
                        + r.windowSize() + "): not the output of one run");
            }
        }
        List<KpiRow> tiling = latest.stream().filter(r -> r.windowStart().toEpochMilli() % size.toMillis() == 0)
                .toList();
        Instant first = latest.stream().map(KpiRow::windowStart).min(Comparator.naturalOrder()).orElse(null);
        Instant last = latest.stream().map(KpiRow::windowEnd).max(Comparator.naturalOrder()).orElse(null);
        Backlog backlog = new Backlog(latest);

        Totals run = sum(tiling);
        List<Assessment> assessment = new ArrayList<>();
        for (PlaybookKpi k : PlaybookKpi.values()) {
            Double value = k.valueOf(run);
            double target = targets.target(k);
            assessment.add(new Assessment(k, value, target, value == null ? null : value - target,
                    value == null ? null : k.lowerIsBetter() ? value <= target : value >= target));
        }

        List<Period> daily = periods(tiling, backlog, last,
                start -> LocalDate.ofInstant(start, ZoneOffset.UTC),
                day -> day.toString(), day -> day.plusDays(1));
        List<Period> weekly = periods(tiling, backlog, last,
                start -> LocalDate.ofInstant(start, ZoneOffset.UTC)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                monday -> String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                        monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                monday -> monday.plusWeeks(1));

        Map<String, List<KpiRow>> byChannel = new TreeMap<>();
        Map<String, List<KpiRow>> byQueue = new TreeMap<>();
        for (KpiRow r : tiling) {
            byChannel.computeIfAbsent(r.channel(), c -> new ArrayList<>()).add(r);
            byQueue.computeIfAbsent(r.queue(), q -> new ArrayList<>()).add(r);
        }
        List<ChannelFrt> frtByChannel = new ArrayList<>();
        for (Map.Entry<String, List<KpiRow>> e : byChannel.entrySet()) {
            Totals t = sum(e.getValue());
            frtByChannel.add(new ChannelFrt(e.getKey(), t.frtCount(), t.frtMeanS(),
                    estimate(e.getValue(), KpiRow::frtP50S, KpiRow::frtCount),
                    estimate(e.getValue(), KpiRow::frtP90S, KpiRow::frtCount)));
        }
        List<PolicyCheck> policyChecks = new ArrayList<>();
        for (Map.Entry<String, List<KpiRow>> e : byQueue.entrySet()) {
            KpiRow any = e.getValue().get(0);
            Totals t = sum(e.getValue());
            Optional<SlaPolicy> policy = policies == null ? Optional.empty()
                    : policies.match(any.channel(), any.priority(), null, Map.of());
            Double ceiling = policies == null || policies.aggregates() == null ? null
                    : policies.aggregates().waitTimeoutRateCeiling();
            policyChecks.add(new PolicyCheck(e.getKey(), policy.map(SlaPolicy::id).orElse(null),
                    estimate(e.getValue(), KpiRow::frtP90S, KpiRow::frtCount),
                    policy.map(p -> seconds(p.target(SlaMetric.FIRST_RESPONSE))).orElse(null), t.mttrMeanS(),
                    policy.map(p -> seconds(p.target(SlaMetric.RESOLUTION))).orElse(null), t.waitTimeoutRate(),
                    ceiling, t.created(), t.resolved()));
        }
        List<CsatBucket> csat = List.of(
                new CsatBucket("FRT < 1 min", estimate(tiling, KpiRow::csatMeanFrtLt1m, KpiRow::csatCount)),
                new CsatBucket("FRT 1-5 min", estimate(tiling, KpiRow::csatMeanFrt1To5m, KpiRow::csatCount)),
                new CsatBucket("FRT > 5 min", estimate(tiling, KpiRow::csatMeanFrtGt5m, KpiRow::csatCount)));

        AlertSummary a = alerts(alerts);
        long deadLetters = deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
        return new RunReport(first, last, size, latest.size(), tiling.size(), run,
                last == null ? 0 : backlog.at(last), assessment, daily, weekly, frtByChannel, policyChecks, csat,
                a.bucket, a.timeline, a.top, alerts.size(), a.byState, deadLetters, new TreeMap<>(deadLettersByReason));
    }

    /** Per upsert key the row with the highest revision, in (window start, queue) order. */
    static List<KpiRow> latestRevisions(Collection<KpiRow> rows) {
        Map<String, KpiRow> byKey = new HashMap<>();
        for (KpiRow r : rows) {
            byKey.merge(r.upsertKey(), r, (x, y) -> y.revision() > x.revision() ? y : x);
        }
        return byKey.values().stream()
                .sorted(Comparator.comparing(KpiRow::windowStart).thenComparing(KpiRow::queue)).toList();
    }

    static Totals sum(Collection<KpiRow> rows) {
        Totals t = Totals.ZERO;
        for (KpiRow r : rows) {
            t = t.plus(r);
        }
        return t;
    }

    private static Estimate estimate(Collection<KpiRow> rows, Function<KpiRow, Double> value,
            Function<KpiRow, Long> weight) {
        Estimate.Builder b = new Estimate.Builder();
        for (KpiRow r : rows) {
            b.add(value.apply(r), weight.apply(r));
        }
        return b.build();
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }

    private static List<Period> periods(List<KpiRow> tiling, Backlog backlog, Instant last,
            Function<Instant, LocalDate> periodOf, Function<LocalDate, String> label,
            Function<LocalDate, LocalDate> next) {
        Map<LocalDate, List<KpiRow>> byPeriod = new TreeMap<>();
        for (KpiRow r : tiling) {
            byPeriod.computeIfAbsent(periodOf.apply(r.windowStart()), p -> new ArrayList<>()).add(r);
        }
        List<Period> out = new ArrayList<>();
        for (Map.Entry<LocalDate, List<KpiRow>> e : byPeriod.entrySet()) {
            Instant start = e.getKey().atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = next.apply(e.getKey()).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant backlogAt = end.isAfter(last) ? last : end;
            out.add(new Period(label.apply(e.getKey()), start, end, sum(e.getValue()), backlog.at(backlogAt)));
        }
        return out;
    }

    /** The open backlog at an instant: per queue its latest row ending at or before it. */
    private static final class Backlog {
        private final Map<String, TreeMap<Instant, Long>> byQueue = new HashMap<>();

        Backlog(List<KpiRow> rows) {
            for (KpiRow r : rows) {
                byQueue.computeIfAbsent(r.queue(), q -> new TreeMap<>()).put(r.windowEnd(), r.backlogOpen());
            }
        }

        long at(Instant t) {
            long sum = 0;
            for (TreeMap<Instant, Long> ends : byQueue.values()) {
                Map.Entry<Instant, Long> e = ends.floorEntry(t);
                if (e != null) {
                    sum += e.getValue();
                }
            }
            return sum;
        }
    }

    private record AlertSummary(Duration bucket, List<AlertBucket> timeline, List<QueueBreaches> top,
            Map<String, Long> byState) {}

    private static AlertSummary alerts(Collection<ReportAlert> alerts) {
        Map<String, Long> byState = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        for (ReportAlert a : alerts) {
            byState.merge(a.status() + " " + a.kind() + " " + a.severity(), 1L, Long::sum);
            first = first == null || a.changedAt().isBefore(first) ? a.changedAt() : first;
            last = last == null || a.changedAt().isAfter(last) ? a.changedAt() : last;
        }
        Duration bucket = first != null && Duration.between(first, last).compareTo(Duration.ofDays(3)) > 0
                ? Duration.ofDays(1) : Duration.ofHours(1);
        long width = bucket.toMillis();
        TreeMap<Long, Map<String, Long>> firing = new TreeMap<>();
        TreeMap<Long, Long> resolved = new TreeMap<>();
        Map<String, Set<String>> breached = new HashMap<>();
        Map<String, Set<String>> red = new HashMap<>();
        Map<String, Set<String>> aggregate = new HashMap<>();
        Map<String, Set<String>> warnings = new HashMap<>();
        for (ReportAlert a : alerts) {
            long start = Math.floorDiv(a.changedAt().toEpochMilli(), width) * width;
            firing.computeIfAbsent(start, s -> new TreeMap<>());
            resolved.putIfAbsent(start, 0L);
            if (a.firing()) {
                firing.get(start).merge(a.severity(), 1L, Long::sum);
            } else {
                resolved.merge(start, 1L, Long::sum);
            }
            String queue = a.queue();
            if (queue == null || !a.firing()) {
                continue;
            }
            switch (a.kind()) {
                case "breach" -> {
                    breached.computeIfAbsent(queue, q -> new HashSet<>()).add(a.dedupKey());
                    if ("red".equals(a.severity())) {
                        red.computeIfAbsent(queue, q -> new HashSet<>()).add(a.dedupKey());
                    }
                }
                case "aggregate" -> aggregate.computeIfAbsent(queue, q -> new HashSet<>()).add(a.dedupKey());
                case "warning" -> warnings.computeIfAbsent(queue, q -> new HashSet<>()).add(a.dedupKey());
                default -> { }
            }
        }
        List<AlertBucket> timeline = new ArrayList<>();
        for (Map.Entry<Long, Map<String, Long>> e : firing.entrySet()) {
            timeline.add(new AlertBucket(Instant.ofEpochMilli(e.getKey()), e.getValue(), resolved.get(e.getKey())));
        }
        Set<String> queues = new HashSet<>();
        queues.addAll(breached.keySet());
        queues.addAll(aggregate.keySet());
        List<QueueBreaches> top = queues.stream()
                .map(q -> new QueueBreaches(q, size(breached.get(q)), size(red.get(q)), size(aggregate.get(q)),
                        size(warnings.get(q))))
                .sorted(Comparator.comparingLong(QueueBreaches::breached).reversed()
                        .thenComparing(Comparator.comparingLong(QueueBreaches::red).reversed())
                        .thenComparing(Comparator.comparingLong(QueueBreaches::aggregate).reversed())
                        .thenComparing(QueueBreaches::queue))
                .limit(TOP_QUEUES).toList();
        return new AlertSummary(bucket, timeline, top, new LinkedHashMap<>(byState));
    }

    private static long size(Set<String> s) {
        return s == null ? 0 : s.size();
    }
}
