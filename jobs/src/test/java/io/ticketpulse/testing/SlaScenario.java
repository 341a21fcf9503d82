package io.ticketpulse.testing;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.event;
import static io.ticketpulse.domain.TicketEvents.priorityChanged;
import static io.ticketpulse.domain.TicketEvents.statusChanged;

import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A hand-built multi-ticket input for the SLA engine and the exact alert records it must give, worked out by hand
 * from the policies of {@link SlaTestPolicies} (times are minutes:seconds after {@code T0}; see the comment at
 * each ticket). Covers warnings, breaches, escalations, resolutions (fulfilled, cancelled), re-targeting to a
 * target already exceeded, a paused resolution clock, a reopen cycle, next-response episodes, a test ticket, an
 * open ticket at the end of the input (nothing after the input's horizon), a duplicate and a malformed line.
 */
public final class SlaScenario {

    private SlaScenario() {}

    /** Event time only, 5 min allowed lateness, 1 min out-of-orderness: deterministic replay. */
    public static PipelineConfig config() {
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(5))
                .allowedLateness(Duration.ofMinutes(5))
                .maxOutOfOrderness(Duration.ofMinutes(1))
                .ticketRetention(Duration.ofDays(1))
                .slaPolicies(SlaTestPolicies.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .build();
    }

    public static List<TicketEvent> events() {
        List<TicketEvent> e = new ArrayList<>();
        // A, chat/P1: first response breached and escalated to orange, then fulfilled at 4:00.
        e.add(created("A1", "A", at(0), "chat", "P1", "tier1"));
        e.add(event("A2", "A", EventType.ASSIGNED, at(1)));
        e.add(event("A3", "A", EventType.AGENT_REPLIED, at(4)));
        e.add(event("A4", "A", EventType.RESOLVED, at(30)));
        e.add(event("A5", "A", EventType.CLOSED, at(31)));
        // B, web/P1: resolution paused 60:00-80:00 (pending), so warning at 110:00 and deadline 140:00;
        // resolved at 150:00 (8.33 % over, before yellow at 152:00). Reopened at 200:00 (cycle 2 of resolution,
        // 2h from 200:00): warned at 290:00, resolved at 300:00.
        e.add(created("B1", "B", at(0), "web", "P1", null));
        e.add(event("B2", "B", EventType.ASSIGNED, at(1)));
        e.add(event("B3", "B", EventType.AGENT_REPLIED, at(2)));
        e.add(statusChanged("B4", "B", at(60), "pending"));
        e.add(statusChanged("B5", "B", at(80), "open"));
        e.add(event("B6", "B", EventType.RESOLVED, at(150)));
        e.add(event("B7", "B", EventType.REOPENED, at(200)));
        e.add(event("B8", "B", EventType.RESOLVED, at(300)));
        e.add(event("B9", "B", EventType.CLOSED, at(301)));
        // C, phone/P3 -> P1 at 10:00: the P1 first-response target (3m from 0:00) is already exceeded by 233 %,
        // so the breach is raised at 10:00 at red, under p1-urgent; fulfilled at 12:00.
        e.add(created("C1", "C", at(0), "phone", "P3", null));
        e.add(event("C2", "C", EventType.ASSIGNED, at(5)));
        e.add(priorityChanged("C3", "C", at(10), "P1"));
        e.add(event("C4", "C", EventType.AGENT_REPLIED, at(12)));
        e.add(event("C5", "C", EventType.RESOLVED, at(20)));
        e.add(event("C6", "C", EventType.CLOSED, at(21)));
        // D, chat/P2: next response episode 1 (20:00 -> 28:00, warned at 27:30); episode 2 from 40:00 breached at
        // 50:00, yellow at 51:00, cancelled by RESOLVED at 52:00.
        e.add(created("D1", "D", at(0), "chat", "P2", null));
        e.add(event("D2", "D", EventType.ASSIGNED, at(1)));
        e.add(event("D3", "D", EventType.AGENT_REPLIED, at(5)));
        e.add(event("D4", "D", EventType.CUSTOMER_REPLIED, at(20)));
        e.add(event("D5", "D", EventType.AGENT_REPLIED, at(28)));
        e.add(event("D6", "D", EventType.CUSTOMER_REPLIED, at(40)));
        e.add(event("D7", "D", EventType.RESOLVED, at(52)));
        e.add(event("D8", "D", EventType.CLOSED, at(53)));
        // E, a test ticket: never alerts.
        TicketEvent testTicket = created("E1", "E", at(0), "chat", "P1", null);
        testTicket.isTest = true;
        e.add(testTicket);
        // F, email/P1 created at 240:00, never touched: assignment and first response escalate to red before the
        // input's horizon (301:00, B's close); its resolution warning (330:00) lies beyond it and is not emitted.
        e.add(created("F1", "F", at(240), "email", "P1", null));
        return e;
    }

    /**
     * The input lines: the events in time order, shuffled within the out-of-orderness bound, plus a duplicate of
     * A's reply and a malformed line.
     */
    public static List<String> lines() {
        List<TicketEvent> events = new ArrayList<>(events());
        events.sort(Comparator.comparingLong((TicketEvent x) -> x.occurredAtMs).thenComparing(x -> x.eventId));
        List<String> lines = new ArrayList<>();
        for (TicketEvent ev : events) {
            lines.add(new String(TicketEventJson.toJson(ev), StandardCharsets.UTF_8));
        }
        // swap two neighbours 1 minute apart (A2 at 1:00 before A1 at 0:00) and re-send A3
        int a1 = indexOf(lines, "\"A1\"");
        int a2 = indexOf(lines, "\"A2\"");
        String t = lines.get(a1);
        lines.set(a1, lines.get(a2));
        lines.set(a2, t);
        lines.add(indexOf(lines, "\"A4\""), lines.get(indexOf(lines, "\"A3\"")));
        lines.add(indexOf(lines, "\"B4\""), "{\"event_id\": \"broken\"");
        return lines;
    }

    /**
     * The expected alert records, in (changed_at, dedup_key) order; detected_at aside. Keys carry the life: the
     * ticket's creation instant (A to D at T0 = 2026-11-22T10:00Z, F at 240:00 = 14:00Z).
     */
    public static List<Expected> expected() {
        String a = "A/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1";
        String b = "B/resolution/2026-11-22T10:00:00.000Z/1/p1-urgent@1";
        String b2 = "B/resolution/2026-11-22T10:00:00.000Z/2/p1-urgent@1";
        String c = "C/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1";
        String d1 = "D/next_response/2026-11-22T10:00:00.000Z/1/p2-high@1";
        String d2 = "D/next_response/2026-11-22T10:00:00.000Z/2/p2-high@1";
        String fa = "F/assignment/2026-11-22T14:00:00.000Z/1/p1-urgent@1";
        String ff = "F/first_response/2026-11-22T14:00:00.000Z/1/p1-urgent@1";
        List<Expected> x = new ArrayList<>();
        // A: target 180 s; warning at 135 s, deadline 3:00, yellow at 198 s, orange at 234 s, red (270 s) not
        // reached: fulfilled at 240 s, 33.33 % over.
        x.add(new Expected(a, "firing", "warning", "warning", at(2, 15), null, at(3), 135, 0, -25.0, null));
        x.add(new Expected(a, "firing", "breach", "warning", at(3), at(3), at(3), 180, 0, 0.0, null));
        x.add(new Expected(a, "firing", "breach", "yellow", at(3, 18), at(3), at(3), 198, 0, 10.0, null));
        x.add(new Expected(a, "firing", "breach", "orange", at(3, 54), at(3), at(3), 234, 0, 30.0, null));
        x.add(new Expected(a, "resolved", "breach", "orange", at(4), at(3), at(3), 240, 0, 33.33, "fulfilled"));
        // B cycle 1: target 7200 s, paused 1200 s; warning at 5400 s counted = 110:00, deadline 140:00,
        // fulfilled at 150:00 with 7800 s counted (8.33 % over).
        x.add(new Expected(b, "firing", "warning", "warning", at(110), null, at(140), 5400, 1200, -25.0, null));
        x.add(new Expected(b, "firing", "breach", "warning", at(140), at(140), at(140), 7200, 1200, 0.0, null));
        x.add(new Expected(b, "resolved", "breach", "warning", at(150), at(140), at(140), 7800, 1200, 8.33,
                "fulfilled"));
        // B cycle 2 from 200:00: warning at 290:00 (5400 s of 7200 s), resolved at 300:00 (6000 s, 16.67 % under).
        x.add(new Expected(b2, "firing", "warning", "warning", at(290), null, at(320), 5400, 0, -25.0, null));
        x.add(new Expected(b2, "resolved", "warning", "warning", at(300), null, at(320), 6000, 0, -16.67,
                "fulfilled"));
        // C: re-targeted to P1 at 10:00 with 600 s elapsed of a 180 s target: 233.33 % over, straight to red.
        x.add(new Expected(c, "firing", "breach", "red", at(10), at(10), at(3), 600, 0, 233.33, null));
        x.add(new Expected(c, "resolved", "breach", "red", at(12), at(10), at(3), 720, 0, 300.0, "fulfilled"));
        // D episode 1: target 600 s from 20:00; warning at 27:30, answered at 28:00 (480 s, 20 % under).
        x.add(new Expected(d1, "firing", "warning", "warning", at(27, 30), null, at(30), 450, 0, -25.0, null));
        x.add(new Expected(d1, "resolved", "warning", "warning", at(28), null, at(30), 480, 0, -20.0, "fulfilled"));
        // D episode 2 from 40:00: warning 47:30, breach 50:00, yellow 51:00, cancelled by RESOLVED at 52:00.
        x.add(new Expected(d2, "firing", "warning", "warning", at(47, 30), null, at(50), 450, 0, -25.0, null));
        x.add(new Expected(d2, "firing", "breach", "warning", at(50), at(50), at(50), 600, 0, 0.0, null));
        x.add(new Expected(d2, "firing", "breach", "yellow", at(51), at(50), at(50), 660, 0, 10.0, null));
        x.add(new Expected(d2, "resolved", "breach", "yellow", at(52), at(50), at(50), 720, 0, 20.0, "cancelled"));
        // F assignment: target 120 s from 240:00: warning 241:30, breach 242:00, yellow 242:12, orange 242:36,
        // red 243:00. First response: target 180 s: warning 242:15, breach 243:00, yellow 243:18, orange 243:54,
        // red 244:30.
        x.add(new Expected(fa, "firing", "warning", "warning", at(241, 30), null, at(242), 90, 0, -25.0, null));
        x.add(new Expected(fa, "firing", "breach", "warning", at(242), at(242), at(242), 120, 0, 0.0, null));
        x.add(new Expected(fa, "firing", "breach", "yellow", at(242, 12), at(242), at(242), 132, 0, 10.0, null));
        x.add(new Expected(ff, "firing", "warning", "warning", at(242, 15), null, at(243), 135, 0, -25.0, null));
        x.add(new Expected(fa, "firing", "breach", "orange", at(242, 36), at(242), at(242), 156, 0, 30.0, null));
        x.add(new Expected(fa, "firing", "breach", "red", at(243), at(242), at(242), 180, 0, 50.0, null));
        x.add(new Expected(ff, "firing", "breach", "warning", at(243), at(243), at(243), 180, 0, 0.0, null));
        x.add(new Expected(ff, "firing", "breach", "yellow", at(243, 18), at(243), at(243), 198, 0, 10.0, null));
        x.add(new Expected(ff, "firing", "breach", "orange", at(243, 54), at(243), at(243), 234, 0, 30.0, null));
        x.add(new Expected(ff, "firing", "breach", "red", at(244, 30), at(243), at(243), 270, 0, 50.0, null));
        return x;
    }

    /** What the tests compare of an alert record (overrun rounded to 0.01 %). */
    public record Expected(String dedupKey, String status, String kind, String severity, long changedAtMs,
            Long breachedAtMs, Long deadlineAtMs, double elapsedS, double pausedS, double overrunPct,
            String resolveReason) {

        public static Expected of(SlaAlert a) {
            return new Expected(a.dedupKey, a.status, a.kind, a.severity, a.changedAtMs, a.breachedAtMs,
                    a.deadlineAtMs, a.elapsedS, a.pausedS, Math.round(a.overrunPct * 100) / 100.0, a.resolveReason);
        }
    }

    /** Sorts records as {@link #expected()} is: by changed_at, then dedup key (stable within a key). */
    public static final Comparator<Expected> ORDER =
            Comparator.comparingLong(Expected::changedAtMs).thenComparing(Expected::dedupKey);

    private static int indexOf(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"event_id\":" + needle) || lines.get(i).contains("\"event_id\": " + needle)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no line with event id " + needle);
    }

    private static TicketEvent created(String id, String ticket, long atMs, String channel, String priority,
            String team) {
        return TicketEvents.withTeam(TicketEvents.created(id, ticket, atMs, channel, priority), team);
    }
}
