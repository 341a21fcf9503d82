package io.ticketpulse.functions;

import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.BERLIN;
import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.domain.calendar.BusinessHoursPolicies;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TicketFunction} with a business-hours policy (P2: Berlin Mon-Fri 09:00-17:00, first response 2 h; see
 * {@link BusinessHoursPolicies}), in event time with 2 min allowed lateness: the keyed timers are registered at the
 * working instants the alerts are due (nothing fires over the weekend), and the state ends with the ticket.
 */
class TicketFunctionBusinessHoursTest {

    private static final long LATENESS = Duration.ofMinutes(2).toMillis();

    private KeyedTwoInputStreamOperatorTestHarness<String, TicketEvent, TicketBroadcast, Fact> harness;

    @BeforeEach
    void open() throws Exception {
        open(BusinessHoursPolicies.policies());
    }

    private void open(SlaPolicySet policies) throws Exception {
        PipelineConfig config = PipelineConfig.builder()
                .allowedLateness(Duration.ofMinutes(2))
                .ticketRetention(Duration.ofDays(5))
                .tombstoneRetention(Duration.ofDays(6))
                .slaPolicies(policies)
                .alertClock(AlertClock.EVENT_TIME)
                .liveLagBound(Duration.ofMinutes(2))
                .build();
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new TicketFunction(config), TicketFunction.BROADCAST_STATES),
                e -> e.ticketId, horizon -> "", Types.STRING);
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(TicketEvent e) throws Exception {
        harness.processElement1(new StreamRecord<>(e, e.occurredAtMs));
    }

    private void watermarkAfter(String local) throws Exception {
        harness.processBothWatermarks(new Watermark(berlin(local) + LATENESS + 1));
    }

    private List<String> drain() {
        ConcurrentLinkedQueue<StreamRecord<SlaAlert>> records = harness.getSideOutput(TicketFunction.ALERTS);
        if (records == null) {
            return List.of();
        }
        List<String> out = records.stream().map(StreamRecord::getValue)
                .map(a -> a.slaMetric + " " + a.status + " " + a.kind + " " + a.severity + " @"
                        + Instant.ofEpochMilli(a.changedAtMs).atZone(BERLIN).toLocalDateTime()
                        + (a.calendarId == null ? "" : " [" + a.calendarId + "]"))
                .toList();
        records.clear();
        return out;
    }

    @Test
    void theFridayEveningBreachFiresOnMondayAtNineAndTheStateEnds() throws Exception {
        send(TicketEvents.created("e0", "T1", berlin("2026-03-06T15:00"), "email", "P2"));
        watermarkAfter("2026-03-06T16:30");
        assertThat(drain()).containsExactly("first_response firing warning warning @2026-03-06T16:30 [berlin-office]");

        // 2 h are reached at Friday 17:00, outside working hours: nothing fires over the weekend
        watermarkAfter("2026-03-09T08:59");
        assertThat(drain()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermarkAfter("2026-03-09T09:12");
        assertThat(drain()).containsExactly(
                "first_response firing breach warning @2026-03-09T09:00 [berlin-office]",
                "first_response firing breach yellow @2026-03-09T09:12 [berlin-office]");

        send(TicketEvents.reply("e1", "T1", berlin("2026-03-09T09:20")));
        send(TicketEvents.resolved("e2", "T1", berlin("2026-03-09T11:00")));
        watermarkAfter("2026-03-09T11:00");
        // resolution (8 h): warning at 6 h = Mon 13:00, not reached by 11:00
        assertThat(drain()).containsExactly(
                "first_response resolved breach yellow @2026-03-09T09:20 [berlin-office]");

        harness.processBothWatermarks(new Watermark(berlin("2026-03-20T00:00")));
        assertThat(drain()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void withAlertOutsideHoursTheTiersAfterAFridayBreachFireOnFridayEveningAndTheStateEnds() throws Exception {
        close();
        SlaPolicy p2 = new SlaPolicy("p2-office", new PolicyMatch(Set.of(), Set.of("P2"), Set.of(), Map.of()),
                Map.of(SlaMetric.RESOLUTION, Duration.ofHours(8)), WarningRule.DEFAULT, SlaPolicy.DEFAULT_ESCALATION,
                Map.of(SlaMetric.RESOLUTION, BusinessHoursPolicies.office()), true);
        open(new SlaPolicySet("outside-hours", 1, List.of(p2), AggregateRules.DEFAULT));

        // created Thursday 16:00: 1 h Thursday + 7 h Friday reach the 8 h resolution target at Friday 16:00
        send(TicketEvents.created("d0", "D", berlin("2026-03-05T16:00"), "chat", "P2"));
        watermarkAfter("2026-03-06T16:00");
        assertThat(drain()).containsExactly(
                "resolution firing warning warning @2026-03-06T14:00 [berlin-office]",
                "resolution firing breach warning @2026-03-06T16:00 [berlin-office]");

        // from the breach on the clock counts wall time: +48 min, +2 h 24 min, +4 h, after working hours
        watermarkAfter("2026-03-06T18:24");
        assertThat(drain()).containsExactly(
                "resolution firing breach yellow @2026-03-06T16:48 [berlin-office]",
                "resolution firing breach orange @2026-03-06T18:24 [berlin-office]");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        watermarkAfter("2026-03-06T20:00");
        assertThat(drain()).containsExactly("resolution firing breach red @2026-03-06T20:00 [berlin-office]");

        send(TicketEvents.resolved("d1", "D", berlin("2026-03-09T09:30")));
        watermarkAfter("2026-03-09T09:30");
        assertThat(drain()).containsExactly("resolution resolved breach red @2026-03-09T09:30 [berlin-office]");

        harness.processBothWatermarks(new Watermark(berlin("2026-03-20T00:00")));
        assertThat(drain()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
