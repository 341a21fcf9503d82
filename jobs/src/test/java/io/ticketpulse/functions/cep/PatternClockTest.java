package io.ticketpulse.functions.cep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The patterns' clock: the watermark behind the allowed lateness, and the wall clock while live. */
class PatternClockTest {

    private static final long LATENESS = 600_000;
    private static final long LAG_BOUND = 120_000;
    private static final long TICK = 1_000;
    private static final long NOW = 1_800_000_000_000L;

    private static OneInputStreamOperatorTestHarness<String, String> open(boolean wallClock) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<String, String>(
                new PatternClock<>(LATENESS, wallClock, LAG_BOUND, TICK));
        h.setProcessingTime(NOW);
        h.open();
        return h;
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<String, String> h) {
        List<Long> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark w) {
                out.add(w.getTimestamp());
            }
        }
        return out;
    }

    @Test
    void theWatermarkTrailsByTheAllowedLatenessAndOneMillisecond() throws Exception {
        try (var h = open(false)) {
            h.processElement(new StreamRecord<>("a", 5_000_000));
            h.processWatermark(new Watermark(5_000_000));
            h.processWatermark(new Watermark(4_000_000)); // never back
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.extractOutputValues()).containsExactly("a");
            assertThat(watermarks(h)).containsExactly(5_000_000 - LATENESS - 1, Long.MAX_VALUE);
        }
    }

    @Test
    void aLiveStreamsWatermarkFollowsTheWallClockWithoutFurtherInput() throws Exception {
        try (var h = open(true)) {
            // an event 5 s old: live
            h.processElement(new StreamRecord<>("a", NOW - 5_000));
            h.processWatermark(new Watermark(NOW - 35_000));
            h.setProcessingTime(NOW + TICK);
            h.setProcessingTime(NOW + 2 * TICK + 3_600_000); // an hour of silence: ticks still advance it
            assertThat(watermarks(h)).containsExactly(
                    NOW - 35_000 - LATENESS - 1, NOW + TICK - LAG_BOUND, NOW + 2 * TICK + 3_600_000 - LAG_BOUND);
        }
    }

    @Test
    void aReplayOfOldDataIsNeverLive() throws Exception {
        try (var h = open(true)) {
            h.processElement(new StreamRecord<>("a", NOW - 3_600_000)); // an hour old: not live
            h.setProcessingTime(NOW + 10 * TICK);
            assertThat(watermarks(h)).isEmpty();
        }
    }

    @Test
    void theWallClockIsOffUnlessAsked() throws Exception {
        try (var h = open(false)) {
            h.processElement(new StreamRecord<>("a", NOW - 5_000));
            h.setProcessingTime(NOW + 10 * TICK);
            assertThat(watermarks(h)).isEmpty();
        }
    }
}
