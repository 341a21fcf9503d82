package io.ticketpulse.io.dashboard;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboards of this JVM, by id, so that the pipeline's {@link DashboardSink} writers (which Flink creates
 * from serialized sinks) find the {@link DashboardView} of the embedded run they belong to. Only an embedded run
 * (a MiniCluster in the same JVM) shares them; on a cluster a writer finds none and discards its records.
 */
public final class DashboardFeeds {

    private static final Map<String, DashboardView> VIEWS = new ConcurrentHashMap<>();

    private DashboardFeeds() {}

    /** Registers {@code view}; returns its id for {@link DashboardSink}. */
    public static String register(DashboardView view) {
        String id = UUID.randomUUID().toString();
        VIEWS.put(id, view);
        return id;
    }

    public static Optional<DashboardView> find(String id) {
        return Optional.ofNullable(VIEWS.get(id));
    }

    public static void unregister(String id) {
        VIEWS.remove(id);
    }
}
