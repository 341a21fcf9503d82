package io.ticketpulse.functions;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of the input horizon ({@link EventHorizonOperator}): its maximum goes out before the watermark that
 * follows it and before the checkpoint barrier that follows it, so the checkpoint of the operator it is broadcast to
 * holds the horizon of every event the checkpoint holds, also when a restore reads no event again.
 */
class EventHorizonOperatorTest {

    private static StreamRecord<TicketEvent> created(String ticket, int minute) {
        return new StreamRecord<>(event(ticket + "-c", ticket, EventType.CREATED, at(minute)), at(minute));
    }

    /** The output as a list: horizon values as {@code Long}, watermarks as {@code "wm <t>"}. */
    private static List<Object> output(OneInputStreamOperatorTestHarness<?, Long> h) {
        List<Object> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark w) {
                out.add("wm " + w.getTimestamp());
            } else {
                out.add(((StreamRecord<?>) o).getValue());
            }
        }
        return out;
    }

    @Test
    void theMaximumGoesOutBeforeTheWatermarkThatFollowsItOncePerNewMaximum() throws Exception {
        try (OneInputStreamOperatorTestHarness<io.ticketpulse.schema.TicketEvent, Long> h =
                new OneInputStreamOperatorTestHarness<>(new EventHorizonOperator())) {
            h.open();
            h.processElement(created("A", 10));
            h.processElement(created("B", 5));
            h.processWatermark(new Watermark(at(4)));
            h.processWatermark(new Watermark(at(5))); // no new maximum: nothing but the watermark
            h.processElement(created("C", 8)); // not a new maximum
            h.processWatermark(new Watermark(at(6)));

            assertThat(output(h)).containsExactly(at(10), "wm " + at(4), "wm " + at(5), "wm " + at(6));
        }
    }

    /**
     * The restore that lost alerts: the source had read its last events, a checkpoint was taken before the next
     * watermark, the job failed and restored from it. The restored source reads nothing again and ends; without the
     * maximum sent ahead of the barrier, nothing downstream ever learnt of the last events' time (the maximum was
     * only in the failed operator's memory) and the end-of-input alert clock stopped at the horizon sent before.
     */
    @Test
    void aMaximumNotYetSentGoesOutBeforeTheCheckpointBarrierSoARestoreThatReadsNothingAgainKeepsIt()
            throws Exception {
        List<Object> beforeBarrier;
        OperatorSubtaskState snapshot;
        try (OneInputStreamOperatorTestHarness<io.ticketpulse.schema.TicketEvent, Long> h =
                new OneInputStreamOperatorTestHarness<>(new EventHorizonOperator())) {
            h.open();
            h.processElement(created("A", 10));
            h.processWatermark(new Watermark(at(9)));
            h.processElement(created("Z", 120)); // the input's last event, read after the last watermark
            h.prepareSnapshotPreBarrier(1); // what the task does before it sends the barrier on
            beforeBarrier = output(h);
            snapshot = h.snapshot(1, 1L);
        }
        // the horizon reached the operator it is broadcast to before the barrier: it is in that operator's checkpoint
        assertThat(beforeBarrier).containsExactly(at(10), "wm " + at(9), at(120));

        try (OneInputStreamOperatorTestHarness<io.ticketpulse.schema.TicketEvent, Long> restored =
                new OneInputStreamOperatorTestHarness<>(new EventHorizonOperator())) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processWatermark(new Watermark(Long.MAX_VALUE)); // the restored source ends at once
            // nothing to add: the broadcast state restored downstream already holds at(120)
            assertThat(output(restored)).containsExactly("wm " + Long.MAX_VALUE);
        }
    }

    @Test
    void aBarrierWithoutANewMaximumSendsNothing() throws Exception {
        try (OneInputStreamOperatorTestHarness<io.ticketpulse.schema.TicketEvent, Long> h =
                new OneInputStreamOperatorTestHarness<>(new EventHorizonOperator())) {
            h.open();
            h.prepareSnapshotPreBarrier(1); // nothing seen yet
            h.processElement(created("A", 10));
            h.prepareSnapshotPreBarrier(2);
            h.prepareSnapshotPreBarrier(3); // no new maximum since the last barrier
            h.processWatermark(new Watermark(at(9))); // nor since: the watermark goes alone

            assertThat(output(h)).containsExactly(at(10), "wm " + at(9));
        }
    }
}
