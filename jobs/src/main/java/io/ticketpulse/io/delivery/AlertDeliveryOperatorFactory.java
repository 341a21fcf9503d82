package io.ticketpulse.io.delivery;

import io.ticketpulse.schema.SlaAlert;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/** Creates {@link AlertDeliveryOperator}s with the task's mailbox (answers of the receiver come back through it). */
final class AlertDeliveryOperatorFactory<E> extends AbstractStreamOperatorFactory<Void>
        implements OneInputStreamOperatorFactory<SlaAlert, Void> {

    private static final long serialVersionUID = 1L;

    private final AlertDelivery<E> delivery;
    private final boolean commitOnCheckpoint;

    AlertDeliveryOperatorFactory(AlertDelivery<E> delivery, boolean commitOnCheckpoint) {
        this.delivery = delivery;
        this.commitOnCheckpoint = commitOnCheckpoint;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<Void>> T createStreamOperator(StreamOperatorParameters<Void> parameters) {
        return (T) new AlertDeliveryOperator<>(parameters, delivery, commitOnCheckpoint);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return AlertDeliveryOperator.class;
    }
}
