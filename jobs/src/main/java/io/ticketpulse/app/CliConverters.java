package io.ticketpulse.app;

import io.ticketpulse.domain.Durations;
import io.ticketpulse.domain.KpiEmissionRule;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.Timestamps;
import io.ticketpulse.simulator.SimulatorProfile;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value types of the command line: each converter turns the text of one option value into a checked value,
 * or fails with a message about the value alone; {@link TicketPulseCli} puts the option's name in front
 * ({@code --window-size: "5x" is not a duration (use e.g. 30s, 10m, 1h)}). Converters of values that may be
 * secrets never repeat the value.
 */
final class CliConverters {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern TOKEN = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
    private static final Pattern BOOTSTRAP_SERVER = Pattern.compile("([^\\s,:\\[\\]]+|\\[[0-9a-fA-F:.]+\\]):(\\d{1,5})");

    /**
     * Client properties that have an option of their own or that the job sets itself; a --kafka-property may not
     * set them.
     */
    static final Map<String, String> RESERVED_KAFKA_PROPERTIES = Map.of(
            "bootstrap.servers", "use --kafka-bootstrap-servers",
            "group.id", "use --group-id",
            "transactional.id", "use --transactional-id-prefix",
            "transaction.timeout.ms", "use --transaction-timeout",
            "isolation.level", "the source always reads read_committed",
            "key.serializer", "the job sets it",
            "value.serializer", "the job sets it",
            "key.deserializer", "the job sets it",
            "value.deserializer", "the job sets it");

    private CliConverters() {}

    private static TypeConversionException fail(String message) {
        return new TypeConversionException(message);
    }

    /** A duration longer than 0 ({@link Durations} syntax). */
    static class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String raw) {
            Duration d = DurationOrZero.parse(raw);
            if (d.isZero()) {
                throw fail("must be longer than 0, got " + raw);
            }
            return d;
        }
    }

    /** A duration, 0 allowed. */
    static final class DurationOrZero implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String raw) {
            return parse(raw);
        }

        static Duration parse(String raw) {
            try {
                return Durations.parse(raw);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }
    }

    /** A Kafka client duration: longer than 0 and at most {@link Integer#MAX_VALUE} milliseconds. */
    static final class KafkaTimeout extends PositiveDuration {
        @Override
        public Duration convert(String raw) {
            Duration d = super.convert(raw);
            if (d.toMillis() > Integer.MAX_VALUE) {
                throw fail("must be at most " + Integer.MAX_VALUE + " ms (24d20h31m23s647ms), got " + d.toMillis()
                        + " ms");
            }
            return d;
        }
    }

    /** An RFC 3339 instant. */
    static final class Rfc3339 implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String raw) {
            try {
                return Instant.ofEpochMilli(Timestamps.parse(raw));
            } catch (DateTimeParseException e) {
                throw fail("\"" + raw + "\" is not an RFC 3339 timestamp (use e.g. " + JobOptions.DEFAULT_SIM_START
                        + ")");
            }
        }
    }

    /** A whole number in {@code [min, max]}; {@code _} may group digits ({@code 150_000}). */
    abstract static class WholeNumber implements ITypeConverter<Long> {
        private final long min;
        private final long max;

        WholeNumber(long min, long max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Long convert(String raw) {
            long n;
            try {
                n = Long.parseLong(raw.replace("_", ""));
            } catch (NumberFormatException e) {
                throw fail("\"" + raw + "\" is not a whole number");
            }
            if (n < min) {
                throw fail("must be at least " + min + ", got " + raw);
            }
            if (n > max) {
                throw fail("must be at most " + max + ", got " + raw);
            }
            return n;
        }
    }

    /** An int option: a {@link WholeNumber} that fits an int. */
    abstract static class IntNumber implements ITypeConverter<Integer> {
        private final WholeNumber whole;

        IntNumber(int min, int max) {
            this.whole = new WholeNumber(min, max) {};
        }

        @Override
        public Integer convert(String raw) {
            return whole.convert(raw).intValue();
        }
    }

    /** {@code --parallelism}, {@code --max-parallelism}: 1 to 32768 (Flink's largest max parallelism). */
    static final class Parallelism extends IntNumber {
        Parallelism() {
            super(1, JobOptions.MAX_PARALLELISM);
        }
    }

    static final class PayloadBytes extends IntNumber {
        PayloadBytes() {
            super(256, PipelineConfig.MAX_PAYLOAD_BYTES);
        }
    }

    static final class QuietWindows extends IntNumber {
        QuietWindows() {
            super(0, KpiEmissionRule.MAX_QUIET_WINDOWS);
        }
    }

    /** A TCP port, 0 (any free port) to 65535. */
    static final class Port extends IntNumber {
        Port() {
            super(0, 65_535);
        }
    }

    /** {@code --max-changes}: 0 to 1000000. */
    static final class ChangeCount extends IntNumber {
        ChangeCount() {
            super(0, 1_000_000);
        }
    }

    /** At least one. */
    static final class Count extends WholeNumber {
        Count() {
            super(1, Long.MAX_VALUE);
        }
    }

    /** Any long. */
    static final class Seed extends WholeNumber {
        Seed() {
            super(Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** Records per second: 0 (unthrottled) or more. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String raw) {
            double rate;
            try {
                rate = Double.parseDouble(raw.replace("_", ""));
            } catch (NumberFormatException e) {
                throw fail("\"" + raw + "\" is not a number");
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw fail("must be 0 (unthrottled) or more, got " + raw);
            }
            return rate;
        }
    }

    /** A Kafka topic name. */
    static final class Topic implements ITypeConverter<String> {
        @Override
        public String convert(String raw) {
            if (!TOPIC.matcher(raw).matches() || raw.equals(".") || raw.equals("..")) {
                throw fail("\"" + raw + "\" is not a Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)");
            }
            return raw;
        }
    }

    /** A simulator profile by name ({@code baseline}, {@code target}). */
    static final class SimProfile implements ITypeConverter<SimulatorProfile> {
        @Override
        public SimulatorProfile convert(String raw) {
            return SimulatorProfile.named(raw).orElseThrow(() -> fail("\"" + raw + "\" is not a simulator profile (one of "
                    + SimulatorProfile.names() + ")"));
        }
    }

    /** A Kafka topic name, or empty: off. */
    static final class OptionalTopic implements ITypeConverter<String> {
        @Override
        public String convert(String raw) {
            return raw.isEmpty() ? "" : new Topic().convert(raw);
        }
    }

    /** A group id or transactional id prefix. */
    static final class Token implements ITypeConverter<String> {
        @Override
        public String convert(String raw) {
            if (!TOKEN.matcher(raw).matches()) {
                throw fail("\"" + raw + "\" must be 1-200 of a-z A-Z 0-9 . _ -");
            }
            return raw;
        }
    }

    /** {@code HOST:PORT[,HOST:PORT..]}. */
    static final class BootstrapServers implements ITypeConverter<String> {
        @Override
        public String convert(String raw) {
            for (String server : raw.split(",", -1)) {
                Matcher m = BOOTSTRAP_SERVER.matcher(server.trim());
                int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
                if (port < 1 || port > 65_535) {
                    throw fail("\"" + server + "\" is not HOST:PORT (use e.g. localhost:9092,broker2:9092)");
                }
            }
            return raw.replace(" ", "");
        }
    }

    /** {@code KEY=VALUE}, a Kafka client property; the key may not be reserved. Messages never show the value. */
    static final class KafkaProperty implements ITypeConverter<String> {
        @Override
        public String convert(String raw) {
            int eq = raw.indexOf('=');
            String key = eq < 0 ? raw : raw.substring(0, eq).trim();
            if (eq < 0 || key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw fail("needs KEY=VALUE, e.g. security.protocol=SASL_SSL");
            }
            checkNotReserved(key);
            return key + '=' + raw.substring(eq + 1);
        }

        static void checkNotReserved(String key) {
            String reserved = RESERVED_KAFKA_PROPERTIES.get(key);
            if (reserved != null) {
                throw fail(key + " cannot be set this way (" + reserved + ")");
            }
        }
    }

    /** A path (not checked for existence). */
    static class AnyPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String raw) {
            if (raw.isBlank()) {
                throw fail("needs a non-empty path");
            }
            try {
                return Path.of(raw);
            } catch (InvalidPathException e) {
                throw fail("\"" + raw + "\" is not a valid path");
            }
        }
    }

    /** A regular file that exists. */
    static final class ExistingFile extends AnyPath {
        @Override
        public Path convert(String raw) {
            Path p = super.convert(raw);
            if (!Files.isRegularFile(p)) {
                throw fail("no such file: " + raw);
            }
            return p;
        }
    }

    /** A folder, or a path where one can be created: its nearest existing ancestor is a writable folder. */
    static final class OutputDir extends AnyPath {
        @Override
        public Path convert(String raw) {
            Path p = super.convert(raw);
            Path absolute = p.toAbsolutePath().normalize();
            for (Path at = absolute; at != null; at = at.getParent()) {
                if (Files.exists(at)) {
                    if (!Files.isDirectory(at)) {
                        throw fail("\"" + raw + "\" cannot be a folder: "
                                + (at.equals(absolute) ? "it is a file" : at + " is a file"));
                    }
                    if (!Files.isWritable(at)) {
                        throw fail("\"" + raw + "\": " + at + " is not writable");
                    }
                    break;
                }
            }
            return p;
        }
    }

    /**
     * An enum whose {@code toString()} is its spelling on the command line (and, case-insensitively, in the Flink
     * configuration, which matches enum values by {@code toString()}).
     */
    abstract static class Spelled<E extends Enum<E>> implements ITypeConverter<E> {
        private final List<E> values;

        Spelled(Class<E> type) {
            this.values = Arrays.asList(type.getEnumConstants());
        }

        @Override
        public E convert(String raw) {
            for (E e : values) {
                if (e.toString().equals(raw)) {
                    return e;
                }
            }
            List<String> names = values.stream().map(Object::toString).toList();
            throw fail("\"" + raw + "\" is not " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                    + names.get(names.size() - 1));
        }
    }

    static final class StateBackendChoice extends Spelled<JobOptions.StateBackend> {
        StateBackendChoice() {
            super(JobOptions.StateBackend.class);
        }
    }

    static final class AlertClockChoice extends Spelled<RunCommand.AlertClockMode> {
        AlertClockChoice() {
            super(RunCommand.AlertClockMode.class);
        }
    }

    static final class KpiUpdatesChoice extends Spelled<RunCommand.KpiUpdatesMode> {
        KpiUpdatesChoice() {
            super(RunCommand.KpiUpdatesMode.class);
        }
    }
}
