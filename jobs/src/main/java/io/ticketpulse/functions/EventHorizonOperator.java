package io.ticketpulse.functions;

import io.ticketpulse.schema.TicketEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Emits the latest event time this subtask has seen, before forwarding each watermark that follows a new maximum
 * (so the value is there before the end-of-input watermark reaches the operator it is broadcast to), and before
 * each checkpoint barrier that follows one. Feeds {@link TicketFunction#HORIZON_STATE} (and the risk patterns'):
 * where a bounded replay's knowledge ends. One small record per watermark or barrier at most; no state (the
 * receiving broadcast state keeps the maximum).
 *
 * <p>Why before the barrier too: a maximum held back until the next watermark lives only in this operator's memory.
 * A checkpoint taken in between holds the events (in the per-ticket state, the source's position past them) but
 * not their horizon; after a restore from it the source does not read them again, so when they were the input's
 * last (the source had read everything and was about to end), nothing raises the horizon again, and the restored
 * job's end-of-input alert clock stopped at the horizon sent before the checkpoint: every alert change between the
 * two was never emitted (issue 10, {@code PostgresPipelineTest}'s restart test, missing the last tickets' alerts).
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
        sendNewMaximum();
        super.processWatermark(mark);
    }

    /** The maximum goes downstream ahead of the barrier, into the checkpoint of the operator receiving it. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        sendNewMaximum();
    }

    private void sendNewMaximum() {
        if (maxEventTimeMs > lastSentMs) {
            output.collect(new StreamRecord<>(maxEventTimeMs));
            lastSentMs = maxEventTimeMs;
        }
    }
}
