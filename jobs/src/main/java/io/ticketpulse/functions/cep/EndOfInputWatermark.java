package io.ticketpulse.functions.cep;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Forwards records unchanged and of the watermarks only the end of input: the first watermark below it goes on as
 * {@code Long.MAX_VALUE - 1}, the end-of-input {@code Long.MAX_VALUE} as it is. In front of the input horizon
 * broadcast to {@link PatternAlertFunction}: the horizon's records still arrive before the end of input, but its
 * watermark (the source's, which an idle source holds still) never holds back the pattern alerts, which follow the
 * patterns' own clock ({@link PatternClock}, the wall clock while live). Stateless.
 */
public class EndOfInputWatermark<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private static final long serialVersionUID = 1L;

    private transient long lastEmitted;

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
        long t = mark.getTimestamp() == Long.MAX_VALUE ? Long.MAX_VALUE : Long.MAX_VALUE - 1;
        if (t > lastEmitted) {
            lastEmitted = t;
            super.processWatermark(new Watermark(t));
        }
    }
}
