package io.ticketpulse.functions.cep;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;

/**
 * The event-time clock of the risk patterns, in front of the CEP operators. Forwards the accepted events unchanged
 * and:
 *
 * <ul>
 *   <li>the watermark {@code W} as {@code W - allowed lateness - 1}: the per-ticket operator accepts events down to
 *       {@code W - allowed lateness}, and CEP drops an event at or below its watermark, so no accepted event is ever
 *       late for the patterns and a replay is deterministic (the end-of-input {@code Long.MAX_VALUE} goes on as
 *       it is: every pending CEP timeout fires, bounded by the input's horizon downstream);
 *   <li>while the stream is live (alert clock {@code auto}: the newest event time seen trailed the wall clock by at
 *       most the live-lag bound when it arrived), every {@code tickMs} of processing time also the wall clock minus
 *       the live-lag bound, when that is ahead. CEP timeouts (escalation without response) and the pattern alerts'
 *       clearing then advance on a quiet live stream, at most the live-lag bound (+ one tick) after their instant,
 *       with no further input. An event delayed by more than the live-lag bound can then be late for CEP: it is
 *       not matched by the patterns it is late for (CEP's late-data side output makes it a {@code LATE_FOR_PATTERNS}
 *       dead letter per pattern, see {@code LateForPatterns}) but still clears alerts downstream.
 * </ul>
 *
 * Never emits a watermark lower than one it emitted. Stateless (liveness is re-learnt after a restore).
 */
public class PatternClock<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMs;
    private final boolean wallClockWhenLive;
    private final long liveLagBoundMs;
    private final long tickMs;

    private transient long lastEmitted;
    private transient long newestEventTime;
    private transient long lagAtNewestMs;
    private transient boolean ended;

    public PatternClock(long allowedLatenessMs, boolean wallClockWhenLive, long liveLagBoundMs, long tickMs) {
        if (allowedLatenessMs < 0 || liveLagBoundMs < 0 || tickMs <= 0) {
            throw new IllegalArgumentException("negative lateness or lag bound, or tick not positive");
        }
        this.allowedLatenessMs = allowedLatenessMs;
        this.wallClockWhenLive = wallClockWhenLive;
        this.liveLagBoundMs = liveLagBoundMs;
        this.tickMs = tickMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        lastEmitted = Long.MIN_VALUE;
        newestEventTime = Long.MIN_VALUE;
        lagAtNewestMs = Long.MAX_VALUE;
        ended = false;
        if (wallClockWhenLive) {
            scheduleTick();
        }
    }

    private void scheduleTick() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + tickMs, this);
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        if (element.hasTimestamp()) {
            observe(element.getTimestamp());
        }
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long t = mark.getTimestamp();
        if (t == Long.MAX_VALUE) {
            ended = true;
            emit(Long.MAX_VALUE);
            return;
        }
        observe(t);
        long delay = allowedLatenessMs + 1;
        emit(t < Long.MIN_VALUE + delay ? Long.MIN_VALUE : t - delay);
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        if (ended) {
            return;
        }
        if (isLive()) {
            emit(getProcessingTimeService().getCurrentProcessingTime() - liveLagBoundMs);
        }
        scheduleTick();
    }

    /** Whether the newest event time seen trailed the wall clock by at most the live-lag bound when it came. */
    boolean isLive() {
        return wallClockWhenLive && newestEventTime != Long.MIN_VALUE && lagAtNewestMs <= liveLagBoundMs;
    }

    private void observe(long eventTimeMs) {
        if (wallClockWhenLive && eventTimeMs > newestEventTime) {
            newestEventTime = eventTimeMs;
            lagAtNewestMs = getProcessingTimeService().getCurrentProcessingTime() - eventTimeMs;
        }
    }

    private void emit(long watermark) throws Exception {
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
            super.processWatermark(new Watermark(watermark));
        }
    }
}
