package io.ticketpulse.domain.sla;

import static io.ticketpulse.domain.sla.AggregateFixtures.briefs;
import static io.ticketpulse.domain.sla.AggregateFixtures.policies;
import static io.ticketpulse.domain.sla.AggregateFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The imminent-breach aggregate alert: email/P1 rows whose imminent_breach count is measured against a ceiling of
 * 10 with the default tiers (yellow from 11, orange from 13, red from 15; clear below 10.5, 12.5, 14.5), raised
 * after 2 and cleared after 2 consecutive final windows, like every aggregate alert.
 */
class ImminentBreachAggregateTest {

    private AggregateAlertState state;

    private List<String> apply(AggregateAlertTracker tracker, long... counts) {
        List<SlaAlert> out = new ArrayList<>();
        int n = 1;
        for (long c : counts) {
            TicketKpi k = row("email", "P1", n++, null, null, null);
            k.imminentBreach = c;
            AggregateAlertTracker.Step step = tracker.next(state, k);
            state = step.state();
            out.addAll(step.alerts());
        }
        return briefs(out);
    }

    @Test
    void firesOverTheCeilingAndResolvesBelowIt() {
        AggregateAlertTracker tracker = new AggregateAlertTracker(
                policies(new AggregateRules(null, 2, 2, 5.0, 10.0)));

        assertThat(apply(tracker, 3, 11, 12, 15, 15, 9, 4))
                .containsExactly("imminent_breach firing yellow E3", "imminent_breach firing red E5",
                        "imminent_breach resolved red E7");
        assertThat(state).isNull();
    }

    @Test
    void offWithoutACeiling() {
        AggregateAlertTracker tracker = new AggregateAlertTracker(policies(new AggregateRules(null, 2, 2, 5.0)));

        assertThat(apply(tracker, 30, 30, 30)).isEmpty();
        assertThat(state).isNull();
    }

    @Test
    void theAlertCarriesTheCountAndTheCeiling() {
        AggregateAlertTracker tracker = new AggregateAlertTracker(
                policies(new AggregateRules(null, 1, 1, 5.0, 10.0)));
        apply(tracker, 12);
        TicketKpi k = row("email", "P1", 2, null, null, null);
        k.imminentBreach = 12;
        // (the state already fired at E1; a new tracker and state show the record of the first step)
        state = null;
        SlaAlert a = tracker.next(null, k).alerts().get(0);

        assertThat(a.kind).isEqualTo("aggregate");
        assertThat(a.slaMetric).isEqualTo("imminent_breach");
        assertThat(a.dedupKey).isEqualTo("aggregate/imminent_breach/email/P1/p1@7");
        assertThat(a.elapsedS).isEqualTo(12.0);
        assertThat(a.targetS).isEqualTo(10.0);
        assertThat(a.summary).contains("imminent breaches");
    }
}
