package io.ticketpulse.domain.pattern;

/** A firing pattern alert of one ticket (what its resolve record repeats). Flink POJO. */
public class PatternFiring {

    /** {@link RiskPattern#wireName()}. */
    public String pattern;
    public int episode;
    /** The ticket life's start (its CREATED's event time) when the alert fired: part of the dedup_key. */
    public long lifeStartMs;
    public long startedAtMs;
    public long firedAtMs;
    public String severity;
    public double targetS;

    public PatternFiring() {}
}
