package io.ticketpulse.testing;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.event;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static io.ticketpulse.domain.TicketEvents.rated;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;

import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A hand-built multi-ticket input and the KPI rows the definitions give for it, computed by hand (see the
 * comments at each expected row). Shared by the tests that run it through different I/O: the topology with an
 * in-memory source, the job replaying a file, the job reading Kafka.
 */
public final class HandComputedScenario {

    private HandComputedScenario() {}

    /** 10-minute windows sliding every 5 minutes. */
    public static PipelineConfig config(Duration allowedLateness) {
        return configBuilder(allowedLateness).build();
    }

    /** The builder of {@link #config}, for a test that changes a setting more. */
    public static PipelineConfig.Builder configBuilder(Duration allowedLateness) {
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(5))
                .allowedLateness(allowedLateness)
                .maxOutOfOrderness(Duration.ofMinutes(5))
                .waitThreshold(Duration.ofMinutes(10))
                .ticketRetention(Duration.ofHours(1));
    }

    /**
     * Tickets A, B, D (chat/P2; D moves to P1 at 10:06), C (email/P3, never answered in time), E (a test
     * ticket), a duplicate of A's reply, and a malformed line. Within the 5-minute out-of-orderness bound the
     * order is shuffled.
     */
    public static List<String> lines() {
        TicketEvent testTicket = created("e-E1", "E", at(2), "chat", "P2");
        testTicket.isTest = true;
        List<TicketEvent> events = List.of(
                created("e-A1", "A", at(0), "chat", "P2"),
                reply("e-B2", "B", at(4)), // B's reply arrives before B's CREATED
                created("e-B1", "B", at(1), "chat", "P2"),
                reply("e-A2", "A", at(2)),
                testTicket,
                reply("e-E2", "E", at(3)),
                reply("e-A2", "A", at(2)), // duplicate re-send
                created("e-C1", "C", at(3), "email", "P3"),
                created("e-D1", "D", at(5), "chat", "P2"),
                priorityChanged("e-D2", "D", at(6), "P1"),
                reply("e-B3", "B", at(6)),
                resolved("e-A3", "A", at(8)),
                reply("e-D3", "D", at(7)),
                rated("e-A4", "A", at(9), 5),
                resolved("e-D4", "D", at(9)),
                resolved("e-B4", "B", at(12)),
                event("e-A5", "A", EventType.CLOSED, at(14)),
                reply("e-C2", "C", at(20)));
        List<String> lines = new ArrayList<>();
        for (TicketEvent e : events) {
            lines.add(new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8));
            if (e.eventId.equals("e-C1")) {
                lines.add("{\"event_id\": \"broken\", \"ticket_id\": ");
            }
        }
        return lines;
    }

    /** The KPI rows the definitions give for {@link #lines()}, every one final. */
    public static List<TicketKpi> expectedRows() {
        return List.of(
                // chat/P2 [09:55,10:05): A, B created; FRT 120 s and 180 s; both answered in time; backlog A, B
                KpiRow.of("chat", "P2", at(-5), at(5)).created(2).frt(2, 150, 120, 180, 180, 180, 180)
                        .waits(0, 2).backlog(2).build(),
                // chat/P2 [10:00,10:10): A, B, D created (D still P2 at creation); A resolved in 480 s with one
                // reply; A rated 5 with FRT 120 s; backlog at 10:10: B only (A resolved, D moved to P1)
                KpiRow.of("chat", "P2", at(0), at(10)).created(3).frt(2, 150, 120, 180, 180, 180, 180)
                        .waits(0, 2).resolved(1, 480, 480, 480, 1).backlog(1).csat(1, 5, null, 5.0, null).build(),
                // chat/P2 [10:05,10:15): D created; A (480 s, one-touch) and B (660 s, two replies) resolved
                KpiRow.of("chat", "P2", at(5), at(15)).created(1).resolved(2, 570, 480, 660, 1).backlog(0)
                        .csat(1, 5, null, 5.0, null).build(),
                // chat/P2 [10:10,10:20): B resolved (660 s, not one-touch); its backlog exit at 10:12
                KpiRow.of("chat", "P2", at(10), at(20)).resolved(1, 660, 660, 660, 0).backlog(0).build(),
                // chat/P1 [10:00,10:10) and [10:05,10:15): D's reply at 10:07 (FRT 120 s) and resolution at
                // 10:09 (240 s after its creation at 10:05, one reply) count under P1, in force since 10:06
                KpiRow.of("chat", "P1", at(0), at(10)).frt(1, 120, 120, 120, 120, 120, 120).waits(0, 1)
                        .resolved(1, 240, 240, 240, 1).backlog(0).build(),
                KpiRow.of("chat", "P1", at(5), at(15)).frt(1, 120, 120, 120, 120, 120, 120).waits(0, 1)
                        .resolved(1, 240, 240, 240, 1).backlog(0).build(),
                // email/P3: C created 10:03, timed out at 10:13, first reply 10:20 (FRT 1020 s), open throughout
                KpiRow.of("email", "P3", at(-5), at(5)).created(1).backlog(1).build(),
                KpiRow.of("email", "P3", at(0), at(10)).created(1).backlog(1).build(),
                KpiRow.of("email", "P3", at(5), at(15)).waits(1, 1).backlog(1).build(),
                KpiRow.of("email", "P3", at(10), at(20)).waits(1, 1).backlog(1).build(),
                KpiRow.of("email", "P3", at(15), at(25)).frt(1, 1020, 1020, 1020, 1020, 1020, 1020).backlog(1)
                        .build(),
                KpiRow.of("email", "P3", at(20), at(30)).frt(1, 1020, 1020, 1020, 1020, 1020, 1020).backlog(1)
                        .build(),
                // email/P3 quiet windows: C's last fact (10:20) is in no window after [10:20,10:30), but C is
                // still open, so the size/slide = 2 windows after it report the backlog, then nothing
                KpiRow.of("email", "P3", at(25), at(35)).backlog(1).build(),
                KpiRow.of("email", "P3", at(30), at(40)).backlog(1).build());
    }

    public static final Comparator<TicketKpi> BY_KEY = Comparator.comparing((TicketKpi k) -> k.channel)
            .thenComparing(k -> k.priority)
            .thenComparingLong(k -> k.windowEndMs);

    public static List<TicketKpi> sorted(List<TicketKpi> rows) {
        List<TicketKpi> copy = new ArrayList<>(rows);
        copy.sort(BY_KEY);
        return copy;
    }
}
