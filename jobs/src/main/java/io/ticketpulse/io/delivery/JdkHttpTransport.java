package io.ticketpulse.io.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link HttpTransport} on the JDK's {@link HttpClient} (HTTP/1.1, a connect and a request timeout, its own
 * daemon threads, shut down on {@link #close}).
 */
public final class JdkHttpTransport implements HttpTransport {

    /** Bodies longer than this are cut in {@link HttpResult#body()}: they only go to log lines. */
    static final int MAX_BODY_CHARS = 4096;

    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration requestTimeout;

    public JdkHttpTransport(Duration connectTimeout, Duration requestTimeout) {
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "ticketpulse-alert-delivery-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(daemons);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /** A factory with a 5 s connect and a 10 s request timeout. */
    public static Factory factory() {
        return () -> new JdkHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Override
    public CompletableFuture<HttpResult> post(URI uri, String json) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "TicketPulse")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(JdkHttpTransport::result);
    }

    private static HttpResult result(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        if (body.length() > MAX_BODY_CHARS) {
            body = body.substring(0, MAX_BODY_CHARS) + "...";
        }
        return new HttpResult(response.statusCode(), body,
                retryAfterMs(response.headers().firstValue("Retry-After").orElse(null)));
    }

    /** {@code Retry-After} in seconds (at most an hour) as milliseconds; -1 when absent or an HTTP date. */
    static long retryAfterMs(String header) {
        if (header == null || !header.trim().matches("[0-9]{1,9}")) {
            return -1;
        }
        return Math.min(Long.parseLong(header.trim()), 3600) * 1000;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
