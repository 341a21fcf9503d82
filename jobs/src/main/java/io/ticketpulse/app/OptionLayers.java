package io.ticketpulse.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ticketpulse.app.JobOptions.OptionException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Where a setting can come from besides the command line, highest precedence first: the environment (secrets
 * only: {@link #ENVIRONMENT}), the {@code --options-file}, the Flink configuration ({@code ticketpulse.*},
 * {@link TicketPulseConfigOptions}). Each layer gives values only for options not set by a higher one (a
 * repeatable option is taken whole from one layer); the values are turned into command-line arguments, so they
 * pass through the same converters and checks as typed ones, and a bad one fails naming its option and source.
 */
final class OptionLayers {

    /**
     * The options that may come from an environment variable: those that can carry secrets. A repeatable
     * option's variable holds one value per line. Add secret-bearing options of new subcommands here.
     */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "--kafka-property-file", "TICKETPULSE_KAFKA_PROPERTY_FILE",
            "--kafka-property", "TICKETPULSE_KAFKA_PROPERTIES");

    /** Larger options files are refused. */
    static final long MAX_OPTIONS_FILE_BYTES = 1024 * 1024;

    /** Extra arguments, and for each option they set, where its value came from. */
    record Layered(List<String> args, Map<String, String> sources) {}

    private OptionLayers() {}

    /**
     * The arguments to add to the command line of the subcommand parsed as {@code sub}, from the environment
     * {@code env}, the options file it names and the Flink configuration {@code flink}.
     *
     * @throws OptionException naming the options file or configuration key and the problem
     */
    static Layered layers(ParseResult sub, Map<String, String> env, ReadableConfig flink) {
        Path file = sub.matchedOptionValue(CommonOptions.OPTIONS_FILE, (Path) null);
        Map<String, List<String>> fromFile = file == null ? Map.of() : readOptionsFile(file, sub);
        List<String> args = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (OptionSpec option : sub.commandSpec().options()) {
            String name = option.longestName();
            if (sub.hasMatchedOption(option) || !layered(option)) {
                continue;
            }
            String variable = ENVIRONMENT.get(name);
            List<String> values = null;
            String source = null;
            if (variable != null && env.get(variable) != null && !env.get(variable).isBlank()) {
                values = option.isMultiValue()
                        ? env.get(variable).lines().filter(l -> !l.isBlank()).toList()
                        : List.of(env.get(variable).strip());
                source = "environment variable " + variable;
            } else if (fromFile.containsKey(name)) {
                values = fromFile.get(name);
                source = "options file " + file;
            } else {
                Optional<ConfigOption<?>> key = TicketPulseConfigOptions.forOption(name);
                if (key.isPresent()) {
                    values = flinkValue(flink, key.get());
                    source = "Flink configuration " + key.get().key();
                }
            }
            if (values == null) {
                continue;
            }
            sources.put(name, source);
            for (String value : values) {
                if (isFlag(option)) {
                    if (Boolean.parseBoolean(value)) {
                        args.add(name);
                    }
                } else {
                    args.add(name + '=' + value);
                }
            }
        }
        return new Layered(args, sources);
    }

    /** Every option but --help and --options-file can come from a layer. */
    private static boolean layered(OptionSpec option) {
        return !option.usageHelp() && !option.versionHelp()
                && !option.longestName().equals(CommonOptions.OPTIONS_FILE);
    }

    private static boolean isFlag(OptionSpec option) {
        return option.arity().max() == 0;
    }

    /** The value of {@code key} in the Flink configuration as option values (none when not set). */
    private static List<String> flinkValue(ReadableConfig flink, ConfigOption<?> key) {
        Optional<?> value;
        try {
            value = flink.getOptional(key);
        } catch (IllegalArgumentException e) {
            throw new OptionException(key.key() + " (Flink configuration): " + e.getMessage());
        }
        if (value.isEmpty()) {
            return null;
        }
        Object v = value.get();
        return List.of(v instanceof Duration d ? TicketPulseJob.human(d) : v.toString());
    }

    /**
     * The options file: YAML (also JSON) or, for a {@code .properties} file, Java properties; keys are option
     * names without the leading {@code --}.
     */
    static Map<String, List<String>> readOptionsFile(Path file, ParseResult sub) {
        String where = CommonOptions.OPTIONS_FILE + ": " + file;
        String text;
        try {
            if (Files.size(file) > MAX_OPTIONS_FILE_BYTES) {
                throw new OptionException(where + " is larger than " + MAX_OPTIONS_FILE_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OptionException(where + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, List<String>> raw = new LinkedHashMap<>();
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".properties")) {
            Properties p = new Properties();
            try (Reader r = new StringReader(text)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new OptionException(where + " is not a valid properties file (a malformed \\uXXXX escape)");
            }
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                raw.put(key, List.of(p.getProperty(key)));
            }
        } else {
            JsonNode root;
            try {
                root = new YAMLMapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new OptionException(where + " is not valid YAML: " + e.getOriginalMessage());
            }
            if (root == null || root.isMissingNode() || root.isNull()) {
                return Map.of();
            }
            if (!root.isObject()) {
                throw new OptionException(where + " must be a mapping of option names to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                raw.put(e.getKey(), scalars(where, e.getKey(), e.getValue()));
            }
        }
        Map<String, List<String>> byOption = new LinkedHashMap<>();
        raw.forEach((key, values) -> {
            String name = "--" + key;
            OptionSpec option = sub.commandSpec().findOption(name);
            if (key.startsWith("-") || option == null || !name.equals(option.longestName()) || !layered(option)) {
                throw new OptionException(where + ": \"" + key + "\" is not an option of ticketpulse "
                        + sub.commandSpec().name() + " (write option names without the leading --)");
            }
            if (values.size() != 1 && !option.isMultiValue()) {
                throw new OptionException(where + ": " + key + " takes one value, got " + values.size());
            }
            if (isFlag(option) && !values.get(0).equals("true") && !values.get(0).equals("false")) {
                throw new OptionException(where + ": " + key + " is a flag: true or false");
            }
            byOption.put(name, values);
        });
        return byOption;
    }

    private static List<String> scalars(String where, String key, JsonNode node) {
        List<String> values = new ArrayList<>();
        for (JsonNode n : node.isArray() ? node : List.of(node)) {
            if (!n.isValueNode() || n.isNull()) {
                throw new OptionException(where + ": " + key + " needs a value or a list of values");
            }
            values.add(n.asText());
        }
        return values;
    }
}
