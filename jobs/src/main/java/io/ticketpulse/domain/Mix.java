package io.ticketpulse.domain;

/** 64-bit mixing for fingerprints (the SplitMix64 finaliser): close values get unrelated hashes. */
final class Mix {

    private Mix() {}

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Folds {@code value} into the running hash {@code h} (order-dependent). */
    static long combine(long h, long value) {
        return mix64(h * 0x9e3779b97f4a7c15L + value);
    }
}
