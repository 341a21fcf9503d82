package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.ValidationMessage;
import io.ticketpulse.domain.kpi.GroupingSet;
import io.ticketpulse.domain.kpi.KpiSettings;
import io.ticketpulse.domain.kpi.VolatilityKpi;
import io.ticketpulse.domain.kpi.VolatilityRules;
import io.ticketpulse.domain.sla.AggregateRules;
import io.ticketpulse.domain.sla.PriorityDerivation;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.sla.SlaPolicy;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.domain.sla.WarningRule;
import io.ticketpulse.schema.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy examples of {@code schemas/examples/sla-policy} (read from the source tree: the tests run in the
 * jobs module's folder) and the policy file shipped in the jar, through {@link SlaPolicyFiles}: each valid example
 * loads, each invalid one fails with exactly the message of its {@code expected.json} entry.
 */
class SlaPolicyExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "schemas", "examples", "sla-policy");

    static List<Path> files(String folder) throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES.resolve(folder))) {
            return s.filter(p -> !p.getFileName().toString().equals("expected.json")).sorted().toList();
        }
    }

    static List<Path> validExamples() throws IOException {
        return files("valid");
    }

    static List<Path> invalidExamples() throws IOException {
        return files("invalid");
    }

    private static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(EXAMPLES.resolve("invalid/expected.json").toFile());
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void validExampleLoads(Path file) {
        SlaPolicySet set = SlaPolicyFiles.load(file);

        assertThat(set.source()).isEqualTo(file.toString());
        assertThat(set.policies()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void invalidExampleFailsWithExactlyTheExpectedMessage(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        expected().path(file.getFileName().toString()).path("problems").forEach(p -> problems.add(p.textValue()));

        SlaPolicyException e = catchThrowableOfType(SlaPolicyException.class, () -> SlaPolicyFiles.load(file));

        assertThat(problems).as("expectation for " + file).isNotEmpty();
        assertThat(e).as(file.toString()).isNotNull();
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.problems()).containsExactlyElementsOf(problems);
        assertThat(e.getMessage()).isEqualTo("SLA policy file " + file + " is invalid (" + problems.size()
                + (problems.size() == 1 ? " problem):" : " problems):") + "\n  " + String.join("\n  ", problems));
    }

    @Test
    void everyInvalidExampleHasAnExpectationAndEveryExpectationAFile() throws IOException {
        Set<String> named = new TreeSet<>();
        expected().fieldNames().forEachRemaining(named::add);

        assertThat(invalidExamples()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(named);
        assertThat(invalidExamples()).extracting(p -> p.getFileName().toString()).anyMatch(n -> n.endsWith(".yaml"))
                .anyMatch(n -> n.endsWith(".json"));
    }

    @Test
    void exampleMessagesNameFilePathAndProblem() {
        Path file = EXAMPLES.resolve("invalid/bad-duration.yaml");

        assertThatThrownBy(() -> SlaPolicyFiles.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SLA policy file " + file + " is invalid (1 problem):\n"
                        + "  $.policies[2].targets.first_response: \"10x\" is not a duration (use e.g. 30s, 10m, 1h)");
    }

    @Test
    void vipExampleKeepsThePolicyOrderAndItsOwnRules() {
        SlaPolicySet set = SlaPolicyFiles.load(EXAMPLES.resolve("valid/vip-chat-first.yaml"));

        assertThat(set.version()).isEqualTo(7);
        assertThat(set.policies()).extracting(SlaPolicy::id).containsExactly("vip-chat", "urgent_any", "everything-else");
        SlaPolicy vip = set.policies().get(0);
        assertThat(vip.target(SlaMetric.FIRST_RESPONSE)).isEqualTo(Duration.ofSeconds(90));
        assertThat(vip.target(SlaMetric.RESOLUTION)).isEqualTo(Duration.ofMinutes(90));
        assertThat(vip.target(SlaMetric.ASSIGNMENT)).isNull();
        assertThat(vip.warning()).isEqualTo(new WarningRule(50.0, Duration.ofSeconds(30)));
        assertThat(vip.escalation()).extracting(t -> t.severity()).containsExactly(Severity.ORANGE, Severity.RED);
        assertThat(set.policies().get(1).warning()).isEqualTo(WarningRule.NONE);
        assertThat(set.policies().get(1).target(SlaMetric.ASSIGNMENT)).isEqualTo(Duration.ofMillis(250));
        assertThat(set.aggregates()).isEqualTo(new AggregateRules(null, 3, 2, 5.0));

        Map<String, String> vipAttributes = Map.of("tier", "vip");
        assertThat(set.match("chat", "P1", "billing", vipAttributes)).map(SlaPolicy::id).contains("vip-chat");
        assertThat(set.match("chat", "P1", "billing", Map.of())).map(SlaPolicy::id).contains("urgent_any");
        assertThat(set.match("email", "P4", null, null)).map(SlaPolicy::id).contains("everything-else");
    }

    @Test
    void kpisExampleReadsItsGroupingSetsAndVolatilityAndAFileWithoutKpisHasNone() {
        SlaPolicySet set = SlaPolicyFiles.load(EXAMPLES.resolve("valid/kpis-grouping-sets-and-volatility.yaml"));

        KpiSettings kpis = set.kpis();
        assertThat(kpis.groupingSets()).extracting(GroupingSet::id)
                .containsExactly("team", "agent", "issue-type", "channel", "overall");
        assertThat(kpis.set("team")).isEqualTo(GroupingSet.of("team", "team").withMaxValues(50));
        assertThat(kpis.set("agent").maxValues()).isEqualTo(500);
        assertThat(kpis.set("issue-type")).isEqualTo(GroupingSet.of("issue-type", "attributes.issue_type")
                .withAllowed("attributes.issue_type", Set.of("incident", "service_request", "problem")));
        assertThat(kpis.set("overall").dimensions()).isEmpty();
        assertThat(kpis.volatility()).isEqualTo(new VolatilityRules(15, VolatilityRules.Baseline.PREVIOUS_WINDOWS, 24,
                List.of(VolatilityKpi.TICKETS_CREATED, VolatilityKpi.FRT_P90, VolatilityKpi.BACKLOG_OPEN),
                List.of("channel_priority", "team"), Severity.YELLOW));
        assertThat(SlaPolicyFiles.loadDefault().kpis()).isEqualTo(KpiSettings.DEFAULT);
        assertThat(SlaPolicyFiles.parse("v.yaml", "version: 1\npolicies: [{id: a, targets: {resolution: 1h}}]\n"
                + "kpis: {volatility: {}}\n").kpis().volatility()).isEqualTo(VolatilityRules.defaults());
    }

    @Test
    void playbookExampleTracksTheStageTargetsAndDerivesPrioritiesOnItsOwnScale() {
        SlaPolicySet set = SlaPolicyFiles.load(EXAMPLES.resolve("valid/playbook-stages.yaml"));

        assertThat(set.policies().get(0).target(SlaMetric.PERIODIC_UPDATE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(set.policies().get(0).target(SlaMetric.FOLLOW_UP)).isEqualTo(Duration.ofHours(1));
        assertThat(set.policies().get(1).target(SlaMetric.PERIODIC_UPDATE)).isNull();
        assertThat(set.policies().get(1).target(SlaMetric.FOLLOW_UP)).isEqualTo(Duration.ofHours(4));
        PriorityDerivation d = set.priorityDerivation();
        // (0.4 x 4 + 0.3 x 3 + 0.3 x 3) / 1.0 = 3.4: below 3.5, P3; (0.4 x 4 + 0.3 x 4 + 0.3 x 3) = 3.7: P2
        assertThat(d.derive(Map.of("urgency", "critical", "impact", "high", "customer_tier", "high"))).isEqualTo("P3");
        assertThat(d.derive(Map.of("urgency", "critical", "impact", "critical", "customer_tier", "high")))
                .isEqualTo("P2");
        // (0.4 x 1 + 0.3 x 2) / 0.7 = 1.43: P4; nothing scored: P4 (without_attributes)
        assertThat(d.derive(Map.of("urgency", "low", "impact", "medium"))).isEqualTo("P4");
        assertThat(d.derive(Map.of("urgency", "5"))).as("5 is no level of this file").isEqualTo("P4");
    }

    @Test
    void shippedDefaultFileValidatesAgainstTheSchema() throws IOException {
        JsonNode tree;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SlaPolicyFiles.DEFAULT_RESOURCE)) {
            assertThat(in).isNotNull();
            tree = new YAMLMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        assertThat(Schemas.load(Schemas.SLA_POLICY).validate(tree)).extracting(ValidationMessage::getMessage).isEmpty();
    }

    @Test
    void shippedDefaultFileHasTheDocumentedTargets() {
        SlaPolicySet set = SlaPolicyFiles.loadDefault();

        assertThat(set.source()).isEqualTo("classpath:sla/default-policies.yaml");
        assertThat(set.version()).isEqualTo(2);
        assertThat(set.policies()).extracting(SlaPolicy::id).containsExactly("p1-urgent", "p2-high", "p3-normal", "p4-low");
        assertTargets(set.policies().get(0), "P1", Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofHours(2),
                Duration.ofMinutes(30), Duration.ofHours(1));
        assertTargets(set.policies().get(1), "P2", Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(24),
                null, Duration.ofHours(1));
        assertTargets(set.policies().get(2), "P3", Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(72),
                null, null);
        assertTargets(set.policies().get(3), "P4", Duration.ofHours(4), Duration.ofHours(24), Duration.ofDays(7),
                null, null);
        for (SlaPolicy p : set.policies()) {
            assertThat(p.warning()).as(p.id()).isEqualTo(WarningRule.DEFAULT);
            assertThat(p.escalation()).as(p.id()).isEqualTo(SlaPolicy.DEFAULT_ESCALATION);
        }
        assertThat(set.aggregates()).isEqualTo(new AggregateRules(0.25, 2, 2, 5.0)).isEqualTo(AggregateRules.DEFAULT);
        assertThat(set.match("email", "P3", "billing", Map.of())).map(SlaPolicy::id).contains("p3-normal");
        assertThat(set.priorityDerivation()).isEqualTo(PriorityDerivation.DEFAULT);
    }

    private static void assertTargets(SlaPolicy p, String priority, Duration assignment, Duration firstResponse,
            Duration resolution, Duration periodicUpdate, Duration followUp) {
        assertThat(p.match().priorities()).as(p.id()).containsExactly(priority);
        Map<SlaMetric, Duration> expected = new java.util.EnumMap<>(SlaMetric.class);
        expected.put(SlaMetric.ASSIGNMENT, assignment);
        expected.put(SlaMetric.FIRST_RESPONSE, firstResponse);
        expected.put(SlaMetric.RESOLUTION, resolution);
        expected.put(SlaMetric.NEXT_RESPONSE, firstResponse);
        if (periodicUpdate != null) {
            expected.put(SlaMetric.PERIODIC_UPDATE, periodicUpdate);
        }
        if (followUp != null) {
            expected.put(SlaMetric.FOLLOW_UP, followUp);
        }
        assertThat(p.targets()).as(p.id()).isEqualTo(expected);
    }
}
