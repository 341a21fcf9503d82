package io.ticketpulse.io.dashboard;

import io.ticketpulse.domain.sla.AggregateMetric;
import io.ticketpulse.domain.sla.AggregateThresholds;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.io.FiringAlertBoard;
import io.ticketpulse.io.KpiSummaryBoard;
import io.ticketpulse.io.dashboard.DashboardSnapshot.AlertRow;
import io.ticketpulse.io.dashboard.DashboardSnapshot.Alerts;
import io.ticketpulse.io.dashboard.DashboardSnapshot.Cell;
import io.ticketpulse.io.dashboard.DashboardSnapshot.Chart;
import io.ticketpulse.io.dashboard.DashboardSnapshot.CurrentRow;
import io.ticketpulse.io.dashboard.DashboardSnapshot.DeadLetters;
import io.ticketpulse.io.dashboard.DashboardSnapshot.Events;
import io.ticketpulse.io.dashboard.DashboardSnapshot.Series;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What the dashboard shows, fed record by record and read as a {@link DashboardSnapshot} (the JSON the page
 * renders). Plain Java; thread-safe (the pipeline's sink subtasks or the Kafka consumers write, the HTTP server
 * reads). It reuses the console's boards: {@link KpiSummaryBoard} for the current window and
 * {@link FiringAlertBoard} for the firing alerts.
 *
 * <ul>
 *   <li>Charts: one per KPI of {@link #CHARTS}, one series per (channel, priority) of the default KPI family
 *       (grouping-set rows are ignored), one point per window: the window end and the value of the row with the
 *       highest revision of that window (null where the window measured nothing). At most {@code maxPoints}
 *       windows per series, the newest.
 *   <li>Current window: the {@link KpiSummaryBoard} of the settled rows ({@link #settleKpi}), each aggregate metric against the policy that matches
 *       the (channel, priority) as the aggregate alerts match it: {@code green} below the first escalation tier,
 *       else the colour of the highest tier the value is at or over ({@link AggregateThresholds#tierOf}; the
 *       instantaneous tier, without the alerts' hysteresis and raise-after), {@code untracked} when the policy
 *       has no target for the metric, {@code none} when the window measured nothing.
 *   <li>Firing alerts: the latest record per {@code dedup_key} while firing, with severity, summary and age; the
 *       age is event time from the alert's first firing record to the newest time the dashboard has seen (the
 *       latest KPI window end or alert change), so a replay shows the ages it had in its data.
 *   <li>Dead letters by reason code, and events per second (wall clock, over the last {@link #RATE_WINDOW_MS}).
 * </ul>
 */
public final class DashboardView {

    /** The span over which the current events/s is measured (wall clock). */
    public static final long RATE_WINDOW_MS = 5_000;

    /** Firing alerts listed on the page at most (the most severe, then the oldest); the counts cover all. */
    public static final int MAX_ALERT_ROWS = 100;

    /** A KPI drawn over time: its id (also the chart's element id), title, unit and value in that unit. */
    public record ChartMetric(String id, String title, String unit, Function<TicketKpi, Double> value) {}

    /** The charts, in page order. Durations in minutes, rates in percent. */
    public static final List<ChartMetric> CHARTS = List.of(
            new ChartMetric("frt_p90", "First response time p90", "min", k -> minutes(k.frtP90S)),
            new ChartMetric("wait_timeout_rate", "Customers waiting past the wait threshold", "%",
                    k -> percent(k.waitTimeoutRate)),
            new ChartMetric("mttr_mean", "Mean time to resolve", "min", k -> minutes(k.mttrMeanS)),
            new ChartMetric("fcr_rate", "First-contact resolution", "%", k -> percent(k.fcrRate)),
            new ChartMetric("csat_mean", "CSAT mean", "score", k -> k.csatMean),
            new ChartMetric("backlog_open", "Open backlog", "tickets", k -> (double) k.backlogOpen));

    private final SlaPolicySet policies;
    private final int maxPoints;
    /** channel/priority → window end → the row with the highest revision of that window. */
    private final Map<String, TreeMap<Long, TicketKpi>> history = new TreeMap<>();
    /** Rows whose window the input's watermark reached (see {@link #settleKpi}). */
    private final KpiSummaryBoard current = new KpiSummaryBoard();
    /** Every row, for the current window of an input too short for any watermark to reach a window end. */
    private final KpiSummaryBoard received = new KpiSummaryBoard();
    private final FiringAlertBoard alerts = new FiringAlertBoard();
    /** dedup_key → event time of its first firing record, while firing. */
    private final Map<String, Long> firingSince = new HashMap<>();
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private final AtomicLong events = new AtomicLong();
    private final Deque<long[]> rateSamples = new ArrayDeque<>();
    private final AtomicLong version = new AtomicLong();
    private long kpiRows;
    private long newestTimeMs = Long.MIN_VALUE;
    private long firstEventWallMs = -1;
    private long lastEventWallMs = -1;
    private long lastSampledEvents;
    private long eventsAtStart;
    private double lastRate;
    private long lastSampleMs = -1;
    private String source = "";
    private boolean finished;

    /**
     * @param policies the SLA policies the current window is measured against; null: no targets
     * @param maxPoints windows kept per chart series (the newest)
     */
    public DashboardView(SlaPolicySet policies, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be positive: " + maxPoints);
        }
        this.policies = policies;
        this.maxPoints = maxPoints;
    }

    /** A line saying what feeds the dashboard (shown in the page header). */
    public synchronized void describeSource(String source) {
        this.source = source;
        version.incrementAndGet();
    }

    /**
     * A KPI row, settled at once: its window is complete (a KPI topic's rows; a replay's rows once the watermark
     * reached the window end). Grouping-set rows are ignored.
     */
    public synchronized void offerSettledKpi(TicketKpi row) {
        offerKpi(row);
        settleKpi(row);
    }

    /**
     * A row of {@link #offerKpi} whose window end the input's watermark reached: it joins the current window. Rows
     * fired only by the end of a bounded input (windows reaching past its last event, holding only its tail) are
     * never settled, so the current window stays the last complete one, as on the console.
     */
    public synchronized void settleKpi(TicketKpi row) {
        if (row.groupingSet == null && current.offer(row)) {
            version.incrementAndGet();
        }
    }

    /** A KPI row for the charts; grouping-set rows are ignored. See {@link #settleKpi}. */
    public synchronized void offerKpi(TicketKpi row) {
        if (row.groupingSet != null) {
            return;
        }
        kpiRows++;
        TreeMap<Long, TicketKpi> series = history.computeIfAbsent(row.channel + " / " + row.priority,
                k -> new TreeMap<>());
        TicketKpi held = series.get(row.windowEndMs);
        if (held == null || row.revision >= held.revision) {
            series.put(row.windowEndMs, row);
        }
        while (series.size() > maxPoints) {
            series.pollFirstEntry();
        }
        received.offer(row);
        newestTimeMs = Math.max(newestTimeMs, row.windowEndMs);
        version.incrementAndGet();
    }

    /** An alert record (one state change of one alert). */
    public synchronized void offerAlert(SlaAlert alert) {
        alerts.offer(alert);
        if (alert.isFiring()) {
            firingSince.putIfAbsent(alert.dedupKey, alert.changedAtMs);
        } else {
            firingSince.remove(alert.dedupKey);
        }
        newestTimeMs = Math.max(newestTimeMs, alert.changedAtMs);
        version.incrementAndGet();
    }

    /** A dead letter with this reason code (null: {@code UNKNOWN}). */
    public synchronized void offerDeadLetter(String reasonCode) {
        deadLetters.merge(reasonCode == null ? "UNKNOWN" : reasonCode, 1L, Long::sum);
        version.incrementAndGet();
    }

    /** {@code n} more input events were read (cheap: no lock; the rate is computed by {@link #sample}). */
    public void addEvents(long n) {
        events.addAndGet(n);
    }

    /**
     * Sets the events counter to {@code total} read before the dashboard started (a Kafka topic's end offsets):
     * shown in the total, not counted in events/s. Call it before the first {@link #addEvents}.
     */
    public synchronized void startEventsAt(long total) {
        events.set(total);
        eventsAtStart = total;
        lastSampledEvents = total;
        rateSamples.clear();
        version.incrementAndGet();
    }

    /**
     * Records the events counter at wall-clock time {@code nowMs}, for events/s; call it regularly (the server
     * does, each publish interval). Changes the version when the counter moved.
     */
    public synchronized void sample(long nowMs) {
        long total = events.get();
        rateSamples.addLast(new long[] {nowMs, total});
        while (rateSamples.size() > 2 && rateSamples.peekFirst()[0] < nowMs - RATE_WINDOW_MS) {
            rateSamples.removeFirst();
        }
        double rate = currentRate();
        if (total != lastSampledEvents) {
            if (firstEventWallMs < 0) {
                // the events came after the previous sample
                firstEventWallMs = lastSampleMs < 0 ? nowMs : lastSampleMs;
            }
            lastEventWallMs = nowMs;
            lastSampledEvents = total;
            version.incrementAndGet();
        } else if (rate != lastRate) {
            version.incrementAndGet(); // the rate decays to 0 after the input stops
        }
        lastRate = rate;
        lastSampleMs = nowMs;
    }

    /** The feed ended (a bounded run finished): the page says so and keeps the last state. */
    public synchronized void finish() {
        finished = true;
        version.incrementAndGet();
    }

    /** Changes with every update that alters what the page shows. */
    public long version() {
        return version.get();
    }

    private double currentRate() {
        if (rateSamples.size() < 2) {
            return 0;
        }
        long[] first = rateSamples.peekFirst();
        long[] last = rateSamples.peekLast();
        long ms = last[0] - first[0];
        return ms <= 0 ? 0 : (last[1] - first[1]) * 1000.0 / ms;
    }

    /** What the page shows now; {@code nowMs} is the wall clock (the snapshot's time). */
    public synchronized DashboardSnapshot snapshot(long nowMs) {
        long total = events.get();
        double average = firstEventWallMs >= 0 && lastEventWallMs > firstEventWallMs
                ? (lastSampledEvents - eventsAtStart) * 1000.0 / (lastEventWallMs - firstEventWallMs)
                : 0;
        Events ev = new Events(total, round(currentRate()), round(average));
        List<Chart> charts = new ArrayList<>();
        for (ChartMetric m : CHARTS) {
            List<Series> series = new ArrayList<>();
            history.forEach((name, windows) -> {
                List<Number[]> points = new ArrayList<>(windows.size());
                windows.forEach((end, row) -> {
                    Double v = m.value().apply(row);
                    points.add(new Number[] {end, v == null ? null : round(v)});
                });
                series.add(new Series(name, points));
            });
            charts.add(new Chart(m.id(), m.title(), m.unit(), series));
        }
        KpiSummaryBoard board = current.isEmpty() ? received : current;
        List<CurrentRow> rows = new ArrayList<>();
        board.rows().stream()
                .sorted(Comparator.comparing((TicketKpi k) -> k.channel).thenComparing(k -> k.priority))
                .forEach(k -> rows.add(currentRow(k)));
        return new DashboardSnapshot(source, finished ? "finished" : "running", nowMs, version.get(), ev,
                board.isEmpty() ? null : board.newestWindowStartMs(),
                board.isEmpty() ? null : board.newestWindowEndMs(), kpiRows, charts, rows, alertsNow(),
                new DeadLetters(deadLetters.values().stream().mapToLong(Long::longValue).sum(),
                        new LinkedHashMap<>(deadLetters)));
    }

    private CurrentRow currentRow(TicketKpi k) {
        Optional<SlaPolicy> policy = policies == null
                ? Optional.empty() : policies.match(k.channel, k.priority, null, Map.of());
        List<Cell> cells = new ArrayList<>();
        for (AggregateMetric metric : AggregateMetric.values()) {
            Double value = metric.valueOf(k);
            Optional<AggregateThresholds> thresholds =
                    policy.flatMap(p -> AggregateThresholds.of(policies, p, metric));
            Double reference = thresholds.map(AggregateThresholds::reference).orElse(null);
            cells.add(new Cell(metric.wireName(), metric.label(), value == null ? null : round(value),
                    value == null ? "–" : metric.format(value), reference,
                    reference == null ? "–" : metric.referenceName() + " " + metric.format(reference),
                    status(value, thresholds)));
        }
        return new CurrentRow(k.channel, k.priority, k.windowStartMs, k.windowEndMs, k.revision, k.isFinal,
                policy.map(SlaPolicy::id).orElse(null), k.ticketsCreated, k.backlogOpen, cells);
    }

    /** {@code green}, the tier's colour, {@code untracked} or {@code none}: see the class comment. */
    static String status(Double value, Optional<AggregateThresholds> thresholds) {
        if (value == null) {
            return "none";
        }
        if (thresholds.isEmpty()) {
            return "untracked";
        }
        int tier = thresholds.get().tierOf(value);
        if (tier == AggregateThresholds.NONE) {
            return "green";
        }
        String severity = thresholds.get().severity(tier).wireName();
        return "warning".equals(severity) ? "yellow" : severity;
    }

    private static final List<String> COLUMN_ORDER = List.of("red", "orange", "yellow", "breached", "warning");

    private Alerts alertsNow() {
        List<SlaAlert> firing = alerts.firingAlerts();
        firing.sort(Comparator.comparingInt((SlaAlert a) -> COLUMN_ORDER.indexOf(FiringAlertBoard.columnOf(a)))
                .thenComparingLong(a -> firingSince.getOrDefault(a.dedupKey, a.changedAtMs))
                .thenComparing(a -> a.dedupKey));
        List<AlertRow> shown = new ArrayList<>();
        for (SlaAlert a : firing.subList(0, Math.min(MAX_ALERT_ROWS, firing.size()))) {
            long since = firingSince.getOrDefault(a.dedupKey, a.changedAtMs);
            shown.add(new AlertRow(a.dedupKey, FiringAlertBoard.columnOf(a), a.severity, a.kind, a.slaMetric,
                    a.channel, a.priority, a.ticketId, a.summary, since, Math.max(0, newestTimeMs - since) / 1000));
        }
        return new Alerts(firing.size(), alerts.firingByColumn(), alerts.resolvedCount(), alerts.recordCount(),
                newestTimeMs == Long.MIN_VALUE ? null : newestTimeMs, shown);
    }

    private static Double minutes(Double seconds) {
        return seconds == null ? null : seconds / 60.0;
    }

    private static Double percent(Double rate) {
        return rate == null ? null : rate * 100.0;
    }

    /** Three decimals: enough for the page, and a stable JSON. */
    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
