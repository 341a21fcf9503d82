package io.ticketpulse.app;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.io.dashboard.DashboardFeeds;
import io.ticketpulse.io.dashboard.DashboardServer;
import io.ticketpulse.io.dashboard.DashboardSink;
import io.ticketpulse.io.dashboard.DashboardView;
import io.ticketpulse.pipeline.PipelineSinks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The live dashboard of an embedded run: a {@link DashboardView} fed by the pipeline's dashboard sinks (same JVM,
 * via {@link DashboardFeeds}) and served by a {@link DashboardServer}. After a bounded run it is marked finished
 * and stays up for the linger ({@code --dashboard-linger}), then stops.
 */
final class EmbeddedDashboard implements AutoCloseable {

    /** Windows kept per chart series: 12 hours of 1-minute slides. */
    static final int MAX_POINTS = 720;
    /** How often changes are pushed to the open pages. */
    static final Duration PUBLISH_INTERVAL = Duration.ofMillis(500);

    private final DashboardView view;
    private final DashboardServer server;
    private final String id;

    private EmbeddedDashboard(DashboardView view, DashboardServer server, String id) {
        this.view = view;
        this.server = server;
        this.id = id;
    }

    /** Starts the dashboard on {@code port} (0: any free). */
    static EmbeddedDashboard start(int port, SlaPolicySet policies, String source, Clock clock) throws IOException {
        DashboardView view = new DashboardView(policies, MAX_POINTS);
        view.describeSource(source);
        String id = DashboardFeeds.register(view);
        try {
            return new EmbeddedDashboard(view, DashboardServer.start(port, view, clock, PUBLISH_INTERVAL), id);
        } catch (IOException | RuntimeException e) {
            DashboardFeeds.unregister(id);
            throw e;
        }
    }

    /** {@code sinks} feeding this dashboard as well. */
    PipelineSinks feed(PipelineSinks sinks) {
        return sinks.withDashboard(DashboardSink.sinks(id));
    }

    String url() {
        return server.url().toString();
    }

    /**
     * The run ended: the page says so (after the last update is pushed) and stays up for {@code linger}, or until
     * a line (Enter) is read from {@code stdin} when it is not null.
     */
    void finish(Duration linger, PrintStream out, InputStream stdin) {
        view.finish();
        server.publish();
        if (linger.isZero() || linger.isNegative()) {
            return;
        }
        out.println("Dashboard still at " + url() + " for " + TicketPulseJob.human(linger)
                + (stdin == null ? "" : " (press Enter to quit sooner)") + '.');
        out.flush();
        CountDownLatch enter = new CountDownLatch(1);
        if (stdin != null) {
            Thread reader = new Thread(() -> {
                try {
                    new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    // no input: wait for the linger
                }
                enter.countDown();
            }, "dashboard-linger-stdin");
            reader.setDaemon(true);
            reader.start();
        }
        try {
            enter.await(linger.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.close();
        DashboardFeeds.unregister(id);
    }
}
