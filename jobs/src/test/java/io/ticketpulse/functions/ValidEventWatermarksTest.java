package io.ticketpulse.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.io.ParsedRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetter.ReasonCode;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class ValidEventWatermarksTest {

    private static final long TEN = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final long YEAR_2099 = Instant.parse("2099-01-01T00:00:00Z").toEpochMilli();

    private final List<Long> emitted = new ArrayList<>();
    private boolean idle;
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {}
    };

    @Test
    void onlyValidEventsMoveTheWatermark() {
        ValidEventWatermarks generator =
                new ValidEventWatermarks(Duration.ofSeconds(30), Duration.ofMinutes(1), new ManualClock());
        ParsedRecord event = ParsedRecord.of(new TicketEvent("e1", "t1", EventType.CREATED, TEN));
        DeadLetter future = new DeadLetter(ReasonCode.FUTURE_EVENT, "2099", "test:2", new byte[0]);
        ParsedRecord deadLetter = ParsedRecord.of(future);

        generator.onEvent(event, event.timestamp(), output);
        generator.onEvent(deadLetter, YEAR_2099, output); // even if a timestamp reached it
        generator.onPeriodicEmit(output);

        assertThat(deadLetter.timestamp()).isEqualTo(ParsedRecord.NO_TIMESTAMP);
        assertThat(emitted).containsExactly(TEN - 30_000 - 1);
    }

    @Test
    void aSplitThatDeliversOnlyDeadLettersGoesIdleAfterTheTimeout() {
        ManualClock activity = new ManualClock();
        ValidEventWatermarks generator = new ValidEventWatermarks(Duration.ofSeconds(30), Duration.ofMinutes(1), activity);
        ParsedRecord deadLetter = ParsedRecord.of(new DeadLetter(ReasonCode.MALFORMED_JSON, "x", "test:1", new byte[0]));
        generator.onEvent(ParsedRecord.of(new TicketEvent("e1", "t1", EventType.CREATED, TEN)), TEN, output);
        generator.onPeriodicEmit(output);

        for (int second = 1; second <= 120; second++) {
            activity.advanceTime(Duration.ofSeconds(1));
            generator.onEvent(deadLetter, ParsedRecord.NO_TIMESTAMP, output);
            generator.onPeriodicEmit(output);
        }

        assertThat(idle).isTrue();
    }
}
