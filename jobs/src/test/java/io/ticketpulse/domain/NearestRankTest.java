package io.ticketpulse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The percentile maths: the rank formula and fixed sets, then properties over generated inputs (QuickTheories: a
 * failure prints the shrunk input and the seed; replay it with {@code -DQT_SEED=<seed>}).
 */
class NearestRankTest {

    /** The percentiles the properties check: those of the KPI rows and the edges. */
    private static final int[] PERCENTS = {1, 25, 50, 90, 95, 99, 100};

    private static LongMultiset multiset(long... values) {
        LongMultiset m = new LongMultiset();
        m.apply(bag(values), new LongBag());
        return m;
    }

    private static LongBag bag(long... values) {
        LongBag b = new LongBag();
        for (long v : values) {
            b.add(v);
        }
        return b;
    }

    @Test
    void rankIsTheCeilingOfPTimesNOverAHundred() {
        assertThat(NearestRank.rank(50, 1)).isEqualTo(1);
        assertThat(NearestRank.rank(99, 1)).isEqualTo(1);
        assertThat(NearestRank.rank(50, 2)).isEqualTo(1);
        assertThat(NearestRank.rank(50, 3)).isEqualTo(2);
        assertThat(NearestRank.rank(90, 10)).isEqualTo(9);
        assertThat(NearestRank.rank(95, 10)).isEqualTo(10);
        assertThat(NearestRank.rank(95, 20)).isEqualTo(19);
        assertThat(NearestRank.rank(99, 100)).isEqualTo(99);
        assertThat(NearestRank.rank(99, 101)).isEqualTo(100);
        assertThat(NearestRank.rank(90, 10_001)).isEqualTo(9_001);
        assertThat(NearestRank.rank(100, 12_345)).isEqualTo(12_345);
        assertThat(NearestRank.rank(1, 12_345)).isEqualTo(124);
        // integer arithmetic: in doubles 0.07 * 100 = 7.000000000000001, whose ceiling would be 8
        assertThat(NearestRank.rank(7, 100)).isEqualTo(7);
    }

    @Test
    void rejectsPercentilesOutsideOneToAHundredAndEmptyCounts() {
        assertThatThrownBy(() -> NearestRank.rank(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NearestRank.rank(101, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NearestRank.rank(50, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NearestRank.percentiles(List.of(multiset(1)), 50, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesOfAFixedSetSplitOverParts() {
        // 1..10 over three parts: p1 = 1st, p50 = 5th, p90 = 9th, p95 = p99 = p100 = 10th value
        List<LongMultiset> parts = List.of(multiset(7, 1, 4, 10), multiset(2, 5, 8), multiset(9, 3, 6));
        assertThat(NearestRank.percentiles(parts, 1, 50, 90, 95, 99, 100)).containsExactly(1, 5, 9, 10, 10, 10);
        assertThat(NearestRank.count(parts)).isEqualTo(10);
    }

    @Test
    void duplicatesCountWithTheirMultiplicityAcrossParts() {
        // {10, 10, 10} and {10, 20}: n = 5; p50 -> 3rd = 10, p80 -> 4th = 10, p90 -> ceil(4.5) = 5th = 20
        List<LongMultiset> parts = List.of(multiset(10, 10, 10), multiset(20, 10));
        assertThat(NearestRank.percentiles(parts, 50, 80, 90)).containsExactly(10, 10, 20);
    }

    @Test
    void extremeValuesAreSelectedWithoutOverflow() {
        List<LongMultiset> parts = List.of(multiset(Long.MAX_VALUE, -1), multiset(0, Long.MIN_VALUE));
        assertThat(NearestRank.percentiles(parts, 25, 50, 75, 100))
                .containsExactly(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE);
        assertThat(NearestRank.percentiles(List.of(multiset(Long.MAX_VALUE - 1, Long.MAX_VALUE)), 50, 100))
                .containsExactly(Long.MAX_VALUE - 1, Long.MAX_VALUE);
    }

    @Test
    void percentsMayComeInAnyOrderAndRepeat() {
        List<LongMultiset> parts = List.of(multiset(40, 10), multiset(30, 20));
        assertThat(NearestRank.percentiles(parts, 99, 50, 99, 25)).containsExactly(40, 20, 40, 10);
    }

    @Test
    void nothingToRankGivesNull() {
        assertThat(NearestRank.percentiles(List.of(), 50)).isNull();
        assertThat(NearestRank.percentiles(List.of(new LongMultiset(), new LongMultiset()), 50)).isNull();
        LongMultiset pendingRetraction = new LongMultiset();
        pendingRetraction.apply(new LongBag(), bag(5));
        assertThat(NearestRank.percentiles(List.of(pendingRetraction), 50)).isNull();
    }

    @Test
    void onlyPositiveMultiplicitiesCount() {
        // a part whose smallest value is a pending retraction (-1) and a part with 1..4
        LongMultiset withPending = new LongMultiset();
        withPending.apply(bag(3, 8), bag(0));
        List<LongMultiset> parts = List.of(withPending, multiset(1, 2, 4, 9));
        // values {1, 2, 3, 4, 8, 9}: p50 -> 3rd = 3, p90 -> ceil(5.4) = 6th = 9
        assertThat(NearestRank.count(parts)).isEqualTo(6);
        assertThat(NearestRank.percentiles(parts, 50, 90)).containsExactly(3, 9);
    }

    @Test
    void largeSetsAreExactToo() {
        // 25,000 values in 60 parts: well past any sketch's exact range, still the sorted array's element
        Random random = new Random(11);
        long[] all = new long[25_000];
        List<LongBag> bags = new ArrayList<>();
        for (int p = 0; p < 60; p++) {
            bags.add(new LongBag());
        }
        for (int i = 0; i < all.length; i++) {
            all[i] = (long) (Math.exp(random.nextDouble() * 15)); // log-uniform, 1 ms to ~3.3 million ms
            bags.get(random.nextInt(60)).add(all[i]);
        }
        List<LongMultiset> parts = new ArrayList<>();
        for (LongBag b : bags) {
            LongMultiset m = new LongMultiset();
            m.apply(b, new LongBag());
            parts.add(m);
        }
        Arrays.sort(all);
        assertThat(NearestRank.percentiles(parts, 50, 90, 95, 99))
                .containsExactly(all[12_500 - 1], all[22_500 - 1], all[23_750 - 1], all[24_750 - 1]);
    }

    /** One generated input: values spread over parts, built through adds and retractions in a shuffled order. */
    private record History(List<Long> values, List<Integer> partOf, List<Long> noise, long seed) {

        int parts() {
            return 1 + partOf.stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        /**
         * The parts' multisets, built from a shuffled sequence of deltas: every value added once to its part, and
         * every noise value added and retracted in that part (in either order, possibly in the same delta).
         */
        List<LongMultiset> build() {
            record Op(int part, long value, boolean add) {}
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                ops.add(new Op(partOf.get(i % partOf.size()), values.get(i), true));
            }
            for (int i = 0; i < noise.size(); i++) {
                int part = partOf.get(i % partOf.size());
                ops.add(new Op(part, noise.get(i), true));
                ops.add(new Op(part, noise.get(i), false));
            }
            Random random = new Random(seed);
            Collections.shuffle(ops, random);
            List<LongMultiset> result = new ArrayList<>();
            for (int p = 0; p < parts(); p++) {
                result.add(new LongMultiset());
            }
            int i = 0;
            while (i < ops.size()) {
                int end = Math.min(ops.size(), i + 1 + random.nextInt(5));
                for (int p = 0; p < result.size(); p++) {
                    LongBag added = new LongBag();
                    LongBag retracted = new LongBag();
                    for (Op op : ops.subList(i, end)) {
                        if (op.part() == p) {
                            (op.add() ? added : retracted).add(op.value());
                        }
                    }
                    result.get(p).apply(added, retracted);
                }
                i = end;
            }
            return result;
        }
    }

    private static Gen<History> histories() {
        // small values (many duplicates), millisecond durations up to a year and a bit, any long (overflow edges)
        Gen<Long> values = longs().between(0, 1_000).mix(longs().between(0, 40_000_000_000L)).mix(longs().all(), 20);
        return lists().of(values).ofSizeBetween(0, 300).zip(
                lists().of(integers().between(0, 7)).ofSizeBetween(1, 20),
                lists().of(values).ofSizeBetween(0, 40),
                longs().all(),
                History::new);
    }

    /** The definition, independently of {@link NearestRank#rank}: the smallest r with r / n >= p / 100. */
    private static long[] bySortedArray(List<Long> values, int... percents) {
        if (values.isEmpty()) {
            return null;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] result = new long[percents.length];
        for (int i = 0; i < percents.length; i++) {
            int r = 1;
            while (100L * r < (long) percents[i] * sorted.length) {
                r++;
            }
            result[i] = sorted[r - 1];
        }
        return result;
    }

    @Test
    void propertyEqualsTheSortedArrayNearestRankWhateverTheSplitAndTheOrder() {
        qt().withExamples(2_000).forAll(histories()).checkAssert(h -> {
            List<LongMultiset> parts = h.build();
            long[] expected = bySortedArray(h.values(), PERCENTS);

            assertThat(NearestRank.percentiles(parts, PERCENTS)).isEqualTo(expected);
            List<LongMultiset> reversed = new ArrayList<>(parts);
            Collections.reverse(reversed);
            assertThat(NearestRank.percentiles(reversed, PERCENTS)).isEqualTo(expected);
            assertThat(NearestRank.count(parts)).isEqualTo(h.values().size());
        });
    }

    @Test
    void propertyMergingPartsFirstChangesNothing() {
        qt().withExamples(1_000).forAll(histories()).checkAssert(h -> {
            List<LongMultiset> parts = h.build();
            LongMultiset merged = new LongMultiset();
            for (LongMultiset part : parts) {
                merged.addAll(part);
            }
            List<LongMultiset> halves = new ArrayList<>();
            LongMultiset odd = new LongMultiset();
            LongMultiset even = new LongMultiset();
            for (int i = 0; i < parts.size(); i++) {
                (i % 2 == 0 ? even : odd).addAll(parts.get(i));
            }
            halves.add(odd);
            halves.add(even);

            long[] expected = NearestRank.percentiles(parts, PERCENTS);
            assertThat(NearestRank.percentiles(List.of(merged), PERCENTS)).isEqualTo(expected);
            assertThat(NearestRank.percentiles(halves, PERCENTS)).isEqualTo(expected);
        });
    }
}
