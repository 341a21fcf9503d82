package io.ticketpulse.domain;

import java.util.Arrays;

/**
 * An append-only bag of {@code long} values (duplicates kept, order irrelevant), used by {@link PaneDelta} to
 * collect the FRT/TTR values it adds or retracts in O(1) per value. Only the first {@link #size} entries of
 * {@link #items} are meaningful; the rest is spare capacity. A Flink POJO (primitive array + int).
 */
public class LongBag {

    private static final long[] NONE = new long[0];

    /** The values; entries at {@code size} and beyond are unused capacity. */
    public long[] items = NONE;
    /** How many entries of {@link #items} are in use. */
    public int size;

    public LongBag() {}

    /** Appends one value. */
    public void add(long value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, Math.max(8, size * 2));
        }
        items[size++] = value;
    }

    /** Appends every value of {@code other}. */
    public void addAll(LongBag other) {
        if (other.size == 0) {
            return;
        }
        if (size + other.size > items.length) {
            items = Arrays.copyOf(items, Math.max(size + other.size, size * 2));
        }
        System.arraycopy(other.items, 0, items, size, other.size);
        size += other.size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** A sorted copy of the values in use. */
    public long[] sortedValues() {
        long[] copy = Arrays.copyOf(items, size);
        Arrays.sort(copy);
        return copy;
    }

    /** True when both bags hold the same values with the same multiplicities. */
    public boolean sameMultisetAs(LongBag other) {
        return size == other.size && Arrays.equals(sortedValues(), other.sortedValues());
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOf(items, size));
    }
}
