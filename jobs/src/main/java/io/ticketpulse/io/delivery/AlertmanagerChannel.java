package io.ticketpulse.io.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketpulse.domain.delivery.AlertmanagerAlert;
import io.ticketpulse.domain.delivery.AlertmanagerEntry;
import io.ticketpulse.domain.delivery.AlertmanagerLedger;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.Timestamps;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's {@code POST /api/v2/alerts}: changed alerts at once, in batches, and every firing alert again
 * each re-send interval (without {@code endsAt}, so Alertmanager resolves an alert no longer re-sent after its
 * {@code resolve_timeout}); ends with {@code endsAt}. 2xx: delivered; 400: Alertmanager refused some alerts as
 * invalid and took the rest (rejected, not retried); anything else or no answer: retried.
 */
final class AlertmanagerChannel implements DeliveryChannel<AlertmanagerEntry> {

    private final URI alertsUri;
    private final long resendMs;
    private final int batchSize;
    private final int capacity;
    private final ObjectMapper mapper = new ObjectMapper();
    private AlertmanagerLedger ledger;
    private long lastResendMs = Long.MIN_VALUE;

    AlertmanagerChannel(URI alertsUri, long resendMs, int batchSize, int capacity) {
        this.alertsUri = alertsUri;
        this.resendMs = resendMs;
        this.batchSize = batchSize;
        this.capacity = capacity;
        this.ledger = new AlertmanagerLedger(capacity);
    }

    @Override
    public String receiver() {
        return "Alertmanager";
    }

    @Override
    public void restore(Iterable<AlertmanagerEntry> snapshot) {
        ledger = AlertmanagerLedger.restore(capacity, snapshot);
    }

    @Override
    public List<AlertmanagerEntry> snapshot() {
        return ledger.snapshot();
    }

    @Override
    public Applied apply(SlaAlert committed) {
        return switch (ledger.apply(committed)) {
            case TRACKED -> Applied.TRACKED;
            case DROPPED -> Applied.DROPPED;
            case IGNORED -> Applied.IGNORED;
        };
    }

    @Override
    public Request next(long nowMs) {
        if (ledger.firing() > 0 && resendDue(nowMs)) {
            ledger.markAllDirty();
            lastResendMs = nowMs;
        }
        AlertmanagerLedger.Batch batch = ledger.next(nowMs, batchSize);
        return batch == null ? null : new Request(batch, alertsUri, json(batch.alerts()), batch.size());
    }

    private boolean resendDue(long nowMs) {
        return lastResendMs == Long.MIN_VALUE || nowMs - lastResendMs >= resendMs;
    }

    @Override
    public long nextWakeUpMs(long nowMs) {
        if (ledger.firing() == 0) {
            return Long.MAX_VALUE;
        }
        return lastResendMs == Long.MIN_VALUE ? nowMs : lastResendMs + resendMs;
    }

    @Override
    public int pending() {
        return ledger.pending();
    }

    @Override
    public int tracked() {
        return ledger.size();
    }

    @Override
    public Outcome outcome(Request request, HttpResult result) {
        if (result.isSuccess()) {
            return Outcome.DELIVERED;
        }
        return result.status() == 400 ? Outcome.REJECTED : Outcome.FAILED;
    }

    @Override
    public void done(Request request) {
        ledger.delivered((AlertmanagerLedger.Batch) request.token());
    }

    /** The {@code postableAlerts} JSON array. */
    String json(List<AlertmanagerAlert> alerts) {
        ArrayNode array = mapper.createArrayNode();
        for (AlertmanagerAlert a : alerts) {
            ObjectNode n = array.addObject();
            ObjectNode labels = n.putObject("labels");
            for (Map.Entry<String, String> l : a.labels().entrySet()) {
                labels.put(l.getKey(), l.getValue());
            }
            ObjectNode annotations = n.putObject("annotations");
            for (Map.Entry<String, String> l : a.annotations().entrySet()) {
                annotations.put(l.getKey(), l.getValue());
            }
            n.put("startsAt", Timestamps.format(a.startsAtMs()));
            if (a.endsAtMs() != null) {
                n.put("endsAt", Timestamps.format(a.endsAtMs()));
            }
        }
        return array.toString();
    }
}
