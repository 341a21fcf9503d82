package io.ticketpulse.io;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.ticketpulse.schema.SlaAlert;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * The value of SLA alert records on Kafka.
 *
 * <p>PLACEHOLDER until {@code io.ticketpulse.schema.SlaAlertJson.toJson(SlaAlert)} (the sla-alert v1 codec) is
 * merged: this writes the public fields in snake_case with times as epoch milliseconds, not the v1 wire format.
 * The integrator replaces the body of {@link #serialize} with {@code return SlaAlertJson.toJson(alert);} and
 * drops the mapper.
 */
public final class SlaAlertValueSerializer implements SerializationSchema<SlaAlert> {

    private static final long serialVersionUID = 1L;

    private transient ObjectMapper mapper;

    @Override
    public void open(InitializationContext context) {
        mapper();
    }

    @Override
    public byte[] serialize(SlaAlert alert) {
        try {
            return mapper().writeValueAsBytes(alert);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialize " + alert, e);
        }
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = new ObjectMapper()
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                    .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY);
        }
        return mapper;
    }
}
