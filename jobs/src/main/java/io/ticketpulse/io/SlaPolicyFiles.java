package io.ticketpulse.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.ticketpulse.domain.Durations;
import io.ticketpulse.domain.calendar.BusinessCalendar;
import io.ticketpulse.domain.calendar.CalendarVersion;
import io.ticketpulse.domain.calendar.Holiday;
import io.ticketpulse.domain.calendar.WorkingInterval;
import io.ticketpulse.domain.kpi.Dimension;
import io.ticketpulse.domain.kpi.GroupingSet;
import io.ticketpulse.domain.kpi.KpiSettings;
import io.ticketpulse.domain.kpi.VolatilityKpi;
import io.ticketpulse.domain.kpi.VolatilityRules;
import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.PatternRules;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.EscalationTier;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.PriorityDerivation;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.schema.Schemas;
import io.ticketpulse.schema.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code sla-policy} v1 files (see {@code schemas/sla-policy.schema.json}) into an {@link SlaPolicySet}:
 * JSON when the name ends in {@code .json}, YAML when it ends in {@code .yaml} or {@code .yml}. A file is
 * validated against the JSON Schema, then checked for what the schema cannot express (unique policy ids,
 * escalation tiers with strictly ascending {@code over_pct} and unique, rising severities, durations greater
 * than 0, a warning lead shorter than every target of its policy, a {@code priority_derivation} with unique factors
 * and level names and strictly descending thresholds). Every problem of a file is reported at once,
 * in one {@link SlaPolicyException} naming the file and, for each problem, the JSON path inside it.
 *
 * <p>Defaults of omitted fields: no {@code match} matches every ticket; no {@code warning} warns at 75 % of the
 * target ({@link WarningRule#DEFAULT}), {@code warning: false} never warns, a {@code warning} object warns exactly
 * as it says (only {@code lead}: no percentage warning); no {@code escalation} gives
 * {@link SlaPolicy#DEFAULT_ESCALATION}; omitted {@code aggregates} fields come from {@link AggregateRules#DEFAULT};
 * omitted {@code priority_derivation} fields from {@link PriorityDerivation#DEFAULT};
 * no {@code kpis} is {@link KpiSettings#DEFAULT} (the default rows only), omitted {@code kpis.volatility} fields
 * come from {@link VolatilityRules#defaults()} and an omitted {@code max_values} is
 * {@value GroupingSet#DEFAULT_MAX_VALUES}.
 * Durations are written like the job's options: {@code 250ms}, {@code 90s}, {@code 10m}, {@code 1h}, {@code 7d},
 * or combined ({@code 1h30m}).
 */
public final class SlaPolicyFiles {

    /** Classpath location of the policy file shipped in the jar. */
    public static final String DEFAULT_RESOURCE = "sla/default-policies.yaml";

    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d))+");
    private static final Pattern YAML_MARK = Pattern.compile("(?m)^\\s*in '[^']*', (line \\d+, column \\d+):$");
    private static final List<String> TARGET_FIELDS = List.of(
            SlaMetric.ASSIGNMENT.wireName(), SlaMetric.FIRST_RESPONSE.wireName(),
            SlaMetric.RESOLUTION.wireName(), SlaMetric.NEXT_RESPONSE.wireName(),
            SlaMetric.PERIODIC_UPDATE.wireName(), SlaMetric.FOLLOW_UP.wireName());
    private static final List<Severity> TIER_ORDER = List.of(Severity.YELLOW, Severity.ORANGE, Severity.RED);

    private static final ObjectReader JSON = reader(new ObjectMapper());
    private static final ObjectReader YAML = reader(new YAMLMapper());

    private SlaPolicyFiles() {}

    private static ObjectReader reader(ObjectMapper mapper) {
        return mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The schema validator, built on first use (costly) and shared. */
    private static final class SchemaHolder {
        static final JsonSchema SCHEMA = Schemas.load(Schemas.SLA_POLICY);
    }

    /**
     * Reads and checks a policy file; its path (as given) names it in messages and in {@link SlaPolicySet#source()}.
     *
     * @throws SlaPolicyException if it cannot be read, or is not a valid sla-policy v1 file (every problem listed)
     */
    public static SlaPolicySet load(Path file) {
        String source = file.toString();
        format(source); // an unknown extension fails before the file is read
        String text;
        try {
            text = readCapped(file);
        } catch (NoSuchFileException e) {
            throw SlaPolicyException.unreadable(source, "no such file", e);
        } catch (AccessDeniedException e) {
            throw SlaPolicyException.unreadable(source, "permission denied", e);
        } catch (CharacterCodingException e) {
            throw SlaPolicyException.unreadable(source, "not UTF-8 text", e);
        } catch (IOException e) {
            throw SlaPolicyException.unreadable(source, Files.isDirectory(file) ? "is a directory"
                    : e.getClass() == IOException.class ? e.getMessage() : e.toString(), e);
        }
        return parse(source, text);
    }

    /** The largest policy file read: 1 MiB (the shipped one is a few KB). */
    public static final int MAX_POLICY_FILE_BYTES = 1024 * 1024;

    /**
     * The file's text, strictly UTF-8, read with a size cap: at most {@link #MAX_POLICY_FILE_BYTES} + 1 bytes are
     * ever read, and only from a regular file (not a device such as {@code /dev/zero}, a pipe or a socket,
     * also not through a symbolic link to one), so a wrong path cannot exhaust the memory.
     */
    private static String readCapped(Path file) throws IOException {
        if (Files.exists(file) && !Files.isDirectory(file) && !Files.isRegularFile(file)) {
            throw new IOException("not a regular file (a device, pipe or socket)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_POLICY_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_POLICY_FILE_BYTES) {
            throw new IOException("larger than " + MAX_POLICY_FILE_BYTES + " bytes (1 MiB), the most a policy file"
                    + " may have");
        }
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    /**
     * The policy file shipped in the jar ({@value #DEFAULT_RESOURCE}), source
     * {@code classpath:sla/default-policies.yaml}.
     *
     * @throws SlaPolicyException if it is missing or invalid (a build error)
     */
    public static SlaPolicySet loadDefault() {
        String source = "classpath:" + DEFAULT_RESOURCE;
        try (InputStream in = SlaPolicyFiles.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw SlaPolicyException.unreadable(source, "not on the classpath", null);
            }
            return parse(source, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw SlaPolicyException.unreadable(source, e.toString(), e);
        }
    }

    /**
     * Parses and checks the text of a policy file; {@code sourceName} names it in messages and picks the format by
     * its extension ({@code .json}, or {@code .yaml}/{@code .yml}).
     *
     * @throws SlaPolicyException if the extension is unknown, or the text is not a valid sla-policy v1 file
     */
    public static SlaPolicySet parse(String sourceName, String text) {
        return toPolicySet(sourceName, checkedTree(sourceName, text, format(sourceName)));
    }

    /**
     * A runtime policy record (a policy topic record, a watched file's content): a complete policy file, JSON when
     * its first non-blank character is <code>{</code>, else YAML, checked exactly like a file at start-up, and its
     * optional {@code effective_from} (null when absent).
     *
     * @throws SlaPolicyException if the text is not a valid sla-policy v1 file (every problem listed)
     */
    public static RuntimePolicy parseRecord(String sourceName, String text) {
        ObjectReader reader = text.stripLeading().startsWith("{") ? JSON : YAML;
        JsonNode root = checkedTree(sourceName, text, reader);
        JsonNode from = root.path("effective_from");
        return new RuntimePolicy(toPolicySet(sourceName, root),
                from.isTextual() ? Timestamps.parse(from.textValue()) : null);
    }

    /** A runtime policy record: the file, and the instant from which it is in force (null: the record's time). */
    public record RuntimePolicy(SlaPolicySet policies, Long effectiveFromMs) {}

    private static JsonNode checkedTree(String sourceName, String text, ObjectReader reader) {
        boolean yaml = reader == YAML;
        JsonNode root;
        try {
            root = reader.readTree(text);
        } catch (JsonProcessingException e) {
            throw SlaPolicyException.invalid(sourceName, List.of(syntaxProblem(e, yaml)), e);
        } catch (IOException e) {
            throw SlaPolicyException.unreadable(sourceName, e.toString(), e);
        }
        if (root == null || root.isMissingNode() || (yaml && root.isNull())) {
            throw SlaPolicyException.invalid(sourceName, List.of("$: the file is empty"), null);
        }
        Set<Problem> problems = new TreeSet<>();
        for (ValidationMessage m : SchemaHolder.SCHEMA.validate(root)) {
            problems.add(schemaProblem(m));
        }
        checkSemantics(root, problems);
        if (!problems.isEmpty()) {
            throw SlaPolicyException.invalid(sourceName, problems.stream().map(Problem::toString).toList(), null);
        }
        return root;
    }

    private static ObjectReader format(String sourceName) {
        String name = sourceName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        throw SlaPolicyException.unreadable(sourceName,
                "unknown file type (the name must end in .json, .yaml or .yml)", null);
    }

    private static String syntaxProblem(JsonProcessingException e, boolean yaml) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "$" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        Matcher mark = YAML_MARK.matcher(e.getOriginalMessage());
        while (mark.find()) {
            where = mark.group(1); // SnakeYAML's last mark is where the problem is (Jackson's is its last token)
        }
        String what = e.getOriginalMessage().startsWith("Trailing token")
                ? (yaml ? "more than one document" : "more content after the end of the top-level value")
                : oneLine(e.getOriginalMessage(), where);
        return where + ": " + (yaml ? "not valid YAML: " : "not valid JSON: ") + what;
    }

    /**
     * SnakeYAML's multi-line message on one line: its sentences joined by {@code "; "}, each followed by where it
     * points unless that is {@code where}; the quoted source lines and carets are left out.
     */
    private static String oneLine(String message, String where) {
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\n")) {
            Matcher at = YAML_MARK.matcher(line);
            if (at.matches()) {
                if (!at.group(1).equals(where)) {
                    sb.append(" at ").append(at.group(1));
                }
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                sb.append(sb.length() == 0 ? "" : "; ").append(line.strip());
            }
        }
        return sb.toString();
    }

    private static Problem schemaProblem(ValidationMessage m) {
        String path = m.getInstanceLocation().toString();
        if ("pattern".equals(m.getType()) && m.getSchemaLocation().toString().endsWith("/$defs/duration/pattern")) {
            return new Problem(path, notADuration(m.getInstanceNode().asText()));
        }
        return new Problem(path, m.getError());
    }

    private static String notADuration(String raw) {
        return Durations.notADuration(raw);
    }

    // ---- checks the schema cannot express; each skips what the schema already reports as mistyped ----

    private static void checkSemantics(JsonNode root, Set<Problem> problems) {
        checkPriorityDerivation(root.path("priority_derivation"), problems);
        JsonNode effectiveFrom = root.path("effective_from");
        if (effectiveFrom.isTextual() && !Timestamps.isValid(effectiveFrom.textValue())) {
            problems.add(new Problem("$.effective_from", "\"" + effectiveFrom.textValue() + "\" is not an RFC 3339 "
                    + "date-time with an offset between 1970 and 2999 (e.g. 2026-12-03T09:00:00Z)"));
        }
        checkCalendars(root, problems);
        JsonNode policies = root.path("policies");
        if (!policies.isArray()) {
            return;
        }
        Map<String, String> firstIdPath = new HashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            JsonNode p = policies.get(i);
            String at = "$.policies[" + i + "]";
            if (!p.isObject()) {
                continue;
            }
            JsonNode id = p.path("id");
            if (id.isTextual()) {
                String first = firstIdPath.putIfAbsent(id.textValue(), at + ".id");
                if (first != null) {
                    problems.add(new Problem(at + ".id",
                            "duplicate policy id '" + id.textValue() + "' (first at " + first + ")"));
                }
            }
            Map<String, Duration> targets = new LinkedHashMap<>();
            JsonNode t = p.path("targets");
            for (String metric : TARGET_FIELDS) {
                Duration d = positiveDuration(t.path(metric), at + ".targets." + metric, problems);
                if (d != null) {
                    targets.put(metric, d);
                }
            }
            JsonNode lead = p.path("warning").path("lead");
            Duration leadTime = positiveDuration(lead, at + ".warning.lead", problems);
            if (leadTime != null) {
                for (Map.Entry<String, Duration> target : targets.entrySet()) {
                    if (leadTime.compareTo(target.getValue()) >= 0) {
                        problems.add(new Problem(at + ".warning.lead", "lead " + lead.textValue()
                                + " is not shorter than the " + target.getKey() + " target "
                                + t.path(target.getKey()).textValue()));
                    }
                }
            }
            checkEscalation(p.path("escalation"), at + ".escalation", problems);
        }
        checkKpis(root, problems);
        checkPatterns(root.path("patterns"), problems);
    }

    /** The {@code patterns} section: windows greater than 0 (the schema checks the rest). */
    private static void checkPatterns(JsonNode patterns, Set<Problem> problems) {
        for (RiskPattern p : RiskPattern.values()) {
            positiveDuration(patterns.path(p.wireName()).path("within"),
                    "$.patterns." + p.wireName() + ".within", problems);
        }
    }

    /**
     * The {@code kpis} section: grouping sets that can be built (allow-lists of capped dimensions only, no longer
     * than {@code max_values}), unique ids, distinct dimension sets other than the default's; volatility naming
     * known sets, with a band wider than the aggregates' hysteresis.
     */
    private static void checkKpis(JsonNode root, Set<Problem> problems) {
        JsonNode sets = root.path("kpis").path("grouping_sets");
        Map<String, String> firstIdPath = new HashMap<>();
        firstIdPath.put(GroupingSet.DEFAULT_ID, "the default (channel, priority) rows");
        Map<Set<Dimension>, String> firstDimsPath = new HashMap<>();
        firstDimsPath.put(Set.of(Dimension.CHANNEL, Dimension.PRIORITY), "the default (channel, priority) rows");
        for (int i = 0; sets.isArray() && i < sets.size(); i++) {
            String at = "$.kpis.grouping_sets[" + i + "]";
            JsonNode s = sets.get(i);
            if (!s.path("id").isTextual() || !s.path("dimensions").isArray()) {
                continue; // mistyped: the schema says what is wrong
            }
            String id = s.path("id").textValue();
            List<Dimension> dims = new ArrayList<>();
            for (JsonNode d : s.path("dimensions")) {
                if (d.isTextual() && Dimension.NAME.matcher(d.textValue()).matches()) {
                    dims.add(Dimension.parse(d.textValue()));
                }
            }
            JsonNode max = s.path("max_values");
            boolean schemaValid = dims.size() == s.path("dimensions").size() && Set.copyOf(dims).size() == dims.size()
                    && dims.size() <= GroupingSet.MAX_DIMENSIONS
                    && (max.isMissingNode() || max.isIntegralNumber() && max.canConvertToInt()
                            && max.intValue() >= 1 && max.intValue() <= GroupingSet.MAX_MAX_VALUES);
            JsonNode values = s.path("values");
            if (schemaValid && (values.isMissingNode() || values.isObject())) {
                // what only the set can check: its allow-lists (mistyped ones are the schema's)
                Map<String, Set<String>> allowed = new LinkedHashMap<>();
                values.fields().forEachRemaining(e -> allowed.put(e.getKey(), e.getValue().isArray()
                        ? new LinkedHashSet<>(texts(e.getValue())) : Set.of()));
                int maxValues = max.isMissingNode() ? GroupingSet.DEFAULT_MAX_VALUES : max.intValue();
                for (String problem : GroupingSet.allowListProblems(dims, maxValues, allowed)) {
                    problems.add(new Problem(at + ".values", problem));
                }
            }
            String first = firstIdPath.putIfAbsent(id, at + ".id");
            if (first != null) {
                problems.add(new Problem(at + ".id",
                        "duplicate grouping set id '" + id + "' (first at " + first + ")"));
            }
            String same = firstDimsPath.putIfAbsent(Set.copyOf(dims), at + ".dimensions");
            if (same != null) {
                problems.add(new Problem(at + ".dimensions", "the same dimensions as " + same));
            }
        }
        JsonNode volatility = root.path("kpis").path("volatility");
        JsonNode watched = volatility.path("grouping_sets");
        for (int i = 0; watched.isArray() && i < watched.size(); i++) {
            JsonNode id = watched.get(i);
            if (id.isTextual() && !firstIdPath.containsKey(id.textValue())) {
                problems.add(new Problem("$.kpis.volatility.grouping_sets[" + i + "]", "unknown grouping set '"
                        + id.textValue() + "' (" + GroupingSet.DEFAULT_ID + " or an id of kpis.grouping_sets)"));
            }
        }
        JsonNode change = volatility.path("change_pct");
        JsonNode hysteresis = root.path("aggregates").path("hysteresis_pct");
        double band = change.isNumber() ? change.doubleValue() : VolatilityRules.DEFAULT_CHANGE_PCT;
        double h = hysteresis.isNumber() ? hysteresis.doubleValue() : AggregateRules.DEFAULT.hysteresisPct();
        if (!volatility.isMissingNode() && band <= h) {
            problems.add(new Problem("$.kpis.volatility.change_pct", "the band (" + band
                    + " %) must be wider than aggregates.hysteresis_pct (" + h + "), or no alert could ever clear"));
        }
    }

    /** The duration at {@code node} when it is one and greater than 0; null otherwise (reporting what is wrong). */
    private static Duration positiveDuration(JsonNode node, String path, Set<Problem> problems) {
        if (!node.isTextual() || !DURATION.matcher(node.textValue()).matches()) {
            return null; // absent, or reported by the schema
        }
        String raw = node.textValue();
        Duration d;
        try {
            d = parseDuration(raw);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(path, e.getMessage()));
            return null;
        }
        if (d.isZero()) {
            problems.add(new Problem(path, "\"" + raw + "\" must be greater than 0"));
            return null;
        }
        return d;
    }

    private static void checkEscalation(JsonNode tiers, String at, Set<Problem> problems) {
        if (!tiers.isArray()) {
            return;
        }
        Map<Severity, Integer> firstIndex = new EnumMap<>(Severity.class);
        Severity highest = null;
        JsonNode previousOver = null;
        for (int j = 0; j < tiers.size(); j++) {
            JsonNode tier = tiers.get(j);
            String tierAt = at + "[" + j + "]";
            Severity severity = tierSeverity(tier.path("severity"));
            if (severity != null) {
                Integer first = firstIndex.putIfAbsent(severity, j);
                if (first != null) {
                    problems.add(new Problem(tierAt + ".severity", "duplicate severity '" + severity.wireName()
                            + "' (first at " + at + "[" + first + "].severity)"));
                } else if (highest != null && severity.compareTo(highest) < 0) {
                    problems.add(new Problem(tierAt + ".severity", "severity '" + severity.wireName() + "' after '"
                            + highest.wireName() + "': severities must rise with over_pct (yellow, orange, red)"));
                }
                if (highest == null || severity.compareTo(highest) > 0) {
                    highest = severity;
                }
            }
            JsonNode over = tier.path("over_pct");
            if (over.isNumber()) {
                if (previousOver != null && over.doubleValue() <= previousOver.doubleValue()) {
                    problems.add(new Problem(tierAt + ".over_pct", over.asText()
                            + " must be greater than the previous tier's over_pct " + previousOver.asText()
                            + " (tiers ascend)"));
                }
                previousOver = over;
            }
        }
    }

    private static void checkPriorityDerivation(JsonNode d, Set<Problem> problems) {
        String at = "$.priority_derivation";
        Map<String, String> firstFactor = new HashMap<>();
        JsonNode factors = d.path("factors");
        for (int i = 0; i < factors.size() && factors.isArray(); i++) {
            JsonNode attribute = factors.get(i).path("attribute");
            if (attribute.isTextual()) {
                String first = firstFactor.putIfAbsent(attribute.textValue(), at + ".factors[" + i + "].attribute");
                if (first != null) {
                    problems.add(new Problem(at + ".factors[" + i + "].attribute", "duplicate factor '"
                            + attribute.textValue() + "' (first at " + first + ")"));
                }
            }
        }
        Map<String, String> firstLevel = new HashMap<>();
        d.path("levels").fieldNames().forEachRemaining(name -> {
            String key = name.strip().toLowerCase(Locale.ROOT);
            String first = firstLevel.putIfAbsent(key, name);
            if (first != null) {
                problems.add(new Problem(at + ".levels." + name, "level '" + name + "' is the same as '" + first
                        + "' (levels are matched ignoring case and surrounding blanks)"));
            }
        });
        JsonNode thresholds = d.path("thresholds");
        Map<String, Integer> firstPriority = new HashMap<>();
        JsonNode previous = null;
        for (int i = 0; i < thresholds.size() && thresholds.isArray(); i++) {
            String tAt = at + ".thresholds[" + i + "]";
            JsonNode priority = thresholds.get(i).path("priority");
            if (priority.isTextual()) {
                Integer first = firstPriority.putIfAbsent(priority.textValue(), i);
                if (first != null) {
                    problems.add(new Problem(tAt + ".priority", "duplicate priority '" + priority.textValue()
                            + "' (first at " + at + ".thresholds[" + first + "].priority)"));
                }
            }
            JsonNode min = thresholds.get(i).path("min_score");
            if (min.isNumber()) {
                if (previous != null && min.decimalValue().compareTo(previous.decimalValue()) >= 0) {
                    problems.add(new Problem(tAt + ".min_score", min.asText()
                            + " must be less than the previous threshold's min_score " + previous.asText()
                            + " (thresholds descend, highest first)"));
                }
                previous = min;
            }
        }
    }

    private static Severity tierSeverity(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        for (Severity s : TIER_ORDER) {
            if (s.wireName().equals(node.textValue())) {
                return s;
            }
        }
        return null; // reported by the schema
    }

    /** A duration of the policy file syntax, which is the options' ({@link Durations}). */
    static Duration parseDuration(String raw) {
        return Durations.parse(raw);
    }

    /** The clock of wall-clock ("calendar") time in a policy's {@code calendar}; reserved as a calendar id. */
    private static final String WALL_CLOCK = "calendar";
    private static final String BUSINESS_HOURS = "business_hours";
    /** The days of a calendar's {@code hours}, in week order. */
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /**
     * The {@code calendars} section and the policies' {@code calendar} fields: known IANA zones, weekly intervals
     * that parse and do not overlap, holidays that are real dates, ascending changes; a policy names only defined
     * calendars, for metrics it has targets for.
     */
    private static void checkCalendars(JsonNode root, Set<Problem> problems) {
        JsonNode calendars = root.path("calendars");
        calendars.fields().forEachRemaining(e -> {
            String at = "$.calendars." + e.getKey();
            JsonNode c = e.getValue();
            if (!c.isObject()) {
                return;
            }
            checkZone(c.path("zone"), at + ".zone", problems);
            checkHours(c.path("hours"), at + ".hours", problems);
            checkHolidays(c.path("holidays"), at + ".holidays", problems);
            JsonNode changes = c.path("changes");
            Long previous = null;
            for (int i = 0; changes.isArray() && i < changes.size(); i++) {
                String cAt = at + ".changes[" + i + "]";
                JsonNode change = changes.get(i);
                checkZone(change.path("zone"), cAt + ".zone", problems);
                checkHours(change.path("hours"), cAt + ".hours", problems);
                checkHolidays(change.path("holidays"), cAt + ".holidays", problems);
                Long from = instant(change.path("effective_from"));
                if (change.path("effective_from").isTextual() && from == null) {
                    problems.add(new Problem(cAt + ".effective_from", "'" + change.path("effective_from").textValue()
                            + "' is not a date-time with offset (e.g. 2027-01-01T00:00:00+01:00)"));
                }
                if (from != null && previous != null && from <= previous) {
                    problems.add(new Problem(cAt + ".effective_from",
                            "changes must be in ascending effective_from order (after the previous change)"));
                }
                previous = from != null ? from : previous;
            }
        });
        JsonNode policies = root.path("policies");
        for (int i = 0; policies.isArray() && i < policies.size(); i++) {
            JsonNode p = policies.get(i);
            String at = "$.policies[" + i + "].calendar";
            JsonNode cal = p.path("calendar");
            if (cal.path("id").isTextual()) {
                checkCalendarId(cal.path("id").textValue(), calendars, at + ".id", problems);
            }
            cal.path("per_metric").fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    return;
                }
                if (!WALL_CLOCK.equals(e.getValue().textValue())) {
                    checkCalendarId(e.getValue().textValue(), calendars, at + ".per_metric." + e.getKey(), problems);
                }
                if (TARGET_FIELDS.contains(e.getKey()) && !p.path("targets").has(e.getKey())) {
                    problems.add(new Problem(at + ".per_metric." + e.getKey(), "a clock for " + e.getKey()
                            + ", which the policy has no target for"));
                }
            });
            if (cal.path("alert_outside_hours").asBoolean(false) && !namesBusinessCalendar(cal)) {
                problems.add(new Problem(at + ".alert_outside_hours", "alert_outside_hours without a business-hours"
                        + " calendar (type business_hours or a per_metric calendar): the policy's alerts already fire"
                        + " at any hour"));
            }
        }
    }

    /** Whether a policy's {@code calendar} object puts at least one metric under a business-hours calendar. */
    private static boolean namesBusinessCalendar(JsonNode cal) {
        if (BUSINESS_HOURS.equals(cal.path("type").textValue())) {
            return true;
        }
        for (JsonNode clock : cal.path("per_metric")) {
            if (clock.isTextual() && !WALL_CLOCK.equals(clock.textValue())) {
                return true;
            }
        }
        return false;
    }

    private static void checkCalendarId(String id, JsonNode calendars, String at, Set<Problem> problems) {
        if (!calendars.has(id)) {
            List<String> known = new ArrayList<>();
            calendars.fieldNames().forEachRemaining(known::add);
            problems.add(new Problem(at, "unknown calendar '" + id + "' ("
                    + (known.isEmpty() ? "the file has no calendars section" : "calendars: " + String.join(", ", known))
                    + ")"));
        }
    }

    private static void checkZone(JsonNode zone, String at, Set<Problem> problems) {
        if (zone.isTextual() && zone(zone.textValue()) == null) {
            problems.add(new Problem(at, "unknown time zone '" + zone.textValue()
                    + "' (an IANA zone id such as Europe/Berlin)"));
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Long instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.textValue()).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static void checkHours(JsonNode hours, String at, Set<Problem> problems) {
        if (!hours.isObject()) {
            return;
        }
        List<WorkingInterval> intervals = new ArrayList<>();
        boolean parsed = true;
        for (int d = 0; d < DAYS.size(); d++) {
            JsonNode day = hours.path(DAYS.get(d));
            for (int i = 0; day.isArray() && i < day.size(); i++) {
                if (!day.get(i).isTextual()) {
                    parsed = false;
                    continue;
                }
                try {
                    intervals.add(WorkingInterval.parse(DayOfWeek.of(d + 1), day.get(i).textValue()));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(at + "." + DAYS.get(d) + "[" + i + "]", e.getMessage()));
                    parsed = false;
                }
            }
        }
        if (parsed || !intervals.isEmpty()) { // the overlaps of those that parse
            for (String problem : CalendarVersion.problems(intervals)) {
                problems.add(new Problem(at, problem));
            }
        }
    }

    private static void checkHolidays(JsonNode holidays, String at, Set<Problem> problems) {
        for (int i = 0; holidays.isArray() && i < holidays.size(); i++) {
            if (holidays.get(i).isTextual()) {
                try {
                    Holiday.parse(holidays.get(i).textValue());
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(at + "[" + i + "]", e.getMessage()));
                }
            }
        }
    }

    // ---- conversion of a checked file ----

    private static Map<String, BusinessCalendar> toCalendars(JsonNode calendars) {
        Map<String, BusinessCalendar> out = new LinkedHashMap<>();
        calendars.fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            List<CalendarVersion> versions = new ArrayList<>();
            ZoneId zone = ZoneId.of(c.path("zone").textValue());
            List<WorkingInterval> hours = toHours(c.path("hours"));
            List<Holiday> holidays = toHolidays(c.path("holidays"));
            versions.add(new CalendarVersion(Long.MIN_VALUE, zone, hours, holidays));
            for (JsonNode change : c.path("changes")) {
                zone = change.has("zone") ? ZoneId.of(change.path("zone").textValue()) : zone;
                hours = change.has("hours") ? toHours(change.path("hours")) : hours;
                holidays = change.has("holidays") ? toHolidays(change.path("holidays")) : holidays;
                versions.add(new CalendarVersion(instant(change.path("effective_from")), zone, hours, holidays));
            }
            out.put(e.getKey(), new BusinessCalendar(e.getKey(), versions));
        });
        return out;
    }

    private static List<WorkingInterval> toHours(JsonNode hours) {
        List<WorkingInterval> out = new ArrayList<>();
        for (int d = 0; d < DAYS.size(); d++) {
            for (JsonNode i : hours.path(DAYS.get(d))) {
                out.add(WorkingInterval.parse(DayOfWeek.of(d + 1), i.textValue()));
            }
        }
        return out;
    }

    private static List<Holiday> toHolidays(JsonNode holidays) {
        List<Holiday> out = new ArrayList<>();
        holidays.forEach(h -> out.add(Holiday.parse(h.textValue())));
        return out;
    }

    private static Map<SlaMetric, BusinessCalendar> policyCalendars(JsonNode p, Map<SlaMetric, Duration> targets,
            Map<String, BusinessCalendar> calendars) {
        Map<SlaMetric, BusinessCalendar> out = new EnumMap<>(SlaMetric.class);
        JsonNode cal = p.path("calendar");
        BusinessCalendar all = BUSINESS_HOURS.equals(cal.path("type").textValue())
                ? calendars.get(cal.path("id").textValue()) : null;
        for (SlaMetric m : targets.keySet()) {
            JsonNode own = cal.path("per_metric").path(m.wireName());
            BusinessCalendar c = own.isTextual() ? calendars.get(own.textValue()) : all; // "calendar": none
            if (c != null) {
                out.put(m, c);
            }
        }
        return out;
    }

    private static SlaPolicySet toPolicySet(String source, JsonNode root) {
        List<SlaPolicy> policies = new ArrayList<>();
        Map<String, BusinessCalendar> calendars = toCalendars(root.path("calendars"));
        for (JsonNode p : root.path("policies")) {
            policies.add(toPolicy(p, calendars));
        }
        return new SlaPolicySet(source, root.path("version").intValue(), policies,
                toAggregates(root.path("aggregates")), toPriorityDerivation(root.path("priority_derivation")),
                toKpis(root.path("kpis")), toPatterns(root.path("patterns")));
    }

    /** The {@code patterns} section: each listed pattern with its omitted fields defaulted; none when omitted. */
    private static PatternRules toPatterns(JsonNode section) {
        if (!section.isObject()) {
            return PatternRules.NONE;
        }
        List<PatternRule> rules = new ArrayList<>();
        for (RiskPattern p : RiskPattern.values()) {
            JsonNode r = section.path(p.wireName());
            if (!r.isObject()) {
                continue;
            }
            rules.add(new PatternRule(p,
                    !r.has("enabled") || r.path("enabled").booleanValue(),
                    r.has("count") ? r.path("count").intValue() : p.defaultCount(),
                    r.has("within") ? parseDuration(r.path("within").textValue()) : p.defaultWithin(),
                    Severity.fromWireName(r.has("severity") ? r.path("severity").textValue() : p.defaultSeverity())));
        }
        return new PatternRules(rules);
    }

    private static KpiSettings toKpis(JsonNode k) {
        if (k.isMissingNode()) {
            return KpiSettings.DEFAULT;
        }
        List<GroupingSet> sets = new ArrayList<>();
        for (JsonNode s : k.path("grouping_sets")) {
            sets.add(toGroupingSet(s));
        }
        JsonNode v = k.path("volatility");
        VolatilityRules volatility = null;
        if (!v.isMissingNode()) {
            VolatilityRules d = VolatilityRules.defaults();
            List<VolatilityKpi> kpis = new ArrayList<>();
            v.path("kpis").forEach(n -> kpis.add(VolatilityKpi.fromWireName(n.textValue())));
            List<String> watched = new ArrayList<>();
            v.path("grouping_sets").forEach(n -> watched.add(n.textValue()));
            volatility = new VolatilityRules(
                    v.has("change_pct") ? v.path("change_pct").doubleValue() : d.changePct(),
                    v.has("baseline") ? VolatilityRules.Baseline.fromWireName(v.path("baseline").textValue())
                            : d.baseline(),
                    v.has("previous_windows") ? v.path("previous_windows").intValue() : d.previousWindows(),
                    kpis.isEmpty() ? d.kpis() : kpis,
                    watched.isEmpty() ? d.groupingSets() : watched,
                    v.has("severity") ? Severity.fromWireName(v.path("severity").textValue()) : d.severity());
        }
        return new KpiSettings(sets, volatility);
    }

    /** A grouping set as written (not checked beyond its types); null when its id or dimensions are mistyped. */
    private static GroupingSet toGroupingSet(JsonNode s) {
        if (!s.path("id").isTextual() || !s.path("dimensions").isArray()) {
            return null;
        }
        List<Dimension> dims = new ArrayList<>();
        for (JsonNode d : s.path("dimensions")) {
            dims.add(Dimension.parse(d.textValue()));
        }
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        s.path("values").fields().forEachRemaining(e -> allowed.put(e.getKey(), texts(e.getValue())));
        int maxValues = s.has("max_values") ? s.path("max_values").intValue() : GroupingSet.DEFAULT_MAX_VALUES;
        return new GroupingSet(s.path("id").textValue(), dims, maxValues, allowed);
    }

    private static SlaPolicy toPolicy(JsonNode p, Map<String, BusinessCalendar> calendars) {
        JsonNode m = p.path("match");
        PolicyMatch match = m.isMissingNode() ? PolicyMatch.ANY
                : new PolicyMatch(texts(m.path("channels")), texts(m.path("priorities")), texts(m.path("teams")),
                        attributes(m.path("attributes")));
        Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        for (String metric : TARGET_FIELDS) {
            JsonNode t = p.path("targets").path(metric);
            if (t.isTextual()) {
                targets.put(SlaMetric.fromWireName(metric), parseDuration(t.textValue()));
            }
        }
        List<EscalationTier> escalation = SlaPolicy.DEFAULT_ESCALATION;
        if (p.has("escalation")) {
            escalation = new ArrayList<>();
            for (JsonNode tier : p.path("escalation")) {
                escalation.add(new EscalationTier(Severity.fromWireName(tier.path("severity").textValue()),
                        tier.path("over_pct").doubleValue()));
            }
        }
        return new SlaPolicy(p.path("id").textValue(), match, targets, toWarning(p.path("warning")), escalation,
                policyCalendars(p, targets, calendars), p.path("calendar").path("alert_outside_hours").asBoolean(false));
    }

    private static WarningRule toWarning(JsonNode w) {
        if (w.isMissingNode()) {
            return WarningRule.DEFAULT;
        }
        if (w.isBoolean()) {
            return WarningRule.NONE; // the schema allows only false
        }
        Double atPct = w.path("at_pct").isNumber() ? w.path("at_pct").doubleValue() : null;
        Duration lead = w.path("lead").isTextual() ? parseDuration(w.path("lead").textValue()) : null;
        return new WarningRule(atPct, lead);
    }

    private static AggregateRules toAggregates(JsonNode a) {
        AggregateRules d = AggregateRules.DEFAULT;
        if (a.isMissingNode()) {
            return d;
        }
        JsonNode ceiling = a.path("wait_timeout_rate_ceiling");
        Double waitTimeoutRateCeiling = ceiling.isMissingNode() ? d.waitTimeoutRateCeiling()
                : ceiling.isNull() ? null : ceiling.doubleValue();
        return new AggregateRules(
                waitTimeoutRateCeiling,
                a.has("raise_after") ? a.path("raise_after").intValue() : d.raiseAfter(),
                a.has("clear_after") ? a.path("clear_after").intValue() : d.clearAfter(),
                a.has("hysteresis_pct") ? a.path("hysteresis_pct").doubleValue() : d.hysteresisPct(),
                a.path("imminent_breach_ceiling").isNumber()
                        ? Double.valueOf(a.path("imminent_breach_ceiling").doubleValue()) : d.imminentBreachCeiling());
    }

    private static PriorityDerivation toPriorityDerivation(JsonNode d) {
        PriorityDerivation def = PriorityDerivation.DEFAULT;
        if (d.isMissingNode()) {
            return def;
        }
        List<PriorityDerivation.Factor> factors = def.factors();
        if (d.has("factors")) {
            factors = new ArrayList<>();
            for (JsonNode f : d.path("factors")) {
                factors.add(new PriorityDerivation.Factor(f.path("attribute").textValue(), f.path("weight").decimalValue()));
            }
        }
        Map<String, BigDecimal> levels = def.levels();
        if (d.has("levels")) {
            Map<String, BigDecimal> given = new LinkedHashMap<>();
            d.path("levels").fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().decimalValue()));
            levels = given;
        }
        List<PriorityDerivation.Threshold> thresholds = def.thresholds();
        if (d.has("thresholds")) {
            thresholds = new ArrayList<>();
            for (JsonNode t : d.path("thresholds")) {
                thresholds.add(new PriorityDerivation.Threshold(t.path("priority").textValue(),
                        t.path("min_score").decimalValue()));
            }
        }
        return new PriorityDerivation(factors, levels, thresholds,
                d.has("below_thresholds") ? d.path("below_thresholds").textValue() : def.belowThresholds(),
                d.has("without_attributes") ? d.path("without_attributes").textValue() : def.withoutAttributes());
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(v.textValue()));
        return out;
    }

    private static Map<String, String> attributes(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().textValue()));
        return out;
    }

    /** One problem of a file: where (a JSON path, or a line and column) and what. Sorted by place, then text. */
    private record Problem(String path, String what) implements Comparable<Problem> {

        private static final Comparator<Problem> ORDER =
                Comparator.comparing(Problem::path, SlaPolicyFiles::comparePaths).thenComparing(Problem::what);

        @Override
        public int compareTo(Problem o) {
            return ORDER.compare(this, o);
        }

        @Override
        public String toString() {
            return path + ": " + what;
        }
    }

    /** Orders JSON paths as the file does: array indexes by number ({@code [2]} before {@code [10]}). */
    static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i);
                String nb = b.substring(sj, j);
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
