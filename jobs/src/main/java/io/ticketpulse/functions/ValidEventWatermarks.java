package io.ticketpulse.functions;

import io.ticketpulse.io.ParsedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Bounded-out-of-orderness watermarks with idleness, from valid events only: a dead letter (malformed,
 * schema-breaking, or an event time outside the plausibility window) is never shown to the generator, so no such
 * record can move a watermark, nor keep a split active: a split that delivers nothing but dead letters goes idle
 * after the idle timeout like a silent one, instead of holding every watermark back. Flink runs one instance per
 * source split (per Kafka partition).
 */
public final class ValidEventWatermarks implements WatermarkGenerator<ParsedRecord> {

    private final WatermarkGenerator<ParsedRecord> bounded;

    /**
     * @param maxOutOfOrderness how far the watermark trails the newest valid event time
     * @param idleTimeout a split without valid events for this long is idle
     * @param activityClock the clock idleness is measured on (the source's input activity clock)
     */
    public ValidEventWatermarks(Duration maxOutOfOrderness, Duration idleTimeout, RelativeClock activityClock) {
        this.bounded = new WatermarksWithIdleness<>(
                new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness), idleTimeout, activityClock);
    }

    @Override
    public void onEvent(ParsedRecord record, long eventTimestamp, WatermarkOutput output) {
        if (record.valid()) {
            bounded.onEvent(record, eventTimestamp, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        bounded.onPeriodicEmit(output);
    }
}
