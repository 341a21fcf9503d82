package io.ticketpulse.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.EventTimeBounds;
import io.ticketpulse.io.EventsFileSource;
import io.ticketpulse.io.ParsedRecord;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.io.RecordParser;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.pipeline.PipelineSinks;
import io.ticketpulse.pipeline.TicketPulsePipeline;
import io.ticketpulse.redteam.RedTeamCases.Case;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.Schemas;
import io.ticketpulse.schema.DeadLetter.ReasonCode;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.JobCounters;
import io.ticketpulse.testing.ListSource;
import io.ticketpulse.testing.SlaScenario;
import io.ticketpulse.testing.SlaTestPolicies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The red-team suite: every class of bad or hostile input record in {@link RedTeamCases} gets its expected
 * reason code from the parse at the source, and through the real topology (MiniCluster, parallelism 2) the good
 * records among the bad ones give exactly the output they give alone, with the counters adding up. Wall clock
 * fixed at {@link RedTeamCases#NOW}.
 */
class RedTeamTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            FlinkTestEnvironments.miniClusterWithTwoSlots(METRICS.addToConfiguration(new Configuration()));

    private static final Clock WALL_CLOCK = Clock.fixed(RedTeamCases.NOW, ZoneOffset.UTC);
    private static final JsonSchema DEAD_LETTER_SCHEMA = Schemas.load(Schemas.DEAD_LETTER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventTimeBounds bounds() {
        return new EventTimeBounds(WALL_CLOCK, RedTeamCases.MAX_FUTURE_SKEW, RedTeamCases.MIN_EVENT_TIME, null);
    }

    static List<Case> cases() {
        return RedTeamCases.all();
    }

    // ---- each case alone, through the parse the source does ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachHostileRecordGetsItsReasonCode(Case c) throws IOException {
        RecordParser parser = new RecordParser(RedTeamCases.MAX_PAYLOAD_BYTES, bounds());

        ParsedRecord r = parser.parse(new RawRecord(c.payload(), "red-team:1"));

        if (c.expected() == null) {
            assertThat(r.deadLetter).as("dead letter of an acceptable record").isNull();
            assertThat(r.event.origin).isEqualTo("red-team:1");
            assertThat(r.timestamp()).isEqualTo(r.event.occurredAtMs);
        } else {
            assertThat(r.event).as("event from a hostile record").isNull();
            assertThat(r.deadLetter.reasonCode).isEqualTo(c.expected());
            assertThat(r.deadLetter.reason).isNotBlank();
            assertThat(r.deadLetter.origin).isEqualTo("red-team:1");
            assertThat(r.deadLetter.payload).isEqualTo(c.payload());
            assertThat(r.timestamp()).isEqualTo(ParsedRecord.NO_TIMESTAMP);
            if (c.expected() == ReasonCode.FUTURE_EVENT || c.expected() == ReasonCode.TOO_OLD_EVENT) {
                assertThat(r.deadLetter.ticketId).startsWith("RT-");
                assertThat(r.deadLetter.eventId).startsWith("rt-");
            }
            // what the job writes for it is a valid dead-letter v1 record, whatever the input was
            JsonNode written = JSON.readTree(DeadLetterJson.toJson(r.deadLetter));
            assertThat(DEAD_LETTER_SCHEMA.validate(written)).isEmpty();
            assertThat(DeadLetterJson.fromJson(DeadLetterJson.toJson(r.deadLetter))).isEqualTo(r.deadLetter);
        }
    }

    @Test
    void theCatalogueHasAtLeastFortyNamedClassesOfRefusedInputCoveringEveryInputReason() {
        List<Case> all = RedTeamCases.all();

        assertThat(new HashSet<>(all.stream().map(Case::name).toList())).hasSameSizeAs(all);
        assertThat(RedTeamCases.refused()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(RedTeamCases.refused().stream().map(Case::expected).distinct())
                .containsExactlyInAnyOrder(ReasonCode.MALFORMED_JSON, ReasonCode.OVERSIZED,
                        ReasonCode.SCHEMA_VIOLATION, ReasonCode.FUTURE_EVENT, ReasonCode.TOO_OLD_EVENT);
    }

    @Test
    void anEventOlderThanTheMaxEventAgeIsTooOld() {
        RecordParser parser = new RecordParser(RedTeamCases.MAX_PAYLOAD_BYTES,
                new EventTimeBounds(WALL_CLOCK, Duration.ofMinutes(5), null, Duration.ofDays(30)));

        ParsedRecord old = parser.parse(RedTeamCases.at("age", "2026-10-23T23:59:59.999Z")
                .getBytes(StandardCharsets.UTF_8), "red-team:1");
        ParsedRecord young = parser.parse(RedTeamCases.at("age", "2026-10-24T00:00:00Z")
                .getBytes(StandardCharsets.UTF_8), "red-team:2");

        assertThat(old.deadLetter.reasonCode).isEqualTo(ReasonCode.TOO_OLD_EVENT);
        assertThat(old.deadLetter.reason).contains("max event age (PT720H)");
        assertThat(old.deadLetter.ticketId).isEqualTo("RT-age");
        assertThat(young.valid()).isTrue();
    }

    // ---- good records among bad ones, through the real topology ----

    private record Run(List<TicketKpi> kpis, List<SlaAlert> alerts, List<DeadLetter> deadLetters, String jobId) {

        long counter(String name) {
            return JobCounters.sum(METRICS, jobId, name, 2);
        }

        /** The final row of every window (revision numbers aside: how many revisions precede it is timing). */
        List<TicketKpi> finalRows() {
            List<TicketKpi> finals = new ArrayList<>();
            for (TicketKpi k : kpis) {
                if (k.isFinal) {
                    k.revision = 0;
                    finals.add(k);
                }
            }
            finals.sort(Comparator.comparing(TicketKpi::upsertKey));
            return finals;
        }

        /** The alert records, processing-time detected_at aside, in (dedup_key, changed_at, status) order. */
        List<SlaAlert> alertRecords() {
            List<SlaAlert> records = new ArrayList<>(alerts);
            records.forEach(a -> a.detectedAtMs = 0);
            records.sort(Comparator.comparing((SlaAlert a) -> a.dedupKey).thenComparingLong(a -> a.changedAtMs)
                    .thenComparing(a -> a.status).thenComparing(a -> a.severity));
            return records;
        }

        /**
         * The dead letters not from {@code badOrigins}, as "reason: payload". A re-sent duplicate of the good input
         * may be a LATE_EVENT or not depending on when a periodic watermark fell (read speed), so those count as
         * "re-sent duplicate"; any other late good event would be a defect and shows as itself.
         */
        List<String> otherDeadLetters(Set<String> badOrigins, List<String> goodLines) {
            List<String> other = new ArrayList<>();
            for (DeadLetter d : deadLetters) {
                if (badOrigins.contains(d.origin)) {
                    continue;
                }
                String payload = new String(d.payload, StandardCharsets.UTF_8);
                boolean resent = d.eventId != null
                        && goodLines.stream().filter(l -> l.contains("\"" + d.eventId + "\"")).count() > 1;
                if (!(d.reasonCode == ReasonCode.LATE_EVENT && resent)) {
                    other.add(d.reasonCode + ": " + payload);
                }
            }
            return other;
        }

        Map<String, ReasonCode> deadLettersByOrigin() {
            Map<String, ReasonCode> byOrigin = new LinkedHashMap<>();
            deadLetters.forEach(d -> byOrigin.put(d.origin, d.reasonCode));
            return byOrigin;
        }
    }

    private static PipelineConfig config(Instant minEventTime) {
        // SlaScenario.config(), plus the red-team event-time window and payload cap
        return PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(5))
                .allowedLateness(Duration.ofMinutes(5))
                .maxOutOfOrderness(Duration.ofMinutes(1))
                .ticketRetention(Duration.ofDays(1))
                .slaPolicies(SlaTestPolicies.policies())
                .alertClock(AlertClock.EVENT_TIME)
                .maxPayloadBytes(RedTeamCases.MAX_PAYLOAD_BYTES)
                .wallClock(WALL_CLOCK)
                .minEventTime(minEventTime)
                .build();
    }

    private static Run run(PipelineConfig config, Source<RawRecord, ?, ?> source) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config, source, new PipelineSinks(kpis, deadLetters).withAlerts(alerts, null));
        JobExecutionResult result = env.execute("ticketpulse-red-team");
        return new Run(kpis.values(), alerts.values(), deadLetters.values(), result.getJobID().toString());
    }

    @Test
    void goodRecordsAmongEveryRefusedClassGiveTheSameOutputAndTheCountersAddUp() throws Exception {
        List<String> good = SlaScenario.lines();
        List<Case> bad = RedTeamCases.refused();
        // the bad records spread over the whole input, before, between and after the good ones
        List<byte[]> mixed = new ArrayList<>();
        Map<String, ReasonCode> expectedBad = new LinkedHashMap<>();
        int b = 0;
        for (int g = 0; g <= good.size(); g++) {
            int until = (int) ((long) bad.size() * (g + 1) / (good.size() + 1));
            for (; b < until; b++) {
                mixed.add(bad.get(b).payload());
                expectedBad.put("test:" + mixed.size(), bad.get(b).expected());
            }
            if (g < good.size()) {
                mixed.add(good.get(g).getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(expectedBad).hasSize(bad.size());

        Run clean = run(config(RedTeamCases.MIN_EVENT_TIME), ListSource.of(good));
        Run hostile = run(config(RedTeamCases.MIN_EVENT_TIME), ListSource.ofBytes(mixed));

        assertThat(hostile.finalRows()).isNotEmpty().containsExactlyElementsOf(clean.finalRows());
        assertThat(hostile.alertRecords()).isNotEmpty().containsExactlyElementsOf(clean.alertRecords());
        Map<String, ReasonCode> hostileDeadLetters = hostile.deadLettersByOrigin();
        for (Map.Entry<String, ReasonCode> e : expectedBad.entrySet()) {
            assertThat(hostileDeadLetters).as("dead letter of line %s", e.getKey()).containsEntry(e.getKey(), e.getValue());
        }
        assertThat(hostile.otherDeadLetters(expectedBad.keySet(), good))
                .containsExactlyInAnyOrderElementsOf(clean.otherDeadLetters(Set.of(), good));

        long in = hostile.counter("recordsIn");
        long parsed = hostile.counter("eventsParsed");
        long deadLettered = hostile.counter("recordsDeadLettered");
        assertThat(in).isEqualTo(mixed.size());
        assertThat(in).isEqualTo(parsed + deadLettered);
        assertThat(parsed).isEqualTo(clean.counter("eventsParsed"));
        assertThat(deadLettered).isEqualTo(clean.counter("recordsDeadLettered") + expectedBad.size());
    }

    @Test
    void one2099RecordAndOneYear0001RecordInAFileAreDeadLetteredAndChangeNothingElse(@TempDir Path dir)
            throws Exception {
        List<String> good = SlaScenario.lines();
        List<String> bombed = new ArrayList<>(good);
        String year2099 = RedTeamCases.at("2099", "2099-06-01T00:00:00Z");
        String year0001 = RedTeamCases.at("0001", "0001-01-01T00:00:00Z");
        bombed.add(good.size() / 2, year2099);
        bombed.add(0, year0001);
        Path cleanFile = Files.write(dir.resolve("clean.jsonl"), good);
        Path bombedFile = Files.write(dir.resolve("bombed.jsonl"), bombed);
        PipelineConfig defaults = config(null); // no lower bound: the defaults of a replay

        Run clean = run(defaults, EventsFileSource.of(
                new org.apache.flink.core.fs.Path(cleanFile.toUri()), RedTeamCases.MAX_PAYLOAD_BYTES));
        Run hostile = run(defaults, EventsFileSource.of(
                new org.apache.flink.core.fs.Path(bombedFile.toUri()), RedTeamCases.MAX_PAYLOAD_BYTES));

        assertThat(hostile.finalRows()).isNotEmpty().containsExactlyElementsOf(clean.finalRows());
        assertThat(hostile.kpis()).allMatch(k -> k.windowEndMs < RedTeamCases.NOW.toEpochMilli());
        assertThat(hostile.alertRecords()).isNotEmpty().containsExactlyElementsOf(clean.alertRecords());
        assertThat(hostile.deadLettersByOrigin())
                .containsEntry("bombed.jsonl:1", ReasonCode.SCHEMA_VIOLATION)
                .containsEntry("bombed.jsonl:" + (bombed.indexOf(year2099) + 1), ReasonCode.FUTURE_EVENT)
                .hasSize(clean.deadLetters().size() + 2);
        String bomb2099 = "bombed.jsonl:" + (bombed.indexOf(year2099) + 1);
        assertThat(hostile.otherDeadLetters(Set.of("bombed.jsonl:1", bomb2099), good))
                .containsExactlyInAnyOrderElementsOf(clean.otherDeadLetters(Set.of(), good));
        assertThat(hostile.counter("recordsIn"))
                .isEqualTo(hostile.counter("eventsParsed") + hostile.counter("recordsDeadLettered"))
                .isEqualTo(bombed.size());
    }
}
