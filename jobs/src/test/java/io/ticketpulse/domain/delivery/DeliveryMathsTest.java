package io.ticketpulse.domain.delivery;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.ticket.TicketReplay;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backoff, the rate window and PagerDuty's field limits. */
class DeliveryMathsTest {

    @Test
    void backoffDoublesFromTheFirstWaitUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(new long[] {b.delayMs(1), b.delayMs(2), b.delayMs(3), b.delayMs(6), b.delayMs(7), b.delayMs(1000)})
                .containsExactly(1_000, 2_000, 4_000, 32_000, 60_000, 60_000);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRateWindowAllowsTheLimitInAnyWindowLookingBack() {
        RateWindow w = new RateWindow(2, Duration.ofMinutes(1));
        assertThat(w.nextAllowedMs(at(0))).isEqualTo(at(0));
        w.record(at(0));
        w.record(at(0, 10));
        assertThat(w.nextAllowedMs(at(0, 20))).as("the third must wait for the first to leave the window")
                .isEqualTo(at(1));
        assertThat(w.nextAllowedMs(at(1))).isEqualTo(at(1));
        w.record(at(1));
        assertThat(w.nextAllowedMs(at(1))).isEqualTo(at(1, 10));
    }

    @Test
    void pagerDutyFieldsStayWithinTheirDocumentedLengths() {
        String shortKey = "T-42/first_response/2026-11-22T10:00:00.000Z/1/p1-urgent@1";
        assertThat(PagerDutyMapping.dedupKey(shortKey)).isEqualTo(shortKey);
        // the longest key of a valid ticket alert: ticket id 128, the longest metric name (15), the life (24), a
        // 10-digit cycle, policy id 64 and a 10-digit version, five separators: 256, one over PagerDuty's limit
        String longest = TicketReplay.dedupKey("t".repeat(128), SlaMetric.PERIODIC_UPDATE, at(0), Integer.MAX_VALUE,
                "p".repeat(64), Integer.MAX_VALUE);
        assertThat(longest).hasSize(128 + 1 + 15 + 1 + 24 + 1 + 10 + 1 + 64 + 1 + 10);
        assertThat(PagerDutyMapping.dedupKey(longest)).hasSize(255).startsWith(longest.substring(0, 190) + '#');
        // with a cycle and version below 100,000 (every real one) it fits as it is
        String usual = TicketReplay.dedupKey("t".repeat(128), SlaMetric.PERIODIC_UPDATE, at(0), 99_999,
                "p".repeat(64), 99_999);
        assertThat(PagerDutyMapping.dedupKey(usual)).isEqualTo(usual).hasSize(246);
        String longKey = "T-".repeat(200);
        String bounded = PagerDutyMapping.dedupKey(longKey);
        assertThat(bounded).hasSize(255).startsWith(longKey.substring(0, 190) + '#');
        assertThat(PagerDutyMapping.dedupKey(longKey + "x")).as("still tells alerts apart").isNotEqualTo(bounded);

        assertThat(PagerDutyMapping.summary("short")).isEqualTo("short");
        String summary = PagerDutyMapping.summary("x".repeat(2000));
        assertThat(summary).hasSize(1024).endsWith("\u2026");
        String emoji = "x".repeat(1022) + "\uD83D\uDE00" + "tail";
        assertThat(PagerDutyMapping.summary(emoji)).as("no half surrogate pair").hasSize(1023)
                .endsWith("x\u2026");
        assertThat(PagerDutyMapping.summary(null)).isNotBlank();
    }

    @Test
    void severitiesMapAsDocumented() {
        assertThat(new String[] {PagerDutyMapping.severity("warning"), PagerDutyMapping.severity("yellow"),
                PagerDutyMapping.severity("orange"), PagerDutyMapping.severity("red")})
                .containsExactly("warning", "warning", "error", "critical");
        assertThat(AlertmanagerMapping.alertName("warning")).isEqualTo("TicketSlaWarning");
        assertThat(AlertmanagerMapping.alertName("breach")).isEqualTo("TicketSlaBreach");
        assertThat(AlertmanagerMapping.alertName("aggregate")).isEqualTo("TeamSlaAggregate");
        assertThat(AlertmanagerMapping.alertName("pattern")).isEqualTo("TicketRiskPattern");
        assertThat(AlertmanagerMapping.alertName("volatility")).isEqualTo("KpiVolatility");
    }

    /** Every kind the sla-alert contract allows has an alert name (an unmapped kind failed every delivery of it). */
    @Test
    void everyContractKindHasAnAlertName() throws Exception {
        JsonNode kinds;
        try (InputStream in = DeliveryMathsTest.class.getClassLoader()
                .getResourceAsStream("schemas/sla-alert.schema.json")) {
            kinds = new ObjectMapper().readTree(in).get("properties").get("kind").get("enum");
        }
        assertThat(kinds.size()).isGreaterThanOrEqualTo(5);
        for (JsonNode kind : kinds) {
            assertThat(AlertmanagerMapping.alertName(kind.asText())).as(kind.asText()).isNotBlank();
        }
    }
}
