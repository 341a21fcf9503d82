package io.ticketpulse.io.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the dashboard of a {@link DashboardView} on the JDK's HTTP server, on the loopback interface only:
 *
 * <ul>
 *   <li>{@code GET /}: the page ({@code dashboard/index.html}, {@code dashboard.js}, {@code dashboard.css} from the
 *       class path);
 *   <li>{@code GET /webjars/echarts/echarts.min.js}: Apache ECharts from its webjar ({@value #ECHARTS_VERSION}),
 *       no CDN;
 *   <li>{@code GET /api/snapshot}: the current {@link DashboardSnapshot} as JSON;
 *   <li>{@code GET /events}: server-sent events, an {@code event: snapshot} with the snapshot's JSON at once and
 *       after every change (checked every publish interval), and a comment line every 15 s to keep the
 *       connection open.
 * </ul>
 *
 * Anything else is 404, another method 405. The page keeps the last snapshot it received when the server goes
 * away.
 */
public final class DashboardServer implements AutoCloseable {

    /** The ECharts webjar's version (org.webjars.npm:echarts in the pom). */
    public static final String ECHARTS_VERSION = "5.3.1";

    static final String ECHARTS_RESOURCE =
            "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";

    private static final long HEARTBEAT_MS = 15_000;

    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"dashboard/index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"dashboard/index.html", "text/html; charset=utf-8"},
            "/dashboard.js", new String[] {"dashboard/dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard.css", new String[] {"dashboard/dashboard.css", "text/css; charset=utf-8"},
            "/webjars/echarts/echarts.min.js", new String[] {ECHARTS_RESOURCE, "text/javascript; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService publisher;
    private final DashboardView view;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private volatile String latest;
    private long publishedVersion = -1;
    private volatile boolean closed;

    private DashboardServer(HttpServer server, DashboardView view, Clock clock, Duration publishInterval) {
        this.server = server;
        this.view = view;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.handlers = Executors.newCachedThreadPool(r -> daemon(r, "dashboard-http-" + n.incrementAndGet()));
        this.publisher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dashboard-publisher"));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        publish();
        long ms = publishInterval.toMillis();
        publisher.scheduleWithFixedDelay(this::publish, ms, ms, TimeUnit.MILLISECONDS);
        server.start();
    }

    /**
     * Starts serving {@code view} on 127.0.0.1 at {@code port} (0: any free port).
     *
     * @param publishInterval how often changes are looked for and pushed to the open pages
     * @throws IOException when the port cannot be bound
     */
    public static DashboardServer start(int port, DashboardView view, Clock clock, Duration publishInterval)
            throws IOException {
        if (publishInterval.isNegative() || publishInterval.isZero()) {
            throw new IllegalArgumentException("publish interval must be positive: " + publishInterval);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return new DashboardServer(server, view, clock, publishInterval);
    }

    /** The page's address, {@code http://127.0.0.1:PORT/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Pushes the current snapshot now if it changed (also done every publish interval). */
    public synchronized void publish() {
        if (closed) {
            return;
        }
        try {
            long now = clock.millis();
            view.sample(now);
            long v = view.version();
            if (v == publishedVersion && latest != null) {
                return;
            }
            publishedVersion = v;
            latest = json.writeValueAsString(view.snapshot(now));
            for (Subscriber s : subscribers) {
                s.offer(latest);
            }
        } catch (IOException | RuntimeException e) {
            // keep publishing: a scheduled task that throws is never run again
            System.err.println("dashboard: cannot publish a snapshot: " + e);
        }
    }

    /** Stops serving: open pages keep what they show. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        publisher.shutdownNow();
        subscribers.forEach(Subscriber::close);
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/snapshot")) {
                send(exchange, 200, "application/json; charset=utf-8", latest.getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/events")) {
                stream(exchange);
            } else if (STATIC.containsKey(path)) {
                String[] resource = STATIC.get(path);
                try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(resource[0])) {
                    if (in == null) {
                        send(exchange, 500, "text/plain; charset=utf-8",
                                ("missing resource " + resource[0]).getBytes(StandardCharsets.UTF_8));
                    } else {
                        send(exchange, 200, resource[1], in.readAllBytes());
                    }
                }
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the browser went away
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Server-sent events until the page or the server goes away. */
    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        Subscriber subscriber = new Subscriber();
        subscribers.add(subscriber);
        subscriber.offer(latest);
        OutputStream out = exchange.getResponseBody();
        try {
            while (!closed) {
                String next = subscriber.take(HEARTBEAT_MS);
                String frame = next == null ? ": keep-alive\n\n" : "event: snapshot\ndata: " + next + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscribers.remove(subscriber);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One open page: holds only the newest snapshot not yet sent (older ones are superseded). */
    private static final class Subscriber {
        private String pending;
        private boolean closed;

        synchronized void offer(String snapshot) {
            pending = snapshot;
            notifyAll();
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        /** The next snapshot, or null after {@code timeoutMs} without one (or when closed). */
        synchronized String take(long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (pending == null && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            String s = pending;
            pending = null;
            return s;
        }
    }
}
