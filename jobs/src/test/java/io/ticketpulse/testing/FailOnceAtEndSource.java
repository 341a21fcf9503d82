package io.ticketpulse.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source for MiniCluster restore tests that fails the job once at one exact point: after every reader has
 * read its whole input and a checkpoint taken after that has completed, before any reader ends. The job then
 * restores from a checkpoint that holds every record, and no reader reads a record again: what the job had not
 * sent downstream before that checkpoint (held only in an operator's memory) is never recovered. After the
 * failure (in the restored attempt) the readers end as soon as the wrapped source does.
 *
 * <p>The wrapped source does the reading, its splits and its state; this only holds its end of input back. Give
 * each test a new instance ({@link #failed} tells whether it failed).
 */
public final class FailOnceAtEndSource<T, S extends SourceSplit, E> implements Source<T, S, E> {

    private static final long serialVersionUID = 1L;

    /** Per source instance (by id, the same in every serialized copy): whether it failed; the readers ready. */
    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();
    private static final Map<String, Set<Integer>> READY = new ConcurrentHashMap<>();

    private final Source<T, S, E> delegate;
    private final String id = UUID.randomUUID().toString();

    public FailOnceAtEndSource(Source<T, S, E> delegate) {
        this.delegate = delegate;
        FAILED.put(id, new AtomicBoolean());
        READY.put(id, ConcurrentHashMap.newKeySet());
    }

    /** Whether the job failed (once) at the end of the input. */
    public boolean failed() {
        return FAILED.get(id).get();
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(delegate.createReader(context), context, FAILED.get(id), READY.get(id));
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context) throws Exception {
        return delegate.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return delegate.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    private static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {

        private final SourceReader<T, S> delegate;
        private final SourceReaderContext context;
        private final AtomicBoolean failed;
        private final Set<Integer> ready;

        private boolean delegateEnded;
        /** The first checkpoint taken after the wrapped reader ended (-1: none yet). */
        private long checkpointAfterEnd = -1;
        /** Completed at the next completed checkpoint: the reader then looks again whether all are ready. */
        private CompletableFuture<Void> nextCheckpoint = new CompletableFuture<>();

        Reader(SourceReader<T, S> delegate, SourceReaderContext context, AtomicBoolean failed, Set<Integer> ready) {
            this.delegate = delegate;
            this.context = context;
            this.failed = failed;
            this.ready = ready;
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (!delegateEnded) {
                InputStatus status = delegate.pollNext(output);
                if (status != InputStatus.END_OF_INPUT) {
                    return status;
                }
                delegateEnded = true;
            }
            if (failed.get()) {
                return InputStatus.END_OF_INPUT;
            }
            if (ready.size() == context.currentParallelism() && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure: every reader read everything, a checkpoint"
                        + " holding it all completed, no reader ended yet");
            }
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (!delegateEnded) {
                return delegate.isAvailable();
            }
            return failed.get() ? CompletableFuture.completedFuture(null) : nextCheckpoint;
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            if (delegateEnded && checkpointAfterEnd < 0) {
                checkpointAfterEnd = checkpointId;
            }
            return delegate.snapshotState(checkpointId);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            delegate.notifyCheckpointComplete(checkpointId);
            if (checkpointAfterEnd >= 0 && checkpointId >= checkpointAfterEnd) {
                ready.add(context.getIndexOfSubtask());
            }
            CompletableFuture<Void> woken = nextCheckpoint;
            nextCheckpoint = new CompletableFuture<>();
            woken.complete(null);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            delegate.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void addSplits(List<S> splits) {
            delegate.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            delegate.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent sourceEvent) {
            delegate.handleSourceEvents(sourceEvent);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> toPause, Collection<String> toResume) {
            delegate.pauseOrResumeSplits(toPause, toResume);
        }

        @Override
        public void close() throws Exception {
            delegate.close();
        }
    }
}
