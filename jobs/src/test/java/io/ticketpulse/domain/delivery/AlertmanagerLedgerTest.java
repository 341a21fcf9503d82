package io.ticketpulse.domain.delivery;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.KEY;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.firing;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.firingOf;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.resolved;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.resolvedOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerLedgerTest {

    /** The wall clock at which the tests post: well after the alerts' event times. */
    private static final long NOW = at(60);

    private final AlertmanagerLedger ledger = new AlertmanagerLedger(100);

    private AlertmanagerLedger.Batch deliverNext() {
        AlertmanagerLedger.Batch batch = ledger.next(NOW, 100);
        assertThat(batch).isNotNull();
        ledger.delivered(batch);
        return batch;
    }

    @Test
    void aFiringRecordBecomesAnAlertWithTheDocumentedLabelsAndAnnotationsAndNoEnd() {
        assertThat(ledger.apply(firing("breach", "orange", at(3, 54)))).isEqualTo(AlertmanagerLedger.Applied.TRACKED);

        AlertmanagerLedger.Batch batch = ledger.next(NOW, 100);

        assertThat(batch.alerts()).hasSize(1);
        AlertmanagerAlert a = batch.alerts().get(0);
        assertThat(a.labels()).containsExactly(
                entry("alertname", "TicketSlaBreach"),
                entry("channel", "chat"),
                entry("dedup_key", KEY),
                entry("kind", "breach"),
                entry("policy_id", "p1-urgent"),
                entry("priority", "P1"),
                entry("severity", "orange"),
                entry("sla_metric", "first_response"),
                entry("team", "tier1"));
        assertThat(a.annotations()).containsExactly(
                entry("deadline_at", "2026-11-22T10:03:00.000Z"),
                entry("overrun_pct", "30.0"),
                entry("summary", "first_response breach (orange) on T-42 (P1 chat)"),
                entry("ticket_id", "T-42"));
        assertThat(a.startsAtMs()).isEqualTo(at(3, 54));
        assertThat(a.endsAtMs()).isNull();
        assertThat(ledger.pending()).isEqualTo(1);

        ledger.delivered(batch);
        assertThat(ledger.pending()).isZero();
        assertThat(ledger.next(NOW, 100)).isNull();
        assertThat(ledger.firing()).isEqualTo(1);
    }

    @Test
    void anEscalationEndsThePreviousLabelSetAndOpensTheNewOneWithTheFirstStart() {
        ledger.apply(firing("warning", "warning", at(2, 15)));
        deliverNext();

        ledger.apply(firing("breach", "warning", at(3)));
        AlertmanagerLedger.Batch batch = deliverNext();

        assertThat(batch.alerts()).hasSize(2);
        AlertmanagerAlert ended = batch.alerts().get(0);
        AlertmanagerAlert opened = batch.alerts().get(1);
        assertThat(ended.labels()).containsEntry("alertname", "TicketSlaWarning").containsEntry("kind", "warning");
        assertThat(ended.startsAtMs()).isEqualTo(at(2, 15));
        assertThat(ended.endsAtMs()).isEqualTo(at(3));
        assertThat(opened.labels()).containsEntry("alertname", "TicketSlaBreach").containsEntry("severity", "warning");
        assertThat(opened.startsAtMs()).as("startsAt = the first firing record's changed_at").isEqualTo(at(2, 15));
        assertThat(opened.endsAtMs()).isNull();
        assertThat(ledger.size()).as("the ended label set is forgotten once acknowledged").isEqualTo(1);

        ledger.apply(firing("breach", "yellow", at(3, 18)));
        batch = deliverNext();
        assertThat(batch.alerts()).extracting(x -> x.labels().get("severity"), AlertmanagerAlert::endsAtMs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("warning", at(3, 18)),
                        org.assertj.core.groups.Tuple.tuple("yellow", null));
    }

    @Test
    void statesPassedBeforeAnyPostNeverReachAlertmanager() {
        ledger.apply(firing("warning", "warning", at(2, 15)));
        ledger.apply(firing("breach", "warning", at(3)));
        ledger.apply(firing("breach", "yellow", at(3, 18)));

        AlertmanagerLedger.Batch batch = deliverNext();

        assertThat(batch.alerts()).singleElement().satisfies(a -> {
            assertThat(a.labels()).containsEntry("severity", "yellow").containsEntry("kind", "breach");
            assertThat(a.startsAtMs()).isEqualTo(at(2, 15));
            assertThat(a.endsAtMs()).isNull();
        });
        assertThat(ledger.size()).isEqualTo(1);
    }

    @Test
    void aResolveEndsTheAlertAtItsChangedAtAndIsForgottenOnceAcknowledged() {
        ledger.apply(firing("breach", "orange", at(3, 54)));
        deliverNext();

        ledger.apply(resolved("breach", "orange", at(4)));
        AlertmanagerLedger.Batch batch = deliverNext();

        assertThat(batch.alerts()).singleElement().satisfies(a -> {
            assertThat(a.labels()).containsEntry("severity", "orange");
            assertThat(a.annotations()).containsEntry("resolve_reason", "fulfilled");
            assertThat(a.startsAtMs()).isEqualTo(at(3, 54));
            assertThat(a.endsAtMs()).isEqualTo(at(4));
        });
        assertThat(ledger.size()).isZero();
        assertThat(ledger.firing()).isZero();
        assertThat(ledger.next(NOW, 100)).isNull();
    }

    @Test
    void aResolveOfAnAlertNeverPostedIsNotPostedAndOneOfAnUnknownAlertIsIgnored() {
        ledger.apply(firing("warning", "warning", at(2, 15)));
        assertThat(ledger.apply(resolved("warning", "warning", at(2, 30)))).isEqualTo(AlertmanagerLedger.Applied.TRACKED);
        assertThat(ledger.next(NOW, 100)).isNull();
        assertThat(ledger.size()).isZero();

        assertThat(ledger.apply(resolvedOf("T-7", "breach", "red", at(9)))).isEqualTo(AlertmanagerLedger.Applied.IGNORED);
        assertThat(ledger.next(NOW, 100)).isNull();
    }

    @Test
    void anAlertInAFailedPostIsSentAgainAndItsEndTooAsAlertmanagerMayHaveIt() {
        ledger.apply(firing("breach", "warning", at(3)));
        AlertmanagerLedger.Batch failed = ledger.next(NOW, 100);
        assertThat(failed.alerts()).hasSize(1);
        // no answer: still pending, the same alert comes again
        assertThat(ledger.next(NOW, 100).alerts()).isEqualTo(failed.alerts());

        ledger.apply(resolved("breach", "warning", at(3, 10)));
        assertThat(ledger.next(NOW, 100).alerts()).singleElement()
                .satisfies(a -> assertThat(a.endsAtMs()).isEqualTo(at(3, 10)));
    }

    @Test
    void anAcknowledgementOfAnOlderStateLeavesTheNewerChangePending() {
        ledger.apply(firing("breach", "yellow", at(3, 18)));
        AlertmanagerLedger.Batch inFlight = ledger.next(NOW, 100);

        ledger.apply(resolved("breach", "yellow", at(3, 30)));
        ledger.delivered(inFlight);

        assertThat(ledger.pending()).isEqualTo(1);
        assertThat(ledger.next(NOW, 100).alerts()).singleElement()
                .satisfies(a -> assertThat(a.endsAtMs()).isEqualTo(at(3, 30)));
    }

    @Test
    void anEndInTheFutureIsSentAsNowAndNeverBeforeTheStart() {
        ledger.apply(firing("breach", "yellow", at(3, 18)));
        deliverNext();
        ledger.apply(resolved("breach", "yellow", at(5)));

        assertThat(ledger.next(at(4), 100).alerts().get(0).endsAtMs()).isEqualTo(at(4));
        assertThat(ledger.next(at(3), 100).alerts().get(0).endsAtMs()).isEqualTo(at(3, 18));
        assertThat(ledger.next(NOW, 100).alerts().get(0).endsAtMs()).isEqualTo(at(5));
    }

    @Test
    void anAlertFiringAgainAfterItsResolveStartsANewEpisode() {
        ledger.apply(firing("breach", "yellow", at(3, 18)));
        deliverNext();
        ledger.apply(resolved("breach", "yellow", at(4)));
        ledger.apply(firing("breach", "yellow", at(7)));

        AlertmanagerLedger.Batch batch = deliverNext();

        assertThat(batch.alerts()).singleElement().satisfies(a -> {
            assertThat(a.startsAtMs()).isEqualTo(at(7));
            assertThat(a.endsAtMs()).isNull();
        });
        assertThat(ledger.firing()).isEqualTo(1);
    }

    @Test
    void markAllDirtyResendsEveryFiringAlert() {
        ledger.apply(firingOf("T-1", "breach", "red", at(5)));
        ledger.apply(firingOf("T-2", "warning", "warning", at(6)));
        deliverNext();
        assertThat(ledger.next(NOW, 100)).isNull();

        ledger.markAllDirty();

        assertThat(ledger.next(NOW, 100).alerts()).extracting(a -> a.labels().get("dedup_key"))
                .containsExactly("T-1/first_response/1/p1-urgent@1", "T-2/first_response/1/p1-urgent@1");
    }

    @Test
    void postsTakeAtMostTheBatchSizeOldestChangeFirst() {
        for (int i = 1; i <= 5; i++) {
            ledger.apply(firingOf("T-" + i, "breach", "red", at(i)));
        }
        AlertmanagerLedger.Batch first = ledger.next(NOW, 2);
        assertThat(first.alerts()).extracting(a -> a.labels().get("dedup_key"))
                .containsExactly("T-1/first_response/1/p1-urgent@1", "T-2/first_response/1/p1-urgent@1");
        ledger.delivered(first);
        assertThat(ledger.next(NOW, 10).alerts()).hasSize(3);
    }

    @Test
    void aFullLedgerDropsNewAlertsButTakesEscalationsAndEndsOfTrackedOnes() {
        AlertmanagerLedger small = new AlertmanagerLedger(2);
        small.apply(firingOf("T-1", "warning", "warning", at(1)));
        small.apply(firingOf("T-2", "warning", "warning", at(2)));
        small.delivered(small.next(NOW, 10));

        assertThat(small.apply(firingOf("T-3", "warning", "warning", at(3)))).isEqualTo(AlertmanagerLedger.Applied.DROPPED);
        assertThat(small.apply(firingOf("T-1", "breach", "warning", at(4)))).isEqualTo(AlertmanagerLedger.Applied.TRACKED);
        assertThat(small.apply(resolvedOf("T-2", "warning", "warning", at(5)))).isEqualTo(AlertmanagerLedger.Applied.TRACKED);
        assertThat(small.next(NOW, 10).alerts()).extracting(a -> a.labels().get("dedup_key"), a -> a.labels().get("kind"),
                        AlertmanagerAlert::endsAtMs)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("T-1/first_response/1/p1-urgent@1", "warning", at(4)),
                        org.assertj.core.groups.Tuple.tuple("T-1/first_response/1/p1-urgent@1", "breach", null),
                        org.assertj.core.groups.Tuple.tuple("T-2/first_response/1/p1-urgent@1", "warning", at(5)));
    }

    @Test
    void aRestoredLedgerKeepsStartsAndEndsAndTellsAlertmanagerEverythingAgain() {
        ledger.apply(firingOf("T-1", "breach", "red", at(5)));
        ledger.apply(firing("warning", "warning", at(2, 15)));
        deliverNext();
        ledger.apply(firing("breach", "warning", at(3)));
        List<AlertmanagerEntry> snapshot = ledger.snapshot();

        AlertmanagerLedger restored = AlertmanagerLedger.restore(100, snapshot);

        assertThat(restored.snapshot()).hasSize(3);
        assertThat(restored.firing()).isEqualTo(2);
        AlertmanagerLedger.Batch batch = restored.next(NOW, 100);
        assertThat(batch.alerts()).extracting(a -> a.labels().get("dedup_key"), a -> a.labels().get("kind"),
                        AlertmanagerAlert::startsAtMs, AlertmanagerAlert::endsAtMs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("T-1/first_response/1/p1-urgent@1", "breach", at(5), null),
                        org.assertj.core.groups.Tuple.tuple(KEY, "warning", at(2, 15), at(3)),
                        org.assertj.core.groups.Tuple.tuple(KEY, "breach", at(2, 15), null));
        restored.delivered(batch);
        // the restored ledger goes on where the old one was: a resolve ends the open breach
        restored.apply(resolved("breach", "warning", at(3, 30)));
        assertThat(restored.next(NOW, 100).alerts()).singleElement()
                .satisfies(a -> assertThat(a.endsAtMs()).isEqualTo(at(3, 30)));
    }

    @Test
    void anAggregateAlertHasNoTeamOrTicketAndItsOwnAlertName() {
        io.ticketpulse.schema.SlaAlert a = firingOf("x", "aggregate", "yellow", at(61));
        a.dedupKey = "aggregate/frt_p90/chat/P2/p2-high@1";
        a.ticketId = null;
        a.team = null;
        a.deadlineAtMs = null;
        a.slaMetric = "frt_p90";
        ledger.apply(a);

        AlertmanagerAlert posted = ledger.next(NOW, 10).alerts().get(0);

        assertThat(posted.labels()).containsEntry("alertname", "TeamSlaAggregate").doesNotContainKey("team")
                .containsEntry("sla_metric", "frt_p90");
        assertThat(posted.annotations()).doesNotContainKeys("ticket_id", "deadline_at");
    }
}
