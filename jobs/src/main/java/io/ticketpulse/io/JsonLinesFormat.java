package io.ticketpulse.io;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JSON-lines file as {@link RawRecord}s: one record per line with the line's bytes undecoded and the
 * origin {@code <file name>:<line number>} (1-based). Lines end with {@code \n} or {@code \r\n}; the line end is
 * not part of the payload; blank lines (empty or only spaces/tabs) are skipped; a last line without a line end
 * is still a record.
 *
 * <p>Long lines: at most {@code maxLineBytes + 2} bytes of a line are ever held in memory. A line longer than
 * {@code maxLineBytes} is emitted truncated to {@code maxLineBytes + 1} bytes, so that it still reaches the
 * pipeline and is dead-lettered there as OVERSIZED (with {@code maxLineBytes} equal to the pipeline's maximum
 * payload size) rather than silently dropped or read whole into memory; the rest of the line is skipped.
 *
 * <p>Not splittable: one reader reads the whole file in order. It checkpoints no byte offset, so a restore
 * reads the file again from its start and skips the records already emitted (the line numbers stay right).
 * Progress is logged at INFO at most every 5 s (see {@link ReplayProgress}).
 */
public final class JsonLinesFormat implements StreamFormat<RawRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFormat.class);
    private static final int CHUNK_BYTES = 64 * 1024;

    private final String fileName;
    private final int maxLineBytes;

    /**
     * @param fileName the file's name as it should appear in origins and log lines, e.g. {@code events.jsonl}
     * @param maxLineBytes longer lines are truncated to this plus one byte
     */
    public JsonLinesFormat(String fileName, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1, got " + maxLineBytes);
        }
        this.fileName = fileName;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream, long fileLen, long splitEnd) {
        boolean compressed = StandardDeCompressors.getDecompressorForFileName(fileName) != null;
        return new LineReader(stream, new ReplayProgress(fileName, compressed ? -1 : fileLen, System::nanoTime));
    }

    /** Never called: this format checkpoints no offset, so Flink restores by re-reading and skipping records. */
    @Override
    public Reader<RawRecord> restoreReader(
            Configuration config, FSDataInputStream stream, long restoredOffset, long fileLen, long splitEnd) {
        throw new UnsupportedOperationException(
                "JsonLinesFormat checkpoints no offset; cannot restore at byte " + restoredOffset);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /** Splits the stream into lines with its own buffer, keeping at most {@code maxLineBytes + 2} of each. */
    private final class LineReader implements StreamFormat.Reader<RawRecord> {

        private final FSDataInputStream in;
        private final ReplayProgress progress;
        private final byte[] chunk = new byte[CHUNK_BYTES];
        private int chunkPos;
        private int chunkEnd;
        private byte[] line = new byte[(int) Math.min(1024, maxLineBytes + 2L)];
        /** Bytes of the current line kept in {@link #line}. */
        private int kept;
        /** Bytes of the current line, kept or not, without the {@code \n}. */
        private long lineLength;
        private long bytesRead;
        private long lineNumber;
        private long records;
        private boolean done;

        LineReader(FSDataInputStream in, ReplayProgress progress) {
            this.in = in;
            this.progress = progress;
        }

        @Override
        public RawRecord read() throws IOException {
            while (!done) {
                if (!nextLine()) {
                    done = true;
                    LOG.info(progress.finished(records, lineNumber));
                    return null;
                }
                lineNumber++;
                boolean whole = lineLength == kept;
                long contentLength = whole && kept > 0 && line[kept - 1] == '\r' ? lineLength - 1 : lineLength;
                if (whole && isBlank(contentLength)) {
                    continue;
                }
                byte[] payload = Arrays.copyOf(line, (int) Math.min(contentLength, maxLineBytes + 1L));
                records++;
                String report = progress.update(records, bytesRead);
                if (report != null) {
                    LOG.info(report);
                }
                return new RawRecord(payload, fileName + ":" + lineNumber);
            }
            return null;
        }

        /** Reads up to the next {@code \n} or the end; false when the stream has no more bytes at all. */
        private boolean nextLine() throws IOException {
            kept = 0;
            lineLength = 0;
            boolean any = false;
            while (true) {
                if (chunkPos == chunkEnd) {
                    int n = in.read(chunk, 0, chunk.length);
                    if (n <= 0) {
                        chunkPos = chunkEnd = 0;
                        return any;
                    }
                    chunkPos = 0;
                    chunkEnd = n;
                }
                any = true;
                int newline = indexOfNewline(chunkPos, chunkEnd);
                int stop = newline < 0 ? chunkEnd : newline;
                keep(chunkPos, stop - chunkPos);
                lineLength += stop - chunkPos;
                int consumed = (newline < 0 ? chunkEnd : newline + 1) - chunkPos;
                bytesRead += consumed;
                chunkPos += consumed;
                if (newline >= 0) {
                    return true;
                }
            }
        }

        private int indexOfNewline(int from, int to) {
            for (int i = from; i < to; i++) {
                if (chunk[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        /** Appends to the current line what still fits under the limit of {@code maxLineBytes + 2}. */
        private void keep(int from, int count) {
            int n = (int) Math.min(count, maxLineBytes + 2L - kept);
            if (n <= 0) {
                return;
            }
            if (kept + n > line.length) {
                line = Arrays.copyOf(line, (int) Math.min(maxLineBytes + 2L, Math.max(kept + n, 2L * line.length)));
            }
            System.arraycopy(chunk, from, line, kept, n);
            kept += n;
        }

        private boolean isBlank(long length) {
            for (int i = 0; i < length; i++) {
                if (line[i] != ' ' && line[i] != '\t') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
