package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress lines of a file replay, on a hand-driven clock. */
class ReplayProgressTest {

    private static final long MIB = 1024 * 1024;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND_NANOS);

    @Test
    void reportsAtMostEveryFiveSecondsWithRateShareAndTimeLeft() {
        ReplayProgress progress = new ReplayProgress("events.jsonl", 100 * MIB, clock::get);

        advance(4_999_000_000L);
        assertThat(progress.update(400_000, 40 * MIB)).isNull();

        // 5 s after the start: 420,000 events -> 84,000/s; 50 MiB of 100 MiB in 5 s -> 50 MiB left at 10 MiB/s
        advance(1_000_000L);
        assertThat(progress.update(420_000, 50 * MIB))
                .isEqualTo("replay events.jsonl: 420,000 events (84,000/s), 50% of 100 MB, ~5 s left");

        advance(SECOND_NANOS);
        assertThat(progress.update(430_000, 55 * MIB)).isNull();

        // 5 s after the previous line: 80,000 more events -> 16,000/s; 25 MiB in 5 s -> 25 MiB left at 5 MiB/s
        advance(4 * SECOND_NANOS);
        assertThat(progress.update(500_000, 75 * MIB))
                .isEqualTo("replay events.jsonl: 500,000 events (16,000/s), 75% of 100 MB, ~5 s left");
    }

    @Test
    void leavesOutShareAndTimeLeftWhenTheFileLengthIsUnknown() {
        ReplayProgress progress = new ReplayProgress("events.jsonl.gz", -1, clock::get);
        advance(5 * SECOND_NANOS);
        assertThat(progress.update(1_000, 123_456)).isEqualTo("replay events.jsonl.gz: 1,000 events (200/s)");
    }

    @Test
    void closingLineCountsEventsAndLinesOverTheWholeReplay() {
        ReplayProgress progress = new ReplayProgress("events.jsonl", 10 * MIB, clock::get);
        advance(20 * SECOND_NANOS);
        assertThat(progress.finished(1_000_000, 1_000_250))
                .isEqualTo("replay events.jsonl: done, 1,000,000 events from 1,000,250 lines in 20 s (50,000/s)");
    }

    @Test
    void sizesAndDurationsAreShortAndHuman() {
        assertThat(ReplayProgress.size(900)).isEqualTo("900 B");
        assertThat(ReplayProgress.size(512 * MIB)).isEqualTo("512 MB");
        assertThat(ReplayProgress.size(3 * 512 * MIB)).isEqualTo("1.5 GB");
        assertThat(ReplayProgress.duration(12.4)).isEqualTo("12 s");
        assertThat(ReplayProgress.duration(150)).isEqualTo("3 min");
        assertThat(ReplayProgress.duration(4 * 3600)).isEqualTo("4 h");
    }

    private void advance(long nanos) {
        clock.addAndGet(nanos);
    }
}
