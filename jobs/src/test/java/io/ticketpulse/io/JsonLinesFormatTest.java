package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line splitting of the JSON-lines format, read directly from files (no cluster). */
class JsonLinesFormatTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void oneRecordPerNonBlankLineWithFileNameAndLineNumber() throws IOException {
        String text = "{\"a\":1}\n"
                + "\n"
                + "{\"b\":2}\r\n"
                + "  \t \n"
                + "not json at all\n"
                + "{\"c\":3}";
        assertThat(read("events.jsonl", text, 1024)).containsExactly(
                "events.jsonl:1 {\"a\":1}",
                "events.jsonl:3 {\"b\":2}",
                "events.jsonl:5 not json at all",
                "events.jsonl:6 {\"c\":3}");
    }

    @Test
    void linesOverTheLimitAreCutToLimitPlusOneByte() throws IOException {
        String fits = "x".repeat(16);
        String oneOver = "y".repeat(17);
        String fitsBeforeCr = "z".repeat(16) + "\r";
        String long40 = "0123456789".repeat(4);
        String text = fits + "\n" + oneOver + "\n" + fitsBeforeCr + "\n" + long40 + "\r\n" + "{}\n";
        assertThat(read("e.jsonl", text, 16)).containsExactly(
                "e.jsonl:1 " + fits,
                "e.jsonl:2 " + oneOver,
                "e.jsonl:3 " + "z".repeat(16),
                "e.jsonl:4 " + long40.substring(0, 17),
                "e.jsonl:5 {}");
    }

    @Test
    void aHugeLineDoesNotDisturbTheLinesAroundIt() throws IOException {
        String huge = "h".repeat(3 * 1024 * 1024);
        String text = "{\"first\":true}\n" + huge + "\n{\"last\":true}\n";
        assertThat(read("big.jsonl", text, 1024)).containsExactly(
                "big.jsonl:1 {\"first\":true}",
                "big.jsonl:2 " + "h".repeat(1025),
                "big.jsonl:3 {\"last\":true}");
    }

    @Test
    void linesAcrossReadChunksComeOutWhole() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 3_000; i++) {
            String line = "{\"n\":" + i + ",\"pad\":\"" + "p".repeat(i % 97) + "\"}";
            text.append(line).append('\n');
            expected.add("many.jsonl:" + i + " " + line);
        }
        assertThat(text.length()).isGreaterThan(3 * 64 * 1024);
        assertThat(read("many.jsonl", text.toString(), 1024)).containsExactlyElementsOf(expected);
    }

    @Test
    void emptyAndBlankOnlyFilesGiveNoRecords() throws IOException {
        assertThat(read("blank.jsonl", "\n\r\n  \n", 64)).isEmpty();
    }

    @Test
    void theLargestLineLimitDoesNotOverflow() throws IOException {
        assertThat(read("max.jsonl", "{\"a\":1}\n", Integer.MAX_VALUE)).containsExactly("max.jsonl:1 {\"a\":1}");
    }

    /** Reads the file through the format and renders each record as {@code origin payload}. */
    private List<String> read(String name, String content, int maxLineBytes) throws IOException {
        java.nio.file.Path file = dir.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        Path path = new Path(file.toUri());
        JsonLinesFormat format = new JsonLinesFormat(name, maxLineBytes);
        List<String> out = new ArrayList<>();
        try (FSDataInputStream in = path.getFileSystem().open(path);
                StreamFormat.Reader<RawRecord> reader =
                        format.createReader(new Configuration(), in, Files.size(file), Files.size(file))) {
            RawRecord r;
            while ((r = reader.read()) != null) {
                out.add(r.origin + " " + new String(r.payload, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
