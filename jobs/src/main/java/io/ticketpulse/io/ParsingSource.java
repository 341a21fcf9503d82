package io.ticketpulse.io;

import io.ticketpulse.domain.EventTimeBounds;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Any source of {@link RawRecord}s (Kafka, a file, the simulator, a test list) turned into a source of {@link
 * ParsedRecord}s: each reader parses and validates every record once, as it is read ({@link RecordParser}), and
 * emits either the event or its dead letter, never throwing. Parsing in the source, before the timestamp
 * assigner and the watermark generator run, is what lets event time come only from valid events: Flink applies
 * the job's {@code WatermarkStrategy} to what this source emits, per split (per Kafka partition), so the
 * per-split watermarks are kept.
 *
 * <p>The wrapped source's splits, enumerator and checkpoints are used as they are, so its state stays
 * compatible; only the records it hands to Flink change. The reader passes every record through the split
 * output it was given ({@link ReaderOutput#createOutputForSplit}), so per-split watermarking still works.
 */
public final class ParsingSource<SplitT extends SourceSplit, EnumChkT>
        implements Source<ParsedRecord, SplitT, EnumChkT>, ResultTypeQueryable<ParsedRecord> {

    private static final long serialVersionUID = 1L;

    private final Source<RawRecord, SplitT, EnumChkT> raw;
    private final int maxPayloadBytes;
    private final EventTimeBounds bounds;
    private final long lateAfterMs;

    private ParsingSource(Source<RawRecord, SplitT, EnumChkT> raw, int maxPayloadBytes, EventTimeBounds bounds,
            long lateAfterMs) {
        this.raw = raw;
        this.maxPayloadBytes = maxPayloadBytes;
        this.bounds = bounds;
        this.lateAfterMs = lateAfterMs;
    }

    /**
     * {@code raw}, parsed with payloads up to {@code maxPayloadBytes} and event times inside {@code bounds}; a
     * valid event more than {@code lateAfterMs} older than its split's newest event is a {@code LATE_EVENT}
     * ({@link SplitLateness}; {@code Long.MAX_VALUE}: never).
     */
    public static <SplitT extends SourceSplit, EnumChkT> ParsingSource<SplitT, EnumChkT> of(
            Source<RawRecord, SplitT, EnumChkT> raw, int maxPayloadBytes, EventTimeBounds bounds, long lateAfterMs) {
        return new ParsingSource<>(raw, maxPayloadBytes, bounds, lateAfterMs);
    }

    @Override
    public Boundedness getBoundedness() {
        return raw.getBoundedness();
    }

    @Override
    public SourceReader<ParsedRecord, SplitT> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(raw.createReader(context), new RecordParser(maxPayloadBytes, bounds), lateAfterMs);
    }

    @Override
    public SplitEnumerator<SplitT, EnumChkT> createEnumerator(SplitEnumeratorContext<SplitT> context)
            throws Exception {
        return raw.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<SplitT, EnumChkT> restoreEnumerator(
            SplitEnumeratorContext<SplitT> context, EnumChkT checkpoint) throws Exception {
        return raw.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<SplitT> getSplitSerializer() {
        return raw.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<EnumChkT> getEnumeratorCheckpointSerializer() {
        return raw.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }

    /** The wrapped reader with a parsing output. */
    private static final class Reader<SplitT extends SourceSplit> implements SourceReader<ParsedRecord, SplitT> {

        private final SourceReader<RawRecord, SplitT> raw;
        private final RecordParser parser;
        private final long lateAfterMs;
        private ReaderOutput<ParsedRecord> lastOutput;
        private ParsingReaderOutput lastWrapped;

        Reader(SourceReader<RawRecord, SplitT> raw, RecordParser parser, long lateAfterMs) {
            this.raw = raw;
            this.parser = parser;
            this.lateAfterMs = lateAfterMs;
        }

        @Override
        public void start() {
            raw.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<ParsedRecord> output) throws Exception {
            if (output != lastOutput) {
                lastOutput = output;
                lastWrapped = new ParsingReaderOutput(output, parser, lateAfterMs);
            }
            return raw.pollNext(lastWrapped);
        }

        @Override
        public List<SplitT> snapshotState(long checkpointId) {
            return raw.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return raw.isAvailable();
        }

        @Override
        public void addSplits(List<SplitT> splits) {
            raw.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            raw.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent sourceEvent) {
            raw.handleSourceEvents(sourceEvent);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            raw.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            raw.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> splitsToPause, Collection<String> splitsToResume) {
            raw.pauseOrResumeSplits(splitsToPause, splitsToResume);
        }

        @Override
        public void close() throws Exception {
            raw.close();
        }
    }

    /** A split's output that parses what it is given and decides lateness from the split's own records. */
    private static class ParsingSourceOutput implements SourceOutput<RawRecord> {

        final SourceOutput<ParsedRecord> out;
        final RecordParser parser;
        final long lateAfterMs;
        private final SplitLateness lateness;

        ParsingSourceOutput(SourceOutput<ParsedRecord> out, RecordParser parser, long lateAfterMs) {
            this.out = out;
            this.parser = parser;
            this.lateAfterMs = lateAfterMs;
            this.lateness = new SplitLateness(lateAfterMs);
        }

        @Override
        public void collect(RawRecord record) {
            out.collect(lateness.check(parser.parse(record)));
        }

        @Override
        public void collect(RawRecord record, long timestamp) {
            out.collect(lateness.check(parser.parse(record)), timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            out.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            out.markIdle();
        }

        @Override
        public void markActive() {
            out.markActive();
        }
    }

    /** The reader's main output, handing out parsing split outputs. */
    private static final class ParsingReaderOutput extends ParsingSourceOutput implements ReaderOutput<RawRecord> {

        private final ReaderOutput<ParsedRecord> main;

        ParsingReaderOutput(ReaderOutput<ParsedRecord> main, RecordParser parser, long lateAfterMs) {
            super(main, parser, lateAfterMs);
            this.main = main;
        }

        @Override
        public SourceOutput<RawRecord> createOutputForSplit(String splitId) {
            return new ParsingSourceOutput(main.createOutputForSplit(splitId), parser, lateAfterMs);
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            main.releaseOutputForSplit(splitId);
        }
    }
}
