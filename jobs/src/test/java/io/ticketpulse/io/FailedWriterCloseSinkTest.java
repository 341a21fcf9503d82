package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.junit.jupiter.api.Test;

/**
 * The table sinks' writer wrapper: the connector's failure in {@code close()} is not thrown (it would make the
 * task's clean-up fail, which Flink answers by ending the TaskManager process), after a failed write or flush and
 * also when the task is cancelled after another task failed (no earlier failure of this writer); everything else is
 * delegated, failures included.
 */
class FailedWriterCloseSinkTest {

    /** A writer that fails its calls the way the JDBC writer does once a batch has failed for good. */
    static final class FailingWriter implements StatefulSinkWriter<String, JdbcWriterState>,
            CommittingSinkWriter<String, JdbcCommitable> {
        boolean failWrites;
        boolean failFlush;
        boolean failClose;
        final List<String> calls = new ArrayList<>();

        @Override
        public void write(String element, Context context) throws IOException {
            calls.add("write " + element);
            if (failWrites) {
                throw new IOException("Writing records to JDBC failed.");
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            calls.add("flush " + endOfInput);
            if (failFlush) {
                throw new IOException("flush failed");
            }
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) {
            calls.add("snapshot " + checkpointId);
            return List.of();
        }

        @Override
        public Collection<JdbcCommitable> prepareCommit() {
            calls.add("prepareCommit");
            return List.of();
        }

        @Override
        public void close() {
            calls.add("close");
            if (failClose) {
                throw new RuntimeException("Writing records to JDBC failed.");
            }
        }
    }

    @Test
    void aCloseAfterAFailedWriteDoesNotFailAgain() throws Exception {
        FailingWriter w = new FailingWriter();
        FailedWriterCloseSink.Writer<String, FailingWriter> writer = new FailedWriterCloseSink.Writer<>(w);
        writer.write("a", null);
        w.failWrites = true;
        w.failClose = true;
        assertThatThrownBy(() -> writer.write("b", null)).isInstanceOf(IOException.class);

        writer.close();

        assertThat(w.calls).containsExactly("write a", "write b", "close");
    }

    @Test
    void aCloseAfterAFailedFlushDoesNotFailAgain() throws Exception {
        FailingWriter w = new FailingWriter();
        FailedWriterCloseSink.Writer<String, FailingWriter> writer = new FailedWriterCloseSink.Writer<>(w);
        w.failFlush = true;
        w.failClose = true;
        assertThatThrownBy(() -> writer.flush(false)).hasMessage("flush failed");

        writer.close();

        assertThat(w.calls).containsExactly("flush false", "close");
    }

    @Test
    void aFailingCloseOfACancelledTaskDoesNotFailEitherAndTheRestIsDelegated() throws Exception {
        // the connector's background flush failed; the task is cancelled because another task of its region failed
        FailingWriter w = new FailingWriter();
        FailedWriterCloseSink.Writer<String, FailingWriter> writer = new FailedWriterCloseSink.Writer<>(w);
        writer.write("a", null);
        writer.flush(true);
        assertThat(writer.snapshotState(7)).isEmpty();
        assertThat(writer.prepareCommit()).isEmpty();
        w.failClose = true;

        writer.close();

        assertThat(w.calls).containsExactly("write a", "flush true", "snapshot 7", "prepareCommit", "close");
    }
}
