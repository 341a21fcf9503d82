package io.ticketpulse.domain.ticket;

import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.HOUR;
import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.MINUTE;
import static io.ticketpulse.domain.calendar.BusinessHoursPolicies.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FactType;
import io.ticketpulse.domain.TicketEvents;
import io.ticketpulse.domain.calendar.BusinessHoursPolicies;
import io.ticketpulse.schema.TicketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The business-time values of the FIRST_RESPONSE and RESOLVED facts ({@link Fact#businessMs}): the working time,
 * from the creation to the fact, of the calendar that the ticket's matched policy gives {@code first_response} /
 * {@code resolution} ({@link BusinessHoursPolicies}: P2 counts Berlin's Mon-Fri 09:00-17:00, P1 calendar time).
 * Every expected value is worked out by hand; times are Berlin local times (2026-03-06 is a Friday).
 */
class BusinessTimeKpiFactsTest {

    private static final long DAYS_30 = Duration.ofDays(30).toMillis();

    private static List<Fact> facts(TicketEngine engine, TicketEvent... events) {
        List<TicketEvent> buffer = new ArrayList<>(List.of(events));
        buffer.sort(TicketEngine.EVENT_ORDER);
        return engine.replay(TicketModel.fresh("T1"), buffer, buffer.get(0).occurredAtMs).facts();
    }

    private static Fact only(List<Fact> facts, FactType type) {
        List<Fact> of = facts.stream().filter(f -> f.type == type).toList();
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    private static TicketEngine engine() {
        return new TicketEngine(10 * MINUTE, DAYS_30, DAYS_30 + HOUR, BusinessHoursPolicies.policies());
    }

    @Test
    void aTicketOverTheWeekendCountsOnlyItsWorkingHours() {
        List<Fact> facts = facts(engine(),
                TicketEvents.created("e0", "T1", berlin("2026-03-06T15:00"), "email", "P2"),
                TicketEvents.reply("e1", "T1", berlin("2026-03-09T10:30")),
                TicketEvents.resolved("e2", "T1", berlin("2026-03-09T12:00")));
        Fact frt = only(facts, FactType.FIRST_RESPONSE);
        Fact ttr = only(facts, FactType.RESOLVED);
        // Fri 15:00 -> Mon 10:30: 67.5 h of calendar time, Fri 15-17 (2 h) + Mon 09-10:30 (1.5 h) of working time
        assertThat(frt.valueMs).isEqualTo(67 * HOUR + 30 * MINUTE);
        assertThat(frt.businessMs).isEqualTo(3 * HOUR + 30 * MINUTE);
        // Fri 15:00 -> Mon 12:00: 69 h, of which 2 h + 3 h working
        assertThat(ttr.valueMs).isEqualTo(69 * HOUR);
        assertThat(ttr.businessMs).isEqualTo(5 * HOUR);
    }

    @Test
    void aPolicyWithoutCalendarLeavesTheBusinessValueAbsent() {
        List<Fact> facts = facts(engine(),
                TicketEvents.created("e0", "T1", berlin("2026-03-06T15:00"), "email", "P1"),
                TicketEvents.reply("e1", "T1", berlin("2026-03-09T10:30")),
                TicketEvents.resolved("e2", "T1", berlin("2026-03-09T12:00")));
        assertThat(only(facts, FactType.FIRST_RESPONSE).businessMs).isNull();
        assertThat(only(facts, FactType.RESOLVED).businessMs).isNull();
        assertThat(facts).allSatisfy(f -> assertThat(f.businessMs).isNull());
    }

    @Test
    void withoutPoliciesNoFactHasABusinessValue() {
        TicketEngine noPolicies = new TicketEngine(10 * MINUTE, DAYS_30, DAYS_30 + HOUR, null);
        List<Fact> facts = facts(noPolicies,
                TicketEvents.created("e0", "T1", berlin("2026-03-06T15:00"), "email", "P2"),
                TicketEvents.reply("e1", "T1", berlin("2026-03-09T10:30")));
        assertThat(facts).allSatisfy(f -> assertThat(f.businessMs).isNull());
    }

    @Test
    void theCalendarIsThatOfThePolicyMatchingAtTheFactsInstant() {
        // created P1 (calendar time) on Saturday, raised to P2 (office hours) before the reply: the reply's value is
        // measured from the creation in the office calendar, Mon 09:00-09:45 = 45 min
        List<Fact> facts = facts(engine(),
                TicketEvents.created("e0", "T1", berlin("2026-03-07T11:00"), "email", "P1"),
                TicketEvents.priorityChanged("e1", "T1", berlin("2026-03-07T12:00"), "P2"),
                TicketEvents.reply("e2", "T1", berlin("2026-03-09T09:45")));
        assertThat(only(facts, FactType.FIRST_RESPONSE).businessMs).isEqualTo(45 * MINUTE);
    }
}
