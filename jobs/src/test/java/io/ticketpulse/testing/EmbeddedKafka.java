package io.ticketpulse.testing;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker in the test's JVM ({@code KafkaClusterTestKit} of {@code kafka-test-common-runtime}, pinned
 * in the pom: an internal Kafka API), one per test class: combined mode, one broker and one controller, internal
 * topics with one replica and one partition, no rebalance delay, and no topic auto-creation (a test creates its
 * topics, fresh names per test). Register it as
 * {@code @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();} (started before the class's
 * {@code @BeforeAll} methods, closed after its {@code @AfterAll} methods), or {@link #start()} and {@link #close()}
 * it by hand where something must happen before the broker starts.
 */
public final class EmbeddedKafka implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private KafkaClusterTestKit kafka;

    /** Formats and starts the broker; returns once it is ready. */
    public EmbeddedKafka start() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    public String bootstrapServers() {
        if (kafka == null) {
            throw new IllegalStateException("the embedded Kafka broker is not running");
        }
        return kafka.bootstrapServers();
    }

    /** Client properties with only {@code bootstrap.servers}. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    /** Creates the topics and waits until the broker has created them all. */
    public void createTopics(NewTopic... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(topics)).all().get();
        }
    }

    /** A producer of string keys and byte values with {@code acks=all}; the caller closes it. */
    public KafkaProducer<String, byte[]> producer() {
        Properties p = clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Every record of {@code topic} visible to a {@code read_committed} consumer, from the beginning to the end. */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return CommittedTopics.readAll(clientProperties(), topic);
    }
}
