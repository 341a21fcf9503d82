package io.ticketpulse.pipeline;

import io.ticketpulse.domain.sla.AggregateAlertTracker;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.functions.AggregateAlertFunction;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Aggregate (team-level) SLA alerts from the {@code ticket-kpi} rows: the one entry point the topology builder
 * calls. Rows must carry the KPI windows' watermarks (alerts are applied when the watermark passes each row's
 * window end); only final rows are used, so alerts trail the window end by the allowed lateness. See
 * {@link AggregateAlertTracker} for the rules and {@link AggregateAlertFunction} for why this is a keyed process
 * function and not a CEP pattern.
 */
public final class AggregateAlerts {

    private AggregateAlerts() {}

    /** The aggregate alerts ({@code kind: aggregate}) of {@code kpis} under {@code policies}. */
    public static DataStream<SlaAlert> build(DataStream<TicketKpi> kpis, SlaPolicySet policies) {
        return kpis.filter(new FinalRows())
                .uid(Uids.AGGREGATE_FINAL_KPIS)
                .name("final KPI rows for aggregate alerts")
                .keyBy(new ChannelPriority())
                .process(new AggregateAlertFunction(policies))
                .uid(Uids.AGGREGATE_ALERTS)
                .name("aggregate SLA alerts per channel and priority");
    }

    /** Keeps the rows aggregate alerting uses: {@link AggregateAlertTracker#counts(TicketKpi)}. */
    public static final class FinalRows implements FilterFunction<TicketKpi> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(TicketKpi row) {
            return AggregateAlertTracker.counts(row);
        }
    }

    /** {@code channel/priority}, the key of the KPI windows. */
    public static final class ChannelPriority implements KeySelector<TicketKpi, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(TicketKpi row) {
            return row.channel + '/' + row.priority;
        }
    }
}
