package io.ticketpulse.io;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka source of ticket events: every record of the events topic as a {@link RawRecord} (raw bytes, origin
 * {@code topic/partition@offset}; see {@link KafkaRawRecordDeserializer}).
 *
 * <ul>
 *   <li>{@code isolation.level=read_committed}, set explicitly (KafkaSource does not): records of aborted
 *       producer transactions are never read.
 *   <li>Starts at the consumer group's committed offsets, else at the earliest offset; on a restore from a
 *       checkpoint or savepoint, at the offsets in it. Offsets are committed to the group on each completed
 *       checkpoint (for monitoring lag; recovery uses the checkpoint's offsets).
 *   <li>Bounded ({@code --kafka-bounded}): stops at the latest offsets of the partitions when the job starts,
 *       so a replay of the topic ends and its final watermark fires every window. A second bounded run with
 *       the same group id starts where the first stopped: use a fresh group id to replay the whole history.
 * </ul>
 */
public final class KafkaEventsSource {

    private KafkaEventsSource() {}

    public static KafkaSource<RawRecord> of(
            KafkaClientSettings client, String topic, String groupId, boolean bounded) {
        var builder = KafkaSource.<RawRecord>builder()
                .setProperties(client.toProperties())
                .setBootstrapServers(client.bootstrapServers())
                .setTopics(topic)
                .setGroupId(groupId)
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaRawRecordDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * A bounded range of the events topic, for {@code what-if}: from the first record with a Kafka timestamp at
     * or after {@code fromMs} (null: the earliest offset) up to, not including, the first record with a timestamp
     * at or after {@code untilMs} (null: the latest offsets when the job starts, as {@code --kafka-bounded}), per
     * partition; {@code read_committed}. Independent of any consumer group's offsets (none are committed).
     */
    public static KafkaSource<RawRecord> range(KafkaClientSettings client, String topic, Long fromMs, Long untilMs) {
        return KafkaSource.<RawRecord>builder()
                .setProperties(client.toProperties())
                .setBootstrapServers(client.bootstrapServers())
                .setTopics(topic)
                .setGroupId("ticketpulse-what-if")
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(fromMs == null ? OffsetsInitializer.earliest() : OffsetsInitializer.timestamp(fromMs))
                .setBounded(untilMs == null ? OffsetsInitializer.latest() : OffsetsInitializer.timestamp(untilMs))
                .setDeserializer(new KafkaRawRecordDeserializer())
                .build();
    }
}
