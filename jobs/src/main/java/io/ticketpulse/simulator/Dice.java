package io.ticketpulse.simulator;

import java.util.SplittableRandom;

/** The simulator's seeded source of randomness and the few distributions it draws from. Not thread-safe. */
final class Dice {

    private final SplittableRandom random;

    Dice(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** True with probability {@code p}. */
    boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    /** Uniform in {@code [0, 1)}. */
    double unit() {
        return random.nextDouble();
    }

    /** Uniform long in {@code [from, to]}; {@code from} when the range is empty. */
    long between(long from, long to) {
        return to <= from ? from : from + random.nextLong(to - from + 1);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Exponentially distributed with the given mean (Poisson inter-arrival times). */
    double exponential(double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }

    /**
     * Log-normal with the given median and shape {@code sigma}, clamped to {@code [median / 20, median * 20]}
     * so that no single ticket lives unboundedly long.
     */
    long logNormal(double median, double sigma) {
        double value = median * Math.exp(sigma * random.nextGaussian());
        return Math.round(Math.max(median / 20, Math.min(median * 20, value)));
    }

    /** Index {@code i} with probability {@code weights[i] / sum(weights)}. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
