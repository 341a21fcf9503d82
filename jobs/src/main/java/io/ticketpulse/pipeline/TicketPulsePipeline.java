package io.ticketpulse.pipeline;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.domain.kpi.KpiSettings;
import io.ticketpulse.functions.FactPreAggregator;
import io.ticketpulse.functions.HoldWatermarkUntilEnd;
import io.ticketpulse.functions.KpiWindowFunction;
import io.ticketpulse.functions.EventHorizonOperator;
import io.ticketpulse.functions.ParsedRecordRouter;
import io.ticketpulse.functions.PolicyUpdate;
import io.ticketpulse.functions.PolicyUpdateValidator;
import io.ticketpulse.functions.TicketBroadcast;
import io.ticketpulse.functions.TicketFunction;
import io.ticketpulse.functions.ValidEventWatermarks;
import io.ticketpulse.functions.ValueFoldFunction;
import io.ticketpulse.functions.WatermarkDelay;
import io.ticketpulse.io.ParsedRecord;
import io.ticketpulse.io.ParsingSource;
import io.ticketpulse.io.PolicyRecord;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.io.delivery.AlertDelivery;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketKpi;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one topology builder. Data flows one way:
 *
 * <pre>
 * source (raw bytes, parsed/validated/time-checked as read) -> route --invalid, FUTURE/TOO_OLD--> dead letters
 *   (event time + watermarks per input split, at the source, from valid events' occurred_at only)
 *   -> keyBy(ticket_id) -> one per-ticket model: dedupe, lifecycle, SLA clocks --late/conflict/unknown--> dead letters
 *        |-> fact changelog -> pre-aggregate per pane (per subtask) -> keyBy(channel/priority) -> KPI windows -> sinks
 *        |                                                                            `-> aggregate alerts -+
 *        |-> ticket alerts (side output) -------------------------------------------------------------------+-> sinks
 *        `-> accepted events (side output, with risk patterns) -> CEP per pattern -> pattern alerts ----------+
 * </pre>
 *
 * <p>With grouping sets configured (the policy file's {@code kpis}), the pre-aggregator also folds each fact into
 * the rows of every set; those deltas go through the caps of the sets' dimensions (keyed by set, watermark then
 * delayed by the allowed lateness) to their own KPI windows, whose rows join the default ones at the KPI sink and
 * feed the volatility alerts. Without them the topology is exactly the one above.
 *
 * <p>Exactly one shuffle of raw events (by ticket), and only pre-aggregated pane deltas cross the second one.
 * Sources and sinks are injected; nothing here constructs Kafka or file objects. Every operator has a stable
 * uid from {@link Uids} and a readable name.
 */
public final class TicketPulsePipeline {

    /** Pane deltas buffered per pre-aggregator subtask before a forced flush. */
    static final int MAX_BUFFERED_PANES = 10_000;

    private TicketPulsePipeline() {}

    /** Adds the TicketPulse topology reading {@code source} and writing to {@code sinks} to {@code env}. */
    public static void build(
            StreamExecutionEnvironment env,
            PipelineConfig config,
            Source<RawRecord, ?, ?> source,
            PipelineSinks sinks) {
        build(env, config, source, null, sinks);
    }

    /**
     * The same, with runtime SLA policy records read from {@code policySource} (null: none; needs policies in
     * {@code config}): validated at parallelism 1 ({@link PolicyUpdateValidator}, rejections to the dead letters)
     * and broadcast to the per-ticket operator with the input's horizon. A bounded policy source emits no
     * watermark until it ends, so no ticket is folded or alerted before every policy record is in the broadcast
     * state (a bounded replay is deterministic); an unbounded one is idle for the watermarks (see the README).
     */
    public static void build(
            StreamExecutionEnvironment env,
            PipelineConfig config,
            Source<RawRecord, ?, ?> source,
            Source<PolicyRecord, ?, ?> policySource,
            PipelineSinks sinks) {
        SingleOutputStreamOperator<TicketEvent> events = ingest(env, config, source);
        DataStream<DeadLetter> invalid = events.getSideOutput(ParsedRecordRouter.DEAD_LETTERS);

        // the input's horizon (latest event time), broadcast so that a bounded replay ends where its data ends
        SingleOutputStreamOperator<Long> horizonValues = events
                .transform("input horizon", Types.LONG, new EventHorizonOperator())
                .uid(Uids.TICKET_HORIZON);
        DataStream<TicketBroadcast> toTickets = horizonValues
                .map(TicketBroadcast::horizon)
                .uid(Uids.TICKET_HORIZON_BROADCAST)
                .name("input horizon to tickets");
        DataStream<DeadLetter> policyDeadLetters = null;
        if (policySource != null) {
            if (config.slaPolicies() == null) {
                throw new IllegalArgumentException("runtime policies need a start-up policy file");
            }
            SingleOutputStreamOperator<PolicyUpdate> policies = env
                    .fromSource(policySource, policyWatermarks(policySource), "sla policy records")
                    .uid(Uids.POLICY_SOURCE)
                    .setParallelism(1)
                    .keyBy(r -> PolicyUpdateValidator.KEY)
                    .process(new PolicyUpdateValidator(config.slaPolicies()))
                    .uid(Uids.POLICY_VALIDATE)
                    .name("validate SLA policy records")
                    .setParallelism(1);
            policyDeadLetters = policies.getSideOutput(PolicyUpdateValidator.DEAD_LETTERS);
            DataStream<PolicyUpdate> accepted = policies;
            if (policySource.getBoundedness() == Boundedness.BOUNDED) {
                accepted = policies.transform("hold the watermark until every policy is read",
                                TypeInformation.of(PolicyUpdate.class), new HoldWatermarkUntilEnd<PolicyUpdate>())
                        .uid(Uids.POLICY_HOLD)
                        .setParallelism(1);
            }
            toTickets = toTickets.union(accepted
                    .map(TicketBroadcast::policy)
                    .uid(Uids.POLICY_BROADCAST)
                    .name("SLA policies to tickets")
                    .setParallelism(1));
        }
        BroadcastStream<TicketBroadcast> inputHorizon =
                toTickets.broadcast(TicketFunction.HORIZON_STATE, TicketFunction.POLICY_STATE);
        SingleOutputStreamOperator<Fact> facts = events
                .keyBy(e -> e.ticketId)
                .connect(inputHorizon)
                .process(new TicketFunction(config))
                .uid(Uids.TICKETS)
                .name("tickets: dedupe, lifecycle, KPI facts, SLA clocks");
        DataStream<DeadLetter> late = facts.getSideOutput(TicketFunction.DEAD_LETTERS);

        KpiSettings kpiSettings = config.kpiSettings();
        SingleOutputStreamOperator<PaneDelta> deltas = facts
                .transform(
                        "pre-aggregate facts per pane",
                        TypeInformation.of(PaneDelta.class),
                        new FactPreAggregator(
                                config.windowSlide().toMillis(), MAX_BUFFERED_PANES, kpiSettings.groupingSets()))
                .uid(Uids.FACT_PRE_AGGREGATE);
        BroadcastStream<Long> horizon =
                deltas.getSideOutput(FactPreAggregator.HORIZON).broadcast(KpiWindowFunction.HORIZON_STATE);

        SingleOutputStreamOperator<TicketKpi> kpis = deltas
                .keyBy(PaneDelta::key)
                .connect(horizon)
                .process(new KpiWindowFunction(config))
                .uid(Uids.KPI_WINDOWS)
                .name("KPI windows per channel and priority");

        DataStream<TicketKpi> allKpis = kpis;
        if (kpiSettings.hasGroupingSets()) {
            SingleOutputStreamOperator<TicketKpi> groupKpis = deltas.getSideOutput(FactPreAggregator.GROUPED)
                    .keyBy(ValueFoldFunction.BY_SET)
                    .process(new ValueFoldFunction(config))
                    .uid(Uids.KPI_FOLD_VALUES)
                    .name("grouping sets: cap values (fold into other)")
                    .transform("grouping sets: watermark delayed by the allowed lateness",
                            TypeInformation.of(PaneDelta.class),
                            new WatermarkDelay<PaneDelta>(config.allowedLateness().toMillis()))
                    .uid(Uids.KPI_FOLD_WATERMARK)
                    .keyBy(PaneDelta::key)
                    .connect(horizon)
                    .process(new KpiWindowFunction(config))
                    .uid(Uids.KPI_GROUP_WINDOWS)
                    .name("KPI windows per grouping set");
            allKpis = kpis.union(groupKpis);
        }
        allKpis.sinkTo(sinks.kpis()).uid(Uids.KPI_SINK).name("KPI rows");
        if (sinks.kpiSummary() != null) {
            kpis.sinkTo(sinks.kpiSummary()).uid(Uids.KPI_CONSOLE).name("KPI console summary").setParallelism(1);
        }
        DataStream<DeadLetter> deadLetters =
                policyDeadLetters == null ? invalid.union(late) : invalid.union(late, policyDeadLetters);
        RiskPatterns.Outputs riskPatterns = null;
        if (config.slaPolicies() != null && config.slaPolicies().patterns().anyEnabled()) {
            riskPatterns = RiskPatterns.build(facts.getSideOutput(TicketFunction.ACCEPTED), horizonValues, config);
            deadLetters = deadLetters.union(riskPatterns.deadLetters());
        }
        deadLetters.sinkTo(sinks.deadLetters()).uid(Uids.DEAD_LETTER_SINK).name("dead letters");
        TableSinks tables = sinks.tables();
        if (tables != null) {
            kpis.sinkTo(tables.kpis()).uid(Uids.KPI_TABLE_SINK).name("KPI rows to table");
            deadLetters.sinkTo(tables.deadLetters()).uid(Uids.DEAD_LETTER_TABLE_SINK).name("dead letters to table");
        }
        DashboardSinks dashboard = sinks.dashboard();
        if (dashboard != null) {
            events.sinkTo(dashboard.events()).uid(Uids.DASHBOARD_EVENTS).name("dashboard: count events");
            kpis.sinkTo(dashboard.kpis()).uid(Uids.DASHBOARD_KPIS).name("dashboard: KPI rows").setParallelism(1);
            deadLetters.sinkTo(dashboard.deadLetters()).uid(Uids.DASHBOARD_DEAD_LETTERS)
                    .name("dashboard: dead letters");
        }

        if (config.slaPolicies() != null) {
            DataStream<SlaAlert> alerts = facts.getSideOutput(TicketFunction.ALERTS)
                    .union(AggregateAlerts.build(kpis, config.slaPolicies()));
            if (kpiSettings.volatility() != null) {
                alerts = alerts.union(VolatilityAlerts.build(allKpis, config));
            }
            if (riskPatterns != null) {
                alerts = alerts.union(riskPatterns.alerts());
            }
            if (sinks.alerts() != null) {
                alerts.sinkTo(sinks.alerts()).uid(Uids.ALERT_SINK).name("SLA alerts");
            }
            if (sinks.alertsFast() != null) {
                alerts.sinkTo(sinks.alertsFast()).uid(Uids.ALERT_FAST_SINK).name("SLA alerts (low latency)");
            }
            if (tables != null && tables.alerts() != null) {
                alerts.sinkTo(tables.alerts()).uid(Uids.ALERT_TABLE_SINK).name("SLA alerts to tables");
            }
            if (sinks.alertSummary() != null) {
                alerts.sinkTo(sinks.alertSummary()).uid(Uids.ALERT_CONSOLE).name("SLA alert console summary")
                        .setParallelism(1);
            }
            if (dashboard != null) {
                alerts.sinkTo(dashboard.alerts()).uid(Uids.DASHBOARD_ALERTS).name("dashboard: SLA alerts")
                        .setParallelism(1);
            }
            deliver(env, alerts, sinks.alertmanager(), Uids.ALERTMANAGER_DELIVERY);
            deliver(env, alerts, sinks.pagerDuty(), Uids.PAGERDUTY_DELIVERY);
        }
    }

    /**
     * Delivers the alerts to a receiver (when {@code delivery} is given) at parallelism 1, once committed: when the
     * job checkpoints, a record goes out after the checkpoint that follows it completed, as the exactly-once alert
     * sinks commit it.
     */
    private static void deliver(
            StreamExecutionEnvironment env, DataStream<SlaAlert> alerts, AlertDelivery<?> delivery, String uid) {
        if (delivery == null) {
            return;
        }
        boolean commitOnCheckpoint = env.getCheckpointConfig().isCheckpointingEnabled();
        alerts.transform("deliver SLA alerts to " + delivery.receiver(), Types.VOID,
                        delivery.operatorFactory(commitOnCheckpoint))
                .uid(uid)
                .setParallelism(1);
    }

    /**
     * A bounded policy source holds the per-ticket operator's watermark until it has read everything (no
     * watermark, then the end-of-input one); an unbounded one is idle for the watermarks, so it never holds the
     * events back (a policy then applies from its effective instant if it arrives before the tickets are folded
     * past it).
     */
    private static WatermarkStrategy<PolicyRecord> policyWatermarks(Source<PolicyRecord, ?, ?> source) {
        if (source.getBoundedness() == Boundedness.BOUNDED) {
            return WatermarkStrategy.noWatermarks();
        }
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<PolicyRecord>() {
            @Override
            public void onEvent(PolicyRecord event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }

    /**
     * The input stage of {@link #build}, also measured alone by the benchmark: the source parses, validates and
     * checks the event time of every record once, as it is read ({@link ParsingSource}); event time and
     * watermarks come from the valid events only ({@link #watermarks}); then valid events go on (with their
     * timestamps, and the source's watermarks forwarded) and dead letters to {@link
     * ParsedRecordRouter#DEAD_LETTERS}.
     */
    public static SingleOutputStreamOperator<TicketEvent> ingest(
            StreamExecutionEnvironment env, PipelineConfig config, Source<RawRecord, ?, ?> source) {
        DataStream<ParsedRecord> parsed = env.fromSource(
                        parsing(source, config), watermarks(config), "ticket events")
                .uid(Uids.SOURCE);
        return parsed.process(new ParsedRecordRouter()).uid(Uids.PARSE).name("route events and dead letters");
    }

    private static <S extends SourceSplit, E> ParsingSource<S, E> parsing(
            Source<RawRecord, S, E> source, PipelineConfig config) {
        long lateAfterMs = config.maxOutOfOrderness().plus(config.allowedLateness()).toMillis();
        return ParsingSource.of(source, config.maxPayloadBytes(), config.eventTimeBounds(), lateAfterMs);
    }

    /**
     * Event time and watermarks at the source, so that Flink generates them per input split (per Kafka
     * partition) and a source reader combines its splits' watermarks by their minimum: a reader that reads one
     * partition ahead of another (a replay of a backlog fetches partition by partition) does not make the other
     * partition's events late. A split silent for the idle timeout stops holding the watermark back, so an idle
     * or empty partition stalls the watermarks for at most that long. Timestamps are each valid event's {@code
     * occurred_at}; dead letters have none and never reach the watermark generator ({@link ValidEventWatermarks}):
     * they neither move a watermark nor keep a split from going idle.
     */
    static WatermarkStrategy<ParsedRecord> watermarks(PipelineConfig config) {
        Duration maxOutOfOrderness = config.maxOutOfOrderness();
        Duration idleTimeout = config.sourceIdleTimeout();
        return WatermarkStrategy.<ParsedRecord>forGenerator(
                        ctx -> new ValidEventWatermarks(maxOutOfOrderness, idleTimeout, ctx.getInputActivityClock()))
                .withTimestampAssigner((record, previous) -> record.timestamp());
    }
}
