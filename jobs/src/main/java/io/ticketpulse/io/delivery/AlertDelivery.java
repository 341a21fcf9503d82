package io.ticketpulse.io.delivery;

import io.ticketpulse.schema.SlaAlert;
import java.io.Serializable;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;

/**
 * Delivery of the committed SLA alerts to one receiver (Alertmanager, PagerDuty): what the topology builder is
 * given, like a sink, and turns into an {@link AlertDeliveryOperator} at parallelism 1. Serializable: it travels
 * in the job graph (a PagerDuty routing key with it; {@link #toString} never shows it).
 *
 * @param <E> the Flink POJO of the receiver's checkpointed delivery state
 */
public abstract class AlertDelivery<E> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DeliverySettings settings;

    AlertDelivery(DeliverySettings settings) {
        this.settings = settings;
    }

    /** The receiver's name, e.g. {@code Alertmanager}. */
    public abstract String receiver();

    public DeliverySettings settings() {
        return settings;
    }

    abstract Class<E> entryType();

    abstract DeliveryChannel<E> createChannel();

    /**
     * The operator. With {@code commitOnCheckpoint} (the job checkpoints) it delivers a record once the checkpoint
     * after it completed, that is only committed alerts; without, at once.
     */
    public OneInputStreamOperatorFactory<SlaAlert, Void> operatorFactory(boolean commitOnCheckpoint) {
        return new AlertDeliveryOperatorFactory<>(this, commitOnCheckpoint);
    }
}
