package io.ticketpulse.domain.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.schema.KpiGroupKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The first-seen caps ({@link ValueFold}) on a fixed clock: 1-minute panes, 2 minutes allowed lateness, so pane
 * P(n) = [T0 + n min, T0 + (n+1) min) is decided when the watermark reaches T0 + (n+3) min.
 */
class ValueFoldTest {

    private static final long MIN = 60_000L;
    private static final long T0 = 1_763_805_600_000L; // 2025-11-22T10:00:00Z
    private static final long LATENESS = 2 * MIN;

    private static ValueFold fold(GroupingSet set) {
        return new ValueFold(set, MIN, LATENESS);
    }

    private static long pane(int n) {
        return T0 + n * MIN;
    }

    private static long decided(int n) {
        return pane(n) + MIN + LATENESS;
    }

    /** A delta of {@code set}'s row with these values in pane P(n): {@code created} CREATED facts (negative: retractions). */
    private static PaneDelta delta(String set, int n, int created, String... values) {
        PaneDelta d = PaneDelta.ofGroup(KpiGroupKey.encode(set, values, null), pane(n));
        for (int i = 0; i < Math.abs(created); i++) {
            Fact f = Fact.created(pane(n) + i, "T" + i, "chat", "P2");
            d.add(created > 0 ? f : f.withSign(-1));
        }
        return d;
    }

    /** "key@pane+created" of each delta, for compact assertions (pane as n). */
    private static List<String> ids(List<PaneDelta> deltas) {
        return deltas.stream().map(d -> d.group + "@" + (d.paneStartMs - T0) / MIN + "+" + d.created).toList();
    }

    @Test
    void theFirstValuesInEventTimeAreKeptAndTheRestFoldedOnceTheCapIsFull() {
        ValueFold fold = fold(GroupingSet.of("team", "team").withMaxValues(2));
        KeptValues state = KeptValues.fresh(1);

        // arrival order is not event order: billing (pane 1) arrives before sales and apps (pane 0)
        assertThat(fold.offer(state, delta("team", 1, 1, "billing"))).isEmpty();
        assertThat(fold.offer(state, delta("team", 0, 2, "sales"))).isEmpty();
        assertThat(fold.offer(state, delta("team", 0, 1, "apps"))).isEmpty();
        assertThat(fold.nextDecisionAt(state)).isEqualTo(decided(0));
        assertThat(fold.decide(state, decided(0) - 1)).isEmpty();

        // pane 0 holds apps and sales: both kept, the cap (2) is full, so billing (pane 1) is folded at once
        assertThat(ids(fold.decide(state, decided(0))))
                .containsExactlyInAnyOrder("team:sales@0+2", "team:apps@0+1", "team:*@1+1");
        assertThat(state.kept).containsExactly("0:apps", "0:sales");
        assertThat(state.pending).isEmpty();
        // later deltas are decided on arrival
        assertThat(ids(fold.offer(state, delta("team", 5, 1, "sales")))).containsExactly("team:sales@5+1");
        assertThat(ids(fold.offer(state, delta("team", 5, 1, "zzz")))).containsExactly("team:*@5+1");
    }

    @Test
    void withinAPaneValuesAreTakenInLexicographicOrderAndAnEarlierPaneBeforeALaterOne() {
        ValueFold fold = fold(GroupingSet.of("agent", "agent_id").withMaxValues(1));
        KeptValues state = KeptValues.fresh(1);
        fold.offer(state, delta("agent", 1, 1, "aaron"));
        fold.offer(state, delta("agent", 0, 1, "zoe"));
        fold.offer(state, delta("agent", 0, 1, "mia"));

        assertThat(ids(fold.decide(state, decided(1))))
                .containsExactlyInAnyOrder("agent:mia@0+1", "agent:*@0+1", "agent:*@1+1");
        assertThat(state.kept).containsExactly("0:mia");
    }

    @Test
    void aValueWhoseFactsInAPaneCancelIsNotInItAndItsDeltasCarryNothing() {
        ValueFold fold = fold(GroupingSet.of("team", "team").withMaxValues(1));
        KeptValues state = KeptValues.fresh(1);
        fold.offer(state, delta("team", 0, 1, "aaa"));
        fold.offer(state, delta("team", 0, -1, "aaa")); // retracted by a late event
        fold.offer(state, delta("team", 0, 1, "bbb"));

        assertThat(ids(fold.decide(state, decided(0)))).containsExactly("team:bbb@0+1");
        assertThat(state.kept).containsExactly("0:bbb");
        assertThat(state.pending).isEmpty();
    }

    @Test
    void unknownValuesAndAllowListedDimensionsNeverWait() {
        GroupingSet set = GroupingSet.of("team-issue", "team", "attributes.issue_type")
                .withAllowed("attributes.issue_type", java.util.Set.of("incident"));
        ValueFold fold = fold(set);
        KeptValues state = KeptValues.fresh(2);
        PaneDelta unknownTeam = PaneDelta.ofGroup(KpiGroupKey.encode("team-issue", new String[] {null, "spam"},
                new boolean[] {false, true}), pane(0));
        unknownTeam.add(Fact.created(pane(0), "T1", "chat", "P2"));

        assertThat(ids(fold.offer(state, unknownTeam))).containsExactly("team-issue:~/*@0+1");
        assertThat(fold.offer(state, delta("team-issue", 0, 1, "ops", "incident"))).isEmpty();
        assertThat(ids(fold.decide(state, decided(0)))).containsExactly("team-issue:ops/incident@0+1");
    }

    @Test
    void eachCappedDimensionOfASetHasItsOwnCap() {
        ValueFold fold = fold(GroupingSet.of("team-agent", "team", "agent_id").withMaxValues(1));
        KeptValues state = KeptValues.fresh(2);
        fold.offer(state, delta("team-agent", 0, 1, "t2", "a1"));
        fold.offer(state, delta("team-agent", 0, 1, "t1", "a2"));

        assertThat(ids(fold.decide(state, decided(0))))
                .containsExactlyInAnyOrder("team-agent:*/a1@0+1", "team-agent:t1/*@0+1");
        assertThat(state.kept).containsExactly("0:t1", "1:a1");
    }

    /**
     * The same deltas in any arrival order (each pane's deltas arriving before the watermark decides it, as the
     * pipeline guarantees) and with decisions at any watermarks give the same rows: the same net per key and pane.
     */
    @Test
    void whatIsKeptDependsOnlyOnTheDataNotOnArrivalOrderOrWatermarks() {
        List<PaneDelta> data = new ArrayList<>();
        String[] names = {"kim", "lee", "ana", "bo", "cy", "dee", "eve", "fay"};
        Random r = new Random(7);
        for (int n = 0; n < 12; n++) {
            for (int i = 0; i < 4; i++) {
                data.add(delta("agent", n, 1 + r.nextInt(3), names[r.nextInt(names.length)]));
            }
        }
        Map<String, Long> expected = null;
        for (int seed = 0; seed < 40; seed++) {
            Random shuffle = new Random(seed);
            List<PaneDelta> order = new ArrayList<>(data);
            Collections.shuffle(order, shuffle);
            // arrival sorted by "pane decided" only loosely: a delta may come any time before its pane is decided
            order.sort((a, b) -> Long.compare(a.paneStartMs / (3 * MIN), b.paneStartMs / (3 * MIN)));
            ValueFold fold = fold(GroupingSet.of("agent", "agent_id").withMaxValues(3));
            KeptValues state = KeptValues.fresh(1);
            List<PaneDelta> out = new ArrayList<>();
            long watermark = Long.MIN_VALUE;
            for (int i = 0; i < order.size(); i++) {
                PaneDelta d = order.get(i);
                // the watermark moves on at random, never up to an undelivered delta's decision instant
                long bound = Long.MAX_VALUE;
                for (PaneDelta later : order.subList(i, order.size())) {
                    bound = Math.min(bound, decided((int) ((later.paneStartMs - T0) / MIN)) - 1);
                }
                if (watermark < bound && shuffle.nextBoolean()) {
                    watermark = Math.max(watermark, bound - shuffle.nextInt(3) * MIN);
                    out.addAll(fold.decide(state, watermark));
                }
                out.addAll(fold.offer(state, copy(d)));
            }
            out.addAll(fold.decide(state, Long.MAX_VALUE));
            assertThat(state.pending).isEmpty();
            Map<String, Long> nets = new TreeMap<>();
            for (PaneDelta d : out) {
                nets.merge(d.group + "@" + d.paneStartMs, d.created, Long::sum);
            }
            if (expected == null) {
                expected = nets;
                assertThat(state.kept).hasSize(3);
                assertThat(nets.keySet()).anyMatch(k -> k.startsWith("agent:*@"));
            } else {
                assertThat(nets).as("seed " + seed).isEqualTo(expected);
            }
        }
    }

    private static PaneDelta copy(PaneDelta d) {
        return d.withGroup(d.group);
    }
}
