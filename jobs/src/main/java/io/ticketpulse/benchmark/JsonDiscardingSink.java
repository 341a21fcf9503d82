package io.ticketpulse.benchmark;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Serializes every record to its JSON wire form (the codecs the Kafka and file sinks use) and discards the bytes:
 * the benchmark's stand-in for an output topic, so that building the output records and their JSON is part of
 * the measured cost while no I/O is. The writer sums the bytes so the work is used.
 */
final class JsonDiscardingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final SerializableFunction<T, byte[]> toJson;

    private JsonDiscardingSink(SerializableFunction<T, byte[]> toJson) {
        this.toJson = toJson;
    }

    static JsonDiscardingSink<TicketKpi> kpis() {
        return new JsonDiscardingSink<>(TicketKpiJson::toJson);
    }

    static JsonDiscardingSink<SlaAlert> alerts() {
        return new JsonDiscardingSink<>(SlaAlertJson::toJson);
    }

    static JsonDiscardingSink<DeadLetter> deadLetters() {
        return new JsonDiscardingSink<>(DeadLetterJson::toJson);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            private long bytes;

            @Override
            public void write(T element, Context ctx) {
                bytes += toJson.apply(element).length;
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {
                bytes = 0;
            }
        };
    }
}
