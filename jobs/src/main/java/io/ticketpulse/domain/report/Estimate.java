package io.ticketpulse.domain.report;

/**
 * A run-level value that the windows' rows cannot give exactly (a percentile, a mean without its count): the
 * weighted mean of the windows' values ({@code value}), and the smallest and largest window value. For a
 * nearest-rank percentile the exact run-level value lies in [{@code min}, {@code max}]: each window has at least
 * {@code ceil(p n_i)} values at or below its own percentile and fewer than {@code p n_i} below it, and these sum
 * over the windows. {@code weight} is the total weight (values counted); all null/0 when nothing was measured.
 */
public record Estimate(Double value, Double min, Double max, long weight) {

    public static final Estimate NONE = new Estimate(null, null, null, 0);

    /** Accumulates (value, weight) pairs; values that are null or of weight 0 are skipped. */
    public static final class Builder {
        private double sum;
        private long weight;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        public Builder add(Double value, long w) {
            if (value != null && w > 0) {
                sum += value * w;
                weight += w;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            return this;
        }

        public Estimate build() {
            return weight == 0 ? NONE : new Estimate(sum / weight, min, max, weight);
        }
    }
}
