package io.ticketpulse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ticketpulse.schema.TicketKpi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KpiWindowCalculatorTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final long END = T0 + 10 * MINUTE;
    private static final String CH = "email";
    private static final String PR = "P2";

    /** A pane holding the given facts, all placed at the pane start. */
    private static KpiPane pane(long start, Fact... facts) {
        PaneDelta d = new PaneDelta(CH, PR, start);
        for (Fact f : facts) {
            d.add(f);
        }
        return new KpiPane(start).apply(d);
    }

    private static Fact frt(long seconds) {
        return Fact.firstResponse(T0, "t", CH, PR, seconds * 1000);
    }

    private static Fact ttr(long seconds, boolean oneTouch) {
        return Fact.resolved(T0, "t", CH, PR, seconds * 1000, oneTouch);
    }

    private static Fact rating(int csat, FrtBucket bucket) {
        return Fact.rated(T0, "t", CH, PR, csat, bucket);
    }

    private static TicketKpi compute(List<KpiPane> panes, long backlog) {
        return KpiWindowCalculator.compute(T0, END, CH, PR, panes, backlog, 0, false);
    }

    @Test
    void everyKpiFollowsItsDefinition() {
        KpiPane first = pane(T0,
                Fact.created(T0, "a", CH, PR), Fact.created(T0, "b", CH, PR),
                frt(30), frt(90),
                Fact.waitDecided(T0, "a", CH, PR, true), Fact.waitDecided(T0, "b", CH, PR, false),
                ttr(600, true), ttr(1200, false),
                rating(5, FrtBucket.LT_1M), rating(3, FrtBucket.LT_1M), rating(2, FrtBucket.NONE));
        KpiPane second = pane(T0 + 3 * MINUTE,
                Fact.created(T0, "c", CH, PR),
                frt(400),
                Fact.waitDecided(T0, "c", CH, PR, false), Fact.waitDecided(T0, "d", CH, PR, false),
                ttr(1800, true),
                rating(4, FrtBucket.FROM_1_TO_5M), rating(1, FrtBucket.GT_5M));

        TicketKpi k = KpiWindowCalculator.compute(T0, END, CH, PR, List.of(first, second), 7, 2, true);

        assertThat(k.windowStartMs).isEqualTo(T0);
        assertThat(k.windowEndMs).isEqualTo(END);
        assertThat(k.channel).isEqualTo(CH);
        assertThat(k.priority).isEqualTo(PR);
        assertThat(k.revision).isEqualTo(2);
        assertThat(k.isFinal).isTrue();
        assertThat(k.ticketsCreated).isEqualTo(3);
        // FRT {30, 90, 400} s: mean 520/3; nearest rank: p50 = 2nd, p90/p95/p99 = 3rd value.
        assertThat(k.frtCount).isEqualTo(3);
        assertThat(k.frtMeanS).isCloseTo(520.0 / 3, within(1e-9));
        assertThat(k.frtP50S).isEqualTo(90.0);
        assertThat(k.frtP90S).isEqualTo(400.0);
        assertThat(k.frtP95S).isEqualTo(400.0);
        assertThat(k.frtP99S).isEqualTo(400.0);
        assertThat(k.frtMaxS).isEqualTo(400.0);
        // 1 timeout of 4 decisions.
        assertThat(k.waitTimeouts).isEqualTo(1);
        assertThat(k.waitDecided).isEqualTo(4);
        assertThat(k.waitTimeoutRate).isEqualTo(0.25);
        // TTR {600, 1200, 1800} s, two one-touch.
        assertThat(k.resolved).isEqualTo(3);
        assertThat(k.mttrMeanS).isEqualTo(1200.0);
        assertThat(k.mttrP50S).isEqualTo(1200.0);
        assertThat(k.mttrP90S).isEqualTo(1800.0);
        assertThat(k.oneTouchResolved).isEqualTo(2);
        assertThat(k.fcrRate).isCloseTo(2.0 / 3, within(1e-12));
        // CSAT 5, 3 (<1m), 2 (no FRT), 4 (1-5m), 1 (>5m).
        assertThat(k.csatCount).isEqualTo(5);
        assertThat(k.csatMean).isEqualTo(3.0);
        assertThat(k.csatMeanFrtLt1m).isEqualTo(4.0);
        assertThat(k.csatMeanFrt1To5m).isEqualTo(4.0);
        assertThat(k.csatMeanFrtGt5m).isEqualTo(1.0);
        assertThat(k.backlogOpen).isEqualTo(7);
    }

    @Test
    void nothingMeasuredGivesZeroCountsAndNulls() {
        TicketKpi k = compute(List.of(), 3);
        assertThat(k.ticketsCreated).isZero();
        assertThat(k.frtCount).isZero();
        assertThat(k.resolved).isZero();
        assertThat(k.csatCount).isZero();
        assertThat(k.backlogOpen).isEqualTo(3);
        assertThat(Arrays.asList(k.frtMeanS, k.frtP50S, k.frtP90S, k.frtP95S, k.frtP99S, k.frtMaxS,
                        k.waitTimeoutRate, k.mttrMeanS, k.mttrP50S, k.mttrP90S, k.fcrRate, k.csatMean,
                        k.csatMeanFrtLt1m, k.csatMeanFrt1To5m, k.csatMeanFrtGt5m))
                .containsOnlyNulls();

        TicketKpi onlyCreated = compute(List.of(pane(T0, Fact.created(T0, "a", CH, PR))), 0);
        assertThat(onlyCreated.ticketsCreated).isEqualTo(1);
        assertThat(onlyCreated.frtMeanS).isNull();
        assertThat(onlyCreated.frtP50S).isNull();
        assertThat(onlyCreated.frtMaxS).isNull();
    }

    @Test
    void ratingsWithoutFirstResponseCountOnlyInTheOverallMean() {
        TicketKpi k = compute(List.of(pane(T0, rating(4, FrtBucket.NONE), rating(2, FrtBucket.NONE))), 0);
        assertThat(k.csatCount).isEqualTo(2);
        assertThat(k.csatMean).isEqualTo(3.0);
        assertThat(k.csatMeanFrtLt1m).isNull();
        assertThat(k.csatMeanFrt1To5m).isNull();
        assertThat(k.csatMeanFrtGt5m).isNull();
    }

    @Test
    void percentilesAreNearestRankOnSmallSets() {
        TicketKpi four = compute(List.of(pane(T0, frt(10), frt(20), frt(30), frt(40))), 0);
        assertThat(four.frtP50S).isEqualTo(20.0);
        assertThat(four.frtP90S).isEqualTo(40.0);
        assertThat(four.frtP95S).isEqualTo(40.0);
        assertThat(four.frtP99S).isEqualTo(40.0);

        // 1..10 s: p50 = 5th (ceil 5.0), p90 = 9th (ceil 9.0), p95 = 10th (ceil 9.5), p99 = 10th.
        List<Fact> tenFacts = new ArrayList<>();
        for (int s = 10; s >= 1; s--) {
            tenFacts.add(frt(s));
            tenFacts.add(ttr(s, false));
        }
        TicketKpi ten = compute(List.of(pane(T0, tenFacts.toArray(new Fact[0]))), 0);
        assertThat(ten.frtP50S).isEqualTo(5.0);
        assertThat(ten.frtP90S).isEqualTo(9.0);
        assertThat(ten.frtP95S).isEqualTo(10.0);
        assertThat(ten.frtP99S).isEqualTo(10.0);
        assertThat(ten.mttrP50S).isEqualTo(5.0);
        assertThat(ten.mttrP90S).isEqualTo(9.0);

        // Duplicates count with their multiplicity: {10, 10, 10, 20}: p50 = 10, p90 = 20.
        TicketKpi dup = compute(List.of(pane(T0, frt(10), frt(10), frt(10), frt(20))), 0);
        assertThat(dup.frtP50S).isEqualTo(10.0);
        assertThat(dup.frtP90S).isEqualTo(20.0);
        assertThat(dup.frtMeanS).isEqualTo(12.5);
    }

    @Test
    void percentilesAreNearestRankAcrossPanes() {
        // 400 values split over two panes: 1..400 s, odd ones in the first pane, even in the second.
        List<Fact> odd = new ArrayList<>();
        List<Fact> even = new ArrayList<>();
        for (int s = 1; s <= 400; s++) {
            (s % 2 == 1 ? odd : even).add(frt(s));
        }
        TicketKpi k = compute(List.of(
                pane(T0, odd.toArray(new Fact[0])), pane(T0 + MINUTE, even.toArray(new Fact[0]))), 0);
        // nearest rank: ceil(p * 400)-th value, which is that many seconds.
        assertThat(k.frtP50S).isEqualTo(200.0);
        assertThat(k.frtP90S).isEqualTo(360.0);
        assertThat(k.frtP95S).isEqualTo(380.0);
        assertThat(k.frtP99S).isEqualTo(396.0);
        assertThat(k.frtMaxS).isEqualTo(400.0);
        assertThat(k.frtMeanS).isEqualTo(200.5);
    }

    @Test
    void percentilesAreExactNearestRanksAtAnyCountAndPaneOrder() {
        // 100,000 distinct-ish values (with duplicates) shuffled over 10 panes; every percentile must be the
        // sorted array's element at ceil(p * n / 100), and the pane order must not matter.
        int n = 100_000;
        Random random = new Random(42);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add((long) random.nextInt(3_600_000));
        }
        List<KpiPane> panes = new ArrayList<>();
        int perPane = n / 10;
        for (int p = 0; p < 10; p++) {
            PaneDelta d = new PaneDelta(CH, PR, T0 + p * MINUTE);
            for (long v : values.subList(p * perPane, (p + 1) * perPane)) {
                d.add(Fact.firstResponse(T0, "t", CH, PR, v));
                d.add(Fact.resolved(T0, "t", CH, PR, 2 * v, false));
            }
            panes.add(new KpiPane(T0 + p * MINUTE).apply(d));
        }

        TicketKpi k = compute(panes, 0);
        List<KpiPane> reversed = new ArrayList<>(panes);
        Collections.reverse(reversed);
        List<KpiPane> shuffled = new ArrayList<>(panes);
        Collections.shuffle(shuffled, new Random(7));

        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(k.frtCount).isEqualTo(n);
        assertThat(k.frtMaxS).isEqualTo(sorted[n - 1] / 1000.0);
        // nearest rank r = ceil(p * n / 100): p50 -> 50,000th, p90 -> 90,000th, p95 -> 95,000th, p99 -> 99,000th
        assertThat(k.frtP50S).isEqualTo(sorted[50_000 - 1] / 1000.0);
        assertThat(k.frtP90S).isEqualTo(sorted[90_000 - 1] / 1000.0);
        assertThat(k.frtP95S).isEqualTo(sorted[95_000 - 1] / 1000.0);
        assertThat(k.frtP99S).isEqualTo(sorted[99_000 - 1] / 1000.0);
        assertThat(k.mttrP50S).isEqualTo(2 * sorted[50_000 - 1] / 1000.0);
        assertThat(k.mttrP90S).isEqualTo(2 * sorted[90_000 - 1] / 1000.0);
        assertThat(compute(reversed, 0)).isEqualTo(k);
        assertThat(compute(shuffled, 0)).isEqualTo(k);
    }

    @Test
    void aRetractionWaitingForItsValueIsNoValue() {
        // A pane holding a retraction of 5 s before the 5 s fact it retracts arrived (multiplicity -1), next to
        // a pane with 10 s and 20 s: the window's values are {10, 20}, so p50 = 10 s, not 5 s or 20 s.
        KpiPane pending = new KpiPane(T0).apply(delta(T0, frt(5).withSign(-1)));
        KpiPane other = pane(T0 + MINUTE, frt(10), frt(20));

        TicketKpi k = compute(List.of(pending, other), 0);

        assertThat(k.frtP50S).isEqualTo(10.0);
        assertThat(k.frtP90S).isEqualTo(20.0);
        assertThat(compute(List.of(pending), 0).frtP50S).as("only a pending retraction: nothing measured").isNull();
    }

    @Test
    void addThenRetractGivesTheSameRowAsNeverAdded() {
        Fact[] base = {Fact.created(T0, "a", CH, PR), frt(30), frt(60), ttr(900, true), rating(4, FrtBucket.LT_1M)};
        Fact[] extra = {Fact.created(T0, "x", CH, PR), frt(45), Fact.waitDecided(T0, "x", CH, PR, true),
            ttr(100, true), rating(1, FrtBucket.GT_5M), Fact.backlog(T0, "x", CH, PR, 1)};
        Fact[] retract = Arrays.stream(extra).map(f -> f.withSign(-1)).toArray(Fact[]::new);

        KpiPane never = pane(T0, base);
        KpiPane retracted = pane(T0, base);
        retracted.apply(delta(T0, extra)).apply(delta(T0, retract));

        TicketKpi expected = compute(List.of(never), 0);
        TicketKpi actual = compute(List.of(retracted), 0);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.frtCount).isEqualTo(2);
        assertThat(actual.frtP90S).isEqualTo(60.0);
        assertThat(KpiWindowCalculator.fingerprint(List.of(retracted), 0))
                .isEqualTo(KpiWindowCalculator.fingerprint(List.of(never), 0));
    }

    private static PaneDelta delta(long start, Fact... facts) {
        PaneDelta d = new PaneDelta(CH, PR, start);
        for (Fact f : facts) {
            d.add(f);
        }
        return d;
    }

    @Test
    void fingerprintSeesValueChangesButNotPaneOrder() {
        KpiPane a = pane(T0, frt(10), frt(30));
        KpiPane b = pane(T0 + MINUTE, Fact.created(T0, "a", CH, PR));
        long fp = KpiWindowCalculator.fingerprint(List.of(a, b), 1);

        assertThat(KpiWindowCalculator.fingerprint(List.of(b, a), 1)).isEqualTo(fp);
        assertThat(KpiWindowCalculator.fingerprint(List.of(a, b), 2)).isNotEqualTo(fp);
        // same count and sum, other values: the percentiles differ, so must the fingerprint
        KpiPane sameSum = pane(T0, frt(20), frt(20));
        assertThat(KpiWindowCalculator.fingerprint(List.of(sameSum, b), 1)).isNotEqualTo(fp);
        assertThat(KpiWindowCalculator.fingerprint(List.of(a), 1)).isNotEqualTo(fp);
    }

    private static Fact aht(long seconds) {
        return Fact.handlingTime(T0, "t", CH, PR, seconds * 1000);
    }

    @Test
    void handlingTimesAndDerivedPrioritiesAreCountedAcrossPanes() {
        // AHT {120, 360, 600} s in one pane, {60} s in another: count 4, mean 1140 / 4 = 285, nearest rank p50 = 2nd
        // of {60, 120, 360, 600} = 120, p90 = 4th = 600; two of the three creations had a derived priority
        KpiPane first = pane(T0, aht(360), aht(120), aht(600),
                Fact.created(T0, "a", CH, PR, true), Fact.created(T0, "b", CH, PR, false));
        KpiPane second = pane(T0 + 5 * MINUTE, aht(60), Fact.created(T0, "c", CH, PR, true));

        TicketKpi k = compute(List.of(second, first), 0);

        assertThat(k.ahtCount).isEqualTo(4);
        assertThat(k.ahtMeanS).isEqualTo(285.0);
        assertThat(k.ahtP50S).isEqualTo(120.0);
        assertThat(k.ahtP90S).isEqualTo(600.0);
        assertThat(k.ticketsCreated).isEqualTo(3);
        assertThat(k.ticketsPriorityDerived).isEqualTo(2);
        assertThat(first.hasFacts()).isTrue();
    }

    @Test
    void withoutHandlingTimesTheAhtIsNullAndARetractedOneIsNoValue() {
        PaneDelta d = new PaneDelta(CH, PR, T0);
        d.add(aht(300));
        d.add(aht(300).withSign(-1));
        d.add(Fact.created(T0, "a", CH, PR, true));
        d.add(Fact.created(T0, "a", CH, PR, true).withSign(-1));
        KpiPane retracted = new KpiPane(T0).apply(d);

        TicketKpi k = compute(List.of(retracted), 0);

        assertThat(k.ahtCount).isZero();
        assertThat(k.ahtMeanS).isNull();
        assertThat(k.ahtP50S).isNull();
        assertThat(k.ahtP90S).isNull();
        assertThat(k.ticketsPriorityDerived).isZero();
        assertThat(retracted.isEmpty()).isTrue();
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void theFingerprintSeesHandlingTimesAndDerivedPriorities() {
        KpiPane plain = pane(T0, Fact.created(T0, "a", CH, PR));
        long fp = KpiWindowCalculator.fingerprint(List.of(plain), 0);

        assertThat(KpiWindowCalculator.fingerprint(List.of(pane(T0, Fact.created(T0, "a", CH, PR, true))), 0))
                .isNotEqualTo(fp);
        // same count and sum of handling times, other values (other percentiles)
        assertThat(KpiWindowCalculator.fingerprint(List.of(pane(T0, aht(1), aht(3))), 0))
                .isNotEqualTo(KpiWindowCalculator.fingerprint(List.of(pane(T0, aht(2), aht(2))), 0));
    }

    @Test
    void rejectsPanesOutsideTheWindow() {
        assertThatThrownBy(() -> compute(List.of(pane(END, frt(1))), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> compute(List.of(pane(T0 - MINUTE, frt(1))), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void businessMeansAreOverTheValuesWithACalendarOnlyAndRetractExactly() {
        // three FRTs (60, 600, 6000 s), two with business values (30 s and 90 s); one TTR of 7200 s with 3600 s
        Fact frtA = frt(60).withBusinessMs(30_000L);
        Fact frtB = frt(600).withBusinessMs(90_000L);
        Fact ttrA = ttr(7200, false).withBusinessMs(3_600_000L);
        TicketKpi k = compute(List.of(pane(T0, frtA, frt(6000)), pane(T0 + 5 * MINUTE, frtB, ttrA)), 0);
        assertThat(k.frtMeanS).isEqualTo(2220.0); // (60 + 600 + 6000) / 3
        assertThat(k.frtBusinessMeanS).isEqualTo(60.0); // (30 + 90) / 2: the calendar-time FRT is left out
        assertThat(k.mttrBusinessMeanS).isEqualTo(3600.0);
        // the means' own counts (not frt_count = 3): the weights a dashboard needs to merge rows
        assertThat(k.frtCount).isEqualTo(3);
        assertThat(k.frtBusinessCount).isEqualTo(2L);
        assertThat(k.mttrBusinessCount).isEqualTo(1L);

        // retracting frtB and the resolution leaves 30 s and no business MTTR
        TicketKpi after = compute(List.of(pane(T0, frtA, frt(6000)),
                pane(T0 + 5 * MINUTE, frtB, ttrA, frtB.withSign(-1), ttrA.withSign(-1))), 0);
        assertThat(after.frtBusinessMeanS).isEqualTo(30.0);
        assertThat(after.mttrBusinessMeanS).isNull();
        assertThat(after.frtBusinessCount).isEqualTo(1L);
        assertThat(after.mttrBusinessCount).isNull();

        TicketKpi none = compute(List.of(pane(T0, frt(60), ttr(120, true))), 0);
        assertThat(none.frtBusinessMeanS).isNull();
        assertThat(none.mttrBusinessMeanS).isNull();
        assertThat(none.frtBusinessCount).isNull();
        assertThat(none.mttrBusinessCount).isNull();
    }
}
