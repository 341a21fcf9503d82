package io.ticketpulse.io;

import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/**
 * A bounded source replaying one JSON-lines file of ticket events (one event per line) as {@link RawRecord}s
 * with origins {@code <file name>:<line number>}: Flink's {@link FileSource} with {@link JsonLinesFormat}.
 * Payloads are the raw line bytes, not parsed; parsing and dead-lettering happen in the pipeline.
 */
public final class EventsFileSource {

    /** Default line limit, equal to the pipeline's default maximum payload size (64 KiB). */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    private EventsFileSource() {}

    /** Reads {@code file} with the default line limit. */
    public static FileSource<RawRecord> of(Path file) {
        return of(file, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * Reads {@code file} (any Flink file system path); lines longer than {@code maxLineBytes} are emitted
     * truncated to {@code maxLineBytes + 1} bytes, so pass the pipeline's maximum payload size to have them
     * dead-lettered as OVERSIZED.
     */
    public static FileSource<RawRecord> of(Path file, int maxLineBytes) {
        return FileSource.forRecordStreamFormat(new JsonLinesFormat(file.getName(), maxLineBytes), file).build();
    }
}
