package io.ticketpulse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaneDeltaTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    @Test
    void paneStartIsTheSlideFloorOfTheFactTime() {
        assertThat(PaneDelta.paneStart(T0, MINUTE)).isEqualTo(T0);
        assertThat(PaneDelta.paneStart(T0 + MINUTE - 1, MINUTE)).isEqualTo(T0);
        assertThat(PaneDelta.paneStart(T0 + MINUTE, MINUTE)).isEqualTo(T0 + MINUTE);
        assertThat(PaneDelta.paneStart(-1, MINUTE)).isEqualTo(-MINUTE);

        PaneDelta d = PaneDelta.forFact(Fact.created(T0 + 90_000, "t1", "email", "P1"), MINUTE);
        assertThat(d.paneStartMs).isEqualTo(T0 + MINUTE);
        assertThat(d.key()).isEqualTo("email/P1");
        assertThat(d.channel).isEqualTo("email");
        assertThat(d.priority).isEqualTo("P1");
    }

    @Test
    void foldsEveryFactTypeIntoItsCounters() {
        PaneDelta d = new PaneDelta("chat", "P2", T0);
        d.add(Fact.created(T0, "t1", "chat", "P2"));
        d.add(Fact.firstResponse(T0 + 1, "t1", "chat", "P2", 45_000));
        d.add(Fact.waitDecided(T0 + 2, "t1", "chat", "P2", true));
        d.add(Fact.waitDecided(T0 + 3, "t2", "chat", "P2", false));
        d.add(Fact.resolved(T0 + 4, "t1", "chat", "P2", 600_000, true));
        d.add(Fact.resolved(T0 + 5, "t2", "chat", "P2", 900_000, false));
        d.add(Fact.backlog(T0 + 6, "t3", "chat", "P2", +1));
        d.add(Fact.backlog(T0 + 7, "t1", "chat", "P2", -1));
        d.add(Fact.backlog(T0 + 8, "t4", "chat", "P2", +1));
        d.add(Fact.rated(T0 + 9, "t1", "chat", "P2", 5, FrtBucket.LT_1M));
        d.add(Fact.rated(T0 + 10, "t2", "chat", "P2", 2, FrtBucket.NONE));

        assertThat(d.factCount).isEqualTo(11);
        assertThat(d.created).isEqualTo(1);
        assertThat(d.frtCount).isEqualTo(1);
        assertThat(d.frtSumMs).isEqualTo(45_000);
        assertThat(d.frtAddedMs.sortedValues()).containsExactly(45_000L);
        assertThat(d.waitDecided).isEqualTo(2);
        assertThat(d.waitTimeouts).isEqualTo(1);
        assertThat(d.resolved).isEqualTo(2);
        assertThat(d.ttrSumMs).isEqualTo(1_500_000);
        assertThat(d.ttrAddedMs.sortedValues()).containsExactly(600_000L, 900_000L);
        assertThat(d.oneTouch).isEqualTo(1);
        assertThat(d.backlogDelta).isEqualTo(1);
        assertThat(d.csatCount).isEqualTo(2);
        assertThat(d.csatSum).isEqualTo(7);
        assertThat(d.csatLt1mCount).isEqualTo(1);
        assertThat(d.csatLt1mSum).isEqualTo(5);
        assertThat(d.csat1To5mCount).isZero();
        assertThat(d.csatGt5mCount).isZero();
        assertThat(d.frtRetractedMs.isEmpty()).isTrue();
    }

    @Test
    void retractionsSubtractAndKeepTheRetractedValue() {
        Fact frt = Fact.firstResponse(T0, "t1", "web", "P3", 120_000);
        Fact rating = Fact.rated(T0, "t1", "web", "P3", 4, FrtBucket.FROM_1_TO_5M);
        PaneDelta d = new PaneDelta("web", "P3", T0).add(frt.withSign(-1)).add(rating.withSign(-1));

        assertThat(d.factCount).isEqualTo(-2);
        assertThat(d.frtCount).isEqualTo(-1);
        assertThat(d.frtSumMs).isEqualTo(-120_000);
        assertThat(d.frtRetractedMs.sortedValues()).containsExactly(120_000L);
        assertThat(d.frtAddedMs.isEmpty()).isTrue();
        assertThat(d.csatCount).isEqualTo(-1);
        assertThat(d.csatSum).isEqualTo(-4);
        assertThat(d.csat1To5mCount).isEqualTo(-1);
        assertThat(d.csat1To5mSum).isEqualTo(-4);
    }

    @Test
    void isEmptyWhenEveryAdditionIsRetracted() {
        Fact frt = Fact.firstResponse(T0, "t1", "web", "P3", 120_000);
        PaneDelta d = new PaneDelta("web", "P3", T0);
        assertThat(d.isEmpty()).isTrue();
        d.add(frt);
        assertThat(d.isEmpty()).isFalse();
        d.add(frt.withSign(-1));
        assertThat(d.isEmpty()).isTrue();
        d.add(Fact.firstResponse(T0, "t2", "web", "P3", 1_000).withSign(-1));
        assertThat(d.isEmpty()).isFalse();
    }

    @Test
    void mergeAddsCountersAndValues() {
        PaneDelta a = PaneDelta.forFact(Fact.firstResponse(T0 + 1, "t1", "web", "P1", 10_000), MINUTE);
        PaneDelta b = PaneDelta.forFact(Fact.firstResponse(T0 + 2, "t2", "web", "P1", 20_000), MINUTE)
                .add(Fact.firstResponse(T0 + 1, "t1", "web", "P1", 10_000).withSign(-1));

        a.merge(b);

        assertThat(a.frtCount).isEqualTo(1);
        assertThat(a.frtSumMs).isEqualTo(20_000);
        assertThat(a.factCount).isEqualTo(1);
        assertThat(a.frtAddedMs.sortedValues()).containsExactly(10_000L, 20_000L);
        assertThat(a.frtRetractedMs.sortedValues()).containsExactly(10_000L);
    }

    @Test
    void rejectsFactsAndDeltasOfAnotherKeyOrPaneAndBadSigns() {
        PaneDelta d = new PaneDelta("web", "P1", T0);
        assertThatThrownBy(() -> d.add(Fact.created(T0, "t1", "web", "P2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.add(Fact.created(T0, "t1", "web", "P1").withSign(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.merge(new PaneDelta("web", "P1", T0 + MINUTE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.merge(new PaneDelta("chat", "P1", T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
