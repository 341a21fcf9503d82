package io.ticketpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketpulse.schema.Timestamps;
import io.ticketpulse.simulator.SimulatedRecord.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator on fixed seeds: determinism, contract, mix, lifecycle order, imperfections, memory. */
class TicketSimulatorTest {

    private static final Instant BEGINNING = Instant.parse("2026-11-23T08:00:00Z");
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final int TICKETS = 20_000;

    private static final SimulatorOptions OPTIONS = SimulatorOptions.builder().seed(7).start(BEGINNING).build();

    /** One complete run of {@link #TICKETS} tickets (every lifecycle delivered to its end), shared by tests. */
    private static List<SimulatedRecord> complete;
    /** The valid, non-duplicate events of {@link #complete}, parsed, grouped by ticket. */
    private static Map<String, List<JsonNode>> byTicket;

    private final EventShape shape = new EventShape();

    @BeforeAll
    static void runCompleteSimulation() {
        complete = drain(new TicketSimulator(OPTIONS, 0, 1, TICKETS));
        EventShape shape = new EventShape();
        byTicket = new TreeMap<>();
        for (SimulatedRecord r : complete) {
            if (r.kind() != Kind.MALFORMED && r.kind() != Kind.DUPLICATE) {
                JsonNode n = shape.parseObject(r.payload());
                byTicket.computeIfAbsent(n.get("ticket_id").asText(), k -> new ArrayList<>()).add(n);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOrInstanceDoesNot() {
        List<SimulatedRecord> first = take(new TicketSimulator(OPTIONS), 30_000);
        List<SimulatedRecord> again = take(new TicketSimulator(OPTIONS), 30_000);
        List<SimulatedRecord> otherSeed = take(new TicketSimulator(OPTIONS.toBuilder().seed(8).build()), 30_000);
        List<SimulatedRecord> otherInstance = take(new TicketSimulator(OPTIONS, 1, 2), 30_000);

        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).payload()).as("record %d", i).isEqualTo(first.get(i).payload());
            assertThat(again.get(i).kind()).isEqualTo(first.get(i).kind());
            assertThat(again.get(i).deliveredAtMs()).isEqualTo(first.get(i).deliveredAtMs());
        }
        assertThat(payloadsEqual(first, otherSeed)).isFalse();
        assertThat(otherInstance).allSatisfy(r -> assertThat(r.ticketId()).startsWith("T-1-"));
        assertThat(first).allSatisfy(r -> assertThat(r.ticketId()).startsWith("T-0-"));
    }

    @Test
    void everyNonMalformedRecordIsATicketEventAndEveryMalformedOneIsNot() {
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        for (SimulatedRecord r : take(new TicketSimulator(OPTIONS), 100_000)) {
            kinds.merge(r.kind(), 1, Integer::sum);
            if (r.kind().valid()) {
                assertThat(shape.problem(r.payload())).as(new String(r.payload())).isNull();
            } else {
                assertThat(shape.problem(r.payload())).as(new String(r.payload())).isNotNull();
            }
        }
        assertThat(kinds).containsKeys(Kind.values());
    }

    @Test
    void channelAndPriorityMixMatchesTheConfiguredShares() {
        Map<String, Integer> channels = new HashMap<>();
        Map<String, Integer> priorities = new HashMap<>();
        for (List<JsonNode> events : byTicket.values()) {
            JsonNode created = created(events);
            channels.merge(created.get("channel").asText(), 1, Integer::sum);
            priorities.merge(created.get("priority").asText(), 1, Integer::sum);
        }
        assertThat(byTicket).hasSize(TICKETS);
        assertShare(channels, "email", 0.35);
        assertShare(channels, "chat", 0.25);
        assertShare(channels, "phone", 0.15);
        assertShare(channels, "web", 0.15);
        assertShare(channels, "app", 0.07);
        assertShare(channels, "social", 0.03);
        assertShare(priorities, "P1", 0.05);
        assertShare(priorities, "P2", 0.15);
        assertShare(priorities, "P3", 0.55);
        assertShare(priorities, "P4", 0.25);
    }

    @Test
    void everyTicketStartsWithCreatedAndEndsClosedAfterItsReplies() {
        for (Map.Entry<String, List<JsonNode>> ticket : byTicket.entrySet()) {
            List<JsonNode> events = ticket.getValue();
            long created = -1;
            long closed = -1;
            long latest = Long.MIN_VALUE;
            int createdCount = 0;
            boolean agentReplied = false;
            for (JsonNode e : events) {
                long at = Timestamps.parse(e.get("occurred_at").asText());
                latest = Math.max(latest, at);
                switch (e.get("type").asText()) {
                    case "CREATED" -> {
                        createdCount++;
                        created = at;
                    }
                    case "CLOSED" -> closed = at;
                    case "AGENT_REPLIED" -> agentReplied = true;
                    default -> { }
                }
            }
            assertThat(createdCount).as(ticket.getKey()).isEqualTo(1);
            assertThat(agentReplied).as(ticket.getKey()).isTrue();
            assertThat(closed).as(ticket.getKey()).isEqualTo(latest);
            for (JsonNode e : events) {
                long at = Timestamps.parse(e.get("occurred_at").asText());
                assertThat(at).as("%s %s", ticket.getKey(), e.get("type")).isGreaterThanOrEqualTo(created);
                if (e.get("type").asText().equals("AGENT_REPLIED")) {
                    assertThat(at).isGreaterThan(created);
                }
                assertThat(e.path("is_test").asBoolean()).isEqualTo(created(events).path("is_test").asBoolean());
            }
        }
    }

    @Test
    void eventIdsAreUniqueAndDuplicatesRepeatTheOriginalBytes() {
        Map<String, byte[]> originals = new HashMap<>();
        int duplicates = 0;
        for (SimulatedRecord r : complete) {
            if (r.kind() == Kind.DUPLICATE) {
                duplicates++;
                assertThat(r.payload()).isEqualTo(originals.get(r.eventId()));
            } else if (r.kind() != Kind.MALFORMED) {
                String eventId = shape.parseObject(r.payload()).get("event_id").asText();
                assertThat(originals.put(eventId, r.payload())).as(eventId).isNull();
            }
        }
        assertThat(duplicates).isPositive();
    }

    @Test
    void lifecycleSharesAreAsPlanned() {
        Map<String, Integer> tickets = new HashMap<>();
        for (List<JsonNode> events : byTicket.values()) {
            Set<String> types = new HashSet<>();
            events.forEach(e -> types.add(e.get("type").asText()));
            types.forEach(t -> tickets.merge(t, 1, Integer::sum));
            if (created(events).path("is_test").asBoolean()) {
                tickets.merge("test", 1, Integer::sum);
            }
        }
        assertShare(tickets, "RESOLVED", 1.0);
        assertShare(tickets, "ASSIGNED", SimulatorProfile.BASELINE.assignedRate());
        assertShare(tickets, "REOPENED", 0.08);
        assertShare(tickets, "SATISFACTION_RATED", 0.30);
        assertShare(tickets, "test", 0.01);
        assertShare(tickets, "PRIORITY_CHANGED", 0.04);
    }

    @Test
    void firstRepliesAreFastOnChatAndSlowOnEmailAndCsatFollowsThem() {
        Map<String, List<Long>> firstReply = new HashMap<>();
        List<Long> all = new ArrayList<>();
        double[] csatSum = new double[2];
        int[] csatCount = new int[2];
        for (List<JsonNode> events : byTicket.values()) {
            long created = Timestamps.parse(created(events).get("occurred_at").asText());
            long reply = Long.MAX_VALUE;
            Integer csat = null;
            for (JsonNode e : events) {
                String type = e.get("type").asText();
                if (type.equals("AGENT_REPLIED")) {
                    reply = Math.min(reply, Timestamps.parse(e.get("occurred_at").asText()) - created);
                } else if (type.equals("SATISFACTION_RATED")) {
                    csat = e.get("csat").asInt();
                }
            }
            firstReply.computeIfAbsent(created(events).get("channel").asText(), k -> new ArrayList<>()).add(reply);
            all.add(reply);
            if (csat != null && (reply < MINUTE || reply >= HOUR)) {
                int bucket = reply < MINUTE ? 0 : 1;
                csatSum[bucket] += csat;
                csatCount[bucket]++;
            }
        }
        // baseline medians: 40 s (chat) and 33 min (email) for P3, x1.3 for P4, P1/P2 capped at 1 and 3 min
        assertThat(median(firstReply.get("chat"))).isBetween(25 * SECOND, 60 * SECOND);
        assertThat(median(firstReply.get("email"))).isBetween(20 * MINUTE, 45 * MINUTE);
        // the baseline desk: 35 % of customers wait over 10 min (SimulatorProfileTest checks it by the KPI definition)
        double over10Min = all.stream().filter(d -> d > 10 * MINUTE).count() / (double) all.size();
        assertThat(over10Min).isBetween(0.31, 0.39);
        // baseline CSAT weights: under 1 min mean (3+10+51+160+175)/100 = 3.99; 1 h and more (20+40+84+80+60)/100
        // = 2.84
        assertThat(csatSum[0] / csatCount[0]).isCloseTo(3.99, within(0.1));
        assertThat(csatSum[1] / csatCount[1]).isCloseTo(2.84, within(0.1));
    }

    @Test
    void ticketsArriveAtTheConfiguredRate() {
        long lastCreated = byTicket.values().stream()
                .mapToLong(events -> Timestamps.parse(created(events).get("occurred_at").asText()))
                .max()
                .orElseThrow();
        // 20,000 exponential gaps of mean 6 s: 33.33 h, standard deviation sqrt(20,000) * 6 s = 0.236 h
        double hours = (lastCreated - BEGINNING.toEpochMilli()) / (double) HOUR;
        assertThat(hours).isCloseTo(20_000 / 600.0, within(5 * 0.236));

        // two instances share the rate: each one creates 300 per hour
        List<SimulatedRecord> half = drain(new TicketSimulator(OPTIONS, 1, 2, 3_000));
        long lastHalf = half.stream().filter(r -> r.eventId().endsWith("-1") && r.kind() != Kind.DUPLICATE)
                .mapToLong(SimulatedRecord::occurredAtMs).max().orElseThrow();
        // 3,000 gaps of mean 12 s: 10 h, standard deviation sqrt(3,000) * 12 s = 0.183 h
        assertThat((lastHalf - BEGINNING.toEpochMilli()) / (double) HOUR).isCloseTo(10.0, within(5 * 0.183));
    }

    @Test
    void deliveriesAreOrderedExceptForTheConfiguredImperfections() {
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        long previous = Long.MIN_VALUE;
        for (SimulatedRecord r : take(new TicketSimulator(OPTIONS), 300_000)) {
            kinds.merge(r.kind(), 1, Integer::sum);
            assertThat(r.deliveredAtMs()).isGreaterThanOrEqualTo(previous);
            previous = r.deliveredAtMs();
            long lateness = r.deliveredAtMs() - r.occurredAtMs();
            switch (r.kind()) {
                case EVENT -> assertThat(lateness).isBetween(0L, 10 * SECOND);
                case LATE -> assertThat(lateness).isBetween(MINUTE, 5 * MINUTE);
                case VERY_LATE -> assertThat(lateness).isBetween(HOUR, 3 * HOUR);
                default -> assertThat(lateness).isBetween(0L, 3 * HOUR + 2 * MINUTE);
            }
        }
        int originals = kinds.get(Kind.EVENT) + kinds.get(Kind.LATE) + kinds.get(Kind.VERY_LATE);
        assertCount(kinds.get(Kind.DUPLICATE), originals, 0.005);
        assertCount(kinds.get(Kind.MALFORMED), originals, 0.003);
        assertCount(kinds.get(Kind.LATE), originals, 0.005);
        assertCount(kinds.get(Kind.VERY_LATE), originals, 0.001);
    }

    @Test
    void imperfectionRatesAreConfigurable() {
        SimulatorOptions noisy = OPTIONS.toBuilder().duplicateRate(0.1).malformedRate(0.05).mildLateRate(0.2)
                .veryLateRate(0).build();
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        take(new TicketSimulator(noisy), 50_000).forEach(r -> kinds.merge(r.kind(), 1, Integer::sum));
        int originals = kinds.get(Kind.EVENT) + kinds.get(Kind.LATE);
        assertThat(kinds).doesNotContainKey(Kind.VERY_LATE);
        assertCount(kinds.get(Kind.DUPLICATE), originals, 0.1);
        assertCount(kinds.get(Kind.MALFORMED), originals, 0.05);
        assertCount(kinds.get(Kind.LATE), originals, 0.2);

        List<SimulatedRecord> perfect = take(new TicketSimulator(OPTIONS.toBuilder().perfect().build()), 50_000);
        assertThat(perfect).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(Kind.EVENT);
            assertThat(r.deliveredAtMs()).isEqualTo(r.occurredAtMs());
        });
    }

    @Test
    void pendingQueueStopsGrowingOnceTicketsCloseAsFastAsTheyArrive() {
        TicketSimulator simulator = new TicketSimulator(OPTIONS);
        int[] peaks = new int[4];
        for (int i = 0; i < 400_000; i++) {
            simulator.next();
            peaks[i / 100_000] = Math.max(peaks[i / 100_000], simulator.pendingCount());
        }
        // 400k records are about 47,000 tickets, 78 simulated hours: tickets live a few hours, so after the
        // first ~12 h (100k records) the queue is at its steady level and must not keep growing
        assertThat(peaks[3]).isLessThanOrEqualTo((int) (peaks[1] * 1.1));
        assertThat(peaks[2]).isLessThanOrEqualTo((int) (peaks[1] * 1.1));
        // Little's law: 600 tickets/h x mean lifetime under 8 h x under 5 events still planned per ticket
        assertThat(Arrays.stream(peaks).max().orElseThrow()).isLessThan(600 * 8 * 5);
    }

    @Test
    void aLimitedSimulatorDeliversEveryPlannedEventAndThenStops() {
        TicketSimulator simulator = new TicketSimulator(OPTIONS, 0, 1, 50);
        List<SimulatedRecord> all = drain(simulator);
        assertThat(simulator.hasNext()).isFalse();
        assertThat(simulator.pendingCount()).isZero();
        assertThat(simulator.ticketsCreated()).isEqualTo(50);
        assertThat(all.stream().filter(r -> r.kind().valid()).map(SimulatedRecord::ticketId).distinct())
                .hasSize(50);
        assertThat(new TicketSimulator(OPTIONS, 0, 1, 0).hasNext()).isFalse();
    }

    /** The ticket's CREATED event (delivery order may put other events first). */
    private static JsonNode created(List<JsonNode> events) {
        return events.stream().filter(e -> e.get("type").asText().equals("CREATED")).findFirst().orElseThrow();
    }

    private static void assertShare(Map<String, Integer> counts, String key, double expected) {
        int n = TICKETS;
        double sd = Math.sqrt(expected * (1 - expected) / n);
        double actual = counts.getOrDefault(key, 0) / (double) n;
        assertThat(actual).as("share of %s", key).isCloseTo(expected, within(Math.max(4 * sd, 1e-9)));
    }

    /** {@code count} out of {@code trials} is within 4 standard deviations of a binomial with {@code p}. */
    private static void assertCount(Integer count, int trials, double p) {
        double expected = trials * p;
        double sd = Math.sqrt(trials * p * (1 - p));
        assertThat(count == null ? 0 : count.doubleValue()).isCloseTo(expected, within(4 * sd));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static boolean payloadsEqual(List<SimulatedRecord> a, List<SimulatedRecord> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!Arrays.equals(a.get(i).payload(), b.get(i).payload())) {
                return false;
            }
        }
        return a.size() == b.size();
    }

    private static List<SimulatedRecord> take(TicketSimulator simulator, int n) {
        List<SimulatedRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(simulator.next());
        }
        return out;
    }

    private static List<SimulatedRecord> drain(TicketSimulator simulator) {
        List<SimulatedRecord> out = new ArrayList<>();
        while (simulator.hasNext()) {
            out.add(simulator.next());
        }
        return out;
    }
}
