package io.ticketpulse.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The run-level values of one run's output, computed by {@link RunReports#compute} (how each is computed is
 * written there and in the README's "Report" section). Rendering is separate.
 *
 * @param firstWindowStart  the earliest window start of the KPI rows (null without rows)
 * @param lastWindowEnd     the latest window end of the KPI rows (null without rows)
 * @param windowSize        the KPI window size (null without rows)
 * @param kpiRows           the default KPI rows read, after keeping the highest revision per upsert key
 * @param tilingRows        of those, the rows of the non-overlapping windows the totals are summed over
 * @param run               the totals over the whole run
 * @param backlogAtEnd      open tickets at {@code lastWindowEnd}
 * @param assessment        the playbook KPIs against their targets
 * @param daily             per UTC day (the day a window starts)
 * @param weekly            per ISO week (Monday to Sunday, UTC)
 * @param frtByChannel      FRT per channel, percentiles as estimates
 * @param policyChecks      per queue, the values the SLA policy has targets for
 * @param csatByFrtBucket   mean CSAT (1-5) by the ticket's FRT bucket, as estimates
 * @param alertBucket       the width of the alert timeline's buckets (1 h, or 1 d for runs over 3 days)
 * @param alertTimeline     alert records per bucket of {@code changed_at}
 * @param topQueues         the queues with the most breached alerts, most first (at most 10)
 * @param alertRecords      alert records read
 * @param alertsByState     alert records per "status kind severity"
 * @param deadLetters       dead letters read
 * @param deadLettersByReason dead letters per reason code
 */
public record RunReport(Instant firstWindowStart, Instant lastWindowEnd, Duration windowSize, long kpiRows,
        long tilingRows, Totals run, long backlogAtEnd, List<Assessment> assessment, List<Period> daily,
        List<Period> weekly, List<ChannelFrt> frtByChannel, List<PolicyCheck> policyChecks,
        List<CsatBucket> csatByFrtBucket, Duration alertBucket, List<AlertBucket> alertTimeline,
        List<QueueBreaches> topQueues, long alertRecords, Map<String, Long> alertsByState, long deadLetters,
        Map<String, Long> deadLettersByReason) {

    /**
     * One row of the assessment table: the run-level value (null when nothing was measured), the target, the gap
     * (value − target, in the KPI's unit) and whether the target is met (null without a value).
     */
    public record Assessment(PlaybookKpi kpi, Double value, double target, Double gap, Boolean met) {}

    /** A day or week: its label ({@code 2026-11-23}, {@code 2026-W48}), start, totals and backlog at its end. */
    public record Period(String label, Instant start, Instant end, Totals totals, long backlogAtEnd) {}

    /** FRT of one channel: count and exact mean, p50 and p90 as estimates over its windows. */
    public record ChannelFrt(String channel, long frtCount, Double frtMeanS, Estimate p50, Estimate p90) {}

    /**
     * One queue against its SLA policy (the first policy matching the channel and priority, without team or
     * attributes): FRT p90 (estimate) vs the first-response target, MTTR mean vs the resolution target, the
     * wait-timeout rate vs the policy file's {@code aggregates.wait_timeout_rate_ceiling}. Targets are null
     * where the policy has none; policyId null when no policy matches.
     */
    public record PolicyCheck(String queue, String policyId, Estimate frtP90S, Double frtTargetS, Double mttrMeanS,
            Double mttrTargetS, Double waitTimeoutRate, Double waitTimeoutCeiling, long created, long resolved) {}

    /** Mean CSAT (1-5) of the ratings of tickets in one FRT bucket, weighted by the window's csat_count. */
    public record CsatBucket(String bucket, Estimate mean) {}

    /** Alert records whose {@code changed_at} is in [{@code start}, start + bucket): firing per severity, resolved. */
    public record AlertBucket(Instant start, Map<String, Long> firingBySeverity, long resolved) {}

    /**
     * A queue's alerts: distinct breached per-ticket alerts (kind breach), of them those that reached red, distinct
     * aggregate alerts, and distinct warnings.
     */
    public record QueueBreaches(String queue, long breached, long red, long aggregate, long warnings) {}
}
