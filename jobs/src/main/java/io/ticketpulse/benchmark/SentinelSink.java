package io.ticketpulse.benchmark;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The dead-letter sink of the state-size profile: serializes like {@link JsonDiscardingSink} and, when the
 * input's last line (an invalid record holding {@link SyntheticTickets#SENTINEL}) arrives as a dead letter,
 * creates a marker file. The profile then knows that the source has emitted every event before it, so the next
 * checkpoint's barrier follows all of them and the checkpoint holds the state of every open ticket.
 */
final class SentinelSink implements Sink<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String markerFile;

    SentinelSink(Path markerFile) {
        this.markerFile = markerFile.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(DeadLetter d, Context ctx) throws IOException {
                byte[] json = DeadLetterJson.toJson(d);
                if (d.payload != null && new String(d.payload, StandardCharsets.UTF_8).contains(SyntheticTickets.SENTINEL)) {
                    Files.write(Path.of(markerFile), json);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
