package io.ticketpulse.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The Kafka source of runtime SLA policy records ({@code --policy-topic}): every record a complete policy file,
 * its timestamp the record's own time. Always read from the earliest offset on a fresh start (every version is
 * needed to know the one in force; on a restore, from the checkpoint's offsets), {@code read_committed}; bounded
 * with the events for {@code --kafka-bounded}. Never throws on content: the pipeline validates each record.
 */
public final class KafkaPolicySource {

    private KafkaPolicySource() {}

    public static KafkaSource<PolicyRecord> of(KafkaClientSettings client, String topic, String groupId,
            boolean bounded) {
        var builder = KafkaSource.<PolicyRecord>builder()
                .setProperties(client.toProperties())
                .setBootstrapServers(client.bootstrapServers())
                .setTopics(topic)
                .setGroupId(groupId)
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Deserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Value bytes as they are (empty for a tombstone), origin {@code topic/partition@offset}, record timestamp. */
    static final class Deserializer implements KafkaRecordDeserializationSchema<PolicyRecord> {

        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PolicyRecord> out) {
            byte[] value = record.value() == null ? "".getBytes(StandardCharsets.UTF_8) : record.value();
            out.collect(new PolicyRecord(value,
                    KafkaRawRecordDeserializer.origin(record.topic(), record.partition(), record.offset()),
                    record.timestamp()));
        }

        @Override
        public TypeInformation<PolicyRecord> getProducedType() {
            return TypeInformation.of(PolicyRecord.class);
        }
    }
}
