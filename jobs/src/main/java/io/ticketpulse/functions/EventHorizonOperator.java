package io.ticketpulse.functions;

import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Emits the latest event time this subtask has seen, before forwarding each watermark that follows a new maximum
 * (so the value is there before the end-of-input watermark reaches the operator it is broadcast to). Feeds
 * {@link TicketFunction#HORIZON_STATE}: where a bounded replay's knowledge ends. One small record per watermark
 * at most; no state (the receiving broadcast state keeps the maximum).
 */
public class EventHorizonOperator extends AbstractStreamOperator<Long> implements OneInputStreamOperator<TicketEvent, Long> {

    private static final long serialVersionUID = 1L;

    private transient long maxEventTimeMs;
    private transient long lastSentMs;

    @Override
    public void open() throws Exception {
        super.open();
        maxEventTimeMs = Long.MIN_VALUE;
        lastSentMs = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<TicketEvent> element) {
        maxEventTimeMs = Math.max(maxEventTimeMs, element.getValue().occurredAtMs);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (maxEventTimeMs > lastSentMs) {
            output.collect(new StreamRecord<>(maxEventTimeMs));
            lastSentMs = maxEventTimeMs;
        }
        super.processWatermark(mark);
    }
}
