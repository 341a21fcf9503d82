package io.ticketpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.domain.calendar.BusinessCalendar;
import io.ticketpulse.domain.calendar.WorkingInterval;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.EscalationTier;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.reference.ImminentBreachReference;
import io.ticketpulse.reference.ImminentCeilingReference;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import io.ticketpulse.testing.SlaTestPolicies;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The differential test of {@code imminent_breach}: generated multi-ticket histories through the real topology
 * ({@link TicketPulsePipeline#build}: parse, watermarks, per-ticket engine, pre-aggregation, KPI windows, aggregate
 * alerts) on a MiniCluster at parallelism 2, against the pure reference projection
 * {@link ImminentBreachReference} (computed from the README's definition on the accepted events, with the test
 * tree's {@code SlaTimeline}) and the reference of the ceiling alert {@link ImminentCeilingReference}.
 *
 * <p>Histories (QuickTheories): 1 to 10 tickets interleaved (mostly one channel), each created in the first hour with a given or derived
 * priority, then replies, customer replies, assignments, pauses ({@code pending}, {@code on_hold}) and resumes,
 * priority changes (re-targeting and re-keying the metrics), resolutions, closes, reopens and ratings, on 30-second
 * steps with gaps of up to 40 minutes, longer than R (metrics expire) and than T (a new life); events arrive out of
 * order, some late within and some beyond the lateness (dead-lettered; the reference gets what the job accepted),
 * some twice. Per example also: the windows (tumbling 10 min, rolling 10 min / 5 min, tumbling 30 min), the horizon
 * (3, 5, 10 or 25 min: shorter and longer than the targets and the windows), the ceiling, {@code raise_after},
 * {@code clear_after}, the hysteresis, and whether every metric counts under an all-day business-hours calendar (the
 * engine's business-time code, whose working time is then wall time, so the calendar-time reference still holds).
 *
 * <p>Checked: every final default row's {@code imminent_breach} equals the reference's count at its window end;
 * the {@code imminent_breach} aggregate alerts equal the ceiling reference applied to the reference counts of the
 * same rows; nothing else is dead-lettered than late events. A failure prints the shrunk history (one event a line,
 * instants relative to T0, arrival order) and the seed: replay with {@code -DQT_SEED=N}. Each example runs one job
 * (about a second here), so the examples and shrink cycles are few.
 */
class ImminentBreachDifferentialTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final long MINUTE = 60_000;
    private static final long STEP = 30_000;
    static final Duration RETENTION = Duration.ofHours(2);
    static final Duration TOMBSTONE = Duration.ofHours(6);

    /**
     * Examples per run: each is one MiniCluster job (about 1.5 s here under load). A longer hunt:
     * {@code -Dimminent.examples=500}.
     */
    static final int EXAMPLES = Integer.getInteger("imminent.examples", 50);

    /** Shrink cycles: each is one more job; enough to shrink a history to a few events. */
    static final int SHRINK_CYCLES = 400;

    // ---- what is generated ----------------------------------------------------------------------------------

    /** What an event after the creation does. */
    enum Kind { REPLY, CUSTOMER, ASSIGN, PENDING, ON_HOLD, OPEN, TO_P1, TO_P2, TO_P3, TO_P4, RESOLVE, CLOSE, REOPEN,
        RATE }

    record EventDraft(int gapSteps, Kind kind, int delayMinutes, boolean twice) {}

    record TicketDraft(int startSteps, String channel, String priority, int createdDelayMinutes,
            List<EventDraft> events) {}

    /** Windows 0 tumbling 10m, 1 rolling 10m/5m, 2 tumbling 30m. */
    record Settings(int windows, int horizonMinutes, double ceiling, int raiseAfter, int clearAfter,
            double hysteresisPct, boolean allDayCalendar) {}

    /** One event as it arrives: its line number in the input is its index + 1. */
    record Arrival(TicketEvent event, long arrivalMs) {}

    record History(Settings settings, List<Arrival> arrivals) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("\n" + settings + "\n");
            for (int i = 0; i < arrivals.size(); i++) {
                TicketEvent e = arrivals.get(i).event();
                s.append(String.format("%3d %s %-4s %-18s at %s%s arrives %s%n", i + 1, e.ticketId, e.eventId, e.type
                        + (e.priority != null ? " " + e.priority : "") + (e.status != null ? " " + e.status : ""),
                        rel(e.occurredAtMs), e.channel != null ? " " + e.channel : "", rel(arrivals.get(i).arrivalMs())));
            }
            return s.toString();
        }
    }

    static String rel(long ms) {
        long s = (ms - T0.toEpochMilli()) / 1000;
        return String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    private static <T> Gen<T> weighted(List<Pair<Integer, Gen<T>>> choices) {
        return Generate.frequency(choices);
    }

    /**
     * A list each element of which may be dropped: QuickTheories shrinks a list by its size (keeping the first
     * elements); the "dropped" flag (rarely set, the shrink target) lets it remove any element in the middle too.
     */
    private static <T> Gen<List<T>> droppables(Gen<T> element, int minSize, int maxSize) {
        Gen<Boolean> dropped = weighted(List.of(Pair.of(1, Generate.constant(true)),
                Pair.of(19, Generate.constant(false))));
        return lists().of(dropped.zip(element, (d, e) -> d ? Optional.<T>empty() : Optional.of(e)))
                .ofSizeBetween(minSize, maxSize)
                .map(l -> l.stream().flatMap(Optional::stream).toList());
    }

    static Gen<EventDraft> event() {
        Gen<Integer> gap = weighted(List.of(
                Pair.of(70, integers().between(0, 20)),    // up to 10 min
                Pair.of(22, integers().between(20, 80)),   // 10 to 40 min
                Pair.of(6, integers().between(241, 280)),  // beyond R (2 h): the metrics expire
                Pair.of(2, integers().between(721, 740)))); // beyond T (6 h): a new life
        Gen<Kind> kind = Generate.enumValues(Kind.class);
        Gen<Integer> delay = weighted(List.of(
                Pair.of(80, Generate.constant(0)),
                Pair.of(15, integers().between(1, 5)),     // out of order, within the lateness
                Pair.of(5, integers().between(6, 20))));  // possibly beyond it
        Gen<Boolean> twice = weighted(List.of(Pair.of(95, Generate.constant(false)),
                Pair.of(5, Generate.constant(true))));
        return gap.zip(kind, delay, twice, EventDraft::new);
    }

    static Gen<TicketDraft> ticket() {
        Gen<Integer> start = integers().between(0, 120);
        Gen<String> channel = weighted(List.of(Pair.of(80, Generate.constant("chat")),
                Pair.of(20, Generate.constant("email"))));
        Gen<String> priority = Generate.pick(Arrays.asList("P1", "P2", "P3", null));
        Gen<Integer> delay = weighted(List.of(Pair.of(85, Generate.constant(0)),
                Pair.of(15, integers().between(1, 8))));
        Gen<List<EventDraft>> events = droppables(event(), 0, 9);
        return start.zip(channel, priority, delay, events, TicketDraft::new);
    }

    static Gen<Settings> settings() {
        Gen<Integer> windows = integers().between(0, 2);
        Gen<Integer> horizon = Generate.pick(List.of(3, 5, 10, 25));
        Gen<Double> ceiling = Generate.pick(List.of(0.5, 1.0));
        Gen<Integer> raise = integers().between(1, 3);
        Gen<Integer> clear = integers().between(1, 3);
        Gen<Double> hysteresis = Generate.pick(List.of(0.0, 40.0));
        Gen<Boolean> allDay = weighted(List.of(Pair.of(75, Generate.constant(false)),
                Pair.of(25, Generate.constant(true))));
        return windows.zip(horizon, ceiling, raise, (w, h, c, r) -> new int[] {w, h, (int) (c * 2), r})
                .zip(clear, hysteresis, allDay, (a, cl, hy, ad) -> new Settings(a[0], a[1], a[2] / 2.0, a[3], cl, hy,
                        ad));
    }

    static Gen<History> histories() {
        return settings().zip(droppables(ticket(), 1, 10).assuming(l -> !l.isEmpty()), ImminentBreachDifferentialTest::compile);
    }

    /** The events of the drafts, in arrival order (by event time + delay; a second copy a minute after the first). */
    static History compile(Settings settings, List<TicketDraft> tickets) {
        List<Arrival> arrivals = new ArrayList<>();
        long t0 = T0.toEpochMilli();
        for (int i = 0; i < tickets.size(); i++) {
            TicketDraft d = tickets.get(i);
            String ticketId = "T" + (i + 1);
            long t = t0 + d.startSteps() * STEP;
            TicketEvent created = new TicketEvent(ticketId.toLowerCase() + "-0", ticketId, EventType.CREATED, t);
            created.channel = d.channel();
            created.priority = d.priority();
            arrivals.add(new Arrival(created, t + d.createdDelayMinutes() * MINUTE));
            int n = 1;
            for (EventDraft ed : d.events()) {
                t += ed.gapSteps() * STEP;
                TicketEvent e = event(ticketId.toLowerCase() + "-" + n++, ticketId, ed.kind(), t);
                long arrival = t + ed.delayMinutes() * MINUTE;
                arrivals.add(new Arrival(e, arrival));
                if (ed.twice()) {
                    arrivals.add(new Arrival(e, arrival + MINUTE));
                }
            }
        }
        List<Arrival> ordered = new ArrayList<>(arrivals);
        ordered.sort(Comparator.comparingLong(Arrival::arrivalMs)); // stable: generation order on ties
        return new History(settings, ordered);
    }

    private static TicketEvent event(String id, String ticketId, Kind kind, long t) {
        EventType type = switch (kind) {
            case REPLY -> EventType.AGENT_REPLIED;
            case CUSTOMER -> EventType.CUSTOMER_REPLIED;
            case ASSIGN -> EventType.ASSIGNED;
            case PENDING, ON_HOLD, OPEN -> EventType.STATUS_CHANGED;
            case TO_P1, TO_P2, TO_P3, TO_P4 -> EventType.PRIORITY_CHANGED;
            case RESOLVE -> EventType.RESOLVED;
            case CLOSE -> EventType.CLOSED;
            case REOPEN -> EventType.REOPENED;
            case RATE -> EventType.SATISFACTION_RATED;
        };
        TicketEvent e = new TicketEvent(id, ticketId, type, t);
        switch (kind) {
            case ASSIGN -> e.agentId = "agent-1";
            case PENDING -> e.status = "pending";
            case ON_HOLD -> e.status = "on_hold";
            case OPEN -> e.status = "open";
            case TO_P1 -> e.priority = "P1";
            case TO_P2 -> e.priority = "P2";
            case TO_P3 -> e.priority = "P3";
            case TO_P4 -> e.priority = "P4";
            case RATE -> e.csat = 4;
            default -> { }
        }
        return e;
    }

    // ---- configuration -----------------------------------------------------------------------------------------

    /**
     * The playbook policies (minute-scale targets) with escalation tiers far enough apart that small counts reach
     * different tiers (yellow 10 %, orange 200 %, red 400 % over the ceiling: with ceiling 0.5 from 1, 2 and 3 metrics), the example's aggregate rules, and
     * optionally every metric under an all-day calendar.
     */
    static SlaPolicySet policies(Settings s) {
        SlaPolicySet playbook = SlaTestPolicies.playbook();
        List<EscalationTier> tiers = List.of(new EscalationTier(Severity.YELLOW, 10),
                new EscalationTier(Severity.ORANGE, 200), new EscalationTier(Severity.RED, 400));
        BusinessCalendar allDay = new BusinessCalendar("all-day", ZoneOffset.UTC,
                Arrays.stream(DayOfWeek.values()).map(d -> WorkingInterval.parse(d, "00:00-24:00")).toList(),
                List.of());
        List<SlaPolicy> policies = new ArrayList<>();
        for (SlaPolicy p : playbook.policies()) {
            Map<SlaMetric, BusinessCalendar> calendars = new EnumMap<>(SlaMetric.class);
            if (s.allDayCalendar()) {
                p.targets().keySet().forEach(m -> calendars.put(m, allDay));
            }
            policies.add(new SlaPolicy(p.id(), p.match(), p.targets(), p.warning(), tiers, calendars));
        }
        AggregateRules rules = new AggregateRules(null, s.raiseAfter(), s.clearAfter(), s.hysteresisPct(),
                s.ceiling());
        return new SlaPolicySet(playbook.source(), playbook.version(), policies, rules,
                playbook.priorityDerivation(), playbook.kpis());
    }

    static PipelineConfig config(Settings s) {
        Duration size = Duration.ofMinutes(s.windows() == 2 ? 30 : 10);
        Duration slide = Duration.ofMinutes(s.windows() == 1 ? 5 : s.windows() == 2 ? 30 : 10);
        return PipelineConfig.builder()
                .windowSize(size)
                .windowSlide(slide)
                .allowedLateness(Duration.ofMinutes(3))
                .maxOutOfOrderness(Duration.ofMinutes(2))
                .ticketRetention(RETENTION)
                .tombstoneRetention(TOMBSTONE)
                .kpiUpdates(KpiUpdates.FINAL_ONLY)
                .slaPolicies(policies(s))
                .alertClock(AlertClock.EVENT_TIME)
                .imminentHorizon(Duration.ofMinutes(s.horizonMinutes()))
                .build();
    }

    // ---- the run and the comparison ----------------------------------------------------------------------------

    record Output(List<TicketKpi> kpis, List<SlaAlert> alerts, List<DeadLetter> deadLetters) {}

    static Output run(History h) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Arrival a : h.arrivals()) {
            lines.add(new String(TicketEventJson.toJson(a.event()), StandardCharsets.UTF_8));
        }
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        TicketPulsePipeline.build(env, config(h.settings()), ListSource.of(lines),
                new PipelineSinks(kpis, deadLetters).withAlerts(alerts, null));
        env.execute("ticketpulse-imminent-differential");
        return new Output(kpis.values(), alerts.values(), deadLetters.values());
    }

    static void check(History h) {
        Output out;
        try {
            out = run(h);
        } catch (Exception e) {
            throw new AssertionError("the job failed: " + e, e);
        }
        // the reference gets exactly the events the job accepted: every line but the late ones (the events of a
        // life that never had a CREATED are accepted, then dead-lettered UNKNOWN_TICKET: they still split lives)
        Set<Integer> deadLines = new HashSet<>();
        for (DeadLetter d : out.deadLetters()) {
            assertThat(d.reasonCode).as("dead letter %s", d.origin)
                    .isIn(DeadLetter.ReasonCode.LATE_EVENT, DeadLetter.ReasonCode.UNKNOWN_TICKET);
            if (d.reasonCode == DeadLetter.ReasonCode.LATE_EVENT) {
                deadLines.add(Integer.parseInt(d.origin.substring("test:".length())));
            }
        }
        List<TicketEvent> accepted = new ArrayList<>();
        for (int i = 0; i < h.arrivals().size(); i++) {
            if (!deadLines.contains(i + 1)) {
                accepted.add(h.arrivals().get(i).event());
            }
        }
        SlaPolicySet policies = policies(h.settings());
        ImminentBreachReference reference = new ImminentBreachReference(accepted, policies, RETENTION.toMillis(),
                TOMBSTONE.toMillis(), Duration.ofMinutes(h.settings().horizonMinutes()).toMillis());

        Map<String, String> actual = new TreeMap<>();
        Map<String, String> expected = new TreeMap<>();
        List<ImminentCeilingReference.Row> rows = new ArrayList<>();
        for (TicketKpi k : out.kpis()) {
            assertThat(k.groupingSet).isNull();
            assertThat(k.isFinal).as("a bounded replay emits final rows only").isTrue();
            String row = k.channel + "/" + k.priority + " window ending " + rel(k.windowEndMs);
            long count = reference.count(k.channel, k.priority, k.windowEndMs);
            assertThat(actual.put(row, "imminent_breach " + k.imminentBreach)).as("one row per key and window")
                    .isNull();
            expected.put(row, "imminent_breach " + count);
            rows.add(new ImminentCeilingReference.Row(k.channel, k.priority, k.windowEndMs, count));
        }
        COVERAGE.merge("examples", 1, Integer::sum);
        COVERAGE.merge("late events", deadLines.size(), Integer::sum);
        COVERAGE.merge("rows", rows.size(), Integer::sum);
        COVERAGE.merge("rows counting 1", (int) rows.stream().filter(r -> r.count() == 1).count(), Integer::sum);
        COVERAGE.merge("rows counting 2+", (int) rows.stream().filter(r -> r.count() >= 2).count(), Integer::sum);
        if (h.settings().allDayCalendar()) {
            COVERAGE.merge("calendar rows counting 1+", (int) rows.stream().filter(r -> r.count() > 0).count(),
                    Integer::sum);
        }
        List<String> differences = new ArrayList<>();
        expected.forEach((row, count) -> {
            if (!count.equals(actual.get(row))) {
                differences.add(row + ": the job " + actual.get(row) + ", the reference " + count);
            }
        });
        assertThat(differences).as("rows whose imminent_breach differs from the reference (the README's definition)"
                + " among %d rows", actual.size()).isEmpty();

        List<ImminentCeilingReference.Change> alerts = new ArrayList<>();
        for (SlaAlert a : out.alerts()) {
            if ("imminent_breach".equals(a.slaMetric)) {
                alerts.add(new ImminentCeilingReference.Change(a.dedupKey, a.status, a.severity, a.changedAtMs,
                        a.elapsedS, a.breachedAtMs));
            }
        }
        alerts.forEach(a -> COVERAGE.merge("alerts " + a.status() + " " + a.severity(), 1, Integer::sum));
        assertThat(render(alerts)).as("imminent_breach aggregate alerts (reference: the ceiling rules on the "
                + "reference counts of the same rows)")
                .isEqualTo(render(ImminentCeilingReference.alerts(policies, rows)));
    }

    /** Alert records per key in time order, instants relative to T0. */
    static List<String> render(List<ImminentCeilingReference.Change> changes) {
        return changes.stream()
                .sorted(Comparator.comparing(ImminentCeilingReference.Change::dedupKey)
                        .thenComparingLong(ImminentCeilingReference.Change::changedAtMs))
                .map(c -> c.dedupKey() + " " + c.status() + " " + c.severity() + " at " + rel(c.changedAtMs())
                        + " count " + c.count() + " breached_at "
                        + (c.breachedAtMs() == null ? "null" : rel(c.breachedAtMs())))
                .toList();
    }

    /** What the examples of a run covered (so that a generator that stopped reaching the cases fails the test). */
    static final Map<String, Integer> COVERAGE = new TreeMap<>();

    @Test
    void everyRowsImminentBreachAndTheCeilingAlertsEqualTheReference() {
        COVERAGE.clear();
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES).forAll(histories())
                .checkAssert(ImminentBreachDifferentialTest::check);
        // a passing run must have compared the interesting cases, not only zeros (bounds far below what 60
        // examples give: see the README's test table)
        assertThat(COVERAGE).as("coverage of the examples").containsEntry("examples", EXAMPLES);
        assertThat(COVERAGE.getOrDefault("rows counting 2+", 0)).as("rows with 2 or more metrics about to breach")
                .isGreaterThanOrEqualTo(5);
        assertThat(COVERAGE.getOrDefault("calendar rows counting 1+", 0))
                .as("counting rows under the all-day calendar").isPositive();
        assertThat(COVERAGE.getOrDefault("late events", 0)).as("late events dead-lettered").isPositive();
        assertThat(COVERAGE.getOrDefault("alerts firing yellow", 0)).as("ceiling alerts fired").isPositive();
        assertThat(COVERAGE.getOrDefault("alerts resolved yellow", 0)
                + COVERAGE.getOrDefault("alerts resolved orange", 0) + COVERAGE.getOrDefault("alerts resolved red", 0))
                .as("ceiling alerts resolved").isPositive();
        System.out.println("imminent-breach differential coverage: " + COVERAGE);
    }
}
