package io.ticketpulse.functions;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Forwards the elements of a bounded stream and holds every downstream watermark back until the stream ends: no
 * watermark but the final {@code MAX}, and never idle. Behind the bounded policy input it keeps the per-ticket
 * operator's watermark at its start until every policy record is in the broadcast state, whatever a source does
 * while it waits for its splits (a Kafka source reader without a split yet reports itself idle). Stateless.
 */
public class HoldWatermarkUntilEnd<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            super.processWatermark(mark);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // never idle: an idle input would stop holding the per-ticket operator back
    }
}
