package io.ticketpulse.domain.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Volatility alerts of one row group on a fixed clock: tumbling 1-hour windows, the row E(n) ending at
 * {@code T0 + n h}; +-10 % band, hysteresis 5 points, raise and clear after 2 windows.
 */
class VolatilityTrackerTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_795_341_600_000L; // 2026-11-22T10:00:00Z
    private static final AggregateRules DEBOUNCE = new AggregateRules(0.25, 2, 2, 5.0);

    private final TreeMap<Long, double[]> history = new TreeMap<>();
    private VolatilityState state;

    private static VolatilityRules rules(VolatilityRules.Baseline baseline, int previous) {
        return new VolatilityRules(10, baseline, previous,
                List.of(VolatilityKpi.TICKETS_CREATED, VolatilityKpi.FRT_P90), List.of("channel_priority", "team"),
                Severity.WARNING);
    }

    private static TicketKpi row(long endMs, long created) {
        TicketKpi k = new TicketKpi();
        k.channel = "chat";
        k.priority = "P2";
        k.windowStartMs = endMs - HOUR;
        k.windowEndMs = endMs;
        k.isFinal = true;
        k.ticketsCreated = created;
        return k;
    }

    private static long end(int n) {
        return T0 + n * HOUR;
    }

    /** Applies the row as the operator does: the step, then the row's values into the group's history. */
    private List<SlaAlert> apply(VolatilityTracker tracker, TicketKpi row) {
        VolatilityTracker.Step step = tracker.next(state, row, history::get);
        state = step.state();
        history.put(row.windowEndMs, tracker.valuesOf(row));
        return step.alerts();
    }

    private static String brief(SlaAlert a) {
        return a.slaMetric + ' ' + a.status + " E" + (a.changedAtMs - T0) / HOUR;
    }

    @Test
    void aSwingAgainstTheMeanOfThePreviousWindowsFiresAfterTwoWindowsAndResolvesAfterTwoBack() {
        VolatilityTracker tracker = new VolatilityTracker(rules(VolatilityRules.Baseline.PREVIOUS_WINDOWS, 2),
                DEBOUNCE, HOUR, 3);
        long[] created = {10, 10, 10, 12, 13, 13, 13};
        List<String> records = new ArrayList<>();
        List<SlaAlert> alerts = new ArrayList<>();
        for (int n = 0; n < created.length; n++) {
            for (SlaAlert a : apply(tracker, row(end(n), created[n]))) {
                records.add(brief(a));
                alerts.add(a);
            }
        }

        // E3: 12 vs mean(10, 10) = +20 % (out, 1); E4: 13 vs mean(12, 10) = 11, +18.2 % (out, 2): fires;
        // E5: 13 vs 12.5, +4 % (back, 1); E6: 13 vs 13, 0 % (back, 2): resolves. FRT p90 never measured: silent.
        assertThat(records).containsExactly("tickets_created firing E4", "tickets_created resolved E6");
        SlaAlert firing = alerts.get(0);
        assertThat(firing.dedupKey).isEqualTo("volatility/tickets_created/chat/P2@3");
        assertThat(firing.kind).isEqualTo("volatility");
        assertThat(firing.severity).isEqualTo("warning");
        assertThat(firing.targetS).isEqualTo(11.0);
        assertThat(firing.elapsedS).isEqualTo(13.0);
        assertThat(firing.overrunPct).isCloseTo(18.1818, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(firing.breachedAtMs).isEqualTo(end(4));
        assertThat(firing.startedAtMs).isEqualTo(end(3));
        assertThat(firing.groupingSet).isEqualTo("channel_priority");
        assertThat(firing.dimensionValues).containsExactly("chat", "P2");
        assertThat(firing.policyId).isEqualTo("kpi-volatility");
        assertThat(firing.summary)
                .isEqualTo("tickets created of chat/P2 +18.2 % vs the mean of the previous 2 windows: 13 vs 11");
        SlaAlert resolved = alerts.get(1);
        assertThat(resolved.resolveReason).isEqualTo("recovered");
        assertThat(resolved.breachedAtMs).isEqualTo(end(4));
        assertThat(state).as("idle again: no state").isNull();
    }

    @Test
    void theSameHourLastWeekIsTheBaselineAndADropCountsAsMuchAsARise() {
        VolatilityTracker tracker = new VolatilityTracker(rules(VolatilityRules.Baseline.SAME_HOUR_LAST_WEEK, 1),
                DEBOUNCE, HOUR, 3);
        int week = 7 * 24;
        apply(tracker, row(end(0), 20));
        apply(tracker, row(end(1), 20));
        // a week later: 15 and 17 tickets against 20 and 20: -25 %, -15 %
        assertThat(apply(tracker, row(end(week), 15))).isEmpty();
        List<SlaAlert> fired = apply(tracker, row(end(week + 1), 17));

        assertThat(fired).extracting(VolatilityTrackerTest::brief).containsExactly("tickets_created firing E169");
        assertThat(fired.get(0).overrunPct).isEqualTo(-15.0);
        // the next hour has no row a week earlier: no baseline, nothing changes
        assertThat(apply(tracker, row(end(week + 2), 1))).isEmpty();
        assertThat(state.firing[0]).isTrue();
    }

    @Test
    void aValueInTheHysteresisBandNeitherRaisesNorClearsAndABaselineOfZeroIsNoBaseline() {
        VolatilityTracker tracker = new VolatilityTracker(rules(VolatilityRules.Baseline.PREVIOUS_WINDOWS, 1),
                DEBOUNCE, HOUR, 3);
        long[] created = {100, 100, 120, 144, 155, 163, 163, 163, 0, 5};
        List<String> records = new ArrayList<>();
        for (int n = 0; n < created.length; n++) {
            apply(tracker, row(end(n), created[n])).forEach(a -> records.add(brief(a)));
        }
        // E2: +20 % out (1); E3: +20 % out (2): fires. E4: 155 vs 144, +7.6 %, and E5: 163 vs 155, +5.2 %: in the
        // band (5 to 10 %), neither out nor back: it keeps firing. E6: 0 % back (1); E7: back (2): resolves.
        // E8: -100 % out (1); E9: 5 vs 0: no percentage, neither (the run stays at 1, nothing fires).
        assertThat(records).containsExactly("tickets_created firing E3", "tickets_created resolved E7");
        assertThat(state.outRuns[0]).isEqualTo(1);
        assertThat(state.firing[0]).isFalse();
    }

    @Test
    void rowsOfAGroupingSetCarryTheirDimensionsAndNonFinalOrOldRowsAreIgnored() {
        VolatilityTracker tracker = new VolatilityTracker(rules(VolatilityRules.Baseline.PREVIOUS_WINDOWS, 1),
                DEBOUNCE, HOUR, 3);
        List<SlaAlert> alerts = new ArrayList<>();
        long[] created = {10, 20, 40};
        for (int n = 0; n < created.length; n++) {
            TicketKpi r = row(end(n), created[n]);
            r.channel = null;
            r.priority = null;
            r.groupingSet = "team";
            r.dimensionNames = new String[] {"team"};
            r.dimensionValues = new String[] {"billing"};
            r.foldedDimensions = new String[0];
            alerts.addAll(apply(tracker, r));
        }
        TicketKpi notFinal = row(end(3), 1);
        notFinal.isFinal = false;
        VolatilityState before = state;

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.dedupKey).isEqualTo("volatility/tickets_created/team:billing@3");
            assertThat(a.channel).isNull();
            assertThat(a.team).isEqualTo("billing");
            assertThat(a.groupingSet).isEqualTo("team");
            assertThat(a.summary).startsWith("tickets created of team billing +100.0 %");
        });
        assertThat(tracker.next(state, notFinal, history::get).state()).isSameAs(before);
        assertThat(tracker.next(state, row(end(2), 1), history::get).alerts()).isEmpty();
        assertThat(tracker.watches("team")).isTrue();
        assertThat(tracker.watches(null)).isTrue();
        assertThat(tracker.watches("agent")).isFalse();
    }
}
