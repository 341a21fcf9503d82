package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.EscalationTier;
import io.ticketpulse.domain.sla.PolicyMatch;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlaPolicyFilesTest {

    private static final String YAML = """
            version: 3
            policies:
              - id: vip-email
                match:
                  channels: [email]
                  priorities: [P1, P2]
                  teams: [billing]
                  attributes: {tier: vip}
                targets:
                  first_response: 5m
                  next_response: 1h30m
                warning: {at_pct: 60, lead: 1m}
                escalation:
                  - {severity: yellow, over_pct: 0}
                  - {severity: red, over_pct: 100}
              - id: p2
                match: {priorities: [P2]}
                targets: {resolution: 24h}
            aggregates:
              wait_timeout_rate_ceiling: 0.1
              raise_after: 1
              clear_after: 4
              hysteresis_pct: 2.5
            """;

    private static final String JSON = """
            {"version": 3, "policies": [
              {"id": "vip-email",
               "match": {"channels": ["email"], "priorities": ["P1", "P2"], "teams": ["billing"],
                         "attributes": {"tier": "vip"}},
               "targets": {"first_response": "5m", "next_response": "1h30m"},
               "warning": {"at_pct": 60, "lead": "1m"},
               "escalation": [{"severity": "yellow", "over_pct": 0}, {"severity": "red", "over_pct": 100}]},
              {"id": "p2", "match": {"priorities": ["P2"]}, "targets": {"resolution": "24h"}}],
             "aggregates": {"wait_timeout_rate_ceiling": 0.1, "raise_after": 1, "clear_after": 4, "hysteresis_pct": 2.5}}
            """;

    private static SlaPolicySet yaml(String text) {
        return SlaPolicyFiles.parse("policies.yaml", text);
    }

    /** A file with one policy {@code p} whose body is {@code policyBody} (YAML, indented by 4). */
    private static String onePolicy(String policyBody) {
        return "version: 1\npolicies:\n  - id: p\n" + policyBody.indent(4);
    }

    private static SlaPolicyException failure(String name, String text) {
        SlaPolicyException e = catchThrowableOfType(SlaPolicyException.class, () -> SlaPolicyFiles.parse(name, text));
        assertThat(e).as("no exception for %s", name).isNotNull();
        return e;
    }

    @Test
    void yamlIsReadIntoTheDomainRecords() {
        SlaPolicySet set = yaml(YAML);

        assertThat(set.source()).isEqualTo("policies.yaml");
        assertThat(set.version()).isEqualTo(3);
        SlaPolicy vip = set.policies().get(0);
        assertThat(vip).isEqualTo(new SlaPolicy("vip-email",
                new PolicyMatch(Set.of("email"), Set.of("P1", "P2"), Set.of("billing"), Map.of("tier", "vip")),
                Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(5), SlaMetric.NEXT_RESPONSE, Duration.ofMinutes(90)),
                new WarningRule(60.0, Duration.ofMinutes(1)),
                List.of(new EscalationTier(Severity.YELLOW, 0), new EscalationTier(Severity.RED, 100))));
        assertThat(set.aggregates()).isEqualTo(new AggregateRules(0.1, 1, 4, 2.5));
    }

    @Test
    void jsonAndYamlOfTheSameFileGiveTheSamePolicies() {
        SlaPolicySet fromJson = SlaPolicyFiles.parse("policies.json", JSON);
        SlaPolicySet fromYaml = yaml(YAML);
        SlaPolicySet fromYml = SlaPolicyFiles.parse("POLICIES.YML", YAML);

        assertThat(fromJson.source()).isEqualTo("policies.json");
        assertThat(fromJson.policies()).isEqualTo(fromYaml.policies()).isEqualTo(fromYml.policies());
        assertThat(fromJson.aggregates()).isEqualTo(fromYaml.aggregates());
        assertThat(fromJson.version()).isEqualTo(fromYaml.version());
    }

    @Test
    void omittedFieldsTakeTheDefaults() {
        SlaPolicySet set = yaml(onePolicy("targets: {first_response: 10m}"));

        SlaPolicy p = set.policies().get(0);
        assertThat(p.match()).isEqualTo(PolicyMatch.ANY);
        assertThat(p.warning()).isEqualTo(WarningRule.DEFAULT);
        assertThat(p.escalation()).isEqualTo(SlaPolicy.DEFAULT_ESCALATION);
        assertThat(p.targets()).containsOnlyKeys(SlaMetric.FIRST_RESPONSE);
        assertThat(set.aggregates()).isEqualTo(AggregateRules.DEFAULT);
    }

    @Test
    void partialAggregatesKeepTheOtherDefaultsAndNullTurnsTheCeilingOff() {
        String policies = "version: 1\npolicies: [{id: p, targets: {first_response: 1m}}]\n";

        assertThat(yaml(policies + "aggregates: {clear_after: 5}").aggregates())
                .isEqualTo(new AggregateRules(0.25, 2, 5, 5.0));
        assertThat(yaml(policies + "aggregates: {wait_timeout_rate_ceiling: null}").aggregates())
                .isEqualTo(new AggregateRules(null, 2, 2, 5.0));
        assertThat(yaml(policies + "aggregates: {}").aggregates()).isEqualTo(AggregateRules.DEFAULT);
    }

    @Test
    void warningFalseTurnsWarningsOffAndAnObjectSaysExactlyWhen() {
        assertThat(yaml(onePolicy("targets: {first_response: 10m}\nwarning: false")).policies().get(0).warning())
                .isEqualTo(WarningRule.NONE);
        assertThat(yaml(onePolicy("targets: {first_response: 10m}\nwarning: {lead: 2m}")).policies().get(0).warning())
                .isEqualTo(new WarningRule(null, Duration.ofMinutes(2)));
        assertThat(yaml(onePolicy("targets: {first_response: 10m}\nwarning: {at_pct: 90}")).policies().get(0).warning())
                .isEqualTo(new WarningRule(90.0, null));
    }

    @Test
    void firstMatchingPolicyWinsInFileOrder() {
        SlaPolicySet set = yaml("""
                version: 1
                policies:
                  - {id: chat-any, match: {channels: [chat]}, targets: {first_response: 2m}}
                  - {id: p1-any, match: {priorities: [P1]}, targets: {first_response: 1m}}
                  - {id: catch-all, targets: {resolution: 7d}}
                """);

        assertThat(set.policies()).extracting(SlaPolicy::id).containsExactly("chat-any", "p1-any", "catch-all");
        assertThat(set.match("chat", "P1", null, Map.of())).map(SlaPolicy::id).contains("chat-any");
        assertThat(set.match("email", "P1", null, Map.of())).map(SlaPolicy::id).contains("p1-any");
        assertThat(set.match("email", "P3", null, Map.of())).map(SlaPolicy::id).contains("catch-all");
    }

    @Test
    void durationsAreWrittenLikeTheJobsOptions() {
        assertThat(SlaPolicyFiles.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(SlaPolicyFiles.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SlaPolicyFiles.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(SlaPolicyFiles.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(SlaPolicyFiles.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(SlaPolicyFiles.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(SlaPolicyFiles.parseDuration("1d2h3m4s5ms")).isEqualTo(Duration.parse("P1DT2H3M4.005S"));
        assertThatThrownBy(() -> SlaPolicyFiles.parseDuration("10"))
                .hasMessage("\"10\" is not a duration (use e.g. 30s, 10m, 1h)");
        assertThatThrownBy(() -> SlaPolicyFiles.parseDuration("1h 30m"))
                .hasMessage("\"1h 30m\" is not a duration (use e.g. 30s, 10m, 1h)");
        assertThatThrownBy(() -> SlaPolicyFiles.parseDuration("9999999999999999999d"))
                .hasMessage("\"9999999999999999999d\" is too long a duration (at most 36500d, 100 years)");
    }

    // ---- each semantic check, with its exact message ----

    @Test
    void duplicatePolicyIdsAreNamedWithBothPlaces() {
        SlaPolicyException e = failure("dup.yaml", """
                version: 1
                policies:
                  - {id: a, targets: {first_response: 1m}}
                  - {id: b, targets: {first_response: 1m}}
                  - {id: a, targets: {first_response: 1m}}
                """);

        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.getMessage()).isEqualTo("SLA policy file dup.yaml is invalid (1 problem):\n"
                + "  $.policies[2].id: duplicate policy id 'a' (first at $.policies[0].id)");
        assertThat(e.source()).isEqualTo("dup.yaml");
        assertThat(e.problems()).containsExactly("$.policies[2].id: duplicate policy id 'a' (first at $.policies[0].id)");
    }

    @Test
    void escalationOverPctMustAscendStrictly() {
        SlaPolicyException e = failure("p.yaml", onePolicy("""
                targets: {first_response: 10m}
                escalation: [{severity: yellow, over_pct: 20}, {severity: orange, over_pct: 20.0}]
                """));

        assertThat(e.problems()).containsExactly("$.policies[0].escalation[1].over_pct: 20.0 must be greater than the"
                + " previous tier's over_pct 20 (tiers ascend)");
    }

    @Test
    void escalationSeveritiesAreUniqueAndRise() {
        SlaPolicyException duplicate = failure("p.yaml", onePolicy("""
                targets: {first_response: 10m}
                escalation: [{severity: red, over_pct: 10}, {severity: red, over_pct: 20}]
                """));
        SlaPolicyException falling = failure("p.yaml", onePolicy("""
                targets: {first_response: 10m}
                escalation: [{severity: orange, over_pct: 10}, {severity: yellow, over_pct: 20}]
                """));

        assertThat(duplicate.problems()).containsExactly("$.policies[0].escalation[1].severity: duplicate severity"
                + " 'red' (first at $.policies[0].escalation[0].severity)");
        assertThat(falling.problems()).containsExactly("$.policies[0].escalation[1].severity: severity 'yellow' after"
                + " 'orange': severities must rise with over_pct (yellow, orange, red)");
    }

    @Test
    void durationsMustBeGreaterThanZero() {
        SlaPolicyException e = failure("p.yaml", onePolicy("""
                targets: {resolution: 0d, first_response: 10m}
                warning: {lead: 0ms}
                """));

        assertThat(e.problems()).containsExactly(
                "$.policies[0].targets.resolution: \"0d\" must be greater than 0",
                "$.policies[0].warning.lead: \"0ms\" must be greater than 0");
    }

    @Test
    void tooLongADurationIsNamed() {
        SlaPolicyException e = failure("p.yaml", onePolicy("targets: {resolution: 99999999999999d}"));

        assertThat(e.problems()).containsExactly(
                "$.policies[0].targets.resolution: \"99999999999999d\" is too long a duration (at most 36500d, 100 years)");
    }

    @Test
    void warningLeadMustBeShorterThanEveryTarget() {
        SlaPolicyException e = failure("p.yaml", onePolicy("""
                targets: {assignment: 1m, first_response: 2m, resolution: 1h}
                warning: {lead: 2m}
                """));

        assertThat(e.problems()).containsExactly(
                "$.policies[0].warning.lead: lead 2m is not shorter than the assignment target 1m",
                "$.policies[0].warning.lead: lead 2m is not shorter than the first_response target 2m");
    }

    @Test
    void schemaAndSemanticProblemsAreListedTogetherSortedByPath() {
        StringBuilder text = new StringBuilder("version: 1\npolicies:\n");
        for (int i = 0; i < 11; i++) {
            text.append("  - {id: p").append(i).append(", targets: {first_response: 1m}}\n");
        }
        text.append("  - {id: p2, targets: {first_response: 1m}, warning: {lead: 5m}}\n");
        text.append("  - {id: p3, targets: {first_response: soon}}\n");

        SlaPolicyException e = failure("many.yaml", text.toString());

        assertThat(e.problems()).containsExactly(
                "$.policies[11].id: duplicate policy id 'p2' (first at $.policies[2].id)",
                "$.policies[11].warning.lead: lead 5m is not shorter than the first_response target 1m",
                "$.policies[12].id: duplicate policy id 'p3' (first at $.policies[3].id)",
                "$.policies[12].targets.first_response: \"soon\" is not a duration (use e.g. 30s, 10m, 1h)");
        assertThat(e.getMessage()).startsWith("SLA policy file many.yaml is invalid (4 problems):\n  $.policies[11].id: ");
    }

    // ---- files that cannot be read ----

    @Test
    void loadReadsAFileAndNamesItAsTheSource(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("team-policies.yml");
        Files.writeString(file, YAML);

        SlaPolicySet set = SlaPolicyFiles.load(file);

        assertThat(set.source()).isEqualTo(file.toString());
        assertThat(set.policies()).isEqualTo(yaml(YAML).policies());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> SlaPolicyFiles.load(file))
                .isInstanceOf(SlaPolicyException.class)
                .hasMessage("SLA policy file " + file + " cannot be read: no such file");
    }

    @Test
    void aDirectoryOrANonUtf8FileIsNamed(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("policies.yaml"));
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'i', 'd', ':', ' ', (byte) 0xE9});

        assertThatThrownBy(() -> SlaPolicyFiles.load(folder))
                .hasMessage("SLA policy file " + folder + " cannot be read: is a directory");
        assertThatThrownBy(() -> SlaPolicyFiles.load(latin1))
                .hasMessage("SLA policy file " + latin1 + " cannot be read: not UTF-8 text");
    }

    @Test
    void anUnknownExtensionIsRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> SlaPolicyFiles.parse("policies.txt", YAML))
                .isInstanceOf(SlaPolicyException.class)
                .hasMessage("SLA policy file policies.txt cannot be read: unknown file type (the name must end in"
                        + " .json, .yaml or .yml)");
        Path file = dir.resolve("policies.toml");
        assertThatThrownBy(() -> SlaPolicyFiles.load(file))
                .hasMessage("SLA policy file " + file + " cannot be read: unknown file type (the name must end in"
                        + " .json, .yaml or .yml)");
    }

    @Test
    void syntaxErrorsNameTheLineAndColumn() {
        assertThat(failure("p.json", "{\"version\": 1,\n \"policies\": [}").problems())
                .singleElement().asString().startsWith("line 2, column 15: not valid JSON: Unexpected close marker '}'");
        assertThat(failure("p.yaml", "version: 1\npolicies: [\n").problems())
                .singleElement().asString().isEqualTo("line 3, column 1: not valid YAML: while parsing a flow node;"
                        + " expected the node content, but found '<stream end>'");
        assertThat(failure("p.yaml", "version: 1\npolicies:\n  - id: a\n   targets: {}\n").problems())
                .singleElement().asString().isEqualTo("line 4, column 4: not valid YAML: while parsing a block"
                        + " collection at line 3, column 3; expected <block end>, but found '<block mapping start>'");
        assertThat(failure("p.json", "{\"version\": 1} {}").problems()).containsExactly(
                "line 1, column 16: not valid JSON: more content after the end of the top-level value");
        assertThat(failure("p.yaml", "version: 1\n---\nversion: 2\n").problems()).singleElement().asString()
                .endsWith(": not valid YAML: more than one document");
        assertThat(failure("p.yaml", "# nothing but a comment\n").problems()).containsExactly("$: the file is empty");
        assertThat(failure("p.json", "").problems()).containsExactly("$: the file is empty");
    }

    @Test
    void theDefaultFileLoads() {
        assertThat(SlaPolicyFiles.loadDefault().policies()).hasSize(4);
    }

    @Test
    void pathsAreOrderedWithIndexesByNumber() {
        assertThat(SlaPolicyFiles.comparePaths("$.policies[2].id", "$.policies[10].id")).isNegative();
        assertThat(SlaPolicyFiles.comparePaths("$.policies[10]", "$.policies[10].id")).isNegative();
        assertThat(SlaPolicyFiles.comparePaths("$.policies[3].id", "$.policies[3].id")).isZero();
        assertThat(SlaPolicyFiles.comparePaths("$.aggregates", "$.policies[0]")).isNegative();
    }

    @Test
    void aPolicyFileThatIsADeviceIsRefusedWithoutReadingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("policies.yaml"),
                java.nio.file.Path.of("/dev/zero"));

        assertThatThrownBy(() -> SlaPolicyFiles.load(link))
                .isInstanceOf(SlaPolicyException.class)
                .hasMessageContaining("not a regular file (a device, pipe or socket)");
    }

    @Test
    void aPolicyFileLargerThanOneMebibyteIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path big = java.nio.file.Files.writeString(dir.resolve("policies.yaml"),
                "# " + "x".repeat(SlaPolicyFiles.MAX_POLICY_FILE_BYTES) + "\n");

        assertThatThrownBy(() -> SlaPolicyFiles.load(big))
                .isInstanceOf(SlaPolicyException.class)
                .hasMessageContaining("larger than 1048576 bytes (1 MiB)");
    }
}
