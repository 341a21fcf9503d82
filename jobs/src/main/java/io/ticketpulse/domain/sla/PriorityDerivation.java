package io.ticketpulse.domain.sla;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The priority of a ticket created without one, from its attributes (the {@code priority_derivation} section of
 * an {@code sla-policy} v1 file): each factor is an attribute key with a weight; an attribute's value is looked up
 * in {@link #levels} (ignoring case and surrounding blanks) to give a level, and the score is the weighted mean of
 * the levels of the factors present:
 *
 * <pre>score = sum(weight_i * level_i) / sum(weight_i)    over the factors whose attribute has a known level</pre>
 *
 * The first threshold (highest first) whose {@code minScore} the score reaches ({@code score >= minScore}, exact
 * decimal arithmetic, no rounding) gives the priority; below every threshold, {@link #belowThresholds}. A ticket
 * with no factor present (no attribute, or no known level) has no score and gets {@link #withoutAttributes}.
 *
 * <p>Defaults (the playbook's): urgency weight 40, impact 30; levels {@code low} 1, {@code medium} 3,
 * {@code high} 5 and the digits {@code 1}..{@code 5}; P1 from 4.5, P2 (high) from 3.5, P3 (medium) from 2.0, else P4
 * (low); P3 without a score.
 *
 * @param factors the scored attributes, each key once, weights greater than 0 (relative: only their ratio counts)
 * @param levels attribute value (lower case, trimmed) to level
 * @param thresholds priorities by minimum score, {@code minScore} strictly descending, each priority once
 * @param belowThresholds the priority of a score below every threshold
 * @param withoutAttributes the priority of a ticket without a score
 */
public record PriorityDerivation(
        List<Factor> factors,
        Map<String, BigDecimal> levels,
        List<Threshold> thresholds,
        String belowThresholds,
        String withoutAttributes) implements Serializable {

    /** A scored attribute and its weight. */
    public record Factor(String attribute, BigDecimal weight) implements Serializable {}

    /** The priority of a score of at least {@code minScore}. */
    public record Threshold(String priority, BigDecimal minScore) implements Serializable {}

    public static final List<Factor> DEFAULT_FACTORS =
            List.of(new Factor("urgency", new BigDecimal("40")), new Factor("impact", new BigDecimal("30")));

    public static final Map<String, BigDecimal> DEFAULT_LEVELS = defaultLevels();

    public static final List<Threshold> DEFAULT_THRESHOLDS = List.of(
            new Threshold("P1", new BigDecimal("4.5")),
            new Threshold("P2", new BigDecimal("3.5")),
            new Threshold("P3", new BigDecimal("2.0")));

    public static final PriorityDerivation DEFAULT =
            new PriorityDerivation(DEFAULT_FACTORS, DEFAULT_LEVELS, DEFAULT_THRESHOLDS, "P4", "P3");

    public PriorityDerivation {
        factors = List.copyOf(factors);
        thresholds = List.copyOf(thresholds);
        Map<String, BigDecimal> normalized = new LinkedHashMap<>();
        levels.forEach((k, v) -> normalized.put(normalize(k), v));
        levels = Map.copyOf(normalized);
        Set<String> keys = new HashSet<>();
        for (Factor f : factors) {
            if (f.weight().signum() <= 0) {
                throw new IllegalArgumentException("the weight of factor " + f.attribute() + " must be greater than 0");
            }
            if (!keys.add(f.attribute())) {
                throw new IllegalArgumentException("factor " + f.attribute() + " is listed twice");
            }
        }
        Set<String> priorities = new HashSet<>();
        for (int i = 0; i < thresholds.size(); i++) {
            if (i > 0 && thresholds.get(i).minScore().compareTo(thresholds.get(i - 1).minScore()) >= 0) {
                throw new IllegalArgumentException("threshold min scores must descend (highest first)");
            }
            if (!priorities.add(thresholds.get(i).priority())) {
                throw new IllegalArgumentException("priority " + thresholds.get(i).priority() + " has two thresholds");
            }
        }
    }

    private static Map<String, BigDecimal> defaultLevels() {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        m.put("low", BigDecimal.ONE);
        m.put("medium", new BigDecimal("3"));
        m.put("high", new BigDecimal("5"));
        for (int i = 1; i <= 5; i++) {
            m.put(Integer.toString(i), BigDecimal.valueOf(i));
        }
        return Map.copyOf(m);
    }

    private static String normalize(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** The priority of a ticket created without one, with these (creation) attributes (null: none). */
    public String derive(Map<String, String> attributes) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Factor f : factors) {
            BigDecimal level = levelOf(attributes, f);
            if (level != null) {
                weighted = weighted.add(f.weight().multiply(level));
                weights = weights.add(f.weight());
            }
        }
        if (weights.signum() == 0) {
            return withoutAttributes;
        }
        for (Threshold t : thresholds) {
            // score >= min  <=>  weighted >= min * weights (weights > 0): exact, no division
            if (weighted.compareTo(t.minScore().multiply(weights)) >= 0) {
                return t.priority();
            }
        }
        return belowThresholds;
    }

    /** The score (the weighted mean, to 10 decimal places) or null without a factor present; for messages and tests. */
    public BigDecimal score(Map<String, String> attributes) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Factor f : factors) {
            BigDecimal level = levelOf(attributes, f);
            if (level != null) {
                weighted = weighted.add(f.weight().multiply(level));
                weights = weights.add(f.weight());
            }
        }
        return weights.signum() == 0 ? null : weighted.divide(weights, 10, java.math.RoundingMode.HALF_EVEN);
    }

    private BigDecimal levelOf(Map<String, String> attributes, Factor f) {
        if (attributes == null) {
            return null;
        }
        String value = attributes.get(f.attribute());
        return value == null ? null : levels.get(normalize(value));
    }
}
