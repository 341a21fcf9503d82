package io.ticketpulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * A local stand-in for PagerDuty's Events API v2 ({@code POST /v2/enqueue}) on a free loopback port. Each
 * request is checked against the rules PagerDuty documents for alert events (developer-docs, "Send an Alert
 * Event" and "Events API v2 Overview"): a JSON object of at most 512 KB; {@code routing_key} a string of 32
 * characters; {@code event_action} {@code trigger}, {@code acknowledge} or {@code resolve}; {@code dedup_key} at
 * most 255 characters, required to acknowledge or resolve; for a trigger a {@code payload} with {@code summary}
 * (1 to 1024 characters), {@code source} (not empty) and {@code severity} ({@code critical}, {@code error},
 * {@code warning}, {@code info}), an optional ISO 8601 {@code timestamp}, optional string {@code component},
 * {@code group}, {@code class} and an object {@code custom_details}; no other fields (stricter than PagerDuty,
 * which ignores unknown ones). Answers as PagerDuty does: 202 with {@code status: success} and the
 * {@code dedup_key}, 400 {@code invalid event} with the errors; on request 429 (throttled) or 500.
 *
 * <p>It also keeps PagerDuty's alert state: a trigger opens an alert for its {@code dedup_key} unless one is open
 * (then it is appended to it: no new page), a resolve closes it (a resolve of no open alert is dropped), so a test
 * can count the pages.
 */
public final class FakePagerDuty implements AutoCloseable {

    /** One request: the status answered, the parsed body (null if not JSON) and what was wrong with it. */
    public record Received(int status, JsonNode event, List<String> errors) {}

    private static final int MAX_BYTES = 512 * 1024;
    private static final Set<String> TOP_LEVEL = Set.of(
            "routing_key", "event_action", "dedup_key", "payload", "images", "links", "client", "client_url");
    private static final Set<String> PAYLOAD = Set.of(
            "summary", "source", "severity", "timestamp", "component", "group", "class", "custom_details");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    /** PagerDuty's own example timestamp style, {@code 2015-07-17T08:42:58.315+0000}. */
    private static final DateTimeFormatter BASIC_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Integer> open = new HashMap<>();
    private final Map<String, Integer> pages = new HashMap<>();
    private int throttleNext;
    private int failNext;
    private Predicate<String> refuse = key -> false;

    public FakePagerDuty() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/enqueue", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The enqueue URL, {@code http://127.0.0.1:PORT/v2/enqueue}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue");
    }

    /** Answers the next {@code n} requests 429 (before checking them). */
    public synchronized FakePagerDuty throttleNext(int n) {
        throttleNext = n;
        return this;
    }

    /** Answers the next {@code n} requests 500 (after any throttled ones). */
    public synchronized FakePagerDuty failNext(int n) {
        failNext = n;
        return this;
    }

    /** Refuses (400) valid events whose dedup_key matches. */
    public synchronized FakePagerDuty refuse(Predicate<String> dedupKey) {
        refuse = dedupKey;
        return this;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests answered 202, in order of arrival. */
    public synchronized List<JsonNode> accepted() {
        return received.stream().filter(r -> r.status() == 202).map(Received::event).toList();
    }

    /** dedup_keys with an open alert now. */
    public synchronized Set<String> openAlerts() {
        return Set.copyOf(open.keySet());
    }

    /** How many alerts (pages) each dedup_key opened. */
    public synchronized Map<String, Integer> pages() {
        return Map.copyOf(pages);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BYTES + 1);
            }
            ObjectNode answer = mapper.createObjectNode();
            int status;
            JsonNode event = null;
            List<String> errors = new ArrayList<>();
            synchronized (this) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    errors.add("method " + exchange.getRequestMethod() + " is not POST");
                }
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type == null || !type.startsWith("application/json")) {
                    errors.add("Content-Type " + type + " is not application/json");
                }
                if (body.length > MAX_BYTES) {
                    errors.add("payload larger than 512 KB");
                } else {
                    try {
                        event = mapper.readTree(new String(body, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        errors.add("not JSON: " + e.getMessage());
                    }
                }
                if (event != null) {
                    errors.addAll(violations(event));
                }
                if (throttleNext > 0) {
                    throttleNext--;
                    status = 429;
                    answer.put("status", "throttle event");
                    answer.put("message", "Requests for this service are arriving too quickly. Please retry later.");
                } else if (failNext > 0) {
                    failNext--;
                    status = 500;
                    answer.put("status", "error");
                    answer.put("message", "Internal server error");
                } else if (!errors.isEmpty() || refuse.test(event.path("dedup_key").asText(""))) {
                    if (errors.isEmpty()) {
                        errors.add("refused by the test");
                    }
                    status = 400;
                    answer.put("status", "invalid event");
                    answer.put("message", "Event object is invalid");
                    errors.forEach(answer.putArray("errors")::add);
                } else {
                    status = 202;
                    String key = apply(event);
                    answer.put("status", "success");
                    answer.put("message", "Event processed");
                    answer.put("dedup_key", key);
                }
                received.add(new Received(status, event, List.copyOf(errors)));
            }
            byte[] out = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }

    /** PagerDuty's alert state after an accepted event; returns its dedup_key. */
    private String apply(JsonNode event) {
        String action = event.get("event_action").asText();
        String key = event.hasNonNull("dedup_key")
                ? event.get("dedup_key").asText()
                : java.util.UUID.randomUUID().toString();
        switch (action) {
            case "trigger" -> {
                if (open.putIfAbsent(key, 1) == null) {
                    pages.merge(key, 1, Integer::sum);
                }
            }
            case "resolve" -> open.remove(key);
            default -> { }
        }
        return key;
    }

    /** What is wrong with an event, by the Events API v2 rules; empty when nothing is. */
    public static List<String> violations(JsonNode e) {
        List<String> errors = new ArrayList<>();
        if (!e.isObject()) {
            return List.of("the event is not a JSON object");
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TOP_LEVEL.contains(f)) {
                errors.add("unknown field '" + f + "'");
            }
        }
        JsonNode key = e.get("routing_key");
        if (key == null || !key.isTextual() || key.asText().length() != 32) {
            errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
        }
        JsonNode action = e.get("event_action");
        if (action == null || !action.isTextual() || !ACTIONS.contains(action.asText())) {
            errors.add("'event_action' is missing or invalid");
            return errors;
        }
        JsonNode dedup = e.get("dedup_key");
        if (dedup != null && (!dedup.isTextual() || dedup.asText().isEmpty() || dedup.asText().length() > 255)) {
            errors.add("'dedup_key' must be a string of 1 to 255 characters");
        }
        if (!"trigger".equals(action.asText())) {
            if (dedup == null) {
                errors.add("'dedup_key' is required to " + action.asText());
            }
            return errors;
        }
        JsonNode p = e.get("payload");
        if (p == null || !p.isObject()) {
            errors.add("'payload' is missing or not an object");
            return errors;
        }
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!PAYLOAD.contains(f)) {
                errors.add("unknown field 'payload." + f + "'");
            }
        }
        JsonNode summary = p.get("summary");
        if (summary == null || !summary.isTextual() || summary.asText().isEmpty()
                || summary.asText().length() > 1024) {
            errors.add("'payload.summary' must be a string of 1 to 1024 characters");
        }
        JsonNode source = p.get("source");
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            errors.add("'payload.source' is missing");
        }
        JsonNode severity = p.get("severity");
        if (severity == null || !severity.isTextual() || !SEVERITIES.contains(severity.asText())) {
            errors.add("'payload.severity' must be one of critical, error, warning, info");
        }
        JsonNode timestamp = p.get("timestamp");
        if (timestamp != null && !isIso8601(timestamp)) {
            errors.add("'payload.timestamp' is not an ISO 8601 timestamp: " + timestamp);
        }
        for (String f : List.of("component", "group", "class")) {
            if (p.has(f) && !p.get(f).isTextual()) {
                errors.add("'payload." + f + "' must be a string");
            }
        }
        if (p.has("custom_details") && !p.get("custom_details").isObject()) {
            errors.add("'payload.custom_details' must be an object");
        }
        return errors;
    }

    private static boolean isIso8601(JsonNode t) {
        if (!t.isTextual()) {
            return false;
        }
        try {
            OffsetDateTime.parse(t.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            try {
                OffsetDateTime.parse(t.asText(), BASIC_OFFSET);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
