package io.ticketpulse.simulator;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A calibrated help desk for the simulator: the distributions {@link TicketPlanner} draws every ticket's
 * lifecycle from, as data. Two profiles reproduce the first playbook's assessment table:
 *
 * <ul>
 *   <li>{@link #BASELINE} its "current" column: average FRT 25 min, 35 % of customers waiting over 10 min for a
 *       first response, MTTR 4 h, FCR (one-touch resolution) 60 %, CSAT 72/100;
 *   <li>{@link #TARGET} its benchmark column: FRT 10 min, 15 %, MTTR 2 h, FCR 80 %, CSAT 85/100.
 * </ul>
 *
 * <p>Both have the same realistic channel differences (phone and chat answered within a minute or two, email
 * slowest, web/app/social in between) and the same triage: P1 and P2 tickets are picked from the queue quickly on
 * every channel, so the shipped SLA policies' tight P1/P2 targets are mostly met and the averages are made by the
 * P3/P4 tickets. The figures each profile reproduces are in {@link #figures()}; {@code SimulatorProfileTest}
 * replays each profile and checks the computed KPIs against them within the tolerances it states.
 *
 * <p>CSAT: the playbook scores satisfaction 0–100, the {@code ticket-event} contract rates 1–5; the score is the
 * rating mean × 20 (5 = 100), as the run report computes it ({@link Figures#csatMean()}: 72/100 = mean 3.60,
 * 85/100 = mean 4.25).
 *
 * @param name the {@code --sim-profile} name
 * @param description one line for {@code --help} and the README
 * @param figures the playbook figures this profile reproduces
 * @param channels the channel mix and per-channel behaviour, in the simulator's channel order
 * @param priorities the priority mix and per-priority triage
 * @param assignedRate share of tickets assigned to an agent before the first reply (the rest are worked from the
 *     queue)
 * @param exchangeReplyMedianFactor a customer's follow-up question is answered after the ticket's first-reply
 *     distribution scaled by this
 * @param csatWeights rating weights 1..5 by the ticket's first-reply delay: under 1 min, 1–5 min, 5–60 min, 1 h
 *     and more
 */
public record SimulatorProfile(
        String name,
        String description,
        Figures figures,
        List<ChannelBehaviour> channels,
        List<PriorityBehaviour> priorities,
        double assignedRate,
        double exchangeReplyMedianFactor,
        List<List<Double>> csatWeights) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The playbook figures a profile reproduces, over all (non-test) tickets of a run, by the README's KPI
     * definitions: {@code frt_mean_s}, {@code wait_timeout_rate} (threshold 10 min), {@code mttr_mean_s}, {@code
     * fcr_rate}, and CSAT as a 0–100 score of {@code csat_mean}.
     */
    public record Figures(Duration frtMean, double waitTimeoutRate, Duration mttrMean, double fcrRate, int csatScore)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The 1–5 rating mean of the 0–100 score: score / 20. */
        public double csatMean() {
            return csatScore / 20.0;
        }

        /** The 0–100 score of a 1–5 rating mean: mean × 20 (as the run report's {@code csat}). */
        public static double csatScore(double csatMean) {
            return csatMean * 20;
        }
    }

    /**
     * One channel: its share of tickets; the log-normal first-reply delay (median, shape), except for the share
     * {@code backlogShare} of tickets that sit in the backlog first (log-normal with median {@code backlogMedian}
     * and shape {@value TicketPlanner#BACKLOG_SIGMA}); the working time from the first reply to the resolution
     * (median, shape); and the share of its tickets resolved with the first reply alone (no further exchange:
     * one-touch).
     */
    public record ChannelBehaviour(String channel, double weight, Duration firstReplyMedian, double firstReplySigma,
            double backlogShare, Duration backlogMedian, Duration workMedian, double workSigma, double oneTouchRate)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One priority: its share of tickets; its first replies take the channel's delay times {@code
     * firstReplyFactor}, with the median at most {@code firstReplyMedianCap} when set (triage: urgent tickets are
     * picked up quickly on any channel); the working time is the channel's times {@code workFactor}; while worked
     * the agent posts an update every {@code updateEvery} (median) when set; {@code followUpRate} of its
     * resolutions get an agent's follow-up message within about half an hour, the others a late one (about 3 h
     * after); 0: no follow-ups.
     */
    public record PriorityBehaviour(String priority, double weight, double firstReplyFactor,
            Duration firstReplyMedianCap, double workFactor, Duration updateEvery, double followUpRate)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Optional<Duration> medianCap() {
            return Optional.ofNullable(firstReplyMedianCap);
        }

        public Optional<Duration> updates() {
            return Optional.ofNullable(updateEvery);
        }
    }

    public SimulatorProfile {
        channels = List.copyOf(channels);
        priorities = List.copyOf(priorities);
        List<List<Double>> weights = new ArrayList<>();
        for (List<Double> row : csatWeights) {
            weights.add(List.copyOf(row));
        }
        csatWeights = List.copyOf(weights);
        if (csatWeights.size() != 4 || csatWeights.stream().anyMatch(r -> r.size() != 5)) {
            throw new IllegalArgumentException("csatWeights: 4 FRT buckets of 5 rating weights");
        }
    }

    private static final Duration SECONDS_15 = Duration.ofSeconds(15);

    /** The first playbook's "current" column: a desk missing its customer-experience targets. */
    public static final SimulatorProfile BASELINE = new SimulatorProfile(
            "baseline",
            "the playbook's current desk: FRT 25 min, 35 % wait over 10 min, MTTR 4 h, FCR 60 %, CSAT 72/100",
            new Figures(Duration.ofMinutes(25), 0.35, Duration.ofHours(4), 0.60, 72),
            List.of(
                    new ChannelBehaviour("email", 35, Duration.ofMinutes(33), 1.25, 0, Duration.ZERO,
                            Duration.ofMinutes(260), 0.9, 0.52),
                    new ChannelBehaviour("chat", 25, Duration.ofSeconds(40), 0.9, 0, Duration.ZERO,
                            Duration.ofMinutes(21), 0.8, 0.70),
                    new ChannelBehaviour("phone", 15, SECONDS_15, 0.8, 0, Duration.ZERO,
                            Duration.ofMinutes(17), 0.8, 0.77),
                    new ChannelBehaviour("web", 15, Duration.ofMinutes(11), 1.0, 0, Duration.ZERO,
                            Duration.ofMinutes(213), 0.9, 0.57),
                    new ChannelBehaviour("app", 7, Duration.ofMinutes(8), 1.0, 0, Duration.ZERO,
                            Duration.ofMinutes(155), 0.9, 0.60),
                    new ChannelBehaviour("social", 3, Duration.ofMinutes(6), 1.0, 0, Duration.ZERO,
                            Duration.ofMinutes(100), 0.9, 0.62)),
            List.of(
                    new PriorityBehaviour("P1", 5, 0.3, Duration.ofMinutes(1), 0.15, Duration.ofMinutes(15), 0.97),
                    new PriorityBehaviour("P2", 15, 0.6, Duration.ofMinutes(3), 0.7, null, 0.97),
                    new PriorityBehaviour("P3", 55, 1.0, null, 1.0, null, 0),
                    new PriorityBehaviour("P4", 25, 1.3, null, 1.3, null, 0)),
            0.99,
            0.5,
            List.of(
                    List.of(3.0, 5.0, 17.0, 40.0, 35.0),
                    List.of(4.0, 7.0, 22.0, 40.0, 27.0),
                    List.of(9.0, 14.0, 30.0, 30.0, 17.0),
                    List.of(20.0, 20.0, 28.0, 20.0, 12.0)));

    /** The first playbook's benchmark column: the same desk after the playbook's improvements. */
    public static final SimulatorProfile TARGET = new SimulatorProfile(
            "target",
            "the playbook's benchmark desk: FRT 10 min, 15 % wait over 10 min, MTTR 2 h, FCR 80 %, CSAT 85/100",
            new Figures(Duration.ofMinutes(10), 0.15, Duration.ofHours(2), 0.80, 85),
            List.of(
                    new ChannelBehaviour("email", 35, Duration.ofSeconds(200), 1.0, 0.26, Duration.ofMinutes(58),
                            Duration.ofMinutes(137), 0.9, 0.74),
                    new ChannelBehaviour("chat", 25, Duration.ofSeconds(30), 0.9, 0, Duration.ZERO,
                            Duration.ofMinutes(13), 0.8, 0.88),
                    new ChannelBehaviour("phone", 15, SECONDS_15, 0.8, 0, Duration.ZERO,
                            Duration.ofMinutes(11), 0.8, 0.92),
                    new ChannelBehaviour("web", 15, Duration.ofSeconds(200), 1.0, 0.10, Duration.ofMinutes(58),
                            Duration.ofMinutes(110), 0.9, 0.78),
                    new ChannelBehaviour("app", 7, Duration.ofMinutes(3), 1.0, 0.06, Duration.ofMinutes(50),
                            Duration.ofMinutes(82), 0.9, 0.80),
                    new ChannelBehaviour("social", 3, Duration.ofMinutes(3), 1.0, 0.05, Duration.ofMinutes(50),
                            Duration.ofMinutes(55), 0.9, 0.82)),
            List.of(
                    new PriorityBehaviour("P1", 5, 0.3, Duration.ofMinutes(1), 0.15, Duration.ofMinutes(15), 0.99),
                    new PriorityBehaviour("P2", 15, 0.6, Duration.ofMinutes(3), 0.7, null, 0.99),
                    new PriorityBehaviour("P3", 55, 1.0, null, 1.0, null, 0),
                    new PriorityBehaviour("P4", 25, 1.3, null, 1.3, null, 0)),
            0.995,
            0.5,
            List.of(
                    List.of(1.0, 2.0, 7.0, 32.0, 58.0),
                    List.of(1.0, 3.0, 9.0, 38.0, 49.0),
                    List.of(4.0, 7.0, 16.0, 35.0, 38.0),
                    List.of(11.0, 12.0, 24.0, 29.0, 24.0)));

    /** The default profile: the embedded demo's and the {@code simulate} command's. */
    public static final SimulatorProfile DEFAULT = BASELINE;

    /** Every profile, in the order of {@code --help}. */
    public static List<SimulatorProfile> all() {
        return List.of(BASELINE, TARGET);
    }

    /** The profile called {@code name} (ignoring case). */
    public static Optional<SimulatorProfile> named(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return all().stream().filter(p -> p.name.equals(wanted)).findFirst();
    }

    /** The profiles' names, comma-separated. */
    public static String names() {
        return String.join(", ", all().stream().map(SimulatorProfile::name).toList());
    }

    double[] channelWeights() {
        return channels.stream().mapToDouble(ChannelBehaviour::weight).toArray();
    }

    double[] priorityWeights() {
        return priorities.stream().mapToDouble(PriorityBehaviour::weight).toArray();
    }

    double[] csatWeights(int bucket) {
        return csatWeights.get(bucket).stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public String toString() {
        return name;
    }
}
