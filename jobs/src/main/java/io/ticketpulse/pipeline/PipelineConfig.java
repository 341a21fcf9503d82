package io.ticketpulse.pipeline;

import io.ticketpulse.domain.EventTimeBounds;
import io.ticketpulse.domain.KpiEmissionRule;
import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.domain.kpi.KpiSettings;
import io.ticketpulse.domain.sla.SlaPolicySet;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The validated settings of the TicketPulse topology (not of the Flink runtime: checkpointing, state backend
 * and restarts belong in Flink's configuration). Immutable; build with {@link #builder()}; {@link
 * Builder#build()} fails fast with a message naming every bad setting.
 */
public final class PipelineConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The largest {@code max-payload-bytes}: 16 MiB (a record is held in memory whole, and more than once). */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

    private final Duration windowSize;
    private final Duration windowSlide;
    private final Duration allowedLateness;
    private final int quietWindows;
    private final KpiUpdates kpiUpdates;
    private final Duration maxOutOfOrderness;
    private final Duration sourceIdleTimeout;
    private final Duration waitThreshold;
    private final Duration ticketRetention;
    private final Duration tombstoneRetention;
    private final int maxPayloadBytes;
    private final SlaPolicySet slaPolicies;
    private final KpiSettings kpiSettings;
    private final AlertClock alertClock;
    private final Duration liveLagBound;
    private final Duration imminentHorizon;
    private final EventTimeBounds eventTimeBounds;

    private PipelineConfig(Builder b) {
        this.windowSize = b.windowSize;
        this.windowSlide = b.windowSlide;
        this.allowedLateness = b.allowedLateness;
        this.quietWindows = b.quietWindows != null
                ? b.quietWindows
                : KpiEmissionRule.defaultQuietWindows(b.windowSize.toMillis(), b.windowSlide.toMillis());
        this.kpiUpdates = b.kpiUpdates;
        this.maxOutOfOrderness = b.maxOutOfOrderness;
        this.sourceIdleTimeout = b.sourceIdleTimeout;
        this.waitThreshold = b.waitThreshold;
        this.ticketRetention = b.ticketRetention;
        this.tombstoneRetention = b.tombstoneRetention;
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.slaPolicies = b.slaPolicies;
        this.kpiSettings = b.kpiSettings != null ? b.kpiSettings
                : b.slaPolicies != null ? b.slaPolicies.kpis() : KpiSettings.DEFAULT;
        this.alertClock = b.alertClock;
        this.liveLagBound = b.liveLagBound;
        this.imminentHorizon = b.imminentHorizon;
        this.eventTimeBounds = new EventTimeBounds(b.wallClock, b.maxFutureSkew, b.minEventTime, b.maxEventAge);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PipelineConfig defaults() {
        return builder().build();
    }

    /** KPI window size (default 1 h). */
    public Duration windowSize() {
        return windowSize;
    }

    /** KPI window slide (default 1 min); equal to the size for tumbling windows. */
    public Duration windowSlide() {
        return windowSlide;
    }

    public boolean tumbling() {
        return windowSize.equals(windowSlide);
    }

    /** How long after the watermark an event is still applied and windows are revised (default 10 min). */
    public Duration allowedLateness() {
        return allowedLateness;
    }

    /**
     * How many backlog-only ("quiet") KPI windows of a key follow its last window with facts (default size/slide:
     * one window size of them); see {@link KpiEmissionRule}.
     */
    public int quietWindows() {
        return quietWindows;
    }

    /**
     * Whether KPI windows emit early and late revisions or only their final row (default {@link
     * KpiUpdates#EARLY_AND_LATE}; the job sets {@link KpiUpdates#FINAL_ONLY} for bounded inputs).
     */
    public KpiUpdates kpiUpdates() {
        return kpiUpdates;
    }

    /** The KPI emission rule of these windows: which windows of a key get a row. */
    public KpiEmissionRule kpiEmissionRule() {
        return new KpiEmissionRule(windowSize.toMillis(), windowSlide.toMillis(), quietWindows);
    }

    /** Bound of the watermark's out-of-orderness (default 30 s). */
    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    /** An input split silent for this long stops holding back the watermark (default 1 min). */
    public Duration sourceIdleTimeout() {
        return sourceIdleTimeout;
    }

    /** Wait-timeout threshold after creation (default 10 min). */
    public Duration waitThreshold() {
        return waitThreshold;
    }

    /** How long a closed ticket's state is kept after its close (default 7 d). */
    public Duration ticketRetention() {
        return ticketRetention;
    }

    /**
     * How long an ended ticket's tombstone (its compact model: enough to continue it when a late reopen or
     * rating comes) is kept after its last event (default 400 d). At least the ticket retention.
     */
    public Duration tombstoneRetention() {
        return tombstoneRetention;
    }

    /** Records larger than this are dead-lettered unparsed (default 64 KiB). */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** The SLA policies alerts are computed from; null: no SLA alerts (the job always loads a policy file). */
    public SlaPolicySet slaPolicies() {
        return slaPolicies;
    }

    /**
     * The KPI grouping sets and volatility alerts: the policy file's {@code kpis} section unless set on the builder;
     * {@link KpiSettings#DEFAULT} (the default rows only) without either.
     */
    public KpiSettings kpiSettings() {
        return kpiSettings;
    }

    /** How SLA alerts are timed: event time only, or also the wall clock when the stream is live. */
    public AlertClock alertClock() {
        return alertClock;
    }

    /**
     * With {@link AlertClock#AUTO}: the stream counts as live (and alerts also fire on the wall clock) while the
     * newest watermark seen trails the wall clock by at most this much (default 2 min).
     */
    public Duration liveLagBound() {
        return liveLagBound;
    }

    /**
     * The imminent-breach horizon: the KPI rows' {@code imminent_breach} counts the SLA metrics whose deadline is
     * at most this far after the window end (default 0: off, always 0).
     */
    public Duration imminentHorizon() {
        return imminentHorizon;
    }

    /**
     * The plausibility window of event time (default: at most 5 min ahead of the system clock, no lower bound):
     * valid events outside it are dead-lettered as FUTURE_EVENT / TOO_OLD_EVENT at the source.
     */
    public EventTimeBounds eventTimeBounds() {
        return eventTimeBounds;
    }

    @Override
    public String toString() {
        return "PipelineConfig{windowSize=" + windowSize + ", windowSlide=" + windowSlide + ", allowedLateness="
                + allowedLateness + ", quietWindows=" + quietWindows + ", kpiUpdates=" + kpiUpdates
                + ", maxOutOfOrderness=" + maxOutOfOrderness
                + ", sourceIdleTimeout="
                + sourceIdleTimeout + ", waitThreshold=" + waitThreshold + ", ticketRetention=" + ticketRetention
                + ", tombstoneRetention=" + tombstoneRetention
                + ", maxPayloadBytes=" + maxPayloadBytes + ", slaPolicies="
                + (slaPolicies == null ? "none" : slaPolicies.source() + " v" + slaPolicies.version())
                + ", groupingSets=" + kpiSettings.groupingSets().size()
                + ", alertClock=" + alertClock + ", liveLagBound=" + liveLagBound + ", eventTimeBounds=" + eventTimeBounds
                + ", imminentHorizon=" + imminentHorizon
                + '}';
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private Duration windowSize = Duration.ofHours(1);
        private Duration windowSlide = Duration.ofMinutes(1);
        private Duration allowedLateness = Duration.ofMinutes(10);
        private Integer quietWindows;
        private KpiUpdates kpiUpdates = KpiUpdates.EARLY_AND_LATE;
        private Duration maxOutOfOrderness = Duration.ofSeconds(30);
        private Duration sourceIdleTimeout = Duration.ofMinutes(1);
        private Duration waitThreshold = Duration.ofMinutes(10);
        private Duration ticketRetention = Duration.ofDays(7);
        private Duration tombstoneRetention = Duration.ofDays(400);
        private int maxPayloadBytes = 64 * 1024;
        private SlaPolicySet slaPolicies;
        private KpiSettings kpiSettings;
        private AlertClock alertClock = AlertClock.AUTO;
        private Duration liveLagBound = Duration.ofMinutes(2);
        private Duration imminentHorizon = Duration.ZERO;
        private Clock wallClock = Clock.systemUTC();
        private Duration maxFutureSkew = EventTimeBounds.DEFAULT_MAX_FUTURE_SKEW;
        private Instant minEventTime;
        private Duration maxEventAge;

        private Builder() {}

        /** The wall clock the event-time window is relative to (default the system clock; fixed in tests). */
        public Builder wallClock(Clock clock) {
            this.wallClock = clock;
            return this;
        }

        /** Events further ahead of the wall clock are FUTURE_EVENT dead letters (default 5 min). */
        public Builder maxFutureSkew(Duration d) {
            this.maxFutureSkew = d;
            return this;
        }

        /** Events before this instant are TOO_OLD_EVENT dead letters (default none). */
        public Builder minEventTime(Instant t) {
            this.minEventTime = t;
            return this;
        }

        /** Events older than this behind the wall clock are TOO_OLD_EVENT dead letters (default none). */
        public Builder maxEventAge(Duration d) {
            this.maxEventAge = d;
            return this;
        }

        public Builder slaPolicies(SlaPolicySet policies) {
            this.slaPolicies = policies;
            return this;
        }

        /** KPI grouping sets and volatility alerts; not set: those of the SLA policies (their {@code kpis}). */
        public Builder kpiSettings(KpiSettings settings) {
            this.kpiSettings = settings;
            return this;
        }

        public Builder alertClock(AlertClock clock) {
            this.alertClock = clock;
            return this;
        }

        public Builder liveLagBound(Duration d) {
            this.liveLagBound = d;
            return this;
        }

        public Builder imminentHorizon(Duration d) {
            this.imminentHorizon = d;
            return this;
        }

        public Builder windowSize(Duration d) {
            this.windowSize = d;
            return this;
        }

        public Builder windowSlide(Duration d) {
            this.windowSlide = d;
            return this;
        }

        public Builder allowedLateness(Duration d) {
            this.allowedLateness = d;
            return this;
        }

        /** Quiet windows after a key's last window with facts; not set: size/slide. */
        public Builder quietWindows(int n) {
            this.quietWindows = n;
            return this;
        }

        /** Early and late KPI revisions (live) or final rows only (bounded replays); see {@link KpiUpdates}. */
        public Builder kpiUpdates(KpiUpdates updates) {
            this.kpiUpdates = Objects.requireNonNull(updates, "kpiUpdates");
            return this;
        }

        public Builder maxOutOfOrderness(Duration d) {
            this.maxOutOfOrderness = d;
            return this;
        }

        public Builder sourceIdleTimeout(Duration d) {
            this.sourceIdleTimeout = d;
            return this;
        }

        public Builder waitThreshold(Duration d) {
            this.waitThreshold = d;
            return this;
        }

        public Builder tombstoneRetention(Duration d) {
            this.tombstoneRetention = d;
            return this;
        }

        public Builder ticketRetention(Duration d) {
            this.ticketRetention = d;
            return this;
        }

        public Builder maxPayloadBytes(int bytes) {
            this.maxPayloadBytes = bytes;
            return this;
        }

        /** Validates every setting and names each one that is wrong. */
        public PipelineConfig build() {
            List<String> errors = new ArrayList<>();
            positive("window-size", windowSize, errors);
            positive("window-slide", windowSlide, errors);
            notNegative("allowed-lateness", allowedLateness, errors);
            notNegative("max-out-of-orderness", maxOutOfOrderness, errors);
            positive("source-idle-timeout", sourceIdleTimeout, errors);
            positive("wait-threshold", waitThreshold, errors);
            positive("ticket-retention", ticketRetention, errors);
            positive("tombstone-retention", tombstoneRetention, errors);
            positive("live-lag-bound", liveLagBound, errors);
            notNegative("imminent-horizon", imminentHorizon, errors);
            notNegative("max-future-skew", maxFutureSkew, errors);
            if (maxEventAge != null) {
                positive("max-event-age", maxEventAge, errors);
            }
            if (wallClock == null) {
                errors.add("wall clock must be set");
            }
            if (alertClock == null) {
                errors.add("alert-clock must be set");
            }
            if (errors.isEmpty()) {
                if (windowSize.toMillis() % windowSlide.toMillis() != 0) {
                    errors.add("window-size (" + windowSize + ") must be a whole multiple of window-slide ("
                            + windowSlide + ")");
                }
                if (windowSlide.toMillis() < 1000 || windowSlide.toMillis() % 1000 != 0) {
                    errors.add("window-slide (" + windowSlide + ") must be a whole number of seconds");
                }
                if (ticketRetention.compareTo(allowedLateness) < 0) {
                    errors.add("ticket-retention (" + ticketRetention + ") must be at least allowed-lateness ("
                            + allowedLateness + "), or late events could meet a forgotten ticket");
                }
                if (tombstoneRetention.compareTo(ticketRetention) < 0) {
                    errors.add("tombstone-retention (" + tombstoneRetention + ") must be at least ticket-retention ("
                            + ticketRetention + ")");
                }
            }
            if (quietWindows != null && (quietWindows < 0 || quietWindows > KpiEmissionRule.MAX_QUIET_WINDOWS)) {
                errors.add("quiet-windows (" + quietWindows + ") must be from 0 to "
                        + KpiEmissionRule.MAX_QUIET_WINDOWS);
            }
            if (maxPayloadBytes < 256) {
                errors.add("max-payload-bytes (" + maxPayloadBytes + ") must be at least 256");
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("Invalid TicketPulse configuration: " + String.join("; ", errors));
            }
            return new PipelineConfig(this);
        }

        private static void positive(String name, Duration d, List<String> errors) {
            if (d == null || d.isNegative() || d.isZero()) {
                errors.add(name + " must be a positive duration, got " + d);
            }
        }

        private static void notNegative(String name, Duration d, List<String> errors) {
            if (d == null || d.isNegative()) {
                errors.add(name + " must be zero or a positive duration, got " + d);
            }
        }
    }
}
