package io.ticketpulse.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.reference.ReferenceTicketEngine.StepOutput;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.EventType;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The generator covers what the differential test must exercise: runs the reference alone on generated scripts,
 * labels each script with the situations it reached, and fails when a situation is reached too rarely. Also checks
 * invariants of the reference itself: the emitted fact changelog never goes negative, and every script ends with
 * all state released.
 */
class ScenarioCoverageTest {

    /**
     * Rarer situations: a test event after a firing alert was emitted (A record "retracted" cannot happen in event
     * time: an accepted event is at or after wm - L, past the alert clock, and the projection is causal.); a
     * handling time corrected by a late event (about 1 % of the scripts: it needs a watermark between the arrivals of
     * the resolution and of the late event before it); the stage metrics' fulfilment and cancellation (3 to 6 %
     * and about 1.5 %, from the generator's endings); alerts in two lives of one ticket id (about 6 %: an id reused
 * after T, and both lives alerting before the script ends). Each floor is about a fifth of the rate measured over several
     * runs, so a run of 1000 scripts falls below it with a chance under one in a thousand.
     */
    private static final Map<String, Double> MIN_PERCENT = Map.of(
            "alert resolved test_ticket", 0.3, "fact retracted", 1.5, "fact HANDLING_TIME retracted", 0.2,
            "alert periodic_update fulfilled", 0.8, "alert follow_up fulfilled", 1.2, "alert follow_up cancelled", 0.4,
            "alerts of several lives of one ticket id", 1.2);

    private static final int TRIES = 1000;

    private static final List<String> LABELS = List.of("LATE_EVENT", "DUPLICATE_CONFLICT", "UNKNOWN_TICKET",
            "duplicate dropped", "several lives", "fact retracted", "alert breach", "alert resolved expired",
            "alert resolved fulfilled", "alert resolved cancelled", "alert resolved retargeted",
            "alert resolved test_ticket", "test event", "reopened", "pause", "end MAX",
            "fact HANDLING_TIME", "fact HANDLING_TIME retracted", "fact CREATED priority-derived",
            "unassigned", "alert periodic_update breach", "alert periodic_update fulfilled",
            "alert follow_up breach", "alert follow_up fulfilled", "alert follow_up cancelled",
            "alert priority-derived", "alerts of several lives of one ticket id");

    @Test
    void theGeneratorReachesEverySituationOfTheContract() {
        Map<String, Integer> scriptsReaching = new TreeMap<>();
        int[] scripts = {0};
        qt().withExamples(TRIES)
                .forAll(ScenarioGenerators.scenarios(
                        ReferenceTicketEngineTest.playbookSettings(AlertClock.EVENT_TIME), 0L, 30L * 24 * 3_600_000))
                .checkAssert(scenario -> {
                    scripts[0]++;
                    for (String label : situationsReached(scenario)) {
                        scriptsReaching.merge(label, 1, Integer::sum);
                    }
                });
        // QuickTheories may hand out slightly fewer distinct examples than asked for (999 of 1000 was seen): the
        // percentages below are taken over the scripts actually run, which must still be nearly all of them
        assertThat(scripts[0]).as("scripts run").isBetween(TRIES * 9 / 10, TRIES);
        for (String label : LABELS) {
            double percent = 100.0 * scriptsReaching.getOrDefault(label, 0) / scripts[0];
            double floor = MIN_PERCENT.getOrDefault(label, 3.0);
            assertThat(percent)
                    .as("percentage of scripts reaching \"%s\" (all: %s of %s)", label, scriptsReaching, scripts[0])
                    .isGreaterThanOrEqualTo(floor);
        }
    }

    /** Runs the reference alone on a script, checks its own invariants, and names the situations it reached. */
    private static Set<String> situationsReached(Scenario scenario) {
        ReferenceTicketEngine engine =
                new ReferenceTicketEngine(scenario.settings(), scenario.initialProcessingTimeMs());
        Map<String, Integer> net = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, SlaAlert> resolvedKeys = new HashMap<>();
        Map<String, Set<Long>> creationsAlerted = new HashMap<>();
        for (Step step : scenario.steps()) {
            StepOutput out = engine.apply(step instanceof Step.Arrival a
                    ? new Step.Arrival(ScenarioGenerators.copyOf(a.event())) : step);
            for (Fact f : out.facts()) {
                String key = Rendered.fact(f.withSign(1));
                int n = net.merge(key, f.sign, Integer::sum);
                assertThat(n).as("net count of %s", key).isBetween(0, 1000);
                if (f.sign < 0) {
                    seen.add("fact retracted");
                }
                if (f.type == io.ticketpulse.domain.FactType.HANDLING_TIME) {
                    seen.add(f.sign < 0 ? "fact HANDLING_TIME retracted" : "fact HANDLING_TIME");
                }
                if (f.type == io.ticketpulse.domain.FactType.CREATED && f.flag && f.sign > 0) {
                    seen.add("fact CREATED priority-derived");
                }
            }
            for (DeadLetter d : out.deadLetters()) {
                seen.add(d.reasonCode.name());
            }
            for (SlaAlert a : out.alerts()) {
                seen.add(a.resolveReason == null ? "alert " + a.kind : "alert resolved " + a.resolveReason);
                if (a.slaMetric.equals("periodic_update") || a.slaMetric.equals("follow_up")) {
                    seen.add("alert " + a.slaMetric + ' ' + (a.resolveReason == null ? a.kind : a.resolveReason));
                }
                if (a.priorityDerived) {
                    seen.add("alert priority-derived");
                }
                // the contract: a resolved record is the last of its dedup_key, also across the lives of a ticket
                // id reused after its state was released (each life's keys are its own) and for a metric
                // re-targeted away from a policy (resolved, retargeted) and back to it (a new episode, #2). Rare in
                // the generated scripts (an alert under a #2 key in about 1 of 1000, 3 Dec 2026), so the case is
                // also a named test (RetargetEpisodeKeyTest, TicketFunctionDifferentialTest)
                assertThat(resolvedKeys.get(a.dedupKey)).as("a record after the resolved record of %s: %s",
                        a.dedupKey, Rendered.alertShort(a)).isNull();
                if (!a.isFiring()) {
                    resolvedKeys.put(a.dedupKey, a);
                }
                // assignment and first response start at the CREATED of a life: two start instants, two lives
                if (a.slaMetric.equals("assignment") || a.slaMetric.equals("first_response")) {
                    creationsAlerted.computeIfAbsent(a.ticketId, k -> new HashSet<>()).add(a.startedAtMs);
                }
            }
            if (step instanceof Step.Arrival a) {
                TicketEvent e = a.event();
                if (e.isTest) {
                    seen.add("test event");
                }
                if (e.type == EventType.ASSIGNED && e.agentId == null) {
                    seen.add("unassigned");
                }
                if (e.type == EventType.REOPENED) {
                    seen.add("reopened");
                }
                if (e.type == EventType.STATUS_CHANGED && ("pending".equals(e.status) || "on_hold".equals(e.status))) {
                    seen.add("pause");
                }
            }
            if (step instanceof Step.Watermark w && w.ms() == Long.MAX_VALUE) {
                seen.add("end MAX");
            }
        }
        if (engine.duplicatesDropped() > 0) {
            seen.add("duplicate dropped");
        }
        if (engine.maxLivesPerTicket() > 1) {
            seen.add("several lives");
        }
        if (creationsAlerted.values().stream().anyMatch(c -> c.size() > 1)) {
            seen.add("alerts of several lives of one ticket id");
        }
        assertThat(engine.allStateEnded()).as("every script ends past every expiry").isTrue();
        return seen;
    }
}
