package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.TicketKpi;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpiSummaryTableTest {

    private static final long EIGHT = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
    private static final long NINE = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();
    private static final long HALF_MINUTE = 30_000;

    @Test
    void rendersSortedAlignedRowsWithUnitsAndDashesForMissingValues() {
        TicketKpi email = row("email", "P2", EIGHT, NINE);
        email.ticketsCreated = 12;
        email.frtP50S = 42.5;
        email.frtP90S = 245.0; // 4 min 5 s
        email.waitTimeoutRate = 0.125;
        email.resolved = 8;
        email.mttrMeanS = 7_380.0; // 2 h 3 min
        email.fcrRate = 0.375;
        email.backlogOpen = 4;
        email.csatMean = 4.25;

        TicketKpi quietChat = row("chat", "P1", EIGHT, NINE);
        quietChat.ticketsCreated = 3;
        quietChat.backlogOpen = 3;

        TicketKpi busyChat = row("chat", "P3", EIGHT + HALF_MINUTE, NINE + HALF_MINUTE);
        busyChat.ticketsCreated = 1234;
        busyChat.frtP50S = 59.96; // rounds to a whole minute
        busyChat.frtP90S = 90_061.0; // 1 d 1 h 1 min 1 s: smaller units truncated
        busyChat.waitTimeoutRate = 1.0;
        busyChat.resolved = 1000;
        busyChat.mttrMeanS = 3_599.4; // 59 min 59 s
        busyChat.fcrRate = 0.0;
        busyChat.backlogOpen = 10;
        busyChat.csatMean = 1.0;

        String table = KpiSummaryTable.render(List.of(email, quietChat, busyChat));

        assertThat(table).isEqualTo("""
                window                   channel  priority  created  FRT p50  FRT p90  wait t/o  resolved    MTTR    FCR  backlog  CSAT
                -----------------------  -------  --------  -------  -------  -------  --------  --------  ------  -----  -------  ----
                11-23 08:00-09:00        chat     P1              3        -        -         -         0       -      -        3     -
                11-23 08:00:30-09:00:30  chat     P3           1234    1m00s    1d01h    100.0%      1000  59m59s   0.0%       10  1.00
                11-23 08:00-09:00        email    P2             12    42.5s    4m05s     12.5%         8   2h03m  37.5%        4  4.25
                """);
    }

    @Test
    void noRowsGiveTheHeaderOnly() {
        assertThat(KpiSummaryTable.render(List.of())).isEqualTo("""
                window  channel  priority  created  FRT p50  FRT p90  wait t/o  resolved  MTTR  FCR  backlog  CSAT
                ------  -------  --------  -------  -------  -------  --------  --------  ----  ---  -------  ----
                """);
    }

    @Test
    void durationBoundaries() {
        assertThat(KpiSummaryTable.duration(0.0)).isEqualTo("0.0s");
        assertThat(KpiSummaryTable.duration(59.9)).isEqualTo("59.9s");
        assertThat(KpiSummaryTable.duration(60.0)).isEqualTo("1m00s");
        assertThat(KpiSummaryTable.duration(3_600.0)).isEqualTo("1h00m");
        assertThat(KpiSummaryTable.duration(86_399.0)).isEqualTo("23h59m");
        assertThat(KpiSummaryTable.duration(86_400.0)).isEqualTo("1d00h");
        assertThat(KpiSummaryTable.duration(null)).isEqualTo("-");
    }

    static TicketKpi row(String channel, String priority, long startMs, long endMs) {
        TicketKpi k = new TicketKpi();
        k.channel = channel;
        k.priority = priority;
        k.windowStartMs = startMs;
        k.windowEndMs = endMs;
        return k;
    }
}
