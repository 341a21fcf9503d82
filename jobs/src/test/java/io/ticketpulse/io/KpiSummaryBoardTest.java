package io.ticketpulse.io;

import static io.ticketpulse.io.KpiSummaryTableTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.TicketKpi;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KpiSummaryBoardTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    /** Windows are one hour long and slide by one minute. */
    private static final long T0 = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();

    private final KpiSummaryBoard board = new KpiSummaryBoard();

    @Test
    void keepsTheHighestRevisionPerChannelAndPriority() {
        assertThat(board.offer(kpi("email", "P1", 0, 0, 5))).isTrue();
        assertThat(board.offer(kpi("email", "P1", 0, 2, 7))).isTrue();
        assertThat(board.offer(kpi("email", "P1", 0, 1, 6))).isFalse();
        assertThat(board.offer(kpi("chat", "P1", 0, 0, 1))).isTrue();

        assertThat(board.rows()).extracting(k -> k.channel + '/' + k.revision + '/' + k.ticketsCreated)
                .containsExactlyInAnyOrder("email/2/7", "chat/0/1");
        assertThat(board.rowsSeen()).isEqualTo(4);
    }

    @Test
    void followsTheNewestWindowAndIgnoresOlderOnes() {
        board.offer(kpi("email", "P1", 1, 0, 5));
        board.offer(kpi("chat", "P1", 0, 0, 1)); // chat has not reached slide 1 yet: still shown

        assertThat(board.offer(kpi("email", "P1", 0, 3, 4))).isFalse();
        assertThat(board.newestWindowEndMs()).isEqualTo(T0 + MINUTE + HOUR);
        assertThat(board.rows()).extracting(k -> k.channel + '@' + k.windowStartMs)
                .containsExactlyInAnyOrder("email@" + (T0 + MINUTE), "chat@" + T0);
    }

    @Test
    void dropsRowsWhoseWindowEndedBeforeTheNewestWindowStarted() {
        board.offer(kpi("chat", "P4", 0, 0, 1));
        board.offer(kpi("email", "P1", 60, 0, 5)); // starts exactly when chat's window ended

        assertThat(board.rows()).extracting(k -> k.channel).containsExactly("email");
        assertThat(board.offer(kpi("chat", "P4", 0, 1, 2))).isFalse();
    }

    /** A row of the window that starts {@code slides} minutes after T0. */
    private static TicketKpi kpi(String channel, String priority, int slides, int revision, long created) {
        long start = T0 + slides * MINUTE;
        TicketKpi k = row(channel, priority, start, start + HOUR);
        k.revision = revision;
        k.ticketsCreated = created;
        return k;
    }
}
