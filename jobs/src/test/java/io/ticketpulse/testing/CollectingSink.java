package io.ticketpulse.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 for MiniCluster tests that collects every record of all its parallel writers into a list shared
 * in the test JVM, under an id unique to the sink instance.
 */
public class CollectingSink<T> implements Sink<T> {

    private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        RESULTS.put(id, new ArrayList<>());
    }

    /** What the writers collected so far, in arrival order per writer. */
    @SuppressWarnings("unchecked")
    public List<T> values() {
        List<Object> list = RESULTS.get(id);
        synchronized (list) {
            return new ArrayList<>((List<T>) (List<?>) list);
        }
    }

    /** Called in the writer for each record before it is collected (a hook for timing in tests). */
    protected void onReceive(T element) {}

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> list = RESULTS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                onReceive(element);
                synchronized (list) {
                    list.add(element);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
