package io.ticketpulse.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example files of {@code schemas/examples}, copied to the test classpath under {@code examples/}. */
final class Examples {

    static final String EXPECTED = "expected.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Examples() {}

    /** The example folder, e.g. {@code ticket-event/valid}. */
    static Path dir(String relative) {
        URL url = Examples.class.getClassLoader().getResource("examples/" + relative);
        if (url == null) {
            throw new IllegalStateException("examples/" + relative + " is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example files of a folder (not {@code expected.json}), sorted by name. */
    static List<Path> files(String relative) {
        try (Stream<Path> s = Files.list(dir(relative))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals(EXPECTED))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String relativeFile) {
        return bytes(dir(relativeFile.substring(0, relativeFile.lastIndexOf('/')))
                .resolve(relativeFile.substring(relativeFile.lastIndexOf('/') + 1)));
    }

    /** A classpath resource, e.g. {@code schemas/ticket-kpi.schema.json} (from the main jar). */
    static byte[] resource(String name) {
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code expected.json} of an invalid-examples folder: file name to expectation. */
    static JsonNode expected(String relative) {
        return json(bytes(dir(relative).resolve(EXPECTED)));
    }

    static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path file) {
        return file.getFileName().toString();
    }
}
