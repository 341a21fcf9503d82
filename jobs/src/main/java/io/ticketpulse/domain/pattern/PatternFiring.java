package io.ticketpulse.domain.pattern;

/** A firing pattern alert of one ticket (what its resolve record repeats). Flink POJO. */
public class PatternFiring {

    /** {@link RiskPattern#wireName()}. */
    public String pattern;
    public int episode;
    public long startedAtMs;
    public long firedAtMs;
    public String severity;
    public double targetS;

    public PatternFiring() {}
}
