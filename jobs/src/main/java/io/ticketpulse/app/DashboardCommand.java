package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.io.KafkaClientSettings;
import io.ticketpulse.io.SlaPolicyException;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.io.dashboard.DashboardServer;
import io.ticketpulse.io.dashboard.DashboardView;
import io.ticketpulse.io.dashboard.KafkaDashboardFeed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ticketpulse dashboard}: the live web dashboard of the embedded run, on its own, fed from the job's Kafka
 * topics ({@link KafkaDashboardFeed}, {@code read_committed}): for a job running on a cluster (local-env). Runs
 * until stopped (Ctrl-C, SIGTERM).
 */
@Command(name = "dashboard", sortOptions = false, abbreviateSynopsis = true, showDefaultValues = true,
        usageHelpWidth = 120, headerHeading = "%n",
        header = "Serve the live web dashboard of a TicketPulse job running against Kafka, until stopped.",
        descriptionHeading = "%n",
        description = "Reads the KPI, alert and dead-letter topics from their beginning with read_committed consumers"
                + " (no consumer group: nothing is committed), so it shows what the job committed, with each"
                + " checkpoint. Events/s is the growth of the events topic. Precedence of a setting: command line >"
                + " environment (secrets) > --options-file > Flink configuration (ticketpulse.*) > default.")
final class DashboardCommand implements Callable<Integer> {

    @ParentCommand
    TicketPulseCli cli;

    @ArgGroup(validate = false, heading = "%nKafka connection:%n", order = 1)
    SharedOptions.KafkaConnection kafka = new SharedOptions.KafkaConnection();

    @ArgGroup(validate = false, heading = "%nTopics and dashboard:%n", order = 2)
    Settings settings = new Settings();

    @ArgGroup(validate = false, heading = "%nOptions file and help:%n", order = 3)
    CommonOptions common = new CommonOptions();

    static final class Settings {
        @Option(names = "--kpis-topic", paramLabel = "TOPIC", defaultValue = JobOptions.DEFAULT_KPIS_TOPIC,
                converter = CliConverters.Topic.class, description = "The job's ticket-kpi v1 topic.")
        String kpisTopic;

        @Option(names = "--alerts-topic", paramLabel = "TOPIC", defaultValue = JobOptions.DEFAULT_ALERTS_TOPIC,
                converter = CliConverters.Topic.class, description = "The job's committed SLA alerts topic.")
        String alertsTopic;

        @Option(names = "--dlq-topic", paramLabel = "TOPIC", defaultValue = JobOptions.DEFAULT_DLQ_TOPIC,
                converter = CliConverters.Topic.class, description = "The job's dead-letter topic.")
        String dlqTopic;

        @Option(names = "--dashboard-port", paramLabel = "PORT", defaultValue = "0",
                converter = CliConverters.Port.class,
                description = "Serve the dashboard on http://127.0.0.1:PORT/ (0: any free port; the URL is printed).")
        int port;

        @Option(names = "--policy-file", paramLabel = "PATH", converter = CliConverters.AnyPath.class,
                description = "The job's SLA policies, for the targets of the current window. Default: the shipped"
                        + " default-policies.yaml.")
        Path policyFile;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (kafka.bootstrapServers == null) {
            throw new OptionException("--kafka-bootstrap-servers: is required (where the job's topics are)");
        }
        SlaPolicySet policies;
        try {
            policies = settings.policyFile == null
                    ? SlaPolicyFiles.loadDefault() : SlaPolicyFiles.load(settings.policyFile);
        } catch (SlaPolicyException e) {
            throw new OptionException("--policy-file: " + e.getMessage());
        }
        KafkaClientSettings client = new KafkaClientSettings(kafka.bootstrapServers, kafka.clientProperties());
        KafkaDashboardFeed.Topics topics = new KafkaDashboardFeed.Topics(
                kafka.eventsTopic, settings.kpisTopic, settings.alertsTopic, settings.dlqTopic);
        DashboardView view = new DashboardView(policies, EmbeddedDashboard.MAX_POINTS);
        view.describeSource("Kafka " + kafka.bootstrapServers + ": " + topics.kpis() + ", " + topics.alerts() + ", "
                + topics.deadLetters() + " (read_committed)");
        DashboardServer server;
        try {
            server = DashboardServer.start(settings.port, view, Clock.systemUTC(), EmbeddedDashboard.PUBLISH_INTERVAL);
        } catch (IOException e) {
            throw new OptionException("--dashboard-port: cannot serve the dashboard on 127.0.0.1:" + settings.port
                    + ": " + e.getMessage());
        }
        KafkaDashboardFeed feed = KafkaDashboardFeed.start(client, topics, view);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop(feed, server);
            stopped.countDown();
        }, "dashboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        cli.out().println("Dashboard: " + server.url() + " (Kafka " + kafka.bootstrapServers + ", topics "
                + topics.kpis() + ", " + topics.alerts() + ", " + topics.deadLetters() + ", " + topics.events()
                + "; Ctrl-C to stop)");
        cli.out().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stop(feed, server);
            Thread.currentThread().interrupt();
        }
        return TicketPulseCli.EXIT_OK;
    }

    private static void stop(KafkaDashboardFeed feed, DashboardServer server) {
        try {
            feed.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
