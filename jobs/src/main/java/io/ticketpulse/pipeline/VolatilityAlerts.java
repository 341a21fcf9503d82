package io.ticketpulse.pipeline;

import io.ticketpulse.domain.kpi.VolatilityTracker;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.functions.VolatilityAlertFunction;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Volatility alerts ({@code kind: volatility}) from the final {@code ticket-kpi} rows of the watched row families:
 * the one entry point the topology builder calls. See {@link VolatilityTracker} for the rules.
 */
public final class VolatilityAlerts {

    private VolatilityAlerts() {}

    /** The volatility alerts of {@code kpis} under the policy file's {@code kpis.volatility}. */
    public static DataStream<SlaAlert> build(DataStream<TicketKpi> kpis, PipelineConfig config) {
        SlaPolicySet policies = config.slaPolicies();
        AggregateRules debounce = policies.aggregates() == null ? AggregateRules.DEFAULT : policies.aggregates();
        VolatilityTracker tracker = new VolatilityTracker(config.kpiSettings().volatility(), debounce,
                config.windowSize().toMillis(), policies.version());
        return kpis.filter(new WatchedFinalRows(tracker))
                .uid(Uids.VOLATILITY_FINAL_KPIS)
                .name("final KPI rows for volatility alerts")
                .keyBy(VolatilityAlertFunction.BY_GROUP)
                .process(new VolatilityAlertFunction(tracker, config.windowSlide().toMillis(),
                        config.allowedLateness().toMillis()))
                .uid(Uids.VOLATILITY_ALERTS)
                .name("volatility alerts per KPI row group");
    }

    /** Final rows of the watched families. */
    static final class WatchedFinalRows implements FilterFunction<TicketKpi> {
        private static final long serialVersionUID = 1L;
        private final VolatilityTracker tracker;

        WatchedFinalRows(VolatilityTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public boolean filter(TicketKpi row) {
            return row.isFinal && tracker.watches(row.groupingSet);
        }
    }
}
