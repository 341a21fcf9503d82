package io.ticketpulse.io.delivery;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.firing;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.domain.delivery.AlertmanagerLedger;
import io.ticketpulse.domain.delivery.PagerDutyLedger;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The request bodies, written out by hand from the README's mapping. */
class DeliveryJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void alertmanagerPostsTheDocumentedPostableAlert() throws Exception {
        AlertmanagerChannel channel = new AlertmanagerChannel(URI.create("http://am/api/v2/alerts"), 60_000, 500, 10);
        channel.apply(firing("warning", "warning", at(2, 15)));
        channel.done(channel.next(at(60)));
        channel.apply(firing("breach", "orange", at(3, 54)));

        DeliveryChannel.Request request = channel.next(at(60));

        assertThat(JSON.readTree(request.json())).isEqualTo(JSON.readTree("""
                [{"labels": {"alertname": "TicketSlaWarning", "channel": "chat", "dedup_key": "T-42/first_response/1/p1-urgent@1",
                             "kind": "warning", "policy_id": "p1-urgent", "priority": "P1", "severity": "warning",
                             "sla_metric": "first_response", "team": "tier1"},
                  "annotations": {"deadline_at": "2026-11-22T10:03:00.000Z", "overrun_pct": "-25.0",
                                  "summary": "first_response warning (warning) on T-42 (P1 chat)", "ticket_id": "T-42"},
                  "startsAt": "2026-11-22T10:02:15.000Z", "endsAt": "2026-11-22T10:03:54.000Z"},
                 {"labels": {"alertname": "TicketSlaBreach", "channel": "chat", "dedup_key": "T-42/first_response/1/p1-urgent@1",
                             "kind": "breach", "policy_id": "p1-urgent", "priority": "P1", "severity": "orange",
                             "sla_metric": "first_response", "team": "tier1"},
                  "annotations": {"deadline_at": "2026-11-22T10:03:00.000Z", "overrun_pct": "30.0",
                                  "summary": "first_response breach (orange) on T-42 (P1 chat)", "ticket_id": "T-42"},
                  "startsAt": "2026-11-22T10:02:15.000Z"}]"""));
        assertThat(request.alerts()).isEqualTo(2);
        assertThat(AlertmanagerDelivery.alertsUri(URI.create("http://127.0.0.1:9093/")))
                .isEqualTo(URI.create("http://127.0.0.1:9093/api/v2/alerts"));
        assertThat(AlertmanagerDelivery.alertsUri(URI.create("http://h/am/api/v2/alerts")))
                .isEqualTo(URI.create("http://h/am/api/v2/alerts"));
    }

    @Test
    void pagerDutyTriggersAndResolvesAsDocumented() throws Exception {
        PagerDutyChannel channel = new PagerDutyChannel(URI.create("http://pd/v2/enqueue"), KEY, 120, 10);
        channel.apply(firing("breach", "orange", at(3, 54)));

        DeliveryChannel.Request trigger = channel.next(at(60));

        assertThat(JSON.readTree(trigger.json())).isEqualTo(JSON.readTree("""
                {"routing_key": "0123456789abcdef0123456789abcdef", "event_action": "trigger",
                 "dedup_key": "T-42/first_response/1/p1-urgent@1",
                 "payload": {"summary": "first_response breach (orange) on T-42 (P1 chat)", "source": "ticketpulse",
                             "severity": "error", "timestamp": "2026-11-22T10:03:54.000Z", "component": "chat",
                             "group": "tier1", "class": "first_response",
                             "custom_details": {"ticket_id": "T-42", "priority": "P1", "policy": "p1-urgent@1",
                                                "kind": "breach", "tier": "orange", "overrun_pct": 30.0,
                                                "deadline_at": "2026-11-22T10:03:00.000Z"}},
                 "client": "TicketPulse"}"""));
        channel.done(trigger);
        channel.apply(resolved("breach", "orange", at(4)));

        assertThat(JSON.readTree(channel.next(at(60)).json())).isEqualTo(JSON.readTree("""
                {"routing_key": "0123456789abcdef0123456789abcdef", "event_action": "resolve",
                 "dedup_key": "T-42/first_response/1/p1-urgent@1"}"""));
    }

    @Test
    void pagerDutySendsAtMostTheRateAMinute() {
        PagerDutyChannel channel = new PagerDutyChannel(URI.create("http://pd/v2/enqueue"), KEY, 2, 10);
        for (int i = 1; i <= 3; i++) {
            channel.apply(io.ticketpulse.domain.delivery.DeliveryAlerts.firingOf("T-" + i, "breach", "red", at(i)));
        }
        channel.done(channel.next(at(60)));
        channel.done(channel.next(at(60, 30)));

        assertThat(channel.next(at(60, 40))).isNull();
        assertThat(channel.nextWakeUpMs(at(60, 40))).isEqualTo(at(61));
        assertThat(channel.next(at(61))).isNotNull();
    }

    @Test
    void aRoutingKeyMustHave32PrintableCharactersAndIsNeverShown() {
        assertThatThrownBy(() -> PagerDutyDelivery.of(PagerDutyDelivery.DEFAULT_URL, "short-secret"))
                .hasMessageContaining("32").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> PagerDutyDelivery.of(PagerDutyDelivery.DEFAULT_URL, "0123456789abcdef 123456789abcdef"))
                .hasMessageContaining("position 17").hasMessageNotContaining("0123456789abcdef");
        assertThat(PagerDutyDelivery.of(PagerDutyDelivery.DEFAULT_URL, KEY).toString()).doesNotContain(KEY)
                .contains("***");
    }

    @Test
    void unusedLedgersSendNothing() {
        assertThat(new AlertmanagerLedger(1).next(0, 10)).isNull();
        assertThat(new PagerDutyLedger(1).next()).isNull();
    }
}
