package io.ticketpulse.importer;

import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces imported events to the events topic as the job reads them: value = the {@code ticket-event} v1 JSON
 * (UTF-8), key = the ticket id (UTF-8), so that a ticket's events stay in one partition, in order. Idempotent,
 * {@code acks=all}; {@link #finish()} flushes and fails if any record was not acknowledged.
 */
public final class KafkaEventsProducer implements EventSink {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String description;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    /**
     * @param bootstrapServers the brokers
     * @param topic the events topic (must exist: the job's topics are created by the operator, never auto-created)
     * @param clientProperties extra client properties (security.protocol, sasl.*, ...; values may be secrets)
     * @param description how to show the target in messages (no secrets)
     */
    public KafkaEventsProducer(String bootstrapServers, String topic, Map<String, String> clientProperties,
            String description) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ticketpulse-import");
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
        this.description = description;
    }

    @Override
    public void send(TicketEvent event) throws IOException {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IOException("producing to " + topic + " failed: " + failed.getMessage(), failed);
        }
        producer.send(new ProducerRecord<>(topic, event.ticketId.getBytes(StandardCharsets.UTF_8),
                TicketEventJson.toJson(event)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
        sent++;
    }

    @Override
    public long finish() throws IOException {
        producer.flush();
        Exception failed = failure.get();
        if (failed != null) {
            throw new IOException("producing to " + topic + " failed: " + failed.getMessage(), failed);
        }
        if (acknowledged.get() != sent) {
            throw new IOException("producing to " + topic + ": " + acknowledged.get() + " of " + sent
                    + " records acknowledged");
        }
        return acknowledged.get();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
