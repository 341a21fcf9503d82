package io.ticketpulse.io;

import io.ticketpulse.simulator.SimulatorOptions;
import java.time.Clock;
import java.util.Collection;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source of simulated ticket events as {@link RawRecord}s: a {@link DataGeneratorSource} whose
 * generator runs one {@link io.ticketpulse.simulator.TicketSimulator} per reader (see {@link
 * SimulatorGenerator}), throttled to {@link SimulatorOptions#eventsPerSecond()} over all readers when set, and
 * ending after {@link SimulatorOptions#events()} records over all readers unless unbounded.
 *
 * <p>It reports {@link Boundedness#CONTINUOUS_UNBOUNDED} when unbounded (the wrapped generator always says
 * bounded), so that a job in automatic runtime mode stays a streaming job.
 *
 * <p>Limitation: after a restore from a checkpoint each reader's simulator starts again from its first record
 * (same seed, so the same event ids as before: downstream deduplication drops what was already processed);
 * the total count still stops at {@code events}.
 */
public final class SimulatorSource
        implements Source<RawRecord, NumberSequenceSplit, Collection<NumberSequenceSplit>>,
                ResultTypeQueryable<RawRecord> {

    private static final long serialVersionUID = 1L;

    private final SimulatorOptions options;
    private final DataGeneratorSource<RawRecord> generator;

    public SimulatorSource(SimulatorOptions options) {
        this(options, Clock.systemUTC());
    }

    /**
     * A source whose simulated clock never runs ahead of {@code wallClock}: once it catches up, records are
     * delivered in real time (see {@link SimulatorGenerator}).
     */
    public SimulatorSource(SimulatorOptions options, Clock wallClock) {
        this.options = options;
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        SimulatorGenerator function = new SimulatorGenerator(options, wallClock);
        this.generator = options.throttled()
                ? new DataGeneratorSource<>(
                        function, options.events(), RateLimiterStrategy.perSecond(options.eventsPerSecond()), type)
                : new DataGeneratorSource<>(function, options.events(), type);
    }

    public SimulatorOptions options() {
        return options;
    }

    @Override
    public Boundedness getBoundedness() {
        return options.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<RawRecord, NumberSequenceSplit> createReader(SourceReaderContext context) throws Exception {
        return generator.createReader(context);
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
            SplitEnumeratorContext<NumberSequenceSplit> context) {
        return generator.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
            SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
        return generator.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
        return generator.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
        return generator.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return generator.getProducedType();
    }
}
