package io.ticketpulse.testing;

import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a Kafka run's committed output ({@code read_committed}, from the beginning up to the last stable offset)
 * into a {@link JobOutput}, checking on the way that every KPI record is keyed by its upsert key and every alert by
 * its dedup_key.
 */
public final class CommittedTopics {

    private CommittedTopics() {}

    public static JobOutput read(Properties client, String kpis, String alerts, String deadLetters) {
        JobOutput out = new JobOutput();
        for (ConsumerRecord<byte[], byte[]> r : readAll(client, kpis)) {
            TicketKpi k = TicketKpiJson.fromJson(r.value());
            requireKey(r, k.upsertKey());
            out.kpis().add(k);
        }
        for (ConsumerRecord<byte[], byte[]> r : readAll(client, alerts)) {
            SlaAlert a = SlaAlertJson.fromJson(r.value());
            requireKey(r, a.dedupKey);
            out.alerts().add(a);
        }
        for (ConsumerRecord<byte[], byte[]> r : readAll(client, deadLetters)) {
            out.deadLetters().add(DeadLetterJson.fromJson(r.value()));
        }
        return out;
    }

    private static void requireKey(ConsumerRecord<byte[], byte[]> r, String expected) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if (!expected.equals(key)) {
            throw new AssertionError("record " + r.topic() + "/" + r.partition() + "@" + r.offset() + " is keyed "
                    + key + ", expected " + expected);
        }
    }

    /** Every committed record of {@code topic} up to its last stable offset. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(Properties client, String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // with read_committed, endOffsets is the last stable offset: everything before it is decided
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(r);
                }
            }
        }
        return records;
    }
}
