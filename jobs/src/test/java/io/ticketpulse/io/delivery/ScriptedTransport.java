package io.ticketpulse.io.delivery;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory {@link HttpTransport} for operator tests: records each posted body and answers from a script
 * (an {@link HttpResult} or an exception per request; 2xx when the script is empty), or holds the answers back
 * until the test completes them. Found through a static registry, so that its factory stays serializable.
 */
final class ScriptedTransport implements HttpTransport {

    private static final Map<String, ScriptedTransport> REGISTRY = new ConcurrentHashMap<>();

    final List<String> bodies = new ArrayList<>();
    final List<URI> uris = new ArrayList<>();
    final Deque<Object> script = new ArrayDeque<>();
    final List<CompletableFuture<HttpResult>> held = new ArrayList<>();
    boolean hold;
    int okStatus = 202;
    private final String id = UUID.randomUUID().toString();

    ScriptedTransport() {
        REGISTRY.put(id, this);
    }

    HttpTransport.Factory factory() {
        String key = id;
        return () -> REGISTRY.get(key);
    }

    ScriptedTransport then(int status) {
        script.add(new HttpResult(status, "", -1));
        return this;
    }

    ScriptedTransport then(HttpResult result) {
        script.add(result);
        return this;
    }

    ScriptedTransport thenFail(Throwable error) {
        script.add(error);
        return this;
    }

    @Override
    public synchronized CompletableFuture<HttpResult> post(URI uri, String json) {
        uris.add(uri);
        bodies.add(json);
        if (hold) {
            CompletableFuture<HttpResult> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }
        Object next = script.poll();
        if (next instanceof Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
        return CompletableFuture.completedFuture(next == null ? new HttpResult(okStatus, "", -1) : (HttpResult) next);
    }

    @Override
    public void close() {
        // the test reads the bodies after the operator closed
    }
}
