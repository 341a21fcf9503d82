package io.ticketpulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}; another binary through
 * {@code ALERTMANAGER_BIN}) as a child process on a loopback port, with its own configuration and storage under
 * a folder of the test, clustering off. Routes every alert to one webhook with {@code send_resolved}, grouped by
 * {@code dedup_key}, waiting 1 s. A missing binary fails the test (never skips it): {@code .ci/run} installs it.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    public static final String DEFAULT_BINARY = "/usr/bin/prometheus-alertmanager";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int port;
    private final URI webhook;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /** Prepares (does not start) an Alertmanager on {@code port} in {@code dir}, notifying {@code webhook}. */
    public AlertmanagerProcess(Path dir, int port, URI webhook) {
        this.dir = dir;
        this.port = port;
        this.webhook = webhook;
    }

    /** A free loopback port (free when asked; the Alertmanager takes it later). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The binary: {@code ALERTMANAGER_BIN} or {@link #DEFAULT_BINARY}; fails the test when it is not there. */
    public static Path binary() {
        String configured = System.getenv("ALERTMANAGER_BIN");
        Path bin = Path.of(configured == null || configured.isBlank() ? DEFAULT_BINARY : configured);
        if (!Files.isExecutable(bin)) {
            throw new AssertionError("no Alertmanager binary at " + bin + ": install Debian's prometheus-alertmanager"
                    + " (apt-get install -y prometheus-alertmanager; .ci/run does) or set ALERTMANAGER_BIN");
        }
        return bin;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts it and waits until {@code /-/ready} answers 200 (at most 30 s). */
    public AlertmanagerProcess start() throws IOException, InterruptedException {
        Path bin = binary();
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: test-webhook
                  group_by: ['dedup_key']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: test-webhook
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                """.formatted(webhook));
        List<String> command = new ArrayList<>(List.of(bin.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=info"));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        try {
            Awaitility.await("Alertmanager ready (GET /-/ready: 200)").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ": "
                                    + Files.readString(dir.resolve("alertmanager.log")));
                        }
                        return client.send(HttpRequest.newBuilder(url().resolve("/-/ready")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException notReady) {
            throw new IllegalStateException("Alertmanager not ready within 30 s: "
                    + Files.readString(dir.resolve("alertmanager.log")), notReady);
        }
        return this;
    }

    /** {@code GET /api/v2/alerts} (active alerts) filtered by one label matcher, e.g. {@code dedup_key="T-1/..."}. */
    public JsonNode alerts(String matcher) throws IOException, InterruptedException {
        URI uri = url().resolve("/api/v2/alerts?filter=" + URLEncoder.encode(matcher, StandardCharsets.UTF_8));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
