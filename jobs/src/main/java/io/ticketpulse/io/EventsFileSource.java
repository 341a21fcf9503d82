package io.ticketpulse.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.core.fs.Path;

/**
 * A bounded source replaying one JSON-lines file of ticket events (one event per line) as {@link RawRecord}s
 * with origins {@code <file name>:<line number>}: Flink's {@link FileSource} with {@link JsonLinesFormat}.
 * Payloads are the raw line bytes, not parsed; the pipeline wraps this source in a {@link ParsingSource}, which
 * parses each record once as it is read and dead-letters what is not a valid event.
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

    /**
     * For a compressed file (a name ending in {@code .gz}, {@code .gzip}, {@code .deflate}, {@code .bz2} or {@code
     * .xz}, as Flink's file source decompresses it): reads it through the decompressor to its end, so that a corrupt
     * or truncated file fails at start with a clear message, before the job runs (a failure while the job reads it
     * would only restart the job, and fail again). Costs one decompressing pass over the file; an uncompressed
     * file is not read.
     *
     * @throws IOException saying which file and what is wrong
     */
    public static void checkCompressedFile(java.nio.file.Path file) throws IOException {
        String name = file.getFileName().toString();
        InflaterInputStreamFactory<?> decompressor = StandardDeCompressors.getDecompressorForFileName(name);
        if (decompressor == null) {
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream raw = Files.newInputStream(file); InputStream in = decompressor.create(raw)) {
            while (in.read(buffer) >= 0) {
                // drain: the decompressor checks the stream's structure and checksums as it goes
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(name + " is not a valid ." + decompressor.getCommonFileExtensions().iterator().next()
                    + " file (corrupt or truncated): " + e, e);
        }
    }
}
