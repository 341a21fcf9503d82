package io.ticketpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ticketpulse.schema.TicketKpi;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each simulator profile, replayed (seeded, deterministic) through the domain KPI calculator ({@link
 * ProfileReplay}), reproduces the playbook figures it claims within the stated tolerances, with the channel
 * differences the profiles promise.
 *
 * <p>Tolerances (also in the README): average FRT and MTTR within ±10 % of the figure, the wait-timeout rate and
 * FCR within ±3 percentage points, CSAT within ±3 points of the 0–100 score (±0.15 of the 1–5 mean). 8,000 tickets
 * per profile: the sampling error of each figure is well inside them (FCR: one standard deviation ≈ 0.5 points).
 */
class SimulatorProfileTest {

    static final long SEED = 42;
    static final long TICKETS = 8_000;

    static final double DURATION_TOLERANCE = 0.10;
    static final double RATE_TOLERANCE = 0.03;
    static final double CSAT_SCORE_TOLERANCE = 3.0;

    private static final Map<SimulatorProfile, Map<String, TicketKpi>> REPLAYS = new ConcurrentHashMap<>();

    /** The replay of {@code profile}, computed once per test run. */
    static Map<String, TicketKpi> replay(SimulatorProfile profile) {
        return REPLAYS.computeIfAbsent(profile, p -> ProfileReplay.kpis(p, SEED, TICKETS));
    }

    static List<SimulatorProfile> profiles() {
        return SimulatorProfile.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void computedKpisLandWithinTheToleranceOfTheProfilesFigures(SimulatorProfile profile) {
        Map<String, TicketKpi> rows = replay(profile);
        TicketKpi all = rows.get(ProfileReplay.ALL);
        SimulatorProfile.Figures figures = profile.figures();

        assertThat(all.ticketsCreated).as("tickets (1 %% test tickets left out)").isBetween(7_800L, 8_000L);
        double frtMeanS = figures.frtMean().toSeconds();
        assertThat(all.frtMeanS).as("average FRT (s)").isCloseTo(frtMeanS, within(DURATION_TOLERANCE * frtMeanS));
        assertThat(all.waitTimeoutRate).as("share waiting over 10 min")
                .isCloseTo(figures.waitTimeoutRate(), within(RATE_TOLERANCE));
        double mttrMeanS = figures.mttrMean().toSeconds();
        assertThat(all.mttrMeanS).as("MTTR (s)").isCloseTo(mttrMeanS, within(DURATION_TOLERANCE * mttrMeanS));
        assertThat(all.fcrRate).as("FCR").isCloseTo(figures.fcrRate(), within(RATE_TOLERANCE));
        assertThat(SimulatorProfile.Figures.csatScore(all.csatMean)).as("CSAT score (mean %s)", all.csatMean)
                .isCloseTo(figures.csatScore(), within(CSAT_SCORE_TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void phoneAndChatAreFastAndEmailIsSlowest(SimulatorProfile profile) {
        Map<String, TicketKpi> rows = replay(profile);
        TicketKpi all = rows.get(ProfileReplay.ALL);
        for (String fast : List.of("phone", "chat")) {
            assertThat(rows.get(fast).frtMeanS).as("%s FRT", fast).isLessThan(120.0);
            assertThat(rows.get(fast).waitTimeoutRate).as("%s wait", fast).isLessThan(0.01);
            assertThat(rows.get(fast).mttrMeanS).as("%s MTTR", fast).isLessThan(all.mttrMeanS / 4);
            assertThat(rows.get(fast).fcrRate).as("%s FCR", fast).isGreaterThan(all.fcrRate);
        }
        TicketKpi email = rows.get("email");
        for (String channel : List.of("chat", "phone", "web", "app", "social")) {
            assertThat(email.frtMeanS).as("email FRT vs %s", channel).isGreaterThan(rows.get(channel).frtMeanS);
            assertThat(email.mttrMeanS).as("email MTTR vs %s", channel).isGreaterThan(rows.get(channel).mttrMeanS);
        }
        for (String fast : List.of("phone", "chat")) {
            assertThat(email.csatMean).as("email CSAT vs %s", fast).isLessThan(rows.get(fast).csatMean);
        }
    }

    @Test
    void targetBeatsBaselineOnEveryFigure() {
        SimulatorProfile.Figures baseline = SimulatorProfile.BASELINE.figures();
        SimulatorProfile.Figures target = SimulatorProfile.TARGET.figures();
        assertThat(target.frtMean()).isLessThan(baseline.frtMean());
        assertThat(target.waitTimeoutRate()).isLessThan(baseline.waitTimeoutRate());
        assertThat(target.mttrMean()).isLessThan(baseline.mttrMean());
        assertThat(target.fcrRate()).isGreaterThan(baseline.fcrRate());
        assertThat(target.csatScore()).isGreaterThan(baseline.csatScore());
    }

    @Test
    void csatScoreMapsTheRatingScaleLinearly() {
        assertThat(SimulatorProfile.BASELINE.figures().csatMean()).isCloseTo(3.60, within(1e-9));
        assertThat(SimulatorProfile.TARGET.figures().csatMean()).isCloseTo(4.25, within(1e-9));
        assertThat(SimulatorProfile.Figures.csatScore(1)).isEqualTo(20.0);
        assertThat(SimulatorProfile.Figures.csatScore(5)).isEqualTo(100.0);
    }

    @Test
    void profilesAreFoundByNameAndBaselineIsTheDefault() {
        assertThat(SimulatorProfile.named("baseline")).contains(SimulatorProfile.BASELINE);
        assertThat(SimulatorProfile.named(" Target ")).contains(SimulatorProfile.TARGET);
        assertThat(SimulatorProfile.named("best")).isEmpty();
        assertThat(SimulatorOptions.defaults().profile()).isSameAs(SimulatorProfile.BASELINE);
        assertThat(SimulatorProfile.names()).isEqualTo("baseline, target");
    }

    @Test
    void theSameSeedGivesTheSameKpis() {
        TicketKpi first = ProfileReplay.kpis(SimulatorProfile.TARGET, 7, 500).get(ProfileReplay.ALL);
        TicketKpi second = ProfileReplay.kpis(SimulatorProfile.TARGET, 7, 500).get(ProfileReplay.ALL);
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
    }
}
