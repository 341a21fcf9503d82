package io.ticketpulse.functions;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Forwards records unchanged and watermarks {@code delayMs} later (a watermark {@code W} goes on as
 * {@code W - delayMs}; the end-of-input watermark {@code Long.MAX_VALUE} as it is). Behind {@link ValueFoldFunction}:
 * the deltas it releases when the watermark reaches a pane's end plus the allowed lateness reach the KPI windows
 * while those are still at the pane's end. Stateless.
 */
public class WatermarkDelay<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private static final long serialVersionUID = 1L;

    private final long delayMs;
    private transient long lastEmitted;

    public WatermarkDelay(long delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMs);
        }
        this.delayMs = delayMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        lastEmitted = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long t = mark.getTimestamp();
        long delayed = t == Long.MAX_VALUE ? Long.MAX_VALUE
                : t < Long.MIN_VALUE + delayMs ? Long.MIN_VALUE : t - delayMs;
        if (delayed > lastEmitted) {
            lastEmitted = delayed;
            super.processWatermark(new Watermark(delayed));
        }
    }
}
