package io.ticketpulse.domain.delivery;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.KEY;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.firing;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.firingOf;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.resolved;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.resolvedOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagerDutyLedgerTest {

    private final PagerDutyLedger ledger = new PagerDutyLedger(100);

    /** Takes the next event, marks it sent and acknowledged (PagerDuty answered 202). */
    private PagerDutyEvent deliverNext() {
        PagerDutyEvent e = ledger.next();
        assertThat(e).isNotNull();
        ledger.sending(e);
        ledger.done(e);
        return e;
    }

    @Test
    void aFiringAlertIsTriggeredOnceAndItsEscalationsTriggerTheSameDedupKeyAgain() {
        ledger.apply(firing("warning", "warning", at(2, 15)));
        PagerDutyEvent first = deliverNext();
        assertThat(first.action()).isEqualTo("trigger");
        assertThat(first.alert().dedupKey).isEqualTo(KEY);
        assertThat(first.identity()).isEqualTo("trigger:warning/warning");
        assertThat(ledger.next()).isNull();

        ledger.apply(firing("breach", "orange", at(3, 54)));
        PagerDutyEvent second = deliverNext();
        assertThat(second.action()).isEqualTo("trigger");
        assertThat(second.alert().severity).isEqualTo("orange");
        assertThat(ledger.next()).isNull();
        assertThat(ledger.size()).isEqualTo(1);
    }

    @Test
    void onlyTheLatestOfStatesPassedWhileWaitingIsSent() {
        ledger.apply(firing("breach", "warning", at(3)));
        ledger.apply(firing("breach", "yellow", at(3, 18)));
        ledger.apply(firing("breach", "orange", at(3, 54)));

        assertThat(deliverNext().alert().severity).isEqualTo("orange");
        assertThat(ledger.next()).isNull();
    }

    @Test
    void aResolveFollowsATriggerAndThenTheAlertIsForgotten() {
        ledger.apply(firing("breach", "orange", at(3, 54)));
        deliverNext();
        ledger.apply(resolved("breach", "orange", at(4)));

        PagerDutyEvent resolve = deliverNext();

        assertThat(resolve.action()).isEqualTo("resolve");
        assertThat(resolve.alert().dedupKey).isEqualTo(KEY);
        assertThat(ledger.size()).isZero();
        assertThat(ledger.next()).isNull();
        assertThat(ledger.coalesced()).isZero();
    }

    @Test
    void anAlertResolvedBeforeItsTriggerWentOutIsNeverSent() {
        ledger.apply(firing("breach", "orange", at(3, 54)));
        ledger.apply(resolved("breach", "orange", at(4)));

        assertThat(ledger.next()).isNull();
        assertThat(ledger.size()).isZero();
        assertThat(ledger.coalesced()).isEqualTo(1);
        assertThat(ledger.apply(resolvedOf("T-9", "breach", "red", at(5)))).isEqualTo(PagerDutyLedger.Applied.IGNORED);
    }

    @Test
    void aResolveIsSentWhenTheTriggerWasSentButNotYetAcknowledged() {
        ledger.apply(firing("breach", "orange", at(3, 54)));
        PagerDutyEvent trigger = ledger.next();
        ledger.sending(trigger);
        ledger.apply(resolved("breach", "orange", at(4)));
        // the trigger's answer was lost (no done): PagerDuty may have opened an alert, so it must be resolved

        PagerDutyEvent next = ledger.next();

        assertThat(next.action()).isEqualTo("resolve");
        ledger.sending(next);
        ledger.done(trigger);
        assertThat(ledger.next()).as("the late answer to the trigger does not count for the resolve")
                .extracting(PagerDutyEvent::action).isEqualTo("resolve");
        ledger.done(next);
        assertThat(ledger.size()).isZero();
    }

    @Test
    void anEventWithoutAnAnswerIsSentAgain() {
        ledger.apply(firing("breach", "red", at(4, 30)));
        PagerDutyEvent first = ledger.next();
        ledger.sending(first);

        PagerDutyEvent again = ledger.next();

        assertThat(again).isEqualTo(first);
        ledger.sending(again);
        ledger.done(again);
        assertThat(ledger.next()).isNull();
    }

    @Test
    void aRestoredLedgerResendsOnlyUnacknowledgedEventsAndIgnoresAReplayedState() {
        ledger.apply(firingOf("T-1", "breach", "red", at(5)));
        ledger.apply(firingOf("T-2", "breach", "orange", at(6)));
        deliverNext();
        PagerDutyEvent unanswered = ledger.next();
        ledger.sending(unanswered);
        List<PagerDutyEntry> snapshot = ledger.snapshot();

        PagerDutyLedger restored = PagerDutyLedger.restore(100, snapshot);

        PagerDutyEvent again = restored.next();
        assertThat(again).isEqualTo(unanswered);
        restored.sending(again);
        restored.done(again);
        assertThat(restored.next()).isNull();
        // the checkpoint's records replayed after the restore: same states, nothing to send
        restored.apply(firingOf("T-1", "breach", "red", at(5)));
        restored.apply(firingOf("T-2", "breach", "orange", at(6)));
        assertThat(restored.next()).isNull();
        // a real change still goes out
        restored.apply(resolvedOf("T-1", "breach", "red", at(7)));
        assertThat(restored.next().action()).isEqualTo("resolve");
    }

    @Test
    void anAlertFiringAgainAfterItsResolveIsTriggeredAgain() {
        ledger.apply(firing("breach", "yellow", at(3, 18)));
        deliverNext();
        ledger.apply(resolved("breach", "yellow", at(4)));
        PagerDutyEvent resolve = ledger.next();
        ledger.sending(resolve);
        ledger.apply(firing("breach", "yellow", at(6)));

        assertThat(ledger.next().action()).isEqualTo("trigger");
    }

    @Test
    void aFullLedgerDropsNewAlertsButNotChangesOfTrackedOnes() {
        PagerDutyLedger small = new PagerDutyLedger(1);
        small.apply(firingOf("T-1", "breach", "yellow", at(1)));

        assertThat(small.apply(firingOf("T-2", "breach", "yellow", at(2)))).isEqualTo(PagerDutyLedger.Applied.DROPPED);
        assertThat(small.apply(firingOf("T-1", "breach", "red", at(3)))).isEqualTo(PagerDutyLedger.Applied.TRACKED);
        assertThat(small.next().alert().severity).isEqualTo("red");
    }
}
