package io.ticketpulse.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns every Kafka record into a {@link RawRecord} without looking at its content: the value's bytes as they
 * are (an empty payload for a null value, a tombstone), the origin {@code topic/partition@offset} and the key
 * as UTF-8 text. It never throws, so a bad record cannot fail the source and be re-read forever after each
 * restart; the pipeline wraps the source in a {@link ParsingSource}, whose reader parses each record once and
 * dead-letters whatever is not a valid event (never throwing either).
 */
public final class KafkaRawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    private static final long serialVersionUID = 1L;

    private static final byte[] EMPTY = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        byte[] value = record.value() == null ? EMPTY : record.value();
        // decoding with replacement characters never throws
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        out.collect(new RawRecord(value, origin(record.topic(), record.partition(), record.offset()), key));
    }

    /** {@code topic/partition@offset}, the origin of a Kafka record in dead letters. */
    public static String origin(String topic, int partition, long offset) {
        return topic + '/' + partition + '@' + offset;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
