package io.ticketpulse.io;

import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** The value of SLA alert records on Kafka: the {@code sla-alert} v1 JSON of {@link SlaAlertJson}. */
public final class SlaAlertValueSerializer implements SerializationSchema<SlaAlert> {

    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(SlaAlert alert) {
        return SlaAlertJson.toJson(alert);
    }
}
