package io.ticketpulse.io;

import io.ticketpulse.simulator.SimulatedRecord;
import io.ticketpulse.simulator.SimulatorOptions;
import io.ticketpulse.simulator.TicketSimulator;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The generator behind {@link SimulatorSource}: each source reader owns one {@link TicketSimulator}, instance
 * {@code subtask} of {@code parallelism} (seed {@code seed + subtask}, its share of the ticket arrival rate),
 * and turns each requested index into the simulator's next record. The index itself is not used: records come
 * from the simulator's sequence, and the origin is {@code simulator-<subtask>#<n>} with {@code n} counting this
 * reader's records from 0; the key is the record's ticket id (also for malformed records).
 */
final class SimulatorGenerator implements GeneratorFunction<Long, RawRecord> {

    private static final long serialVersionUID = 1L;

    private final SimulatorOptions options;

    private transient TicketSimulator simulator;
    private transient String originPrefix;
    private transient long emitted;

    SimulatorGenerator(SimulatorOptions options) {
        this.options = options;
    }

    @Override
    public void open(SourceReaderContext context) {
        int subtask = context.getIndexOfSubtask();
        simulator = new TicketSimulator(options, subtask, Math.max(subtask + 1, context.currentParallelism()));
        originPrefix = "simulator-" + subtask + "#";
        emitted = 0;
    }

    @Override
    public RawRecord map(Long index) {
        SimulatedRecord record = simulator.next();
        return new RawRecord(record.payload(), originPrefix + emitted++, record.ticketId());
    }
}
