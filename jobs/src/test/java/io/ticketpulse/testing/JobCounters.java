package io.ticketpulse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/** Reads the TicketPulse counters (metric group {@code ticketpulse}) of a finished job from an in-memory reporter. */
public final class JobCounters {

    private JobCounters() {}

    /** The sum over all subtasks of counter {@code name} of job {@code jobId}; asserts how many subtasks report it. */
    public static long sum(InMemoryReporter metrics, String jobId, String name, int subtasks) {
        long sum = 0;
        int found = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> g : metrics.getMetricsByGroup().entrySet()) {
            MetricGroup group = g.getKey();
            Metric metric = g.getValue().get(name);
            if (metric != null
                    && jobId.equals(group.getAllVariables().get("<job_id>"))
                    && group.getMetricIdentifier(name).endsWith(".ticketpulse." + name)) {
                sum += ((Counter) metric).getCount();
                found++;
            }
        }
        assertThat(found).as("subtasks reporting %s", name).isEqualTo(subtasks);
        return sum;
    }
}
