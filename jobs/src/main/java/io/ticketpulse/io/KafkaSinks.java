package io.ticketpulse.io;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The job's Kafka sinks, each record with a key (Kafka's default partitioner then puts every record of one key
 * in one partition, in order). Built by the app layer and injected into the pipeline.
 *
 * <table>
 *   <caption>topics</caption>
 *   <tr><th>sink</th><th>key</th><th>value</th><th>delivery</th></tr>
 *   <tr><td>{@link #kpis}</td><td>{@link TicketKpi#upsertKey()}</td><td>ticket-kpi v1 JSON</td><td>exactly once</td></tr>
 *   <tr><td>{@link #deadLetters}</td><td>ticket id if known, else none</td><td>dead-letter v1 JSON, plus
 *       headers</td><td>exactly once</td></tr>
 *   <tr><td>{@link #alerts}</td><td>{@link SlaAlert#dedupKey}</td><td>given serializer</td><td>exactly once</td></tr>
 *   <tr><td>{@link #alertsFast}</td><td>{@link SlaAlert#dedupKey}</td><td>given serializer</td><td>at least once</td></tr>
 *   <tr><td>{@link #rawEvents}</td><td>{@link RawRecord#key}</td><td>the raw bytes</td><td>at least once</td></tr>
 * </table>
 *
 * <p>Exactly-once sinks write in Kafka transactions committed when a checkpoint completes: readers with
 * {@code isolation.level=read_committed} see their records about one checkpoint interval late. Each sink has its
 * own transactional id prefix ({@code <prefix>-<role>}); two jobs writing to one cluster need different
 * prefixes. {@code transaction.timeout.ms} must not exceed the broker's {@code transaction.max.timeout.ms}
 * (15 min by default) and must be longer than a checkpoint interval plus its duration. Record timestamps are
 * left to the producer (wall-clock time): event-time stamps of a replay would make the topic's time-based
 * retention delete the records at once.
 */
public final class KafkaSinks {

    /** Dead-letter header: the {@code reason_code}. */
    public static final String HEADER_REASON_CODE = "ticketpulse.reason_code";
    /** Dead-letter header: the {@code origin} ({@code file:line}, {@code topic/partition@offset}, ...). */
    public static final String HEADER_ORIGIN = "ticketpulse.origin";
    /** Dead-letter headers of records that came from Kafka: where the bad record is. */
    public static final String HEADER_SOURCE_TOPIC = "ticketpulse.source_topic";
    public static final String HEADER_SOURCE_PARTITION = "ticketpulse.source_partition";
    public static final String HEADER_SOURCE_OFFSET = "ticketpulse.source_offset";

    /** Roles, the suffixes of the transactional id prefixes. */
    static final String KPIS = "kpis";
    static final String DEAD_LETTERS = "dead-letters";
    static final String ALERTS = "sla-alerts";

    private static final Pattern KAFKA_ORIGIN = Pattern.compile("(.+)/(\\d+)@(\\d+)");

    private final KafkaClientSettings client;
    private final String transactionalIdPrefix;
    private final Duration transactionTimeout;

    /**
     * @param transactionalIdPrefix prefix of the exactly-once sinks' transactional ids (each sink appends its role)
     * @param transactionTimeout the exactly-once producers' {@code transaction.timeout.ms}
     */
    public KafkaSinks(KafkaClientSettings client, String transactionalIdPrefix, Duration transactionTimeout) {
        this.client = client;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.transactionTimeout = transactionTimeout;
    }

    /** {@code ticket-kpi} v1 rows keyed by their upsert key, exactly once. */
    public KafkaSink<TicketKpi> kpis(String topic) {
        return exactlyOnce(new KeyedRecordSerializer<>(topic, TicketKpi::upsertKey, TicketKpiJson::toJson, null), KPIS);
    }

    /** {@code dead-letter} v1 records keyed by ticket id when known, with reason and origin headers; exactly once. */
    public KafkaSink<DeadLetter> deadLetters(String topic) {
        return exactlyOnce(new KeyedRecordSerializer<>(
                topic, d -> d.ticketId, DeadLetterJson::toJson, KafkaSinks::deadLetterHeaders), DEAD_LETTERS);
    }

    /** SLA alerts keyed by {@code dedup_key}, exactly once (visible on each checkpoint). */
    public KafkaSink<SlaAlert> alerts(String topic, SerializationSchema<SlaAlert> value) {
        return exactlyOnce(new KeyedRecordSerializer<>(topic, a -> a.dedupKey, value, null), ALERTS);
    }

    /**
     * SLA alerts keyed by {@code dedup_key}, at least once: visible within milliseconds, but after a failure
     * the records since the last checkpoint are written again, so consumers deduplicate by {@code dedup_key}
     * and state.
     */
    public KafkaSink<SlaAlert> alertsFast(String topic, SerializationSchema<SlaAlert> value) {
        return atLeastOnce(client, new KeyedRecordSerializer<>(topic, a -> a.dedupKey, value, null));
    }

    /** Raw records (the simulator's events) keyed by {@link RawRecord#key}, at least once. */
    public static KafkaSink<RawRecord> rawEvents(KafkaClientSettings client, String topic) {
        return atLeastOnce(client, new KeyedRecordSerializer<>(topic, r -> r.key, r -> r.payload, null));
    }

    private <T> KafkaSink<T> exactlyOnce(KafkaRecordSerializationSchema<T> serializer, String role) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(client.toProperties())
                .setBootstrapServers(client.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix + '-' + role)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        String.valueOf(transactionTimeout.toMillis()))
                .build();
    }

    private static <T> KafkaSink<T> atLeastOnce(
            KafkaClientSettings client, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(client.toProperties())
                .setBootstrapServers(client.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** The headers of a dead letter: reason code, origin and, for a Kafka origin, its topic, partition and offset. */
    static List<Header> deadLetterHeaders(DeadLetter d) {
        List<Header> headers = new ArrayList<>(5);
        headers.add(new RecordHeader(HEADER_REASON_CODE, utf8(d.reasonCode == null ? null : d.reasonCode.name())));
        headers.add(new RecordHeader(HEADER_ORIGIN, utf8(d.origin)));
        Matcher m = d.origin == null ? null : KAFKA_ORIGIN.matcher(d.origin);
        if (m != null && m.matches()) {
            headers.add(new RecordHeader(HEADER_SOURCE_TOPIC, utf8(m.group(1))));
            headers.add(new RecordHeader(HEADER_SOURCE_PARTITION, utf8(m.group(2))));
            headers.add(new RecordHeader(HEADER_SOURCE_OFFSET, utf8(m.group(3))));
        }
        return headers;
    }

    /**
     * One record per element: {@code topic}, the element's key (UTF-8; null: no key), its value and, if given,
     * its headers.
     */
    static final class KeyedRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final SerializableFunction<T, String> key;
        private final SerializationSchema<T> value;
        private final SerializableFunction<T, List<Header>> headers;

        KeyedRecordSerializer(String topic, SerializableFunction<T, String> key, SerializationSchema<T> value,
                SerializableFunction<T, List<Header>> headers) {
            this.topic = topic;
            this.key = key;
            this.value = value;
            this.headers = headers;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
                throws Exception {
            value.open(context);
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            byte[] k = utf8(key.apply(element));
            byte[] v = value.serialize(element);
            return headers == null
                    ? new ProducerRecord<>(topic, k, v)
                    : new ProducerRecord<>(topic, null, null, k, v, headers.apply(element));
        }
    }
}
