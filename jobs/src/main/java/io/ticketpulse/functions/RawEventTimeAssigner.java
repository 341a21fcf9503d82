package io.ticketpulse.functions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.schema.Timestamps;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a raw record, read at the source so that watermarks are generated per input split (per Kafka
 * partition): the top-level {@code occurred_at} of the JSON object, found with a streaming scan (no tree, no
 * validation; parsing stays in the pipeline). A record without a readable {@code occurred_at} (malformed, or
 * larger than the maximum payload) gets {@link #NO_TIMESTAMP}, which never advances a watermark; such records are
 * dead-lettered by the parse step anyway. For a valid event the value equals its {@code occurredAtMs}.
 */
public final class RawEventTimeAssigner implements SerializableTimestampAssigner<RawRecord> {

    private static final long serialVersionUID = 1L;

    /** The timestamp of a record without a readable {@code occurred_at}. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private static final JsonFactory JSON = new JsonFactory();

    private final int maxPayloadBytes;

    public RawEventTimeAssigner(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public long extractTimestamp(RawRecord record, long recordTimestamp) {
        byte[] payload = record.payload;
        if (payload == null || payload.length == 0 || payload.length > maxPayloadBytes) {
            return NO_TIMESTAMP;
        }
        return occurredAtMs(payload);
    }

    /** The top-level {@code occurred_at} of a JSON object as epoch ms, else {@link #NO_TIMESTAMP}. Never throws. */
    public static long occurredAtMs(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NO_TIMESTAMP;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("occurred_at".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? Timestamps.parse(p.getText()) : NO_TIMESTAMP;
                }
                p.skipChildren();
            }
        } catch (Exception e) {
            // not JSON, or not a timestamp: the parse step dead-letters it
        }
        return NO_TIMESTAMP;
    }
}
