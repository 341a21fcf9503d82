package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SlaAlertJsonTest {

    /** 2026-11-22T10:00:00Z: 20,779 days after the epoch + 10 h. */
    private static final long NOV_22_10H = (20_779L * 86_400 + 10 * 3_600) * 1_000;
    private static final long MINUTE = 60_000;

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() {
        schema = Schemas.load(Schemas.SLA_ALERT);
    }

    /** P2 email ticket, first response target 10 min, 30 % over at 10:13: an orange breach. */
    static SlaAlert orangeBreach() {
        SlaAlert a = new SlaAlert();
        a.alertId = "T-1001/first_response/2026-11-22T10:00:00.000Z/1/p2-high@1";
        a.dedupKey = a.alertId;
        a.status = "firing";
        a.kind = "breach";
        a.severity = "orange";
        a.slaMetric = "first_response";
        a.ticketId = "T-1001";
        a.channel = "email";
        a.priority = "P2";
        a.team = "billing";
        a.policyId = "p2-high";
        a.policyVersion = 1;
        a.cycle = 1;
        a.targetS = 600;
        a.startedAtMs = NOV_22_10H;
        a.deadlineAtMs = NOV_22_10H + 10 * MINUTE;
        a.breachedAtMs = NOV_22_10H + 10 * MINUTE;
        a.changedAtMs = NOV_22_10H + 13 * MINUTE;
        a.elapsedS = 780;
        a.pausedS = 0;
        a.overrunPct = 30;
        a.resolveReason = null;
        a.detectedAtMs = NOV_22_10H + 13 * MINUTE + 318;
        a.summary = "P2 email ticket T-1001: first response 3m over its 10m target (30 %), orange";
        return a;
    }

    /** The same alert, resolved when the first agent reply arrived at 10:14:00.250. */
    static SlaAlert resolvedFulfilled() {
        SlaAlert a = orangeBreach();
        a.status = "resolved";
        a.changedAtMs = NOV_22_10H + 14 * MINUTE + 250;
        a.elapsedS = 840.25;
        a.overrunPct = (840.25 - 600) / 600 * 100;
        a.resolveReason = "fulfilled";
        a.detectedAtMs = a.changedAtMs + 1_000;
        a.summary = "P2 email ticket T-1001: first response sent, 4m0.25s over its 10m target";
        return a;
    }

    /** Wait-timeout rate of chat/P2 at 31.25 % against a 25 % ceiling: nulls where an aggregate has none. */
    static SlaAlert aggregateFiring() {
        SlaAlert a = new SlaAlert();
        a.alertId = "aggregate/wait_timeout_rate/chat/P2/p2-high@1";
        a.dedupKey = a.alertId;
        a.status = "firing";
        a.kind = "aggregate";
        a.severity = "yellow";
        a.slaMetric = "wait_timeout_rate";
        a.channel = "chat";
        a.priority = "P2";
        a.policyId = "p2-high";
        a.policyVersion = 1;
        a.cycle = 0;
        a.targetS = 0.25;
        a.startedAtMs = NOV_22_10H;
        a.breachedAtMs = NOV_22_10H + 60 * MINUTE;
        a.changedAtMs = NOV_22_10H + 61 * MINUTE;
        a.elapsedS = 0.3125;
        a.overrunPct = 25;
        a.detectedAtMs = NOV_22_10H + 61 * MINUTE + 4_877;
        a.summary = "P2 chat: wait timeout rate 31.25 % over its 25 % ceiling for 2 windows, yellow";
        return a;
    }

    static List<SlaAlert> alerts() {
        return List.of(orangeBreach(), resolvedFulfilled(), aggregateFiring());
    }

    private static List<String> validate(byte[] json) {
        List<String> messages = new ArrayList<>();
        for (ValidationMessage m : schema.validate(Examples.json(json))) {
            messages.add(m.getMessage());
        }
        return messages;
    }

    @ParameterizedTest
    @MethodSource("alerts")
    void codecOutputValidatesAndRoundTrips(SlaAlert alert) {
        byte[] json = SlaAlertJson.toJson(alert);

        assertThat(validate(json)).isEmpty();
        assertThat(SlaAlertJson.fromJson(json)).isEqualTo(alert);
        assertThat(SlaAlertJson.fromJson(SlaAlertJson.toJsonString(alert))).isEqualTo(alert);
    }

    @Test
    void validExamplesAreReadAndWrittenBackIdentically() {
        for (Path file : Examples.files("sla-alert/valid")) {
            JsonNode example = Examples.json(Examples.bytes(file));

            SlaAlert a = SlaAlertJson.fromJson(Examples.bytes(file));

            assertThat(Examples.json(SlaAlertJson.toJson(a))).as(Examples.name(file)).isEqualTo(example);
        }
    }

    @Test
    void wireNamesAndValuesAreTheContracts() {
        JsonNode n = Examples.json(SlaAlertJson.toJson(orangeBreach()));

        assertThat(n.path("dedup_key").textValue())
                .isEqualTo("T-1001/first_response/2026-11-22T10:00:00.000Z/1/p2-high@1");
        assertThat(n.path("started_at").textValue()).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(n.path("deadline_at").textValue()).isEqualTo("2026-11-22T10:10:00.000Z");
        assertThat(n.path("changed_at").textValue()).isEqualTo("2026-11-22T10:13:00.000Z");
        assertThat(n.path("detected_at").textValue()).isEqualTo("2026-11-22T10:13:00.318Z");
        assertThat(n.path("policy_version").isIntegralNumber()).isTrue();
        assertThat(n.path("target_s").doubleValue()).isEqualTo(600.0);
        assertThat(n.path("overrun_pct").doubleValue()).isEqualTo(30.0);
        assertThat(n.has("resolve_reason")).isTrue();
        assertThat(n.path("resolve_reason").isNull()).isTrue();
    }

    @Test
    void aggregateNullsAreWrittenNotOmitted() {
        JsonNode n = Examples.json(SlaAlertJson.toJson(aggregateFiring()));

        for (String field : List.of("ticket_id", "team", "deadline_at", "resolve_reason")) {
            assertThat(n.has(field)).as(field).isTrue();
            assertThat(n.path(field).isNull()).as(field).isTrue();
        }
        assertThat(n.path("breached_at").textValue()).isEqualTo("2026-11-22T11:00:00.000Z");
    }

    @Test
    void writtenFieldsAreExactlyTheSchemasPropertiesInOrder() {
        JsonNode schemaNode = Examples.json(Examples.resource(Schemas.SLA_ALERT));
        List<String> properties = new ArrayList<>();
        schemaNode.path("properties").fieldNames().forEachRemaining(properties::add);
        List<String> required = new ArrayList<>();
        schemaNode.path("required").forEach(r -> required.add(r.textValue()));
        List<String> written = new ArrayList<>();
        Examples.json(SlaAlertJson.toJson(aggregateFiring())).fieldNames().forEachRemaining(written::add);
        List<String> writtenVolatility = new ArrayList<>();
        Examples.json(SlaAlertJson.toJson(volatilityFiring())).fieldNames().forEachRemaining(writtenVolatility::add);
        List<String> calendarFields = List.of("calendar_id", "business_elapsed_s", "calendar_elapsed_s");
        List<String> withoutCalendar = new ArrayList<>(properties);
        withoutCalendar.removeAll(calendarFields);
        List<String> others = new ArrayList<>(withoutCalendar);
        others.removeAll(List.of("grouping_set", "dimensions"));
        List<String> writtenBusinessHours = new ArrayList<>();
        SlaAlert businessHours = aggregateFiring();
        businessHours.calendarId = "office";
        businessHours.businessElapsedS = 3600.0;
        businessHours.calendarElapsedS = 7200.0;
        Examples.json(SlaAlertJson.toJson(businessHours)).fieldNames().forEachRemaining(writtenBusinessHours::add);
        List<String> businessHoursExpected = new ArrayList<>(properties);
        businessHoursExpected.removeAll(List.of("grouping_set", "dimensions"));

        List<String> original = new ArrayList<>(others);
        original.remove("priority_derived");

        // grouping_set and dimensions only on volatility alerts, the calendar fields only on alerts of a
        // business-hours metric: the other alerts are written as before
        assertThat(written).containsExactlyElementsOf(others);
        assertThat(writtenVolatility).containsExactlyElementsOf(withoutCalendar);
        assertThat(writtenBusinessHours).containsExactlyElementsOf(businessHoursExpected);
        assertThat(properties).contains("grouping_set", "dimensions", "priority_derived");
        // priority_derived was added to v1 later, grouping_set and dimensions are on volatility alerts only
        assertThat(required).as("the optional fields").containsExactlyInAnyOrderElementsOf(original);
        assertThat(original).hasSize(24);
        assertThat(properties).hasSize(30);
    }

    /** Tickets created by team billing 30 % above the same window a week earlier. */
    static SlaAlert volatilityFiring() {
        SlaAlert a = aggregateFiring();
        a.alertId = "volatility/tickets_created/team:billing@3";
        a.dedupKey = a.alertId;
        a.kind = "volatility";
        a.severity = "warning";
        a.slaMetric = "tickets_created";
        a.channel = null;
        a.priority = null;
        a.team = "billing";
        a.groupingSet = "team";
        a.dimensionNames = new String[] {"team"};
        a.dimensionValues = new String[] {"billing"};
        a.policyId = "kpi-volatility";
        a.policyVersion = 3;
        a.targetS = 40;
        a.elapsedS = 52;
        a.overrunPct = 30;
        a.summary = "tickets created of team billing +30.0 % vs its baseline: 52 vs 40";
        return a;
    }

    @Test
    void aRecordOfAnEarlierProducerWithoutPriorityDerivedValidatesAndReadsAsGiven() {
        com.fasterxml.jackson.databind.node.ObjectNode old =
                (com.fasterxml.jackson.databind.node.ObjectNode) Examples.json(SlaAlertJson.toJson(orangeBreach()));
        old.remove("priority_derived");
        byte[] json = old.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(validate(json)).isEmpty();
        assertThat(SlaAlertJson.fromJson(json)).isEqualTo(orangeBreach());
        assertThat(SlaAlertJson.fromJson(json).priorityDerived).isFalse();
    }

    @Test
    void aDerivedPriorityIsWrittenAndRead() {
        SlaAlert a = orangeBreach();
        a.priorityDerived = true;

        byte[] json = SlaAlertJson.toJson(a);

        assertThat(validate(json)).isEmpty();
        assertThat(Examples.json(json).path("priority_derived").booleanValue()).isTrue();
        assertThat(SlaAlertJson.fromJson(json)).isEqualTo(a);
    }

    @Test
    void volatilityAlertRoundTripsAndValidates() {
        byte[] json = SlaAlertJson.toJson(volatilityFiring());

        assertThat(schema.validate(Examples.json(json))).isEmpty();
        assertThat(SlaAlertJson.fromJson(json)).isEqualTo(volatilityFiring());
        SlaAlert aggregateWithoutChannel = aggregateFiring();
        aggregateWithoutChannel.channel = null;
        assertThat(schema.validate(Examples.json(SlaAlertJson.toJson(aggregateWithoutChannel))))
                .extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("$.channel: null found, string expected"));
    }

    @Test
    void keyIsTheDedupKeyBytes() {
        assertThat(SlaAlertJson.key(orangeBreach()))
                .isEqualTo("T-1001/first_response/2026-11-22T10:00:00.000Z/1/p2-high@1"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(SlaAlertJson.key(resolvedFulfilled())).isEqualTo(SlaAlertJson.key(orangeBreach()));
    }

    @Test
    void pagerDutySeverityFollowsTheSchemasMapping() {
        JsonNode severity = Examples.json(Examples.resource(Schemas.SLA_ALERT)).path("properties").path("severity");

        assertThat(SlaAlertJson.pagerDutySeverity("warning")).isEqualTo("warning");
        assertThat(SlaAlertJson.pagerDutySeverity("yellow")).isEqualTo("warning");
        assertThat(SlaAlertJson.pagerDutySeverity("orange")).isEqualTo("error");
        assertThat(SlaAlertJson.pagerDutySeverity("red")).isEqualTo("critical");
        assertThat(severity.path("description").asText()).contains(
                "warning -> warning, yellow -> warning, orange -> error, red -> critical");
        assertThatThrownBy(() -> SlaAlertJson.pagerDutySeverity("critical"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolvedWithoutReasonFailsTheSchema() {
        SlaAlert a = resolvedFulfilled();
        a.resolveReason = null;

        assertThat(validate(SlaAlertJson.toJson(a))).containsExactly("$.resolve_reason: null found, string expected");
    }

    @Test
    void nonFiniteNumbersAreRejectedByName() {
        SlaAlert a = aggregateFiring();
        a.overrunPct = Double.POSITIVE_INFINITY;

        assertThatThrownBy(() -> SlaAlertJson.toJson(a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'overrun_pct'");
    }

    @Test
    void unknownFieldsAreToleratedWhenReading() {
        ObjectNode n = (ObjectNode) Examples.json(SlaAlertJson.toJson(orangeBreach()));
        n.put("runbook_url", "https://runbooks.example/sla");

        assertThat(SlaAlertJson.fromJson(n.toString())).isEqualTo(orangeBreach());
    }

    @Test
    void missingOrMistypedFieldsAreRejectedByName() {
        ObjectNode missing = (ObjectNode) Examples.json(SlaAlertJson.toJson(orangeBreach()));
        missing.remove("deadline_at");
        ObjectNode mistyped = (ObjectNode) Examples.json(SlaAlertJson.toJson(orangeBreach()));
        mistyped.put("cycle", "1");
        ObjectNode badTime = (ObjectNode) Examples.json(SlaAlertJson.toJson(orangeBreach()));
        badTime.put("changed_at", "yesterday");

        assertThatThrownBy(() -> SlaAlertJson.fromJson(missing.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'deadline_at'");
        assertThatThrownBy(() -> SlaAlertJson.fromJson(mistyped.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cycle'");
        assertThatThrownBy(() -> SlaAlertJson.fromJson(badTime.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'changed_at'");
        assertThatThrownBy(() -> SlaAlertJson.fromJson("[]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sla-alert v1");
    }
}
