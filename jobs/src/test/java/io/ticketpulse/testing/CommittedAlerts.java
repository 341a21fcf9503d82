package io.ticketpulse.testing;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * An exactly-once alert sink for MiniCluster tests, like a transactional Kafka topic read {@code read_committed}:
 * each writer collects the records between two checkpoints into one committable (an id and the records' JSON),
 * and the committer publishes it to the {@link #topic}'s list when the checkpoint completes (at the end of a
 * bounded input without checkpoints: at the end). Records written after the latest completed checkpoint die with
 * a failure (they are written again after the restore), and a committable restored from a checkpoint and
 * committed again is published once (by its id). Sinks of several jobs with the same topic name (a job and its
 * resumption from a savepoint) publish to the same list. Each record remembers whether its writer was restored
 * from a checkpoint or savepoint.
 */
public final class CommittedAlerts implements Sink<SlaAlert>, SupportsCommitter<CommittedAlerts.Batch> {

    private static final long serialVersionUID = 1L;

    /** A committed record and whether the job that wrote it had restored state (after a failure, or a savepoint). */
    public record Committed(SlaAlert alert, boolean afterRestore) {}

    /** The records of one writer between two checkpoints: the committable. */
    public record Batch(String id, boolean afterRestore, List<String> alerts) {}

    private static final Map<String, List<Committed>> TOPICS = new ConcurrentHashMap<>();
    private static final Map<String, Set<String>> COMMITTED_IDS = new ConcurrentHashMap<>();

    private final String topic;

    /** A sink publishing to a new, empty topic. */
    public CommittedAlerts() {
        this(UUID.randomUUID().toString());
    }

    private CommittedAlerts(String topic) {
        this.topic = topic;
        TOPICS.putIfAbsent(topic, new ArrayList<>());
        COMMITTED_IDS.putIfAbsent(topic, ConcurrentHashMap.newKeySet());
    }

    /** Another sink (for another job) publishing to the same topic. */
    public CommittedAlerts sameTopic() {
        return new CommittedAlerts(topic);
    }

    /** The committed records, in commit order. */
    public List<Committed> committed() {
        List<Committed> list = TOPICS.get(topic);
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    /** The committed alert records, in commit order. */
    public List<SlaAlert> values() {
        return committed().stream().map(Committed::alert).toList();
    }

    @Override
    public Writer createWriter(WriterInitContext context) {
        return new Writer(context.getRestoredCheckpointId().isPresent());
    }

    @Override
    public Committer<Batch> createCommitter(CommitterInitContext context) {
        List<Committed> list = TOPICS.get(topic);
        Set<String> ids = COMMITTED_IDS.get(topic);
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<Batch>> requests) {
                for (CommitRequest<Batch> r : requests) {
                    Batch b = r.getCommittable();
                    if (ids.add(b.id())) {
                        synchronized (list) {
                            b.alerts().forEach(json -> list.add(new Committed(SlaAlertJson.fromJson(json),
                                    b.afterRestore())));
                        }
                    }
                }
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public SimpleVersionedSerializer<Batch> getCommittableSerializer() {
        return new BatchSerializer();
    }

    /** Collects the records since the last checkpoint. */
    static final class Writer implements CommittingSinkWriter<SlaAlert, Batch> {
        private final boolean afterRestore;
        private List<String> open = new ArrayList<>();

        Writer(boolean afterRestore) {
            this.afterRestore = afterRestore;
        }

        @Override
        public void write(SlaAlert element, Context context) {
            open.add(SlaAlertJson.toJsonString(element));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<Batch> prepareCommit() {
            if (open.isEmpty()) {
                return List.of();
            }
            Batch b = new Batch(UUID.randomUUID().toString(), afterRestore, open);
            open = new ArrayList<>();
            return List.of(b);
        }

        @Override
        public void close() {}
    }

    static final class BatchSerializer implements SimpleVersionedSerializer<Batch> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Batch b) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeUTF(b.id());
            out.writeBoolean(b.afterRestore());
            out.writeInt(b.alerts().size());
            for (String a : b.alerts()) {
                byte[] bytes = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public Batch deserialize(int version, byte[] serialized) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            String id = in.readUTF();
            boolean afterRestore = in.readBoolean();
            int n = in.readInt();
            List<String> alerts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                alerts.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            return new Batch(id, afterRestore, alerts);
        }
    }
}
