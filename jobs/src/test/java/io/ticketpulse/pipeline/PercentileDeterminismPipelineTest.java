package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Percentiles through the real topology on windows of more than 10,000 first responses: the same input replayed
 * twice at parallelism 1 and twice at parallelism 2 gives the same final rows, and every final row's percentiles
 * are the nearest ranks of the window's values sorted in an array (the README's definition: the value at rank
 * ceil(p * n / 100); exact, no error bound). A KLL sketch failed this: its random compaction moved p90 by up to
 * 27 % between replays.
 *
 * <p>Input: 26,000 chat/P2 tickets and 1,300 email/P3 tickets created over two hours, first response after a
 * log-uniform 1 s to 2 h (millisecond values, so nearly all distinct), half of them resolved; one ticket in
 * eight gets an earlier reply that arrives up to 20 minutes late (within the allowed lateness), which retracts
 * and corrects its FRT. Events are in time order up to a 30 s jitter (within the out-of-orderness bound).
 */
class PercentileDeterminismPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long T0 = TicketEvents.T0.toEpochMilli();
    private static final Duration SIZE = Duration.ofHours(1);
    private static final Duration SLIDE = Duration.ofMinutes(30);

    private static final List<String> LINES = new ArrayList<>();
    /** Reference values per window: key "channel/priority/windowEnd" to FRT and TTR values (ms). */
    private static final Map<String, List<Long>> FRT_BY_WINDOW = new TreeMap<>();
    private static final Map<String, List<Long>> TTR_BY_WINDOW = new TreeMap<>();

    private static PipelineConfig config() {
        return PipelineConfig.builder()
                .windowSize(SIZE)
                .windowSlide(SLIDE)
                .allowedLateness(Duration.ofMinutes(30))
                .maxOutOfOrderness(Duration.ofMinutes(1))
                .build();
    }

    /** An event with the instant it is placed at in the input (its position, not its occurred_at). */
    private record Placed(long streamAtMs, TicketEvent event) {}

    @BeforeAll
    static void buildInput() {
        Random random = new Random(20261202);
        List<Placed> placed = new ArrayList<>();
        addTickets(placed, random, "chat", "P2", 26_000);
        addTickets(placed, random, "email", "P3", 1_300);
        placed.sort(Comparator.comparingLong(Placed::streamAtMs));
        for (Placed p : placed) {
            LINES.add(new String(TicketEventJson.toJson(p.event()), StandardCharsets.UTF_8));
        }
    }

    private static void addTickets(List<Placed> placed, Random random, String channel, String priority, int count) {
        for (int i = 0; i < count; i++) {
            String id = channel + "-" + i;
            long createdAt = T0 + (long) (random.nextDouble() * 2 * HOUR);
            long frt = logUniform(random, 1_000, 2 * HOUR);
            long replyAt = createdAt + frt;
            placed.add(new Placed(createdAt + jitter(random), created(id + "-c", id, createdAt, channel, priority)));
            placed.add(new Placed(replyAt + jitter(random), reply(id + "-r", id, replyAt)));
            long firstReplyAt = replyAt;
            if (i % 8 == 0 && frt > 2_000) {
                // an earlier reply, delivered with the later one: late by up to 20 minutes of event time
                long earlierAt = createdAt + Math.max(1_000, frt - logUniform(random, 1_000, 20 * MINUTE));
                placed.add(new Placed(replyAt + 1, reply(id + "-r0", id, earlierAt)));
                firstReplyAt = earlierAt;
            }
            reference(FRT_BY_WINDOW, channel, priority, firstReplyAt, firstReplyAt - createdAt);
            if (i % 2 == 1) {
                long resolvedAt = firstReplyAt + logUniform(random, MINUTE, 6 * HOUR);
                placed.add(new Placed(resolvedAt + jitter(random), resolved(id + "-s", id, resolvedAt)));
                reference(TTR_BY_WINDOW, channel, priority, resolvedAt, resolvedAt - createdAt);
            }
        }
    }

    private static long logUniform(Random random, long minMs, long maxMs) {
        return (long) Math.exp(Math.log(minMs) + random.nextDouble() * (Math.log(maxMs) - Math.log(minMs)));
    }

    private static long jitter(Random random) {
        return random.nextInt(30_000);
    }

    /** Records {@code valueMs} for every window [end - size, end) that contains {@code atMs}. */
    private static void reference(Map<String, List<Long>> byWindow, String ch, String pr, long atMs, long valueMs) {
        long firstEnd = Math.floorDiv(atMs, SLIDE.toMillis()) * SLIDE.toMillis() + SLIDE.toMillis();
        for (long end = firstEnd; end - SIZE.toMillis() <= atMs; end += SLIDE.toMillis()) {
            byWindow.computeIfAbsent(ch + "/" + pr + "/" + end, k -> new ArrayList<>()).add(valueMs);
        }
    }

    /** The final rows of one run, sorted by key, with the revision set to 0 (how many come before may vary). */
    private static List<TicketKpi> finalRows(int parallelism) throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(parallelism);
        CollectingSink<TicketKpi> kpis = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        TicketPulsePipeline.build(env, config(), ListSource.of(LINES), new PipelineSinks(kpis, deadLetters));
        env.execute("ticketpulse-percentiles-p" + parallelism);

        assertThat(deadLetters.values()).as("nothing dead-lettered (no event beyond the lateness)").isEmpty();
        List<TicketKpi> finals = new ArrayList<>();
        for (TicketKpi k : kpis.values()) {
            if (k.isFinal) {
                k.revision = 0;
                finals.add(k);
            }
        }
        finals.sort(Comparator.comparing(TicketKpi::upsertKey));
        return finals;
    }

    @Test
    void finalRowsAreIdenticalOnEveryReplayAtParallelismOneAndTwoAndAreSortedArrayNearestRanks() throws Exception {
        List<TicketKpi> first = finalRows(1);
        List<TicketKpi> second = finalRows(1);
        List<TicketKpi> third = finalRows(2);
        List<TicketKpi> fourth = finalRows(2);

        assertThat(second).as("second run at parallelism 1").containsExactlyElementsOf(first);
        assertThat(third).as("first run at parallelism 2").containsExactlyElementsOf(first);
        assertThat(fourth).as("second run at parallelism 2").containsExactlyElementsOf(first);

        long windowsOver10k = 0;
        for (TicketKpi k : first) {
            String window = k.channel + "/" + k.priority + "/" + k.windowEndMs;
            List<Long> frt = FRT_BY_WINDOW.getOrDefault(window, List.of());
            List<Long> ttr = TTR_BY_WINDOW.getOrDefault(window, List.of());
            assertThat(k.frtCount).as("FRT count of %s", window).isEqualTo(frt.size());
            assertThat(k.resolved).as("resolutions of %s", window).isEqualTo(ttr.size());
            assertThat(new Double[] {k.frtP50S, k.frtP90S, k.frtP95S, k.frtP99S})
                    .as("FRT percentiles of %s (%d values)", window, frt.size())
                    .containsExactly(nearestRanksSeconds(frt, 50, 90, 95, 99));
            assertThat(new Double[] {k.mttrP50S, k.mttrP90S})
                    .as("MTTR percentiles of %s (%d values)", window, ttr.size())
                    .containsExactly(nearestRanksSeconds(ttr, 50, 90));
            if (frt.size() > 10_000) {
                windowsOver10k++;
            }
        }
        assertThat(FRT_BY_WINDOW.keySet()).as("every window with FRTs has a final row")
                .isSubsetOf(first.stream().map(k -> k.channel + "/" + k.priority + "/" + k.windowEndMs).toList());
        assertThat(windowsOver10k).as("windows holding more than 10,000 FRT values").isGreaterThanOrEqualTo(3);
    }

    /** The values at ranks ceil(p * n / 100) of the sorted values, in seconds; nulls when there is none. */
    private static Double[] nearestRanksSeconds(List<Long> values, int... percents) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        Double[] result = new Double[percents.length];
        for (int i = 0; i < percents.length; i++) {
            if (sorted.length > 0) {
                int rank = (int) Math.ceil(percents[i] * (double) sorted.length / 100 - 1e-9);
                result[i] = sorted[rank - 1] / 1000.0;
            }
        }
        return result;
    }
}
