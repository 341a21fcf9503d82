package io.ticketpulse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KpiPaneTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final String CH = "email";
    private static final String PR = "P1";

    private static PaneDelta delta(Fact... facts) {
        PaneDelta d = new PaneDelta(CH, PR, T0);
        for (Fact f : facts) {
            d.add(f);
        }
        return d;
    }

    private static Fact frt(String ticket, long ms) {
        return Fact.firstResponse(T0 + 1_000, ticket, CH, PR, ms);
    }

    private static Fact ttr(String ticket, long ms, boolean oneTouch) {
        return Fact.resolved(T0 + 2_000, ticket, CH, PR, ms, oneTouch);
    }

    @Test
    void applyAccumulatesCountersAndExactValues() {
        KpiPane pane = new KpiPane(T0)
                .apply(delta(Fact.created(T0, "t1", CH, PR), frt("t1", 30_000), frt("t2", 30_000)))
                .apply(delta(ttr("t1", 600_000, true), Fact.backlog(T0, "t1", CH, PR, 1)));

        assertThat(pane.factCount).isEqualTo(5);
        assertThat(pane.created).isEqualTo(1);
        assertThat(pane.frtCount).isEqualTo(2);
        assertThat(pane.frtSumMs).isEqualTo(60_000);
        assertThat(pane.frtValuesMs.values).containsExactly(30_000L);
        assertThat(pane.frtValuesMs.counts).containsExactly(2);
        assertThat(pane.ttrValuesMs.values).containsExactly(600_000L);
        assertThat(pane.oneTouch).isEqualTo(1);
        assertThat(pane.backlogDelta).isEqualTo(1);
        assertThat(pane.hasFacts()).isTrue();
        assertThat(pane.isEmpty()).isFalse();
    }

    @Test
    void addThenRetractLeavesThePaneAsIfNeverAdded() {
        Fact extraFrt = frt("t9", 77_000);
        Fact extraTtr = ttr("t9", 5_000, true);
        Fact extraRating = Fact.rated(T0, "t9", CH, PR, 1, FrtBucket.GT_5M);

        KpiPane never = new KpiPane(T0).apply(delta(frt("t1", 10_000), ttr("t1", 20_000, false)));
        KpiPane addedThenRetracted = new KpiPane(T0)
                .apply(delta(frt("t1", 10_000), ttr("t1", 20_000, false)))
                .apply(delta(extraFrt, extraTtr, extraRating))
                .apply(delta(extraFrt.withSign(-1), extraTtr.withSign(-1), extraRating.withSign(-1)));

        assertThat(addedThenRetracted).isEqualTo(never);
        assertThat(addedThenRetracted.frtValuesMs.values).containsExactly(10_000L);
    }

    @Test
    void fullyRetractedPaneIsEmptyAndHasNoFacts() {
        Fact f = frt("t1", 10_000);
        KpiPane pane = new KpiPane(T0).apply(delta(f)).apply(delta(f.withSign(-1)));
        assertThat(pane.hasFacts()).isFalse();
        assertThat(pane.isEmpty()).isTrue();
        assertThat(pane.frtValuesMs.positiveCount()).isZero();
    }

    @Test
    void retractionBeforeItsAdditionCancelsExactly() {
        Fact f = frt("t1", 10_000);
        KpiPane pane = new KpiPane(T0).apply(delta(f.withSign(-1)));
        assertThat(pane.frtValuesMs.counts).containsExactly(-1);
        assertThat(pane.frtValuesMs.positiveCount()).as("a pending retraction is no value").isZero();
        pane.apply(delta(f));
        assertThat(pane.isEmpty()).isTrue();
    }

    @Test
    void applyingDeltasInEitherOrderGivesTheSamePane() {
        PaneDelta a1 = delta(frt("t1", 10_000), Fact.created(T0, "t1", CH, PR));
        PaneDelta b1 = delta(frt("t2", 20_000), frt("t1", 10_000).withSign(-1), ttr("t3", 9_000, true));
        PaneDelta a2 = delta(frt("t1", 10_000), Fact.created(T0, "t1", CH, PR));
        PaneDelta b2 = delta(frt("t2", 20_000), frt("t1", 10_000).withSign(-1), ttr("t3", 9_000, true));

        KpiPane ab = new KpiPane(T0).apply(a1).apply(b1);
        KpiPane ba = new KpiPane(T0).apply(b2).apply(a2);

        assertThat(ab).isEqualTo(ba);
        assertThat(ab.frtValuesMs.values).containsExactly(20_000L);
    }

    @Test
    void mergingDeltasIsCommutative() {
        PaneDelta a1 = delta(frt("t1", 10_000), Fact.rated(T0, "t1", CH, PR, 3, FrtBucket.LT_1M));
        PaneDelta b1 = delta(frt("t2", 20_000), frt("t1", 10_000).withSign(-1), Fact.backlog(T0, "t2", CH, PR, 1));
        PaneDelta a2 = delta(frt("t1", 10_000), Fact.rated(T0, "t1", CH, PR, 3, FrtBucket.LT_1M));
        PaneDelta b2 = delta(frt("t2", 20_000), frt("t1", 10_000).withSign(-1), Fact.backlog(T0, "t2", CH, PR, 1));

        KpiPane ab = new KpiPane(T0).apply(a1.merge(b1));
        KpiPane ba = new KpiPane(T0).apply(b2.merge(a2));

        assertThat(ab).isEqualTo(ba);
        assertThat(ab.frtValuesMs.values).containsExactly(20_000L);
        assertThat(ab.csatLt1mSum).isEqualTo(3);
        assertThat(ab.backlogDelta).isEqualTo(1);
    }

    @Test
    void rejectsADeltaOfAnotherPane() {
        KpiPane pane = new KpiPane(T0);
        assertThatThrownBy(() -> pane.apply(new PaneDelta(CH, PR, T0 + MINUTE)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
