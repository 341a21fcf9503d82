package io.ticketpulse.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.KpiUpdates;
import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link KpiWindowFunction}: deltas and watermarks in, KPI rows out. Windows are 10 min sliding
 * by 1 min with 2 min allowed lateness and the default 10 quiet windows (size/slide) unless a test says
 * otherwise; the window ending at {@code T0 + n min} is called E(n).
 */
class KpiWindowFunctionTest {

    private static final long SEC = 1_000L;
    private static final long MIN = 60_000L;
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final String CH = "email";
    private static final String PR = "P1";

    private static final PipelineConfig SLIDING = config(Duration.ofMinutes(10), Duration.ofMinutes(1), 2);

    private KeyedTwoInputStreamOperatorTestHarness<String, PaneDelta, Long, TicketKpi> harness;
    private KpiWindowFunction function;

    private static PipelineConfig config(Duration size, Duration slide, int latenessMinutes) {
        return PipelineConfig.builder()
                .windowSize(size)
                .windowSlide(slide)
                .allowedLateness(Duration.ofMinutes(latenessMinutes))
                .build();
    }

    private void open(PipelineConfig config) throws Exception {
        function = new KpiWindowFunction(config);
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(function, List.of(KpiWindowFunction.HORIZON_STATE)),
                PaneDelta::key,
                horizon -> "",
                Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(long slideMs, Fact... facts) throws Exception {
        PaneDelta delta = PaneDelta.forFact(facts[0], slideMs);
        for (int i = 1; i < facts.length; i++) {
            delta.add(facts[i]);
        }
        harness.processElement1(new StreamRecord<>(delta, facts[0].timeMs));
    }

    private void send(Fact... facts) throws Exception {
        send(MIN, facts);
    }

    private void horizon(long timeMs) throws Exception {
        harness.processElement2(new StreamRecord<>(timeMs, timeMs));
    }

    private void watermark(long timeMs) throws Exception {
        harness.processBothWatermarks(new Watermark(timeMs));
    }

    /** The rows emitted since the last call. */
    private List<TicketKpi> drain() {
        List<TicketKpi> rows = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                rows.add((TicketKpi) r.getValue());
            }
        }
        harness.getOutput().clear();
        return rows;
    }

    private static Fact created(long t, String ticket) {
        return Fact.created(t, ticket, CH, PR);
    }

    private static Fact backlog(long t, String ticket, int delta) {
        return Fact.backlog(t, ticket, CH, PR, delta);
    }

    /** "end/revision/final" for compact sequence assertions, ends in minutes after T0. */
    private static String id(TicketKpi k) {
        return "E" + (k.windowEndMs - T0) / MIN + "/r" + k.revision + (k.isFinal ? "/final" : "");
    }

    private static List<String> ids(List<TicketKpi> rows) {
        return rows.stream().map(KpiWindowFunctionTest::id).collect(Collectors.toList());
    }

    @Test
    void firstRowAtTheWindowEnd() throws Exception {
        open(SLIDING);
        send(created(T0 + 30 * SEC, "t1"), Fact.firstResponse(T0 + 40 * SEC, "t1", CH, PR, 45 * SEC));

        watermark(T0 + MIN - 1);
        assertThat(drain()).isEmpty();

        watermark(T0 + MIN);
        List<TicketKpi> rows = drain();
        assertThat(rows).hasSize(1);
        TicketKpi k = rows.get(0);
        assertThat(k.channel).isEqualTo(CH);
        assertThat(k.priority).isEqualTo(PR);
        assertThat(k.windowStartMs).isEqualTo(T0 - 9 * MIN);
        assertThat(k.windowEndMs).isEqualTo(T0 + MIN);
        assertThat(k.revision).isZero();
        assertThat(k.isFinal).isFalse();
        assertThat(k.ticketsCreated).isEqualTo(1);
        assertThat(k.frtCount).isEqualTo(1);
        assertThat(k.frtMeanS).isEqualTo(45.0);
        assertThat(k.frtP50S).isEqualTo(45.0);
        assertThat(k.backlogOpen).isZero();
    }

    @Test
    void lateDeltaWithinLatenessRevisesAnEmittedWindowThenItIsFinalised() throws Exception {
        open(SLIDING);
        send(created(T0 + 30 * SEC, "t1"));
        watermark(T0 + MIN);
        assertThat(ids(drain())).containsExactly("E1/r0");

        // late but within L: fact time >= watermark - L
        send(created(T0 + 50 * SEC, "t2"));
        watermark(T0 + MIN + 1);
        List<TicketKpi> revised = drain();
        assertThat(ids(revised)).containsExactly("E1/r1");
        assertThat(revised.get(0).ticketsCreated).isEqualTo(2);

        watermark(T0 + 2 * MIN);
        assertThat(ids(drain())).containsExactly("E2/r0");

        // at T0+3m: E(1) is final (end + L) and E(3) is first emitted
        watermark(T0 + 3 * MIN);
        List<TicketKpi> rows = drain();
        assertThat(ids(rows)).containsExactly("E1/r2/final", "E3/r0");
        assertThat(rows.get(0).ticketsCreated).isEqualTo(2);
        assertThat(function.lateDeltaCount()).isZero();
    }

    private static PipelineConfig finalOnly(PipelineConfig config) {
        return PipelineConfig.builder()
                .windowSize(config.windowSize())
                .windowSlide(config.windowSlide())
                .allowedLateness(config.allowedLateness())
                .kpiUpdates(KpiUpdates.FINAL_ONLY)
                .build();
    }

    @Test
    void finalOnlyEmitsOneRowPerWindowAtEndPlusLatenessWithTheLateDeltaIncluded() throws Exception {
        open(finalOnly(SLIDING));
        send(created(T0 + 30 * SEC, "t1"));
        watermark(T0 + MIN);
        assertThat(drain()).as("nothing before end + L").isEmpty();

        send(created(T0 + 50 * SEC, "t2")); // late within L
        watermark(T0 + 3 * MIN - 1);
        assertThat(drain()).isEmpty();

        watermark(T0 + 3 * MIN);
        List<TicketKpi> rows = drain();
        assertThat(ids(rows)).containsExactly("E1/r0/final");
        assertThat(rows.get(0).ticketsCreated).isEqualTo(2);

        watermark(Long.MAX_VALUE);
        assertThat(drain()).allSatisfy(k -> assertThat(k.isFinal).isTrue())
                .allSatisfy(k -> assertThat(k.revision).isZero())
                .extracting(k -> k.ticketsCreated).containsOnly(2L);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void finalOnlyEmitsNoRowForAWindowWhoseOnlyFactWasRetractedWithinTheLateness() throws Exception {
        open(finalOnly(PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(1))
                .windowSlide(Duration.ofMinutes(1))
                .allowedLateness(Duration.ofMinutes(2))
                .quietWindows(0)
                .build()));
        send(created(T0 + 30 * SEC, "t1"));
        watermark(T0 + MIN); // due at its end: its final row is pending
        send(created(T0 + 30 * SEC, "t1").withSign(-1)); // a late event took the fact back
        watermark(Long.MAX_VALUE);
        assertThat(drain()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void finalOnlyRowsAreTheEarlyAndLateModesFinalRowsAsRevisionZeroWhateverTheWatermarkSchedule() throws Exception {
        List<Fact[]> deltas = List.of(
                new Fact[] {created(T0 + 30 * SEC, "a"), backlog(T0 + 30 * SEC, "a", +1)},
                new Fact[] {created(T0 + 14 * MIN, "b"), backlog(T0 + 14 * MIN, "b", +1)},
                new Fact[] {backlog(T0 + 16 * MIN, "b", -1)},
                new Fact[] {created(T0 + 95 * MIN, "c")},
                new Fact[] {backlog(T0 + 101 * MIN + 5 * SEC, "a", -1)});
        List<List<Long>> schedules = List.of(
                List.of(Long.MAX_VALUE),
                LongStream.rangeClosed(0, 140).map(n -> T0 + n * MIN).boxed().toList(),
                List.of(T0 + 17 * MIN, T0 + 94 * MIN, T0 + 500 * MIN));
        List<List<String>> outputs = new ArrayList<>();
        for (PipelineConfig config : List.of(SLIDING, finalOnly(SLIDING))) {
            for (List<Long> schedule : schedules) {
                open(config);
                for (Fact[] delta : deltas) {
                    send(delta);
                }
                for (long w : schedule) {
                    watermark(w);
                }
                watermark(Long.MAX_VALUE);
                List<TicketKpi> rows = drain();
                if (config.kpiUpdates() == KpiUpdates.FINAL_ONLY) {
                    assertThat(rows).allSatisfy(k -> assertThat(k.isFinal && k.revision == 0).isTrue());
                }
                outputs.add(rows.stream()
                        .filter(k -> k.isFinal)
                        .map(k -> {
                            k.revision = 0;
                            return new String(TicketKpiJson.toJson(k), StandardCharsets.UTF_8);
                        })
                        .sorted()
                        .toList());
                harness.close();
            }
        }
        harness = null;
        assertThat(outputs.get(0)).hasSize(10 + 4 + 12 + 10 + 16);
        assertThat(outputs).allSatisfy(o -> assertThat(o).isEqualTo(outputs.get(0)));
    }

    @Test
    void finalOnlyEmitsNothingButFinalRows() throws Exception {
        open(finalOnly(SLIDING));
        send(created(T0 + 30 * SEC, "t1"), backlog(T0 + 30 * SEC, "t1", +1));
        for (int m = 1; m <= 40; m++) {
            watermark(T0 + m * MIN);
            if (m == 5) {
                send(created(T0 + 4 * MIN, "t2")); // late within L
            }
        }
        watermark(Long.MAX_VALUE);
        List<TicketKpi> rows = drain();
        assertThat(rows).isNotEmpty().allSatisfy(k -> {
            assertThat(k.isFinal).isTrue();
            assertThat(k.revision).isZero();
        });
        assertThat(rows).extracting(k -> k.windowEndMs).doesNotHaveDuplicates();
    }

    @Test
    void finalRowRepeatsTheLatestValuesAtEndPlusLateness() throws Exception {
        open(SLIDING);
        send(created(T0 + 30 * SEC, "t1"), Fact.resolved(T0 + 31 * SEC, "t1", CH, PR, 90 * SEC, true));
        watermark(T0 + 2 * MIN + 59 * SEC);
        List<TicketKpi> first = drain();
        assertThat(ids(first)).containsExactly("E1/r0", "E2/r0");

        watermark(T0 + 3 * MIN);
        List<TicketKpi> rows = drain();
        assertThat(ids(rows)).containsExactly("E1/r1/final", "E3/r0");
        TicketKpi expectedFinal = first.get(0);
        expectedFinal.revision = 1;
        expectedFinal.isFinal = true;
        assertThat(rows.get(0)).isEqualTo(expectedFinal);
        assertThat(rows.get(0).mttrMeanS).isEqualTo(90.0);
        assertThat(rows.get(0).fcrRate).isEqualTo(1.0);
    }

    @Test
    void aDeltaThatChangesNothingNetProducesNoRevision() throws Exception {
        open(SLIDING);
        send(created(T0 + 30 * SEC, "t1"));
        watermark(T0 + MIN);
        assertThat(ids(drain())).containsExactly("E1/r0");

        send(created(T0 + 40 * SEC, "t2"));
        send(created(T0 + 40 * SEC, "t2").withSign(-1));
        watermark(T0 + MIN + 1);
        assertThat(drain()).isEmpty();
    }

    @Test
    void latenessThatIsNotAMultipleOfTheSlide() throws Exception {
        open(PipelineConfig.builder()
                .windowSize(Duration.ofMinutes(10))
                .windowSlide(Duration.ofMinutes(1))
                .allowedLateness(Duration.ofSeconds(90))
                .build());
        send(created(T0 + 30 * SEC, "t1"));

        watermark(T0 + 2 * MIN + 29 * SEC);
        assertThat(ids(drain())).containsExactly("E1/r0", "E2/r0");
        watermark(T0 + 2 * MIN + 30 * SEC);
        assertThat(ids(drain())).containsExactly("E1/r1/final");
        watermark(T0 + 30 * MIN);
        assertThat(drain()).hasSize(2 * 10 - 3);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void zeroLatenessGivesOneFinalRowPerWindow() throws Exception {
        open(config(Duration.ofMinutes(10), Duration.ofMinutes(1), 0));
        send(created(T0 + 30 * SEC, "t1"));
        horizon(T0 + 30 * SEC);

        watermark(T0 + MIN);
        assertThat(ids(drain())).containsExactly("E1/r0/final");

        watermark(Long.MAX_VALUE);
        List<TicketKpi> rows = drain();
        assertThat(ids(rows)).containsExactlyElementsOf(
                LongStream.rangeClosed(2, 10).mapToObj(n -> "E" + n + "/r0/final").toList());
        assertThat(rows).allSatisfy(k -> assertThat(k.ticketsCreated).isEqualTo(1));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aQuietKeyReportsItsBacklogForTheQuietWindowsThenStops() throws Exception {
        open(SLIDING);
        send(backlog(T0 + 30 * SEC, "t1", +1));

        watermark(T0 + 15 * MIN);
        List<TicketKpi> firstRows = drain().stream().filter(k -> k.revision == 0).toList();
        // E(1)..E(10) hold the pane with the backlog fact; E(11)..E(15) are backlog-only, still reported
        assertThat(ids(firstRows)).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 15).mapToObj(n -> "E" + n + "/r0").toList());
        assertThat(firstRows).allSatisfy(k -> assertThat(k.backlogOpen).isEqualTo(1));

        // the quiet windows are E(11)..E(20) (10 = size/slide), then nothing, also at the end of input
        watermark(Long.MAX_VALUE);
        List<TicketKpi> rows = drain();
        assertThat(ids(rows.stream().filter(k -> k.revision == 0).toList())).containsExactlyElementsOf(
                LongStream.rangeClosed(16, 20).mapToObj(n -> "E" + n + "/r0").toList());
        assertThat(ids(rows.stream().filter(k -> k.isFinal).toList())).containsExactlyElementsOf(
                LongStream.rangeClosed(14, 20).mapToObj(n -> "E" + n + "/r1/final").toList());
        assertThat(rows).allSatisfy(k -> assertThat(k.backlogOpen).isEqualTo(1));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).as("only the backlog base remains").isEqualTo(1);
    }

    @Test
    void theInputHorizonNoLongerDecidesAnything() throws Exception {
        open(SLIDING);
        send(backlog(T0 + 30 * SEC, "t1", +1));
        horizon(T0 + 12 * MIN + 30 * SEC); // another key's last event: ignored
        horizon(T0 + 5 * MIN);

        watermark(Long.MAX_VALUE);
        List<TicketKpi> rows = drain();
        // the same windows as a live run gives: E(1)..E(10) with the fact, E(11)..E(20) quiet
        assertThat(ids(rows.stream().filter(k -> k.revision == 0).toList())).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 20).mapToObj(n -> "E" + n + "/r0").toList());
        assertThat(rows).allSatisfy(k -> assertThat(k.backlogOpen).isEqualTo(1));
        assertThat(rows.stream().filter(k -> k.isFinal).count()).isEqualTo(20);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aYearLongGapWithAnOpenBacklogEmitsBoundedRowsAndTimersThenResumesWithTheBacklog() throws Exception {
        open(SLIDING);
        send(created(T0 + 30 * SEC, "t1"), backlog(T0 + 30 * SEC, "t1", +1));
        long day = 24 * 60 * MIN;
        long yearLater = T0 + 365 * day;

        // the watermark walks through the year hour by hour: rows and timers stay bounded all the way
        List<TicketKpi> gapRows = new ArrayList<>();
        int maxTimers = 0;
        for (long w = T0; w < yearLater; w += 60 * MIN) {
            watermark(w);
            gapRows.addAll(drain());
            maxTimers = Math.max(maxTimers, harness.numEventTimeTimers());
        }
        // one pane with facts: at most size/slide + quiet windows = 20 windows, each a first and a final row
        assertThat(ids(gapRows.stream().filter(k -> k.revision == 0).toList())).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 20).mapToObj(n -> "E" + n + "/r0").toList());
        assertThat(gapRows.stream().filter(k -> k.isFinal).count()).isEqualTo(20);
        assertThat(gapRows).hasSize(40);
        assertThat(maxTimers).as("timers at any watermark").isLessThanOrEqualTo(13);
        assertThat(harness.numEventTimeTimers()).as("no timer across the gap").isZero();
        assertThat(harness.numKeyedStateEntries()).as("only the backlog base").isEqualTo(1);

        // facts resume a year later: the first row after the gap carries the open backlog
        send(created(yearLater + 30 * SEC, "t2"));
        watermark(yearLater + 60 * MIN);
        List<TicketKpi> resumed = drain().stream().filter(k -> k.revision == 0).toList();
        assertThat(resumed).hasSize(20);
        TicketKpi first = resumed.get(0);
        assertThat(first.windowEndMs).isEqualTo(yearLater + MIN);
        assertThat(first.ticketsCreated).isEqualTo(1);
        assertThat(first.backlogOpen).isEqualTo(1);
        assertThat(resumed).allSatisfy(k -> assertThat(k.backlogOpen).isEqualTo(1));
        assertThat(resumed.get(19).windowEndMs).as("the last quiet window").isEqualTo(yearLater + 20 * MIN);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aWatermarkJumpingToTheYear2099FiresOnlyTheBoundedWindows() throws Exception {
        open(SLIDING);
        send(backlog(T0 + 30 * SEC, "t1", +1));
        watermark(Instant.parse("2099-01-01T00:00:00Z").toEpochMilli());
        List<TicketKpi> rows = drain();
        assertThat(rows).hasSize(40);
        assertThat(rows.stream().mapToLong(k -> k.windowEndMs).max().orElseThrow()).isEqualTo(T0 + 20 * MIN);
        assertThat(harness.numEventTimeTimers()).isZero();

        watermark(Long.MAX_VALUE);
        assertThat(drain()).isEmpty();
    }

    @Test
    void aFactInTheYearOneThenFactsTodayEmitBoundedRows() throws Exception {
        open(SLIDING);
        long yearOne = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
        send(created(yearOne, "ancient"), backlog(yearOne, "ancient", +1));
        send(created(T0 + 30 * SEC, "t1"));

        watermark(Long.MAX_VALUE);
        List<TicketKpi> rows = drain();
        // 20 windows after the year-one pane, 20 after today's; every one first and final
        assertThat(rows).hasSize(80);
        assertThat(rows).allSatisfy(k -> assertThat(k.backlogOpen).isEqualTo(1));
        assertThat(rows.stream().filter(k -> k.windowEndMs > T0).map(k -> k.windowEndMs).distinct().count())
                .isEqualTo(20);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void aFactArrivingLateWithinTheLatenessAfterAGapGetsTheSameFinalRowsAsOnTime() throws Exception {
        List<List<String>> finals = new ArrayList<>();
        for (boolean late : new boolean[] {false, true}) {
            open(SLIDING);
            send(backlog(T0 + 30 * SEC, "t1", +1));
            if (!late) {
                send(created(T0 + 39 * MIN + 10 * SEC, "t2"));
            }
            watermark(T0 + 40 * MIN);
            if (late) {
                // E(40) has passed, but E(40) + L has not: the fact is applied and its windows are emitted
                send(created(T0 + 39 * MIN + 10 * SEC, "t2"));
            }
            watermark(Long.MAX_VALUE);
            List<TicketKpi> rows = drain();
            assertThat(rows).allSatisfy(k -> assertThat(k.backlogOpen).isEqualTo(1));
            finals.add(rows.stream().filter(k -> k.isFinal)
                    .map(k -> id(k) + " created=" + k.ticketsCreated).sorted().toList());
            assertThat(harness.numEventTimeTimers()).isZero();
            harness.close();
        }
        harness = null;
        // E(1)..E(20) after the first fact; E(40)..E(49) hold t2, E(50)..E(59) are its quiet windows
        assertThat(finals.get(0)).hasSize(20 + 20).contains("E40/r1/final created=1", "E59/r1/final created=0");
        assertThat(finals.get(1)).isEqualTo(finals.get(0));
    }

    @Test
    void whichRowsExistDependsOnTheFactsNotOnWhenWatermarksFire() throws Exception {
        // facts in three bursts with gaps longer and shorter than the quiet windows; backlog opens and closes
        List<Fact[]> deltas = List.of(
                new Fact[] {created(T0 + 30 * SEC, "a"), backlog(T0 + 30 * SEC, "a", +1)},
                new Fact[] {created(T0 + 14 * MIN, "b"), backlog(T0 + 14 * MIN, "b", +1)},
                new Fact[] {backlog(T0 + 16 * MIN, "b", -1)},
                new Fact[] {created(T0 + 95 * MIN, "c")},
                new Fact[] {backlog(T0 + 101 * MIN + 5 * SEC, "a", -1)});
        List<List<Long>> schedules = List.of(
                List.of(Long.MAX_VALUE),
                LongStream.rangeClosed(0, 140).map(n -> T0 + n * MIN).boxed().toList(),
                LongStream.rangeClosed(0, 40).map(n -> T0 + n * (3 * MIN + 37 * SEC)).boxed().toList(),
                List.of(T0 + 17 * MIN, T0 + 94 * MIN, T0 + 500 * MIN));
        List<List<String>> finals = new ArrayList<>();
        for (List<Long> schedule : schedules) {
            open(SLIDING);
            for (Fact[] delta : deltas) {
                send(delta);
            }
            for (long w : schedule) {
                watermark(w);
            }
            watermark(Long.MAX_VALUE);
            finals.add(drain().stream().filter(k -> k.isFinal)
                    .map(k -> id(k) + " created=" + k.ticketsCreated + " backlog=" + k.backlogOpen)
                    .sorted().toList());
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numKeyedStateEntries()).isZero();
            harness.close();
        }
        harness = null;
        // a: E1..E10 + quiet E11..E14 (b's fact at 14 min continues them); b: E15..E26 (E17..E26 hold b's exit);
        // backlog 1 (a) from E17 on: quiet E27..E36; nothing for an hour; c (95 min) and a's exit (101 min):
        // E96..E111; then the backlog is 0 and no quiet window follows
        assertThat(finals.get(0)).hasSize(10 + 4 + 12 + 10 + 16);
        assertThat(finals).allSatisfy(f -> assertThat(f).isEqualTo(finals.get(0)));
    }

    @Test
    void backlogIsCarriedAcrossWindowsAndStateDropsToZeroWhenItCloses() throws Exception {
        open(SLIDING);
        send(created(T0 + 30 * SEC, "t1"), backlog(T0 + 30 * SEC, "t1", +1));
        send(backlog(T0 + 3 * MIN + 30 * SEC, "t1", -1));

        watermark(T0 + 30 * MIN);
        List<TicketKpi> rows = drain();
        List<TicketKpi> firstRows = rows.stream().filter(k -> k.revision == 0).toList();
        // panes T0 and T0+3m make E(1)..E(13) due; afterwards nothing is open and nothing happens
        assertThat(ids(firstRows)).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 13).mapToObj(n -> "E" + n + "/r0").toList());
        for (TicketKpi k : firstRows) {
            long n = (k.windowEndMs - T0) / MIN;
            assertThat(k.backlogOpen).as("backlog at E(%d)", n).isEqualTo(n <= 3 ? 1 : 0);
            assertThat(k.ticketsCreated).as("created in E(%d)", n).isEqualTo(n <= 10 ? 1 : 0);
        }
        assertThat(rows.stream().filter(k -> k.isFinal).map(KpiWindowFunctionTest::id).toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 13).mapToObj(n -> "E" + n + "/r1/final").toList());
        assertThat(rows).hasSize(26);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void tumblingWindows() throws Exception {
        long five = 5 * MIN;
        open(config(Duration.ofMinutes(5), Duration.ofMinutes(5), 2));
        send(five, created(T0 + MIN, "t1"), created(T0 + 4 * MIN, "t2"));
        send(five, Fact.firstResponse(T0 + 6 * MIN, "t1", CH, PR, 20 * SEC));

        watermark(T0 + five);
        List<TicketKpi> rows = drain();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).windowStartMs).isEqualTo(T0);
        assertThat(rows.get(0).windowEndMs).isEqualTo(T0 + five);
        assertThat(rows.get(0).ticketsCreated).isEqualTo(2);
        assertThat(rows.get(0).frtCount).isZero();
        assertThat(rows.get(0).frtMeanS).isNull();

        watermark(T0 + 2 * five);
        rows = drain();
        assertThat(ids(rows)).containsExactly("E5/r1/final", "E10/r0");
        assertThat(rows.get(1).windowStartMs).isEqualTo(T0 + five);
        assertThat(rows.get(1).ticketsCreated).isZero();
        assertThat(rows.get(1).frtMeanS).isEqualTo(20.0);

        watermark(T0 + 4 * five);
        assertThat(ids(drain())).containsExactly("E10/r1/final");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void deltasForFinalisedWindowsAreCountedAndOnlyTheirBacklogIsKept() throws Exception {
        open(SLIDING);
        send(created(T0 + 30 * SEC, "t1"));
        watermark(T0 + 20 * MIN);
        assertThat(drain()).hasSize(20); // E(1)..E(10), each first and final
        assertThat(harness.numKeyedStateEntries()).isZero();

        // every window of pane T0 ended before watermark - L: dropped, counted
        send(created(T0 + 40 * SEC, "t2"));
        watermark(T0 + 20 * MIN + 1);
        assertThat(drain()).isEmpty();
        assertThat(function.lateDeltaCount()).isEqualTo(1);
        assertThat(harness.numKeyedStateEntries()).isZero();

        // a too-late backlog change still moves every later window: the open E(19), E(20) and E(21) show it
        // (E(19) = watermark - L is also final at once)
        send(backlog(T0 + MIN + 10 * SEC, "t3", +1));
        assertThat(function.lateDeltaCount()).isEqualTo(2);
        watermark(T0 + 21 * MIN);
        List<TicketKpi> rows = drain();
        assertThat(ids(rows)).containsExactly("E19/r0", "E20/r0", "E19/r1/final", "E21/r0");
        assertThat(rows).allSatisfy(k -> {
            assertThat(k.backlogOpen).isEqualTo(1);
            assertThat(k.ticketsCreated).isZero();
        });
    }
}
