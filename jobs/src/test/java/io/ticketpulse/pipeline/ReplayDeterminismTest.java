package io.ticketpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.io.EventsFileSource;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.SlaTestPolicies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded replay decides everything from the data alone: the same file, at parallelism 1 and 2, with
 * watermarks every millisecond, every 200 ms (Flink's default) or none before the end of input, gives the same
 * dead letters, the same KPI rows (byte for byte: a bounded replay emits only final rows, {@link
 * io.ticketpulse.domain.KpiUpdates#FINAL_ONLY}) and the same alert records (detection time aside: it is
 * processing time). The job reads one file as one split ({@code --events-file} takes a regular file only); a
 * bounded Kafka range has all its partitions assigned at the start, each with its own lateness decisions. The file has out-of-order events, repeats,
 * events late within the allowed lateness and events late beyond it (11 and 60 minutes behind their file's newest
 * event): whether an event is late is decided per input split from the split's own records, never from when a
 * periodic watermark happened to fire.
 */
class ReplayDeterminismTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    static Path dir;

    private static Path events;

    @BeforeAll
    static void writeEvents() throws IOException {
        events = dir.resolve("events.jsonl");
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        long t0 = T0.toEpochMilli();
        for (int i = 0; i < 240; i++) {
            String ticket = "T" + i;
            long created = t0 + i * 45_000L;
            List<TicketEvent> ticketEvents = new ArrayList<>();
            ticketEvents.add(created(ticket, created, i));
            ticketEvents.add(event(ticket, "a", EventType.ASSIGNED, created + 20_000 + random.nextInt(200_000)));
            ticketEvents.add(event(ticket, "r", EventType.AGENT_REPLIED, created + 30_000 + random.nextInt(900_000)));
            if (i % 3 != 0) {
                ticketEvents.add(event(ticket, "z", EventType.RESOLVED, created + 1_000_000 + random.nextInt(9_000_000)));
            }
            for (TicketEvent e : ticketEvents) {
                lines.add(json(e));
            }
        }
        // in file order: events of later tickets, then stragglers: a repeat, one late within the lateness (5 min
        // behind the newest), one 11 and one 60 minutes behind (late beyond 10 min + 30 s)
        lines.sort((a, b) -> Long.compare(timeOf(a), timeOf(b)));
        List<String> mixed = new ArrayList<>(lines);
        long newestAt150 = timeOf(mixed.get(150));
        mixed.add(151, json(event("T3", "late-5m", EventType.CUSTOMER_REPLIED, newestAt150 - 300_000)));
        mixed.add(152, json(event("T3", "late-11m", EventType.CUSTOMER_REPLIED, newestAt150 - 660_000)));
        mixed.add(153, json(event("T4", "late-60m", EventType.AGENT_REPLIED, newestAt150 - 3_600_000)));
        mixed.add(154, mixed.get(140));
        Files.write(events, mixed, StandardCharsets.UTF_8);
    }

    private record Outcome(List<String> deadLetters, List<String> finalRows, List<String> alerts) {}

    private static Outcome replay(int parallelism, Duration watermarkInterval) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(parallelism);
        env.getConfig().setAutoWatermarkInterval(watermarkInterval.toMillis());
        PipelineConfig config = PipelineConfig.builder()
                .slaPolicies(SlaTestPolicies.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .kpiUpdates(KpiUpdates.FINAL_ONLY) // as the job sets it for a bounded input
                .build();
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config, EventsFileSource.of(new org.apache.flink.core.fs.Path(events.toUri())),
                new PipelineSinks(kpis, deadLetters).withAlerts(alerts, null));
        env.execute("replay-determinism");

        List<String> dead = deadLetters.values().stream()
                .map(d -> d.reasonCode + " " + d.eventId + " " + d.origin)
                .sorted()
                .toList();
        assertThat(kpis.values()).allSatisfy(k -> assertThat(k.isFinal && k.revision == 0).isTrue());
        List<String> rows = kpis.values().stream()
                .map(k -> new String(TicketKpiJson.toJson(k), StandardCharsets.UTF_8))
                .sorted()
                .toList();
        List<String> alertRecords = alerts.values().stream()
                .map(a -> {
                    a.detectedAtMs = 0;
                    return SlaAlertJson.toJsonString(a);
                })
                .sorted()
                .toList();
        return new Outcome(dead, rows, alertRecords);
    }

    @Test
    void deadLettersKpiRowsAndAlertsDoNotDependOnParallelismOrWhenWatermarksFire() throws Exception {
        Outcome reference = replay(2, Duration.ofMillis(200));

        assertThat(reference.deadLetters()).contains(
                "LATE_EVENT T3-late-11m events.jsonl:153", "LATE_EVENT T4-late-60m events.jsonl:154");
        assertThat(reference.deadLetters()).noneMatch(d -> d.contains("late-5m"));
        assertThat(reference.finalRows()).hasSizeGreaterThan(100);
        assertThat(reference.alerts()).isNotEmpty();

        assertSameOutcome(replay(1, Duration.ofMillis(200)), reference, "parallelism 1");
        assertSameOutcome(replay(2, Duration.ofMillis(1)), reference, "a watermark every millisecond");
        assertSameOutcome(replay(2, Duration.ofDays(1)), reference, "no watermark before the end of input");
    }

    private static void assertSameOutcome(Outcome actual, Outcome expected, String what) {
        assertThat(actual.deadLetters()).as(what + ": dead letters").containsExactlyElementsOf(expected.deadLetters());
        assertThat(actual.finalRows()).as(what + ": KPI rows").containsExactlyElementsOf(expected.finalRows());
        assertThat(actual.alerts()).as(what + ": alerts").containsExactlyElementsOf(expected.alerts());
    }

    private static TicketEvent created(String ticket, long atMs, int i) {
        TicketEvent e = event(ticket, "c", EventType.CREATED, atMs);
        e.channel = i % 2 == 0 ? "chat" : "email";
        e.priority = "P" + (1 + i % 4);
        return e;
    }

    private static TicketEvent event(String ticket, String id, EventType type, long atMs) {
        return new TicketEvent(ticket + "-" + id, ticket, type, atMs);
    }

    private static String json(TicketEvent e) {
        return new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8);
    }

    private static long timeOf(String line) {
        int i = line.indexOf("\"occurred_at\":\"") + 15;
        return Instant.parse(line.substring(i, line.indexOf('"', i))).toEpochMilli();
    }
}
