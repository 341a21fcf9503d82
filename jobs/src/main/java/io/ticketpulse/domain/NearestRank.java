package io.ticketpulse.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Exact nearest-rank percentiles of the union of several {@link LongMultiset}s (the panes of a window).
 *
 * <p>Definition: of the {@code n} values in ascending order (a value counts as often as its multiplicity;
 * only positive multiplicities count), the {@code p}-th percentile ({@code p} a whole number of per cent,
 * 1 to 100) is the value at the 1-based rank {@code ceil(p * n / 100)}, computed in integer arithmetic. It is
 * always one of the values; p100 is the maximum. Nothing is approximated: there is no cap on {@code n}, and the
 * result is a function of the multiset only, so it does not depend on how the values are split over the parts,
 * on the order of the parts, or on the order in which values were added and retracted.
 *
 * <p>Algorithm: per rank, a bisection of the value range (at most 64 steps for {@code long}s, about 40 for
 * millisecond durations up to years), each step counting the values at or below the midpoint with one binary
 * search per part over the part's prefix sums of positive multiplicities. Cost: {@code O(D)} to build the prefix
 * sums of {@code D} distinct values, then {@code O(64 k log d)} per rank for {@code k} parts of at most {@code
 * d} distinct values: independent of the number of values {@code n}, so a window of a million values costs
 * little more than the prefix sums. The bisection's answer is the smallest value with at least r values at or
 * below it, which is by definition the value at rank r.
 */
public final class NearestRank {

    /**
     * Up to this many values the parts are simply gathered and sorted (the same answer, cheaper for the small
     * windows that are the common case than a bisection per rank).
     */
    static final int SORT_BELOW = 4096;

    private NearestRank() {}

    /** The 1-based rank of the {@code percent}-th percentile among {@code n >= 1} values: ceil(percent * n / 100). */
    public static long rank(int percent, long n) {
        checkPercent(percent);
        if (n < 1) {
            throw new IllegalArgumentException("Need at least one value, got " + n);
        }
        return (Math.multiplyExact(n, (long) percent) + 99) / 100;
    }

    /** The number of values of {@code parts} that count: the sum of the positive multiplicities. */
    public static long count(Collection<LongMultiset> parts) {
        long n = 0;
        for (LongMultiset part : parts) {
            n += part.positiveCount();
        }
        return n;
    }

    /**
     * The {@code percents[i]}-th percentile of the union of {@code parts} at index {@code i} of the result, or
     * {@code null} when the parts hold no value with a positive multiplicity.
     */
    public static long[] percentiles(Collection<LongMultiset> parts, int... percents) {
        for (int p : percents) {
            checkPercent(p);
        }
        long n = 0;
        List<LongMultiset> counted = new ArrayList<>(parts.size());
        for (LongMultiset part : parts) {
            long c = part.positiveCount();
            if (c > 0) {
                n += c;
                counted.add(part);
            }
        }
        if (n == 0) {
            return null;
        }
        long[] ranks = new long[percents.length];
        for (int i = 0; i < percents.length; i++) {
            ranks[i] = rank(percents[i], n);
        }
        long[] targets = ranks.clone();
        Arrays.sort(targets);
        long[] found = n <= SORT_BELOW
                ? valuesAtSortedRanksBySorting(counted, (int) n, targets)
                : valuesAtSortedRanks(counted.toArray(new LongMultiset[0]), targets);
        long[] result = new long[percents.length];
        for (int i = 0; i < ranks.length; i++) {
            result[i] = found[Arrays.binarySearch(targets, ranks[i])];
        }
        return result;
    }

    /**
     * The values at the ascending 1-based {@code ranks}, each at most the number of values of {@code parts}: for
     * each rank r, the smallest value v with at least r values at or below v, found by bisecting the value range.
     */
    private static long[] valuesAtSortedRanks(LongMultiset[] parts, long[] ranks) {
        long[][] cumulative = new long[parts.length][];
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int p = 0; p < parts.length; p++) {
            cumulative[p] = positivePrefixCounts(parts[p]);
            LongMultiset m = parts[p];
            for (int i = 0; i < m.values.length; i++) {
                if (m.counts[i] > 0) {
                    lo = Math.min(lo, m.values[i]);
                    break;
                }
            }
            hi = Math.max(hi, m.maxPresent());
        }
        long[] found = new long[ranks.length];
        for (int r = 0; r < ranks.length; r++) {
            // the values at ascending ranks ascend: start where the previous rank's value was found
            long low = r == 0 ? lo : found[r - 1];
            long high = hi;
            while (low < high) {
                long mid = (low >> 1) + (high >> 1) + (low & high & 1); // floor((low + high) / 2), no overflow
                if (countAtOrBelow(parts, cumulative, mid) >= ranks[r]) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            found[r] = low;
        }
        return found;
    }

    /** The values at the ascending 1-based {@code ranks} of the {@code n} values of {@code parts}, by sorting. */
    private static long[] valuesAtSortedRanksBySorting(List<LongMultiset> parts, int n, long[] ranks) {
        long[] all = new long[n];
        int k = 0;
        for (LongMultiset m : parts) {
            for (int i = 0; i < m.values.length; i++) {
                for (int c = m.counts[i]; c > 0; c--) {
                    all[k++] = m.values[i];
                }
            }
        }
        Arrays.sort(all);
        long[] found = new long[ranks.length];
        for (int r = 0; r < ranks.length; r++) {
            found[r] = all[(int) ranks[r] - 1];
        }
        return found;
    }

    /** {@code c[i]}: the sum of the positive multiplicities of {@code m.values[0..i]}. */
    private static long[] positivePrefixCounts(LongMultiset m) {
        long[] c = new long[m.counts.length];
        long sum = 0;
        for (int i = 0; i < c.length; i++) {
            sum += Math.max(0, m.counts[i]);
            c[i] = sum;
        }
        return c;
    }

    /** How many values of all parts are at most {@code v}. */
    private static long countAtOrBelow(LongMultiset[] parts, long[][] cumulative, long v) {
        long n = 0;
        for (int p = 0; p < parts.length; p++) {
            int i = upperBound(parts[p].values, v);
            if (i > 0) {
                n += cumulative[p][i - 1];
            }
        }
        return n;
    }

    /** The number of elements of the ascending {@code values} that are at most {@code v}. */
    private static int upperBound(long[] values, long v) {
        int low = 0;
        int high = values.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= v) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static void checkPercent(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("Percentile must be 1 to 100, got " + percent);
        }
    }
}
