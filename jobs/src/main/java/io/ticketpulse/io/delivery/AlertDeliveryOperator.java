package io.ticketpulse.io.delivery;

import io.ticketpulse.domain.delivery.Backoff;
import io.ticketpulse.schema.SlaAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the committed SLA alerts to one receiver ({@link AlertDelivery}) at parallelism 1, without ever
 * blocking the task: a record is held until the checkpoint after it completes (so only alerts that are also on
 * the committed alert output are delivered), then applied to the receiver's delivery state ({@link
 * DeliveryChannel}); requests go out one at a time on the HTTP client's threads and their answers come back
 * through the task's mailbox. Failures are retried with backoff; meanwhile further changes of an alert replace
 * the unsent ones. Checkpoints hold the delivery state and the records not yet committed, so a restore neither
 * loses a change nor sends one the receiver acknowledged again (changes of the last checkpoint interval may be
 * sent twice; both receivers deduplicate them). At the end of a bounded input it waits at most the drain timeout
 * for the last deliveries.
 */
public final class AlertDeliveryOperator<E> extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<SlaAlert, Void>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliveryOperator.class);
    /** At most one "still failing" log line per receiver this often. */
    private static final long FAILURE_LOG_INTERVAL_MS = 60_000;
    /** Smallest wait of a wake-up timer (no busy loop on a wake-up time that is already past). */
    private static final long MIN_WAKE_UP_DELAY_MS = 10;

    private final AlertDelivery<E> delivery;
    private final boolean commitOnCheckpoint;
    private final transient MailboxExecutor mailbox;

    private transient DeliveryChannel<E> channel;
    private transient HttpTransport transport;
    private transient ListState<PendingAlert> pendingState;
    private transient ListState<E> deliveryState;
    /** Records since the last checkpoint barrier. */
    private transient List<SlaAlert> uncommitted;
    /** Records of checkpoints taken but not yet known complete, by checkpoint id. */
    private transient TreeMap<Long, List<SlaAlert>> sealed;
    /** Records of the restored checkpoint: committed, applied in {@link #open}. */
    private transient List<SlaAlert> restoredCommitted;

    private transient DeliveryChannel.Request inFlight;
    private transient CompletableFuture<HttpResult> inFlightResult;
    private transient long blockedUntilMs;
    private transient int failuresInARow;
    private transient long lastFailureLogMs;
    private transient long wakeUpAtMs;
    private transient boolean finished;
    private transient boolean closed;

    private transient Counter committed;
    private transient Counter dropped;
    private transient Counter requests;
    private transient Counter delivered;
    private transient Counter failed;
    private transient Counter throttled;
    private transient Counter rejected;

    AlertDeliveryOperator(StreamOperatorParameters<Void> parameters, AlertDelivery<E> delivery,
            boolean commitOnCheckpoint) {
        super(parameters);
        this.delivery = delivery;
        this.commitOnCheckpoint = commitOnCheckpoint;
        this.mailbox = parameters.getMailboxExecutor();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        channel = delivery.createChannel();
        uncommitted = new ArrayList<>();
        sealed = new TreeMap<>();
        restoredCommitted = new ArrayList<>();
        wakeUpAtMs = Long.MAX_VALUE;
        pendingState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("uncommitted-alerts", TypeInformation.of(PendingAlert.class)));
        deliveryState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("delivery-state", TypeInformation.of(delivery.entryType())));
        if (context.isRestored()) {
            channel.restore(deliveryState.get());
            List<PendingAlert> pending = new ArrayList<>();
            pendingState.get().forEach(pending::add);
            // the checkpoint restored from completed: every record it held is committed (stable sort keeps order)
            pending.sort(Comparator.comparingLong(p -> p.checkpointId));
            pending.forEach(p -> restoredCommitted.add(p.alert));
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        var metrics = getMetricGroup().addGroup("ticketpulse");
        committed = metrics.counter("alertsCommitted");
        dropped = metrics.counter("alertsDropped");
        requests = metrics.counter("deliveryRequests");
        delivered = metrics.counter("deliveryDelivered");
        failed = metrics.counter("deliveryFailed");
        throttled = metrics.counter("deliveryThrottled");
        rejected = metrics.counter("deliveryRejected");
        metrics.gauge("alertsTracked", () -> channel.tracked());
        metrics.gauge("alertsPending", () -> channel.pending());
        transport = delivery.settings().transport().create();
        if (!restoredCommitted.isEmpty()) {
            LOG.info("{} delivery restored: {} alerts tracked, {} committed changes to apply", channel.receiver(),
                    channel.tracked(), restoredCommitted.size());
        }
        restoredCommitted.forEach(this::applyCommitted);
        restoredCommitted = List.of();
        kick();
    }

    @Override
    public void processElement(StreamRecord<SlaAlert> element) {
        if (commitOnCheckpoint) {
            uncommitted.add(element.getValue());
        } else {
            applyCommitted(element.getValue());
            kick();
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (!uncommitted.isEmpty()) {
            sealed.put(context.getCheckpointId(), uncommitted);
            uncommitted = new ArrayList<>();
        }
        List<PendingAlert> pending = new ArrayList<>();
        for (Map.Entry<Long, List<SlaAlert>> e : sealed.entrySet()) {
            for (SlaAlert a : e.getValue()) {
                pending.add(new PendingAlert(e.getKey(), a));
            }
        }
        pendingState.update(pending);
        deliveryState.update(channel.snapshot());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        Map<Long, List<SlaAlert>> done = sealed.headMap(checkpointId, true);
        if (done.isEmpty()) {
            return;
        }
        for (List<SlaAlert> records : done.values()) {
            records.forEach(this::applyCommitted);
        }
        done.clear();
        kick();
    }

    private void applyCommitted(SlaAlert alert) {
        committed.inc();
        if (channel.apply(alert) == DeliveryChannel.Applied.DROPPED) {
            dropped.inc();
            if (dropped.getCount() == 1 || dropped.getCount() % 1000 == 0) {
                LOG.warn("{} delivery is full ({} alerts tracked): {} new alert(s) not delivered so far, e.g. {}",
                        channel.receiver(), channel.tracked(), dropped.getCount(), alert.dedupKey);
            }
        }
    }

    @Override
    public void endInput() {
        // nothing to do: the final checkpoint commits the last records, close() waits for their delivery
    }

    @Override
    public void finish() throws Exception {
        super.finish();
        finished = true;
    }

    private long now() {
        return getProcessingTimeService().getCurrentProcessingTime();
    }

    /** Sends the next request if none is in flight and none is held back; else makes sure a timer comes back. */
    private void kick() {
        if (closed || inFlight != null) {
            return;
        }
        long now = now();
        if (now < blockedUntilMs) {
            wakeUpAt(blockedUntilMs, now);
            return;
        }
        DeliveryChannel.Request request = channel.next(now);
        if (request == null) {
            wakeUpAt(channel.nextWakeUpMs(now), now);
            return;
        }
        send(request);
    }

    private void send(DeliveryChannel.Request request) {
        inFlight = request;
        requests.inc();
        CompletableFuture<HttpResult> result;
        try {
            result = transport.post(request.uri(), request.json());
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        inFlightResult = result;
        result.whenComplete((r, error) -> {
            try {
                mailbox.execute(() -> answered(request, r, error), "alert delivery answer");
            } catch (RuntimeException e) {
                // the task is closing: close() handles what is in flight
            }
        });
    }

    private void answered(DeliveryChannel.Request request, HttpResult result, Throwable error) {
        if (closed || request != inFlight) {
            return;
        }
        long now = now();
        long waitMs = handle(request, result, error, now);
        inFlight = null;
        inFlightResult = null;
        if (waitMs > 0) {
            blockedUntilMs = now + waitMs;
        }
        kick();
    }

    /** Counts and logs the answer, tells the channel; returns how long to wait before the next request. */
    private long handle(DeliveryChannel.Request request, HttpResult result, Throwable error, long now) {
        DeliveryChannel.Outcome outcome = error != null
                ? DeliveryChannel.Outcome.FAILED
                : channel.outcome(request, result);
        switch (outcome) {
            case DELIVERED, REJECTED -> {
                if (outcome == DeliveryChannel.Outcome.DELIVERED) {
                    delivered.inc();
                } else {
                    rejected.inc();
                    LOG.error("{} refused {} alert(s) as invalid (HTTP {}), not sending them again: {}",
                            channel.receiver(), request.alerts(), result.status(), result.body());
                }
                if (failuresInARow > 0) {
                    LOG.info("{} reachable again after {} failed attempt(s)", channel.receiver(), failuresInARow);
                }
                failuresInARow = 0;
                channel.done(request);
                return 0;
            }
            default -> {
                failuresInARow++;
                Backoff backoff;
                if (outcome == DeliveryChannel.Outcome.THROTTLED) {
                    throttled.inc();
                    backoff = delivery.settings().throttleBackoff();
                } else {
                    failed.inc();
                    backoff = delivery.settings().failureBackoff();
                }
                long waitMs = Math.max(backoff.delayMs(failuresInARow), result == null ? -1 : result.retryAfterMs());
                if (failuresInARow == 1 || now - lastFailureLogMs >= FAILURE_LOG_INTERVAL_MS) {
                    lastFailureLogMs = now;
                    LOG.warn("{} delivery failed ({} in a row: {}), {} change(s) waiting; next attempt in {} ms",
                            channel.receiver(), failuresInARow, describe(result, error), channel.pending(), waitMs);
                }
                return waitMs;
            }
        }
    }

    private static String describe(HttpResult result, Throwable error) {
        if (error != null) {
            Throwable cause = error;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return "HTTP " + result.status() + (result.body().isBlank() ? "" : " " + result.body().strip());
    }

    private void wakeUpAt(long atMs, long now) {
        if (atMs == Long.MAX_VALUE) {
            return;
        }
        long at = Math.max(atMs, now + MIN_WAKE_UP_DELAY_MS);
        if (at >= wakeUpAtMs && wakeUpAtMs > now) {
            return; // an earlier (or the same) wake-up is already set
        }
        wakeUpAtMs = at;
        getProcessingTimeService().registerTimer(at, time -> {
            if (time >= wakeUpAtMs) {
                wakeUpAtMs = Long.MAX_VALUE;
            }
            kick();
        });
    }

    @Override
    public void close() throws Exception {
        try {
            if (finished && !closed) {
                drain();
            }
        } finally {
            closed = true;
            if (transport != null) {
                transport.close();
            }
            super.close();
        }
    }

    /**
     * The end of a bounded input: sends what is left (the final checkpoint has committed it), waiting for answers
     * and backoffs on the wall clock, for at most the drain timeout.
     */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + delivery.settings().drainTimeout().toNanos();
        while (true) {
            if (inFlight != null) {
                DeliveryChannel.Request request = inFlight;
                HttpResult result = null;
                Throwable error = null;
                try {
                    result = inFlightResult.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    break;
                } catch (ExecutionException e) {
                    error = e.getCause();
                }
                long waitMs = handle(request, result, error, System.currentTimeMillis());
                inFlight = null;
                inFlightResult = null;
                if (waitMs > 0 && !sleepUntil(deadline, waitMs)) {
                    break;
                }
            }
            long now = System.currentTimeMillis();
            DeliveryChannel.Request request = channel.next(now);
            if (request == null) {
                long wake = channel.nextWakeUpMs(now);
                if (channel.pending() == 0 || wake == Long.MAX_VALUE || !sleepUntil(deadline, wake - now)) {
                    break;
                }
                continue;
            }
            send(request);
        }
        if (channel.pending() > 0) {
            LOG.warn("{}: the input ended with {} alert change(s) not delivered within the drain timeout of {}",
                    channel.receiver(), channel.pending(), delivery.settings().drainTimeout());
        } else {
            LOG.info("{}: every committed alert change delivered", channel.receiver());
        }
    }

    /** Sleeps {@code ms} unless that passes the deadline; returns whether it slept. */
    private static boolean sleepUntil(long deadlineNanos, long ms) throws InterruptedException {
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, ms)) >= deadlineNanos) {
            return false;
        }
        Thread.sleep(Math.max(0, ms));
        return true;
    }
}
