package io.ticketpulse.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster and execution environment of the MiniCluster tests, set up as the job runs. */
public final class FlinkTestEnvironments {

    private FlinkTestEnvironments() {}

    /** One TaskManager with two slots: room for a job at parallelism 2. */
    public static MiniClusterExtension miniClusterWithTwoSlots() {
        return miniClusterWithTwoSlots(new Configuration());
    }

    /** The same, with extra cluster configuration (e.g. a metrics reporter). */
    public static MiniClusterExtension miniClusterWithTwoSlots(Configuration configuration) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    /**
     * An environment as strict as the job's: no Kryo fallback ({@code pipeline.generic-types: false}) and every
     * operator needs its uid ({@code pipeline.auto-generate-uids: false}).
     */
    public static StreamExecutionEnvironment strictEnvironment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }
}
