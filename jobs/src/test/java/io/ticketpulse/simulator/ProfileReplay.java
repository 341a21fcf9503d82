package io.ticketpulse.simulator;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.KpiPane;
import io.ticketpulse.domain.KpiWindowCalculator;
import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.domain.TicketFacts;
import io.ticketpulse.schema.ParseResult;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventParser;
import io.ticketpulse.schema.TicketKpi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a simulator profile through the domain KPI calculator: the simulator's records parsed like the job
 * parses them (malformed records left out, duplicates counted once by {@code event_id}), each ticket's KPI facts
 * derived from its whole event set ({@code TicketFacts.derive}, the reference the engine is differentially tested
 * against), and the facts of the whole run folded into one pane per group and computed by {@link
 * KpiWindowCalculator} as one window spanning the run: the run-level KPIs over all tickets and per channel.
 */
final class ProfileReplay {

    /** The group of every ticket. */
    static final String ALL = "all";
    static final long WAIT_THRESHOLD_MS = Duration.ofMinutes(10).toMillis();

    private ProfileReplay() {}

    /** The run-level KPI rows of {@code tickets} tickets of {@code profile} with {@code seed}: "all" and per channel. */
    static Map<String, TicketKpi> kpis(SimulatorProfile profile, long seed, long tickets) {
        SimulatorOptions options = SimulatorOptions.builder().profile(profile).seed(seed).build();
        TicketSimulator simulator = new TicketSimulator(options, 0, 1, tickets);
        TicketEventParser parser = new TicketEventParser(1 << 20);
        Map<String, Map<String, TicketEvent>> byTicket = new TreeMap<>();
        while (simulator.hasNext()) {
            SimulatedRecord r = simulator.next();
            ParseResult parsed = parser.parse(r.payload());
            if (parsed.isValid()) {
                TicketEvent e = parsed.event();
                byTicket.computeIfAbsent(e.ticketId, k -> new LinkedHashMap<>()).putIfAbsent(e.eventId, e);
            }
        }
        Map<String, PaneDelta> deltas = new TreeMap<>();
        for (Map<String, TicketEvent> events : byTicket.values()) {
            for (Fact fact : TicketFacts.derive(events.values(), Long.MAX_VALUE, WAIT_THRESHOLD_MS)) {
                if (!fact.countsForChannelPriority()) {
                    continue;
                }
                deltas.computeIfAbsent(ALL, g -> PaneDelta.ofGroup(g, 0)).add(fact);
                deltas.computeIfAbsent(fact.channel, g -> PaneDelta.ofGroup(g, 0)).add(fact);
            }
        }
        Map<String, TicketKpi> rows = new TreeMap<>();
        deltas.forEach((group, delta) -> rows.put(group, row(group, List.of(new KpiPane(0).apply(delta)))));
        return rows;
    }

    private static TicketKpi row(String group, Collection<KpiPane> panes) {
        return KpiWindowCalculator.compute(0, 1, group, null, new ArrayList<>(panes), 0, 0, true);
    }
}
