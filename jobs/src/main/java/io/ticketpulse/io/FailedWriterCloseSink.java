package io.ticketpulse.io;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JdbcSink} whose writer never fails in {@code close()}: it logs the error instead.
 *
 * <p>Why: once a batch fails for good (after its retries), {@code flink-connector-jdbc} 4.0.0-2.0 keeps the error
 * and throws it from every later call, {@code close()} included. The task fails (from {@code write}/{@code flush}, or
 * because another task of its region failed and it is cancelled), and its clean-up closes the writer; an exception
 * there is an exception in the task's exception handler, which Flink treats as FATAL: the whole TaskManager process
 * exits (seen in local-env's demo, where nothing restarts it, both after a failed write of this task and while this
 * task was cancelled after another table sink failed). With this wrapper the job restarts from its checkpoint like
 * after any other failure.
 *
 * <p>Nothing is lost by not throwing: a checkpoint and the end of a bounded input both flush the writer first
 * ({@code flush}, which throws a kept error), so {@code close()} never holds records that a completed checkpoint
 * or a finished job counted as written. Everything else is delegated unchanged: the same writer state,
 * committables and serializers, so the operators and their savepoint state are the connector's.
 */
public final class FailedWriterCloseSink<IN>
        implements Sink<IN>, SupportsWriterState<IN, JdbcWriterState>, SupportsCommitter<JdbcCommitable> {

    private static final long serialVersionUID = 1L;

    private final JdbcSink<IN> delegate;

    public FailedWriterCloseSink(JdbcSink<IN> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Writer<IN, JdbcWriter<IN>> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(delegate.createWriter(context));
    }

    @Override
    public Writer<IN, JdbcWriter<IN>> restoreWriter(WriterInitContext context, Collection<JdbcWriterState> state)
            throws IOException {
        return new Writer<>(delegate.restoreWriter(context, state));
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommitable> createCommitter(CommitterInitContext context) throws IOException {
        return delegate.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }

    /** The connector's writer; an error of {@code close()} is logged (saying whether a call had failed before). */
    static final class Writer<IN,
            W extends StatefulSinkWriter<IN, JdbcWriterState> & CommittingSinkWriter<IN, JdbcCommitable>>
            implements StatefulSinkWriter<IN, JdbcWriterState>, CommittingSinkWriter<IN, JdbcCommitable> {

        private static final Logger LOG = LoggerFactory.getLogger(FailedWriterCloseSink.class);

        private final W delegate;
        private boolean failed;

        Writer(W delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(IN element, Context context) throws IOException, InterruptedException {
            try {
                delegate.write(element, context);
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            try {
                delegate.flush(endOfInput);
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            try {
                delegate.writeWatermark(watermark);
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
            try {
                return delegate.snapshotState(checkpointId);
            } catch (IOException | RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
            try {
                return delegate.prepareCommit();
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } catch (Exception e) {
                LOG.warn("Closing the table writer failed{} (not thrown: the task is failing or has flushed already):"
                        + " {}", failed ? " after an earlier failure" : "", e.toString());
            }
        }
    }
}
