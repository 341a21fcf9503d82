package io.ticketpulse.domain;

import java.util.Arrays;
import java.util.Collection;

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
 * <p>Cost: one k-way merge over the parts' sorted distinct values, {@code O(D log k)} time for {@code D}
 * distinct values in {@code k} parts, and {@code O(k)} extra memory; all requested ranks in one pass.
 */
public final class NearestRank {

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
        long n = count(parts);
        if (n == 0) {
            return null;
        }
        long[] ranks = new long[percents.length];
        for (int i = 0; i < percents.length; i++) {
            ranks[i] = rank(percents[i], n);
        }
        long[] targets = ranks.clone();
        Arrays.sort(targets);
        long[] found = valuesAtSortedRanks(parts.toArray(new LongMultiset[0]), targets);
        long[] result = new long[percents.length];
        for (int i = 0; i < ranks.length; i++) {
            result[i] = found[Arrays.binarySearch(targets, ranks[i])];
        }
        return result;
    }

    /** The values at the ascending 1-based {@code ranks}, each at most the number of values of {@code parts}. */
    private static long[] valuesAtSortedRanks(LongMultiset[] parts, long[] ranks) {
        long[] found = new long[ranks.length];
        int[] cursor = new int[parts.length];
        PartHeap heap = new PartHeap(parts, cursor);
        for (int i = 0; i < parts.length; i++) {
            cursor[i] = nextPositive(parts[i], 0);
            if (cursor[i] < parts[i].values.length) {
                heap.push(i);
            }
        }
        long seen = 0;
        int next = 0;
        while (next < ranks.length) {
            int part = heap.top();
            long value = parts[part].values[cursor[part]];
            seen += parts[part].counts[cursor[part]];
            while (next < ranks.length && ranks[next] <= seen) {
                found[next++] = value;
            }
            cursor[part] = nextPositive(parts[part], cursor[part] + 1);
            if (cursor[part] < parts[part].values.length) {
                heap.siftDownTop();
            } else {
                heap.popTop();
            }
        }
        return found;
    }

    /** The first index at or after {@code from} with a positive multiplicity, or the length if there is none. */
    private static int nextPositive(LongMultiset m, int from) {
        int i = from;
        while (i < m.counts.length && m.counts[i] <= 0) {
            i++;
        }
        return i;
    }

    private static void checkPercent(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("Percentile must be 1 to 100, got " + percent);
        }
    }

    /** A binary min-heap of part indices, ordered by the value at each part's cursor. */
    private static final class PartHeap {
        private final LongMultiset[] parts;
        private final int[] cursor;
        private final int[] heap;
        private int size;

        PartHeap(LongMultiset[] parts, int[] cursor) {
            this.parts = parts;
            this.cursor = cursor;
            this.heap = new int[parts.length];
        }

        int top() {
            return heap[0];
        }

        void push(int part) {
            int i = size++;
            heap[i] = part;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (key(heap[parent]) <= key(heap[i])) {
                    break;
                }
                swap(i, parent);
                i = parent;
            }
        }

        void popTop() {
            heap[0] = heap[--size];
            siftDownTop();
        }

        /** Restores the order after the top part's key grew. */
        void siftDownTop() {
            int i = 0;
            while (true) {
                int smallest = i;
                int left = 2 * i + 1;
                int right = left + 1;
                if (left < size && key(heap[left]) < key(heap[smallest])) {
                    smallest = left;
                }
                if (right < size && key(heap[right]) < key(heap[smallest])) {
                    smallest = right;
                }
                if (smallest == i) {
                    return;
                }
                swap(i, smallest);
                i = smallest;
            }
        }

        private long key(int part) {
            return parts[part].values[cursor[part]];
        }

        private void swap(int i, int j) {
            int t = heap[i];
            heap[i] = heap[j];
            heap[j] = t;
        }
    }
}
