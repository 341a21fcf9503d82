package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TicketPulsePipeline;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FailingOnce;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.HandComputedScenario;
import io.ticketpulse.testing.ListSource;
import io.ticketpulse.testing.PostgresServer;
import io.ticketpulse.testing.SlaTestPolicies;
import io.ticketpulse.testing.TableRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole topology writing the PostgreSQL tables of a real server, on a MiniCluster at parallelism 2: exact
 * rows of the hand-computed replay, a replay run twice leaves the same tables, and a failure with a restart from
 * a checkpoint (records after the checkpoint delivered again) leaves exactly the rows of a run without failure.
 */
class PostgresPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private record Collected(CollectingSink<TicketKpi> kpis, CollectingSink<DeadLetter> deadLetters,
            CollectingSink<SlaAlert> alerts) {}

    @Test
    void handComputedReplayGivesExactlyTheHandComputedRows() throws Exception {
        JdbcSettings settings = PostgresServer.freshSettings("hand");
        PipelineConfig config = HandComputedScenario.configBuilder(Duration.ZERO)
                .kpiUpdates(KpiUpdates.FINAL_ONLY)
                .build();
        run(config, ListSource.of(HandComputedScenario.lines()), settings, PostgresTables.BATCH_SIZE, false);

        try (Connection c = settings.connect()) {
            assertThat(TableRows.kpis(c, settings.tablePrefix()))
                    .containsExactlyElementsOf(HandComputedScenario.sorted(HandComputedScenario.expectedRows()));
            assertThat(TableRows.deadLetters(c, settings.tablePrefix())).singleElement().satisfies(d -> {
                assertThat(d.reasonCode).isEqualTo(DeadLetter.ReasonCode.MALFORMED_JSON);
                assertThat(new String(d.payload, StandardCharsets.UTF_8))
                        .isEqualTo("{\"event_id\": \"broken\", \"ticket_id\": ");
            });
        }
    }

    @Test
    void aReplayRunTwiceLeavesTheSameTables() throws Exception {
        JdbcSettings settings = PostgresServer.freshSettings("twice");
        List<String> lines = lines();
        Collected first = run(replayConfig(), ListSource.of(lines), settings, PostgresTables.BATCH_SIZE, false);
        Map<String, List<String>> before = dump(settings);
        Collected second = run(replayConfig(), ListSource.of(lines), settings, PostgresTables.BATCH_SIZE, false);

        assertThat(second.kpis().values()).hasSameSizeAs(first.kpis().values()).hasSizeGreaterThan(100);
        assertThat(second.alerts().values()).isNotEmpty();
        assertThat(second.deadLetters().values()).isNotEmpty();
        // every column of every row, the alerts' detected_at and the dead letters' write time included
        assertThat(dump(settings)).isEqualTo(before);
        assertThat(before.get("kpi")).hasSize(first.kpis().values().size());
    }

    @Test
    void aRestartFromACheckpointLeavesNoDuplicatesAndTheRowsOfARunWithoutFailure() throws Exception {
        List<String> lines = lines();
        Collected reference = run(replayConfig(), ListSource.of(lines), null, 0, false);

        JdbcSettings settings = PostgresServer.freshSettings("restart");
        FailingOnce.reset(-1); // the source does not fail: the KPI sink does (see FailingAfterBarrier)
        // at most 50 records per checkpoint: many checkpoints complete before the failure
        DataGeneratorSource<RawRecord> source = new DataGeneratorSource<>(new FailingOnce(lines), lines.size(),
                RateLimiterStrategy.perCheckpoint(50), TypeInformation.of(RawRecord.class));
        // a KPI writer fails once, past a quarter of its rows, on the second row it receives after a checkpoint
        // barrier: the first of them was emitted after every completed checkpoint (the writer acknowledged them
        // all before it), so it is emitted again after the restore; the table sink, chained after the same KPI
        // operator, received it before the row the writer fails on, and (batches of one) wrote it at once
        FailingAfterBarrier.reset(reference.kpis().values().size() / 4);
        Collected restarted = run(replayConfig(), source, settings, 1, true, new FailingAfterBarrier());

        assertThat(FailingAfterBarrier.FAILED).isTrue();
        assertThat(restarted.kpis().values())
                .as("KPI rows delivered again after the restore")
                .hasSizeGreaterThan(reference.kpis().values().size());
        // (no source record need be read again: the watermark that fired the row may have been generated from
        // records read before the restored checkpoint)

        try (Connection c = settings.connect()) {
            String p = settings.tablePrefix();
            assertThat(TableRows.kpis(c, p)).containsExactlyElementsOf(sortedKpis(reference.kpis().values()));
            assertThat(withoutDetectedAt(TableRows.alerts(c, p + "alert_history")))
                    .containsExactlyInAnyOrderElementsOf(withoutDetectedAt(reference.alerts().values()));
            assertThat(withoutDetectedAt(TableRows.alerts(c, p + "alert_state")))
                    .containsExactlyInAnyOrderElementsOf(withoutDetectedAt(lastPerAlert(reference.alerts().values())));
            assertThat(TableRows.deadLetters(c, p))
                    .containsExactlyInAnyOrderElementsOf(reference.deadLetters().values());
        }
    }

    // --- the runs

    private static PipelineConfig replayConfig() {
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(30))
                .windowSlide(Duration.ofMinutes(5))
                .slaPolicies(SlaTestPolicies.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .kpiUpdates(KpiUpdates.FINAL_ONLY) // as the job sets it for a bounded input
                .build();
    }

    /** Runs the topology; writes the tables when {@code settings} is given. */
    private static Collected run(PipelineConfig config, Source<RawRecord, ?, ?> source, JdbcSettings settings,
            int batchSize, boolean checkpointsAndRestarts) throws Exception {
        return run(config, source, settings, batchSize, checkpointsAndRestarts, new CollectingSink<>());
    }

    private static Collected run(PipelineConfig config, Source<RawRecord, ?, ?> source, JdbcSettings settings,
            int batchSize, boolean checkpointsAndRestarts, CollectingSink<TicketKpi> kpis) throws Exception {
        StreamExecutionEnvironment env;
        if (checkpointsAndRestarts) {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            env = FlinkTestEnvironments.strictEnvironment(2);
            env.configure(conf);
            env.enableCheckpointing(50);
        } else {
            env = FlinkTestEnvironments.strictEnvironment(2);
        }
        Collected collected = new Collected(kpis, new CollectingSink<>(), new CollectingSink<>());
        PipelineSinks sinks = new PipelineSinks(collected.kpis(), collected.deadLetters())
                .withAlerts(collected.alerts(), null);
        if (settings != null) {
            sinks = sinks.withTables(PostgresServer.tableSinks(settings, batchSize));
        }
        TicketPulsePipeline.build(env, config, source, sinks);
        env.execute("postgres-pipeline-test");
        return collected;
    }

    /** Every table's rows, each as the JSON text of all its columns, sorted. */
    private static Map<String, List<String>> dump(JdbcSettings settings) throws Exception {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = settings.connect()) {
            for (String table : List.of("kpi", "alert_state", "alert_history", "dead_letter")) {
                tables.put(table, TableRows.rows(c, "SELECT * FROM " + settings.tablePrefix() + table).stream()
                        .map(ObjectNode::toString)
                        .sorted()
                        .toList());
            }
        }
        return tables;
    }

    private static List<TicketKpi> sortedKpis(List<TicketKpi> rows) {
        List<TicketKpi> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((TicketKpi k) -> k.channel).thenComparing(k -> k.priority)
                .thenComparingLong(k -> k.windowEndMs));
        return sorted;
    }

    /** The alert's records as JSON with detected_at (processing time, different in each run) cleared. */
    private static List<String> withoutDetectedAt(List<SlaAlert> alerts) {
        return alerts.stream().map(a -> {
            SlaAlert copy = SlaAlertJson.fromJson(SlaAlertJson.toJsonString(a));
            copy.detectedAtMs = 0;
            return SlaAlertJson.toJsonString(copy);
        }).toList();
    }

    /** The last record of each alert, in emission order (the records of one alert come from one subtask). */
    private static List<SlaAlert> lastPerAlert(List<SlaAlert> alerts) {
        Map<String, SlaAlert> last = new HashMap<>();
        for (SlaAlert a : alerts) {
            last.put(a.dedupKey, a);
        }
        return new ArrayList<>(last.values());
    }

    // --- the input

    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();

    /**
     * 400 tickets over about 5 hours in time order (chat and email, P1 to P4): created, assigned, replied, most
     * resolved, a third rated, many answered late enough to alert; plus a malformed line every 97 lines and an event
     * far behind the others (late).
     */
    static List<String> lines() {
        Random random = new Random(11);
        List<TicketEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String ticket = "T" + i;
            long created = T0 + i * 45_000L;
            TicketEvent c = new TicketEvent(ticket + "-c", ticket, EventType.CREATED, created);
            c.channel = i % 2 == 0 ? "chat" : "email";
            c.priority = "P" + (1 + i % 4);
            events.add(c);
            events.add(new TicketEvent(ticket + "-a", ticket, EventType.ASSIGNED, created + 20_000 + random.nextInt(400_000)));
            events.add(new TicketEvent(ticket + "-r", ticket, EventType.AGENT_REPLIED,
                    created + 30_000 + random.nextInt(1_500_000)));
            if (i % 3 != 0) {
                long resolvedAt = created + 1_000_000 + random.nextInt(9_000_000);
                events.add(new TicketEvent(ticket + "-z", ticket, EventType.RESOLVED, resolvedAt));
                if (i % 3 == 1) {
                    TicketEvent rated = new TicketEvent(ticket + "-s", ticket, EventType.SATISFACTION_RATED,
                            resolvedAt + 60_000);
                    rated.csat = 1 + random.nextInt(5);
                    events.add(rated);
                }
            }
        }
        events.sort(Comparator.comparingLong((TicketEvent e) -> e.occurredAtMs).thenComparing(e -> e.eventId));
        List<String> lines = new ArrayList<>();
        for (TicketEvent e : events) {
            lines.add(new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8));
            if (lines.size() % 97 == 0) {
                lines.add("{\"event_id\": \"broken-" + lines.size() + "\"");
            }
        }
        TicketEvent late = new TicketEvent("T5-late", "T5", EventType.CUSTOMER_REPLIED, T0 + 600_000);
        lines.add(lines.size() / 2, new String(TicketEventJson.toJson(late), StandardCharsets.UTF_8));
        return lines;
    }

    /**
     * Collects the KPI rows; one writer fails once, when it has received at least {@code minRows} rows, on a row
     * that follows another row received after the last checkpoint barrier ({@link SinkWriter#flush} with
     * {@code false} is called just before the barrier is handled).
     */
    static final class FailingAfterBarrier extends CollectingSink<TicketKpi> {

        static final AtomicBoolean FAILED_FLAG = new AtomicBoolean();
        static volatile boolean FAILED;
        static volatile int minRows;

        static void reset(int rows) {
            FAILED_FLAG.set(false);
            FAILED = false;
            minRows = rows;
        }

        @Override
        public SinkWriter<TicketKpi> createWriter(WriterInitContext context) {
            SinkWriter<TicketKpi> collecting = super.createWriter(context);
            return new SinkWriter<>() {
                private int received;
                private int sinceBarrier;

                @Override
                public void write(TicketKpi element, Context ctx) throws IOException, InterruptedException {
                    if (received >= minRows && sinceBarrier >= 1 && FAILED_FLAG.compareAndSet(false, true)) {
                        FAILED = true;
                        throw new IllegalStateException("injected failure at KPI row " + received);
                    }
                    collecting.write(element, ctx);
                    received++;
                    sinceBarrier++;
                }

                @Override
                public void flush(boolean endOfInput) throws IOException, InterruptedException {
                    collecting.flush(endOfInput);
                    sinceBarrier = 0;
                }

                @Override
                public void close() throws Exception {
                    collecting.close();
                }
            };
        }
    }
}
