package io.ticketpulse.io;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * File sinks writing one JSON object per line ({@code ticket-kpi} v1 rows, {@code dead-letter} v1 records,
 * {@code sla-alert} v1 records).
 *
 * <p>Flink's exactly-once {@link FileSink}: records go to hidden in-progress files ({@code .<prefix>-*.inprogress.*})
 * that are rolled on every checkpoint and become visible as {@code <prefix>-<writer id>-<n>.jsonl} directly in
 * the given folder (no buckets) when that checkpoint completes; the final checkpoint of a bounded run commits
 * the rest. Readers should read only the visible {@code *.jsonl} files.
 */
public final class JsonLinesSinks {

    /** File name prefix of KPI row files. */
    public static final String KPI_PREFIX = "ticket-kpi";
    /** File name prefix of dead-letter files. */
    public static final String DEAD_LETTER_PREFIX = "dead-letter";
    /** File name prefix of SLA alert files. */
    public static final String ALERT_PREFIX = "sla-alert";
    /** File name suffix of committed files. */
    public static final String SUFFIX = ".jsonl";

    private JsonLinesSinks() {}

    /** KPI rows as {@code ticket-kpi} v1 JSON lines in {@code dir}. */
    public static Sink<TicketKpi> kpis(Path dir) {
        return jsonLines(dir, KPI_PREFIX, new KpiEncoder());
    }

    /** Dead letters as {@code dead-letter} v1 JSON lines in {@code dir}. */
    public static Sink<DeadLetter> deadLetters(Path dir) {
        return jsonLines(dir, DEAD_LETTER_PREFIX, new DeadLetterEncoder());
    }

    /** SLA alerts as {@code sla-alert} v1 JSON lines in {@code dir}. */
    public static Sink<SlaAlert> alerts(Path dir) {
        return jsonLines(dir, ALERT_PREFIX, new AlertEncoder());
    }

    private static <T> FileSink<T> jsonLines(Path dir, String prefix, Encoder<T> encoder) {
        return FileSink.forRowFormat(new org.apache.flink.core.fs.Path(dir.toAbsolutePath().toUri()), encoder)
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(SUFFIX).build())
                .build();
    }

    /** One {@code ticket-kpi} JSON object and a newline per row. */
    static final class KpiEncoder implements Encoder<TicketKpi> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(TicketKpi row, OutputStream out) throws IOException {
            out.write(TicketKpiJson.toJson(row));
            out.write('\n');
        }
    }

    /** One {@code dead-letter} JSON object and a newline per record. */
    static final class DeadLetterEncoder implements Encoder<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(DeadLetter record, OutputStream out) throws IOException {
            out.write(DeadLetterJson.toJson(record));
            out.write('\n');
        }
    }

    /** One {@code sla-alert} JSON object and a newline per record. */
    static final class AlertEncoder implements Encoder<SlaAlert> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(SlaAlert alert, OutputStream out) throws IOException {
            out.write(SlaAlertJson.toJson(alert));
            out.write('\n');
        }
    }
}
