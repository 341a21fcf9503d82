package io.ticketpulse.functions;

import io.ticketpulse.io.ParsedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded-out-of-orderness watermarks from valid events only: a dead letter (malformed, schema-breaking, or an
 * event time outside the plausibility window) is never shown to the generator, so no such record can move a
 * watermark. Flink runs one instance per source split (per Kafka partition).
 */
public final class ValidEventWatermarks implements WatermarkGenerator<ParsedRecord> {

    private final BoundedOutOfOrdernessWatermarks<ParsedRecord> bounded;

    public ValidEventWatermarks(Duration maxOutOfOrderness) {
        this.bounded = new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness);
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
