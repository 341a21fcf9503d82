package io.ticketpulse.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON layouts the JSON importers read, each record with the line it starts on. */
class JsonRecordsTest {

    private static List<JsonRecords.Item> read(String text) throws IOException {
        return JsonRecords.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Set.of("issues"));
    }

    @Test
    void aTopLevelArrayIsAListOfRecords() throws IOException {
        assertThat(read("[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n")).extracting(JsonRecords.Item::line,
                JsonRecords.Item::where, i -> i.node().path("a").asInt()).containsExactly(
                        tuple(2L, "[0]", 1), tuple(3L, "[1]", 2));
    }

    @Test
    void pagesAndObjectsMayFollowEachOther() throws IOException {
        String text = "\uFEFF{\"total\": 2, \"issues\": [\n{\"key\": \"A-1\"},\n{\"key\": \"A-2\"}]}\n"
                + "{\"key\": \"A-3\"}\n";
        assertThat(read(text)).extracting(JsonRecords.Item::line, JsonRecords.Item::where,
                i -> i.node().path("key").asText()).containsExactly(
                        tuple(2L, "issues[0]", "A-1"), tuple(3L, "issues[1]", "A-2"), tuple(4L, "", "A-3"));
    }

    @Test
    void jsonLinesWithABrokenLineKeepTheOthers() throws IOException {
        List<JsonRecords.Item> items = read("{\"key\": \"A-1\"}\n{\"key\": \n\n{\"key\": \"A-2\"}\n");
        assertThat(items).extracting(JsonRecords.Item::line, JsonRecords.Item::malformed)
                .containsExactly(tuple(1L, false), tuple(2L, true), tuple(4L, false));
        assertThat(items.get(1).text()).isEqualTo("{\"key\":");
    }

    @Test
    void duplicateKeysAreMalformed() throws IOException {
        List<JsonRecords.Item> items = read("{\"key\": \"A-1\", \"key\": \"A-2\"}\n{\"key\": \"A-3\"}\n");
        assertThat(items).extracting(JsonRecords.Item::malformed).containsExactly(true, false);
    }

    @Test
    void textThatIsNotJsonAtAllFails() {
        assertThatThrownBy(() -> read("SR Number,Status\n1-1,Queued\n")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("not JSON");
    }
}
