package io.ticketpulse.simulator;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated settings of the ticket simulator and of its Flink source. Immutable; build with {@link
 * #builder()}; {@link Builder#build()} fails fast with a message naming every bad setting. Plain Java (no Flink),
 * so the CLI maps its flags onto it and the simulator core reads it directly.
 *
 * <p>Defaults: 1,000 events/s, unbounded, seed 42, simulated clock starting at {@link #DEFAULT_START}, 600
 * tickets per simulated hour, 1% test tickets, 0.5% duplicate re-sends, 0.3% malformed records, jitter up to
 * 10 s, 0.5% mildly late (1–5 min) and 0.1% very late (1–3 h) deliveries; the desk of profile
 * {@link SimulatorProfile#DEFAULT} ({@code baseline}).
 */
public final class SimulatorOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@link #events()} value meaning "never stop". */
    public static final long UNBOUNDED = Long.MAX_VALUE;
    /** Default start of the simulated clock: a fixed instant, so runs are reproducible. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-23T08:00:00Z");

    private final double eventsPerSecond;
    private final long events;
    private final long seed;
    private final Instant start;
    private final double ticketsPerHour;
    private final double testTicketRate;
    private final double duplicateRate;
    private final double malformedRate;
    private final Duration maxJitter;
    private final double mildLateRate;
    private final double veryLateRate;
    private final SimulatorProfile profile;

    private SimulatorOptions(Builder b) {
        this.eventsPerSecond = b.eventsPerSecond;
        this.events = b.events;
        this.seed = b.seed;
        this.start = b.start;
        this.ticketsPerHour = b.ticketsPerHour;
        this.testTicketRate = b.testTicketRate;
        this.duplicateRate = b.duplicateRate;
        this.malformedRate = b.malformedRate;
        this.maxJitter = b.maxJitter;
        this.mildLateRate = b.mildLateRate;
        this.veryLateRate = b.veryLateRate;
        this.profile = b.profile;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SimulatorOptions defaults() {
        return builder().build();
    }

    /** A builder holding this object's settings, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .eventsPerSecond(eventsPerSecond)
                .events(events)
                .seed(seed)
                .start(start)
                .ticketsPerHour(ticketsPerHour)
                .testTicketRate(testTicketRate)
                .duplicateRate(duplicateRate)
                .malformedRate(malformedRate)
                .maxJitter(maxJitter)
                .mildLateRate(mildLateRate)
                .veryLateRate(veryLateRate)
                .profile(profile);
    }

    /** Records per wall-clock second over all source readers; 0 = as fast as possible (default 1,000). */
    public double eventsPerSecond() {
        return eventsPerSecond;
    }

    public boolean throttled() {
        return eventsPerSecond > 0;
    }

    /** Total records the source emits over all readers; {@link #UNBOUNDED} = never stop (the default). */
    public long events() {
        return events;
    }

    public boolean bounded() {
        return events != UNBOUNDED;
    }

    /** Base random seed; reader {@code i} uses {@code seed + i} (default 42). */
    public long seed() {
        return seed;
    }

    /** Where the simulated clock starts (default {@link #DEFAULT_START}). */
    public Instant start() {
        return start;
    }

    /** Ticket arrivals per simulated hour over all readers (Poisson; default 600). */
    public double ticketsPerHour() {
        return ticketsPerHour;
    }

    /** Share of tickets marked {@code is_test} (default 0.01). */
    public double testTicketRate() {
        return testTicketRate;
    }

    /** Chance that a delivered event is re-sent once more with the same bytes (default 0.005). */
    public double duplicateRate() {
        return duplicateRate;
    }

    /** Chance that a delivered event is followed by a malformed record (default 0.003). */
    public double malformedRate() {
        return malformedRate;
    }

    /** On-time events are delivered up to this long after they occurred (default 10 s). */
    public Duration maxJitter() {
        return maxJitter;
    }

    /** Share of events delivered 1–5 min after they occurred (default 0.005). */
    public double mildLateRate() {
        return mildLateRate;
    }

    /** Share of events delivered 1–3 h after they occurred (default 0.001). */
    public double veryLateRate() {
        return veryLateRate;
    }

    /** The calibrated desk whose tickets are simulated (default {@link SimulatorProfile#DEFAULT}). */
    public SimulatorProfile profile() {
        return profile;
    }

    @Override
    public String toString() {
        return "SimulatorOptions{eventsPerSecond=" + eventsPerSecond + ", events="
                + (bounded() ? Long.toString(events) : "unbounded") + ", seed=" + seed + ", start=" + start
                + ", ticketsPerHour=" + ticketsPerHour + ", testTicketRate=" + testTicketRate + ", duplicateRate="
                + duplicateRate + ", malformedRate=" + malformedRate + ", maxJitter=" + maxJitter
                + ", mildLateRate=" + mildLateRate + ", veryLateRate=" + veryLateRate + ", profile=" + profile.name()
                + '}';
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private double eventsPerSecond = 1_000;
        private long events = UNBOUNDED;
        private long seed = 42;
        private Instant start = DEFAULT_START;
        private double ticketsPerHour = 600;
        private double testTicketRate = 0.01;
        private double duplicateRate = 0.005;
        private double malformedRate = 0.003;
        private Duration maxJitter = Duration.ofSeconds(10);
        private double mildLateRate = 0.005;
        private double veryLateRate = 0.001;
        private SimulatorProfile profile = SimulatorProfile.DEFAULT;

        private Builder() {}

        public Builder eventsPerSecond(double rate) {
            this.eventsPerSecond = rate;
            return this;
        }

        /** Unthrottled: as fast as the pipeline takes records. */
        public Builder unthrottled() {
            return eventsPerSecond(0);
        }

        public Builder events(long count) {
            this.events = count;
            return this;
        }

        public Builder unbounded() {
            return events(UNBOUNDED);
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder ticketsPerHour(double ticketsPerHour) {
            this.ticketsPerHour = ticketsPerHour;
            return this;
        }

        public Builder testTicketRate(double rate) {
            this.testTicketRate = rate;
            return this;
        }

        public Builder duplicateRate(double rate) {
            this.duplicateRate = rate;
            return this;
        }

        public Builder malformedRate(double rate) {
            this.malformedRate = rate;
            return this;
        }

        public Builder maxJitter(Duration jitter) {
            this.maxJitter = jitter;
            return this;
        }

        public Builder mildLateRate(double rate) {
            this.mildLateRate = rate;
            return this;
        }

        public Builder veryLateRate(double rate) {
            this.veryLateRate = rate;
            return this;
        }

        public Builder profile(SimulatorProfile profile) {
            this.profile = profile;
            return this;
        }

        /** No imperfections at all: no duplicates, malformed or late records, no jitter. */
        public Builder perfect() {
            return duplicateRate(0).malformedRate(0).maxJitter(Duration.ZERO).mildLateRate(0).veryLateRate(0);
        }

        /** Validates every setting and names each one that is wrong. */
        public SimulatorOptions build() {
            List<String> errors = new ArrayList<>();
            if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
                errors.add("events-per-second must be > 0, or 0 for unthrottled, got " + eventsPerSecond);
            }
            if (events < 1) {
                errors.add("events must be at least 1, got " + events);
            }
            if (start == null) {
                errors.add("start must be set");
            }
            if (!(ticketsPerHour > 0) || Double.isInfinite(ticketsPerHour)) {
                errors.add("tickets-per-hour must be > 0, got " + ticketsPerHour);
            }
            rate("test-ticket-rate", testTicketRate, errors);
            rate("duplicate-rate", duplicateRate, errors);
            rate("malformed-rate", malformedRate, errors);
            rate("mild-late-rate", mildLateRate, errors);
            rate("very-late-rate", veryLateRate, errors);
            if (errors.isEmpty() && mildLateRate + veryLateRate > 1) {
                errors.add("mild-late-rate + very-late-rate must be at most 1, got " + (mildLateRate + veryLateRate));
            }
            if (maxJitter == null || maxJitter.isNegative() || maxJitter.compareTo(Duration.ofMinutes(1)) > 0) {
                errors.add("max-jitter must be between 0 and 1 min, got " + maxJitter);
            }
            if (profile == null) {
                errors.add("profile must be set");
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("Invalid simulator options: " + String.join("; ", errors));
            }
            return new SimulatorOptions(this);
        }

        private static void rate(String name, double value, List<String> errors) {
            if (!(value >= 0 && value <= 1)) {
                errors.add(name + " must be between 0 and 1, got " + value);
            }
        }
    }
}
