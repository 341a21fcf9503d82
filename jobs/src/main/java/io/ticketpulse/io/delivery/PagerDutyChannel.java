package io.ticketpulse.io.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketpulse.domain.delivery.PagerDutyEntry;
import io.ticketpulse.domain.delivery.PagerDutyEvent;
import io.ticketpulse.domain.delivery.PagerDutyLedger;
import io.ticketpulse.domain.delivery.PagerDutyMapping;
import io.ticketpulse.domain.delivery.RateWindow;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.Timestamps;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): one event per request, {@code trigger} and {@code resolve}
 * by {@code dedup_key}, at most {@code ratePerMinute} events a minute (PagerDuty allows about 120 per integration
 * key). As PagerDuty documents the answers: 202 accepted (delivered), 400 invalid (rejected, not retried), 429 too
 * many (retried after the throttle backoff), 5xx or no answer (retried after the failure backoff).
 */
final class PagerDutyChannel implements DeliveryChannel<PagerDutyEntry> {

    private final URI enqueueUri;
    private final String routingKey;
    private final int capacity;
    private final RateWindow rate;
    private final ObjectMapper mapper = new ObjectMapper();
    private PagerDutyLedger ledger;

    PagerDutyChannel(URI enqueueUri, String routingKey, int ratePerMinute, int capacity) {
        this.enqueueUri = enqueueUri;
        this.routingKey = routingKey;
        this.capacity = capacity;
        this.rate = new RateWindow(ratePerMinute, Duration.ofMinutes(1));
        this.ledger = new PagerDutyLedger(capacity);
    }

    @Override
    public String receiver() {
        return "PagerDuty";
    }

    @Override
    public void restore(Iterable<PagerDutyEntry> snapshot) {
        ledger = PagerDutyLedger.restore(capacity, snapshot);
    }

    @Override
    public List<PagerDutyEntry> snapshot() {
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
        if (rate.nextAllowedMs(nowMs) > nowMs) {
            return null;
        }
        PagerDutyEvent event = ledger.next();
        if (event == null) {
            return null;
        }
        ledger.sending(event);
        rate.record(nowMs);
        return new Request(event, enqueueUri, json(event), 1);
    }

    @Override
    public long nextWakeUpMs(long nowMs) {
        return ledger.pending() == 0 ? Long.MAX_VALUE : rate.nextAllowedMs(nowMs);
    }

    @Override
    public int pending() {
        return ledger.pending();
    }

    @Override
    public int tracked() {
        return ledger.size();
    }

    /** Alerts resolved before their trigger went out, never sent. */
    long coalesced() {
        return ledger.coalesced();
    }

    @Override
    public Outcome outcome(Request request, HttpResult result) {
        if (result.isSuccess()) {
            return Outcome.DELIVERED;
        }
        return switch (result.status()) {
            case 400 -> Outcome.REJECTED;
            case 429 -> Outcome.THROTTLED;
            default -> Outcome.FAILED;
        };
    }

    @Override
    public void done(Request request) {
        ledger.done((PagerDutyEvent) request.token());
    }

    /** The event as Events API v2 JSON, routing key included (so never logged). */
    String json(PagerDutyEvent event) {
        SlaAlert a = event.alert();
        ObjectNode n = mapper.createObjectNode();
        n.put("routing_key", routingKey);
        n.put("event_action", event.action());
        n.put("dedup_key", PagerDutyMapping.dedupKey(a.dedupKey));
        if (event.isTrigger()) {
            ObjectNode p = n.putObject("payload");
            p.put("summary", PagerDutyMapping.summary(a.summary));
            p.put("source", PagerDutyMapping.SOURCE);
            p.put("severity", PagerDutyMapping.severity(a.severity));
            p.put("timestamp", Timestamps.format(a.changedAtMs));
            putIfPresent(p, "component", a.channel);
            putIfPresent(p, "group", a.team);
            putIfPresent(p, "class", a.slaMetric);
            ObjectNode d = p.putObject("custom_details");
            putIfPresent(d, "ticket_id", a.ticketId);
            putIfPresent(d, "priority", a.priority);
            d.put("policy", a.policyId + '@' + a.policyVersion);
            d.put("kind", a.kind);
            d.put("tier", a.severity);
            if (Double.isFinite(a.overrunPct)) {
                d.put("overrun_pct", Math.round(a.overrunPct * 10) / 10.0);
            }
            if (a.deadlineAtMs != null) {
                d.put("deadline_at", Timestamps.format(a.deadlineAtMs));
            }
            n.put("client", "TicketPulse");
        }
        return n.toString();
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(field, value);
        }
    }
}
