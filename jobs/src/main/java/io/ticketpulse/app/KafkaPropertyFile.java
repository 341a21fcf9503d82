package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The file of {@code --kafka-property-file}: Kafka client properties (security.protocol, sasl.*, ssl.*, ...) in
 * Java properties syntax, UTF-8, so that secrets need not be on the command line. Its values may be secrets: no
 * message of this class shows one. A value may also be a reference that each Kafka client resolves itself through
 * a config provider ({@code config.providers=file} and {@code sasl.jaas.config=${file:/path:key}}, or
 * {@code env} with {@code ${env:VAR}}); the secret then stays on the machines that run the clients.
 */
final class KafkaPropertyFile {

    /** Larger files are refused: a client configuration is a few hundred bytes. */
    static final long MAX_BYTES = 64 * 1024;

    private KafkaPropertyFile() {}

    /**
     * The properties of {@code file}, keys sorted.
     *
     * @throws OptionException naming {@code option} and the problem (never a value)
     */
    static Map<String, String> read(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new OptionException(option + ": no such file: " + file);
        }
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new OptionException(option + ": " + file + " is larger than " + MAX_BYTES
                        + " bytes; a Kafka client properties file is much smaller");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new OptionException(option + ": " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new OptionException(option + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            // Properties reports a malformed \\uXXXX escape with the text around it: do not repeat it
            throw new OptionException(option + ": " + file + " is not a valid properties file (a malformed"
                    + " \\uXXXX escape)");
        }
        if (p.isEmpty()) {
            throw new OptionException(option + ": " + file + " sets no property");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            properties.put(key, p.getProperty(key));
        }
        return properties;
    }
}
