package io.ticketpulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Collects the notifications an Alertmanager webhook receiver gets (its JSON bodies), on a loopback port. */
public final class WebhookReceiver implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<JsonNode> notifications = new ArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/alerts", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                JsonNode body = mapper.readTree(in);
                synchronized (this) {
                    notifications.add(body);
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    }

    /** Every alert of every notification so far ({@code alerts[]} with {@code status}, {@code labels}, ...). */
    public synchronized List<JsonNode> alerts() {
        List<JsonNode> all = new ArrayList<>();
        notifications.forEach(n -> n.path("alerts").forEach(all::add));
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
