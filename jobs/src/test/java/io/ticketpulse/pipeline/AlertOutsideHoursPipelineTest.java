package io.ticketpulse.pipeline;

import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.BERLIN;
import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.testing.CollectingSink;
import io.ticketpulse.testing.FlinkTestEnvironments;
import io.ticketpulse.testing.ListSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code alert_outside_hours} through the real topology on a MiniCluster at parallelism 2 (bounded input, event
 * time), from a policy file: two tickets with the same history under the same Berlin calendar (Mon-Fri
 * 09:00-20:00) and resolution target (8 h, warning 75 %, tiers +25/+50/+100 %), one under a policy with the switch
 * and one without. Each is created Friday 10:00 (2026-03-06) and resolved Monday 16:00: the warning (6 h) comes at
 * 16:00 and the breach (8 h) at 18:00 on Friday either way; then with the switch the tiers come in wall time after
 * the breach (+2 h: Friday 20:00, +4 h: 22:00, +8 h: Saturday 02:00), without it in working time: the yellow tier's
 * 10 h are reached at Friday's 20:00 close and raised at Monday's first working instant (09:00), orange's 12 h at
 * Monday 11:00, red's 16 h at Monday 15:00. All worked out by hand.
 */
class AlertOutsideHoursPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTestEnvironments.miniClusterWithTwoSlots();

    static final String POLICY_FILE = """
            version: 1
            calendars:
              late-office:
                zone: Europe/Berlin
                hours: {mon: ["09:00-20:00"], tue: ["09:00-20:00"], wed: ["09:00-20:00"], thu: ["09:00-20:00"],
                        fri: ["09:00-20:00"]}
            policies:
              - id: p2-on-call
                match: {priorities: [P2]}
                targets: {resolution: 8h}
                escalation: [{severity: yellow, over_pct: 25}, {severity: orange, over_pct: 50}, {severity: red, over_pct: 100}]
                calendar: {type: business_hours, id: late-office, alert_outside_hours: true}
              - id: p3-office
                match: {priorities: [P3]}
                targets: {resolution: 8h}
                escalation: [{severity: yellow, over_pct: 25}, {severity: orange, over_pct: 50}, {severity: red, over_pct: 100}]
                calendar: {type: business_hours, id: late-office}
            """;

    private static List<String> lines() {
        List<TicketEvent> events = List.of(
                TicketEvents.created("w0", "W", berlin("2026-03-06T10:00"), "chat", "P2"),
                TicketEvents.created("m0", "M", berlin("2026-03-06T10:00"), "chat", "P3"),
                TicketEvents.resolved("w1", "W", berlin("2026-03-09T16:00")),
                TicketEvents.resolved("m1", "M", berlin("2026-03-09T16:00")));
        return events.stream().map(e -> new String(TicketEventJson.toJson(e), StandardCharsets.UTF_8)).toList();
    }

    private static List<SlaAlert> run() throws Exception {
        StreamExecutionEnvironment env = FlinkTestEnvironments.strictEnvironment(2);
        PipelineConfig config = PipelineConfig.builder()
                .slaPolicies(SlaPolicyFiles.parse("outside-hours.yaml", POLICY_FILE))
                .alertClock(AlertClock.EVENT_TIME)
                .build();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<SlaAlert> alerts = new CollectingSink<>();
        TicketPulsePipeline.build(env, config, ListSource.of(lines()),
                new PipelineSinks(new CollectingSink<TicketKpi>(), deadLetters).withAlerts(alerts, null));
        env.execute("alert-outside-hours");
        assertThat(deadLetters.values()).isEmpty();
        return alerts.values().stream().filter(a -> a.ticketId != null)
                .sorted(Comparator.comparing((SlaAlert a) -> a.ticketId).thenComparingLong(a -> a.changedAtMs))
                .toList();
    }

    private static String render(SlaAlert a) {
        return a.ticketId + " " + a.status + " " + a.kind + " " + a.severity + " @"
                + Instant.ofEpochMilli(a.changedAtMs).atZone(BERLIN).toLocalDateTime()
                + (a.resolveReason == null ? "" : " " + a.resolveReason) + " elapsed " + a.elapsedS / 3600 + " h"
                + " overrun " + a.overrunPct + " %";
    }

    @Test
    void withTheSwitchTheTiersComeOverTheWeekendWithoutItOnMonday() throws Exception {
        List<SlaAlert> alerts = run();
        assertThat(alerts).extracting(AlertOutsideHoursPipelineTest::render).containsExactly(
                // without the switch: working time only (Friday 10:00-20:00 = 10 h, then Monday from 09:00)
                "M firing warning warning @2026-03-06T16:00 elapsed 6.0 h overrun -25.0 %",
                "M firing breach warning @2026-03-06T18:00 elapsed 8.0 h overrun 0.0 %",
                "M firing breach yellow @2026-03-09T09:00 elapsed 10.0 h overrun 25.0 %",
                "M firing breach orange @2026-03-09T11:00 elapsed 12.0 h overrun 50.0 %",
                "M firing breach red @2026-03-09T15:00 elapsed 16.0 h overrun 100.0 %",
                // 10 h Friday + 7 h Monday
                "M resolved breach red @2026-03-09T16:00 fulfilled elapsed 17.0 h overrun 112.5 %",
                // with the switch: wall time from the breach on (Friday 18:00)
                "W firing warning warning @2026-03-06T16:00 elapsed 6.0 h overrun -25.0 %",
                "W firing breach warning @2026-03-06T18:00 elapsed 8.0 h overrun 0.0 %",
                "W firing breach yellow @2026-03-06T20:00 elapsed 10.0 h overrun 25.0 %",
                "W firing breach orange @2026-03-06T22:00 elapsed 12.0 h overrun 50.0 %",
                "W firing breach red @2026-03-07T02:00 elapsed 16.0 h overrun 100.0 %",
                // 8 h + Friday 18:00 -> Monday 16:00 (70 h)
                "W resolved breach red @2026-03-09T16:00 fulfilled elapsed 78.0 h overrun 875.0 %");
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.calendarId).isEqualTo("late-office");
            assertThat(a.deadlineAtMs).isEqualTo(berlin("2026-03-06T18:00"));
        });
        // wall time since Friday 10:00: Saturday 02:00 is 16 h, Monday 16:00 is 78 h
        assertThat(alerts).filteredOn(a -> "W".equals(a.ticketId) && "red".equals(a.severity))
                .extracting(a -> a.calendarElapsedS / 3600).containsExactly(16.0, 78.0);
        assertThat(alerts).filteredOn(a -> "M".equals(a.ticketId) && "resolved".equals(a.status))
                .extracting(a -> a.calendarElapsedS / 3600).containsExactly(78.0);
    }
}
