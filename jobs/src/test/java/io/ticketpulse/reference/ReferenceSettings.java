package io.ticketpulse.reference;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;

/**
 * The settings of the per-ticket engine that its behaviour depends on, in milliseconds: allowed lateness (L), wait
 * threshold, ticket retention (R), tombstone retention (T), the SLA policies (null: no alerts), the alert clock and
 * the live-lag bound.
 */
public record ReferenceSettings(
        long latenessMs,
        long waitThresholdMs,
        long retentionMs,
        long tombstoneMs,
        SlaPolicySet policies,
        AlertClock alertClock,
        long liveLagBoundMs) {

    /** The settings of a pipeline configuration. */
    public static ReferenceSettings of(PipelineConfig config) {
        return new ReferenceSettings(
                config.allowedLateness().toMillis(),
                config.waitThreshold().toMillis(),
                config.ticketRetention().toMillis(),
                config.tombstoneRetention().toMillis(),
                config.slaPolicies(),
                config.alertClock(),
                config.liveLagBound().toMillis());
    }

    @Override
    public String toString() {
        return "L=" + Times.span(latenessMs) + " wait=" + Times.span(waitThresholdMs) + " R=" + Times.span(retentionMs)
                + " T=" + Times.span(tombstoneMs) + " policies=" + (policies == null ? "none" : policies.source())
                + " clock=" + alertClock + " liveLag=" + Times.span(liveLagBoundMs);
    }
}
