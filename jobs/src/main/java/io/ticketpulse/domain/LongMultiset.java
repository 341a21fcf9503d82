package io.ticketpulse.domain;

import java.util.Arrays;

/**
 * An exact multiset of {@code long} values with signed multiplicities, kept canonical: {@link #values} sorted
 * ascending and distinct, {@link #counts} the matching multiplicities, never zero. A negative multiplicity
 * means a retraction arrived before the value it retracts; it cancels exactly when that value arrives.
 * A Flink POJO (two primitive arrays), used by {@link KpiPane} for the FRT and TTR values of one pane; the
 * percentiles of a window are computed from the panes' multisets by {@link NearestRank}.
 */
public class LongMultiset {

    private static final long[] NO_VALUES = new long[0];
    private static final int[] NO_COUNTS = new int[0];

    /** Distinct values, ascending. */
    public long[] values = NO_VALUES;
    /** Multiplicity of {@code values[i]}; never zero. */
    public int[] counts = NO_COUNTS;

    public LongMultiset() {}

    /** Adds every value of {@code added} once and removes every value of {@code retracted} once. */
    public void apply(LongBag added, LongBag retracted) {
        if (added.isEmpty() && retracted.isEmpty()) {
            return;
        }
        LongMultiset delta = new LongMultiset();
        delta.mergeRuns(added.sortedValues(), 1);
        delta.mergeRuns(retracted.sortedValues(), -1);
        mergeFrom(delta.values, delta.counts);
    }

    /** Adds every value of {@code other} with its multiplicity. */
    public void addAll(LongMultiset other) {
        mergeFrom(other.values, other.counts);
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    /** The sum of all multiplicities. */
    public long totalCount() {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /**
     * The sum of the positive multiplicities: how many values count for percentiles. A negative multiplicity
     * (a retraction waiting for its value) does not count.
     */
    public long positiveCount() {
        long n = 0;
        for (int c : counts) {
            if (c > 0) {
                n += c;
            }
        }
        return n;
    }

    /** The largest value with a positive multiplicity, or {@link Long#MIN_VALUE} if there is none. */
    public long maxPresent() {
        for (int i = values.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return values[i];
            }
        }
        return Long.MIN_VALUE;
    }

    /**
     * An order-independent 64-bit hash of the content that is additive: the hash of a union of multisets is
     * the sum of their hashes, so the panes of a window can be hashed one by one.
     */
    public long contentHash() {
        long h = 0;
        for (int i = 0; i < values.length; i++) {
            h += Mix.mix64(values[i]) * counts[i];
        }
        return h;
    }

    /** Folds sorted {@code run} values (duplicates allowed), each with multiplicity {@code sign}. */
    private void mergeRuns(long[] sorted, int sign) {
        int distinct = 0;
        long[] v = new long[sorted.length];
        int[] c = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            if (distinct > 0 && v[distinct - 1] == sorted[i]) {
                c[distinct - 1] += sign;
            } else {
                v[distinct] = sorted[i];
                c[distinct] = sign;
                distinct++;
            }
        }
        mergeFrom(Arrays.copyOf(v, distinct), Arrays.copyOf(c, distinct));
    }

    /** Merges a canonical (sorted, distinct) value/count list into this one, dropping zero multiplicities. */
    private void mergeFrom(long[] otherValues, int[] otherCounts) {
        if (otherValues.length == 0) {
            return;
        }
        long[] v = new long[values.length + otherValues.length];
        int[] c = new int[v.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < values.length || j < otherValues.length) {
            long value;
            int count;
            if (j == otherValues.length || (i < values.length && values[i] < otherValues[j])) {
                value = values[i];
                count = counts[i++];
            } else if (i == values.length || otherValues[j] < values[i]) {
                value = otherValues[j];
                count = otherCounts[j++];
            } else {
                value = values[i];
                count = counts[i++] + otherCounts[j++];
            }
            if (count != 0) {
                v[n] = value;
                c[n] = count;
                n++;
            }
        }
        values = Arrays.copyOf(v, n);
        counts = Arrays.copyOf(c, n);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LongMultiset)) {
            return false;
        }
        LongMultiset m = (LongMultiset) o;
        return Arrays.equals(values, m.values) && Arrays.equals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(values[i]);
            if (counts[i] != 1) {
                sb.append('x').append(counts[i]);
            }
        }
        return sb.append('}').toString();
    }
}
