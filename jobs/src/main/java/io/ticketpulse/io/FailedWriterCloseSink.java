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
 * A {@link JdbcSink} whose writer does not fail a second time in {@code close()} once it has failed.
 *
 * <p>Why: when a batch still fails after its retries, {@code flink-connector-jdbc} 4.0.0-2.0 throws from
 * {@code write}/{@code flush} (the task fails, as it should) and then throws the same error again from the writer's
 * {@code close()} during the task's clean-up, which Flink treats as an exception in the task's exception handler:
 * FATAL, the whole TaskManager process exits (seen in local-env's demo, where nothing restarts it). With this
 * wrapper the task fails once and the job restarts from its checkpoint like after any other failure. A
 * {@code close()} error without an earlier failure is still thrown. Everything else is delegated unchanged: the same
 * writer state, committables and serializers, so the operators and their savepoint state are the connector's.
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

    /** The connector's writer; remembers whether a call failed, and then only logs an error of {@code close()}. */
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
        public void close() throws Exception {
            try {
                delegate.close();
            } catch (Exception e) {
                if (!failed) {
                    throw e;
                }
                LOG.warn("The table writer failed before; its close() failed too (not thrown again, the task is"
                        + " failing already): {}", e.toString());
            }
        }
    }
}
