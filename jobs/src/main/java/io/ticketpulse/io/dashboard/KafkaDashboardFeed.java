package io.ticketpulse.io.dashboard;

import io.ticketpulse.io.KafkaClientSettings;
import io.ticketpulse.io.KafkaSinks;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpiJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Feeds a {@link DashboardView} from the job's Kafka topics, for {@code ticketpulse dashboard}: a
 * {@code read_committed} consumer without a group reads the KPI, alert and dead-letter topics from their beginning
 * (every partition, assigned as soon as the topic exists), so the page shows what the job committed; KPI rows are
 * settled at once (a committed row's window is complete as far as that row goes). Events per second come from the
 * growth of the events topic's end offsets, measured once a second (records produced to it, not read by the job);
 * the total is its end offsets (every record ever produced).
 * A record that cannot be parsed is counted in the view as {@code UNREADABLE_<role>} beside the dead letters,
 * never dropped silently. Runs on its own thread until {@link #close}.
 */
public final class KafkaDashboardFeed implements AutoCloseable {

    /** The topics read. */
    public record Topics(String events, String kpis, String alerts, String deadLetters) {}

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final DashboardView view;
    private final Thread thread;
    private final Set<String> assignedTopics = new HashSet<>();
    private final List<TopicPartition> eventPartitions = new ArrayList<>();
    private long lastEventsEnd = -1;
    private volatile boolean running = true;

    private KafkaDashboardFeed(KafkaConsumer<byte[], byte[]> consumer, Topics topics, DashboardView view) {
        this.consumer = consumer;
        this.topics = topics;
        this.view = view;
        this.thread = new Thread(this::run, "dashboard-kafka-feed");
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code topics} into {@code view}. */
    public static KafkaDashboardFeed start(KafkaClientSettings client, Topics topics, DashboardView view) {
        KafkaDashboardFeed feed = new KafkaDashboardFeed(new KafkaConsumer<>(consumerProperties(client),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()), topics, view);
        feed.thread.start();
        return feed;
    }

    static Properties consumerProperties(KafkaClientSettings client) {
        Properties p = client.toProperties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, client.bootstrapServers());
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "ticketpulse-dashboard");
        return p;
    }

    private void run() {
        long nextCheck = 0;
        String lastProblem = null;
        try {
            while (running) {
                try {
                    long now = System.currentTimeMillis();
                    if (now >= nextCheck) {
                        assignNewTopics();
                        countEvents();
                        nextCheck = now + 1_000;
                    }
                    if (assignedTopics.isEmpty()) {
                        Thread.sleep(POLL.toMillis());
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        offer(r);
                    }
                    lastProblem = null;
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // Kafka not reachable (yet), a topic being created...: the page stays up, the feed tries again
                    if (!String.valueOf(e).equals(lastProblem)) {
                        System.err.println("dashboard: reading Kafka: " + e + " (trying again every second)");
                        lastProblem = String.valueOf(e);
                    }
                    nextCheck = 0;
                    Thread.sleep(1_000);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            System.err.println("dashboard: reading Kafka failed: " + e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Assigns the partitions of the topics that exist now (from their beginning); the others are tried again. */
    private void assignNewTopics() {
        boolean changed = false;
        for (String topic : List.of(topics.kpis(), topics.alerts(), topics.deadLetters())) {
            if (assignedTopics.contains(topic)) {
                continue;
            }
            List<PartitionInfo> partitions = partitions(topic);
            if (!partitions.isEmpty()) {
                assignedTopics.add(topic);
                changed = true;
            }
        }
        if (changed) {
            List<TopicPartition> all = new ArrayList<>();
            for (String topic : assignedTopics) {
                partitions(topic).forEach(p -> all.add(new TopicPartition(topic, p.partition())));
            }
            Set<TopicPartition> before = consumer.assignment();
            consumer.assign(all);
            List<TopicPartition> added = all.stream().filter(tp -> !before.contains(tp)).toList();
            consumer.seekToBeginning(added);
        }
        if (eventPartitions.isEmpty()) {
            partitions(topics.events()).forEach(p -> eventPartitions.add(new TopicPartition(topics.events(), p.partition())));
        }
    }

    private List<PartitionInfo> partitions(String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        return partitions == null ? List.of() : partitions;
    }

    /** Events produced to the events topic since the last check (its end offsets' growth). */
    private void countEvents() {
        if (eventPartitions.isEmpty()) {
            return;
        }
        long end = 0;
        for (Map.Entry<TopicPartition, Long> e : consumer.endOffsets(eventPartitions, Duration.ofSeconds(5)).entrySet()) {
            end += e.getValue();
        }
        if (lastEventsEnd < 0) {
            view.startEventsAt(end);
        } else if (end > lastEventsEnd) {
            view.addEvents(end - lastEventsEnd);
        }
        lastEventsEnd = end;
    }

    void offer(ConsumerRecord<byte[], byte[]> r) {
        offer(view, topics, r.topic(), r.value(), r.headers().lastHeader(KafkaSinks.HEADER_REASON_CODE));
    }

    /** One record of one of the topics into the view. */
    static void offer(DashboardView view, Topics topics, String topic, byte[] value, Header reasonCode) {
        if (topic.equals(topics.deadLetters())) {
            view.offerDeadLetter(reasonCode == null || reasonCode.value() == null
                    ? null : new String(reasonCode.value(), StandardCharsets.UTF_8));
            return;
        }
        if (value == null) {
            return; // a tombstone: nothing to show
        }
        try {
            if (topic.equals(topics.kpis())) {
                view.offerSettledKpi(TicketKpiJson.fromJson(value));
            } else if (topic.equals(topics.alerts())) {
                view.offerAlert(SlaAlertJson.fromJson(value));
            }
        } catch (RuntimeException e) {
            view.offerDeadLetter("UNREADABLE_" + (topic.equals(topics.kpis()) ? "KPI_ROW" : "ALERT"));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
