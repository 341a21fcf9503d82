package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TicketKpiJsonTest {

    /** 2026-11-22T10:00:00Z: 20,779 days after the epoch + 10 h. */
    private static final long NOV_22_10H = (20_779L * 86_400 + 10 * 3_600) * 1_000;
    private static final long HOUR = 3_600_000;

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() {
        schema = Schemas.load(Schemas.TICKET_KPI);
    }

    /** Four FRTs 28, 120, 151.5, 301.5 s; two TTRs 1800, 3600 s; ratings 5, 4, 3, one per FRT bucket. */
    static TicketKpi measured() {
        TicketKpi k = new TicketKpi();
        k.windowStartMs = NOV_22_10H;
        k.windowEndMs = NOV_22_10H + HOUR;
        k.channel = "email";
        k.priority = "P2";
        k.revision = 2;
        k.isFinal = false;
        k.ticketsCreated = 12;
        k.frtCount = 4;
        k.frtMeanS = (28 + 120 + 151.5 + 301.5) / 4; // 150.25
        k.frtP50S = 120.0; // nearest rank ceil(0.50 * 4) = 2
        k.frtP90S = 301.5; // ceil(0.90 * 4) = 4
        k.frtP95S = 301.5;
        k.frtP99S = 301.5;
        k.frtMaxS = 301.5;
        k.waitTimeouts = 1;
        k.waitDecided = 5;
        k.waitTimeoutRate = 1.0 / 5;
        k.resolved = 2;
        k.mttrMeanS = 2700.0;
        k.mttrP50S = 1800.0;
        k.mttrP90S = 3600.0;
        k.oneTouchResolved = 1;
        k.fcrRate = 0.5;
        k.backlogOpen = 10;
        k.csatCount = 3;
        k.csatMean = 4.0;
        k.csatMeanFrtLt1m = 5.0;
        k.csatMeanFrt1To5m = 4.0;
        k.csatMeanFrtGt5m = 3.0;
        k.ticketsPriorityDerived = 3;
        k.ahtCount = 2;
        k.ahtMeanS = 720.0; // handling times 540 and 900 s
        k.ahtP50S = 540.0; // ceil(0.50 * 2) = 1
        k.ahtP90S = 900.0; // ceil(0.90 * 2) = 2
        return k;
    }

    /** A final row of a window where nothing was measured: every mean, rate and percentile is null. */
    static TicketKpi nothingMeasured() {
        TicketKpi k = new TicketKpi();
        k.windowStartMs = NOV_22_10H - HOUR;
        k.windowEndMs = NOV_22_10H;
        k.channel = "web_form";
        k.priority = "P4";
        k.revision = 0;
        k.isFinal = true;
        k.backlogOpen = 3;
        return k;
    }

    private static List<String> validate(byte[] json) {
        List<String> messages = new ArrayList<>();
        for (ValidationMessage m : schema.validate(Examples.json(json))) {
            messages.add(m.getMessage());
        }
        return messages;
    }

    @Test
    void measuredRowRoundTripsAndValidates() {
        byte[] json = TicketKpiJson.toJson(measured());

        assertThat(validate(json)).isEmpty();
        assertThat(TicketKpiJson.fromJson(json)).isEqualTo(measured());
    }

    @Test
    void rowWithNullsRoundTripsAndValidates() {
        byte[] json = TicketKpiJson.toJson(nothingMeasured());

        assertThat(validate(json)).isEmpty();
        TicketKpi back = TicketKpiJson.fromJson(json);
        assertThat(back).isEqualTo(nothingMeasured());
        assertThat(back.frtP99S).isNull();
        assertThat(back.csatMeanFrtGt5m).isNull();
    }

    @Test
    void wireNamesAndValuesAreTheContracts() {
        JsonNode n = Examples.json(TicketKpiJson.toJson(measured()));

        assertThat(n.path("window_start").textValue()).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(n.path("window_end").textValue()).isEqualTo("2026-11-22T11:00:00.000Z");
        assertThat(n.path("is_final").isBoolean()).isTrue();
        assertThat(n.path("revision").intValue()).isEqualTo(2);
        assertThat(n.path("frt_mean_s").doubleValue()).isEqualTo(150.25);
        assertThat(n.path("wait_timeout_rate").doubleValue()).isEqualTo(0.2);
        assertThat(n.path("csat_mean_frt_1_5m").doubleValue()).isEqualTo(4.0);
        assertThat(n.path("tickets_created").isIntegralNumber()).isTrue();
    }

    @Test
    void nullsAreWrittenNotOmitted() {
        JsonNode n = Examples.json(TicketKpiJson.toJson(nothingMeasured()));

        assertThat(n.has("frt_mean_s")).isTrue();
        assertThat(n.path("frt_mean_s").isNull()).isTrue();
        assertThat(n.path("fcr_rate").isNull()).isTrue();
    }

    @Test
    void writtenFieldsAreExactlyTheSchemasProperties() {
        JsonNode schemaNode = Examples.json(Examples.resource(Schemas.TICKET_KPI));
        List<String> properties = new ArrayList<>();
        schemaNode.path("properties").fieldNames().forEachRemaining(properties::add);
        List<String> required = new ArrayList<>();
        schemaNode.path("required").forEach(r -> required.add(r.textValue()));
        List<String> written = new ArrayList<>();
        Examples.json(TicketKpiJson.toJson(nothingMeasured())).fieldNames().forEachRemaining(written::add);
        List<String> writtenGrouped = new ArrayList<>();
        Examples.json(TicketKpiJson.toJson(teamRow())).fieldNames().forEachRemaining(writtenGrouped::add);
        List<String> groupingSetFields = List.of("grouping_set", "dimensions", "folded_dimensions");
        List<String> businessFields = List.of("frt_business_mean_s", "mttr_business_mean_s", "frt_business_count",
                "mttr_business_count");
        List<String> defaultFields = new ArrayList<>(properties);
        defaultFields.removeAll(groupingSetFields);
        defaultFields.removeAll(businessFields);

        List<String> addedLater = List.of("tickets_priority_derived", "aht_count", "aht_mean_s", "aht_p50_s",
                "aht_p90_s", "imminent_breach");
        List<String> original = new ArrayList<>(defaultFields);
        original.removeAll(addedLater);
        properties.removeAll(businessFields);

        // a default-family row is exactly as before grouping sets: the three fields are absent, not null
        assertThat(written).containsExactlyElementsOf(defaultFields);
        assertThat(writtenGrouped).containsExactlyElementsOf(properties);
        assertThat(properties).containsAll(addedLater).containsAll(groupingSetFields);
        assertThat(required).as("the fields added to v1 later and the grouping-set fields are optional")
                .containsExactlyInAnyOrderElementsOf(original);
        assertThat(original).hasSize(29);
        assertThat(properties).hasSize(38); // without the four business-time fields
        assertThat(required).doesNotContainAnyElementsOf(businessFields);
    }

    @Test
    void businessTimeMeansAreWrittenOnlyWhenMeasuredAndRoundTrip() {
        TicketKpi k = measured();
        assertThat(new String(TicketKpiJson.toJson(k), StandardCharsets.UTF_8)).doesNotContain("business");
        k.frtBusinessMeanS = 90.0; // e.g. 30 s and 150 s of working time
        k.mttrBusinessMeanS = 1500.0;
        k.frtBusinessCount = 2L;
        k.mttrBusinessCount = 1L;
        byte[] json = TicketKpiJson.toJson(k);

        assertThat(validate(json)).isEmpty();
        JsonNode n = Examples.json(json);
        assertThat(n.get("frt_business_mean_s").doubleValue()).isEqualTo(90.0);
        assertThat(n.get("mttr_business_mean_s").doubleValue()).isEqualTo(1500.0);
        assertThat(n.get("frt_business_count").longValue()).isEqualTo(2);
        assertThat(n.get("mttr_business_count").longValue()).isEqualTo(1);
        assertThat(TicketKpiJson.fromJson(json)).isEqualTo(k);
        TicketKpi example = TicketKpiJson.fromJson(Examples.bytes("ticket-kpi/valid/business-hours-window.json"));
        assertThat(example.mttrBusinessMeanS).isEqualTo(1500.0);
        assertThat(example.frtBusinessCount).isEqualTo(2L);
        assertThat(example.mttrBusinessCount).isEqualTo(1L);
        // the counts are the weights that merge the means: two rows' FRT in business time together
        TicketKpi other = measured();
        other.frtBusinessMeanS = 30.0;
        other.frtBusinessCount = 1L;
        double merged = (k.frtBusinessMeanS * k.frtBusinessCount + other.frtBusinessMeanS * other.frtBusinessCount)
                / (k.frtBusinessCount + other.frtBusinessCount);
        assertThat(merged).isEqualTo(70.0); // (30 + 150 + 30) / 3
    }

    /** A row of the grouping set "team" (one dimension, team): no channel or priority dimension, so both null. */
    static TicketKpi teamRow() {
        TicketKpi k = measured();
        k.channel = null;
        k.priority = null;
        k.groupingSet = "team";
        k.dimensionNames = new String[] {"team"};
        k.dimensionValues = new String[] {"billing/EU"};
        k.foldedDimensions = new String[0];
        return k;
    }

    @Test
    void groupingSetRowsRoundTripValidateAndKeyTheirDimensions() {
        TicketKpi team = teamRow();
        TicketKpi folded = teamRow();
        folded.groupingSet = "agent-channel";
        folded.dimensionNames = new String[] {"agent_id", "channel"};
        folded.dimensionValues = new String[] {"other", "email"};
        folded.foldedDimensions = new String[] {"agent_id"};
        folded.channel = "email";
        TicketKpi unknown = teamRow();
        unknown.dimensionValues = new String[] {null};

        for (TicketKpi k : List.of(team, folded, unknown)) {
            byte[] json = TicketKpiJson.toJson(k);
            assertThat(validate(json)).as(k.toString()).isEmpty();
            assertThat(TicketKpiJson.fromJson(json)).isEqualTo(k);
        }
        JsonNode n = Examples.json(TicketKpiJson.toJson(folded));
        assertThat(n.path("dimensions").toString()).isEqualTo("{\"agent_id\":\"other\",\"channel\":\"email\"}");
        assertThat(n.path("priority").isNull()).isTrue();
        assertThat(team.upsertKey()).isEqualTo("team:billing%2FEU/" + NOV_22_10H + "/" + (NOV_22_10H + HOUR));
        assertThat(folded.groupKey()).isEqualTo("agent-channel:*/email");
        assertThat(unknown.groupKey()).isEqualTo("team:~");
        // a real agent called "other" is another row than the folded bucket
        folded.foldedDimensions = new String[0];
        assertThat(folded.groupKey()).isEqualTo("agent-channel:other/email");
        // the default family keeps its key
        assertThat(measured().upsertKey()).isEqualTo("email/P2/" + NOV_22_10H + "/" + (NOV_22_10H + HOUR));
    }

    @Test
    void aDefaultRowNeedsItsChannelAndPriorityAndAGroupingSetRowItsDimensions() {
        ObjectNode nullChannel = (ObjectNode) Examples.json(TicketKpiJson.toJson(measured()));
        nullChannel.putNull("channel");
        ObjectNode noDimensions = (ObjectNode) Examples.json(TicketKpiJson.toJson(teamRow()));
        noDimensions.remove("dimensions");

        assertThat(validate(nullChannel.toString().getBytes(StandardCharsets.UTF_8)))
                .anySatisfy(m -> assertThat(m).contains("$.channel: null found, string expected"));
        assertThatThrownBy(() -> TicketKpiJson.fromJson(nullChannel.toString().getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'channel'");
        assertThatThrownBy(() -> TicketKpiJson.fromJson(noDimensions.toString().getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'dimensions'");
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNull() {
        TicketKpi k = measured();
        k.frtMeanS = Double.NaN;
        k.csatMean = Double.POSITIVE_INFINITY;

        byte[] json = TicketKpiJson.toJson(k);

        assertThat(validate(json)).isEmpty();
        assertThat(TicketKpiJson.fromJson(json).frtMeanS).isNull();
        assertThat(TicketKpiJson.fromJson(json).csatMean).isNull();
    }

    @Test
    void validExamplesAreRead() {
        TicketKpi k = TicketKpiJson.fromJson(Examples.bytes("ticket-kpi/valid/measured-window.json"));

        assertThat(k.windowStartMs).isEqualTo(NOV_22_10H);
        assertThat(k.frtMeanS).isEqualTo(150.25);
        assertThat(k.ahtCount).isEqualTo(2);
        assertThat(k.ahtP90S).isEqualTo(900.0);
        assertThat(k.ticketsPriorityDerived).isEqualTo(3);
        TicketKpi empty = TicketKpiJson.fromJson(Examples.bytes("ticket-kpi/valid/final-revision-nothing-measured.json"));
        assertThat(empty.isFinal).isTrue();
        assertThat(empty.revision).isEqualTo(3);
        assertThat(empty.mttrP90S).isNull();
    }

    @Test
    void aRowOfAnEarlierProducerWithoutTheLaterFieldsValidatesAndReadsAsZeroAndNull() {
        ObjectNode old = (ObjectNode) Examples.json(TicketKpiJson.toJson(measured()));
        for (String added : List.of("tickets_priority_derived", "aht_count", "aht_mean_s", "aht_p50_s", "aht_p90_s")) {
            old.remove(added);
        }
        byte[] json = old.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(validate(json)).isEmpty();
        TicketKpi k = TicketKpiJson.fromJson(json);
        assertThat(k.ticketsPriorityDerived).isZero();
        assertThat(k.ahtCount).isZero();
        assertThat(k.ahtMeanS).isNull();
        assertThat(k.ahtP90S).isNull();
        assertThat(k.frtMeanS).isEqualTo(150.25);
    }

    @Test
    void unknownFieldsAreToleratedWhenReading() {
        ObjectNode n = (ObjectNode) Examples.json(TicketKpiJson.toJson(measured()));
        n.put("sla_breaches", 7);

        assertThat(TicketKpiJson.fromJson(n.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(measured());
    }

    @Test
    void missingOrMistypedFieldsAreRejectedByName() {
        ObjectNode missing = (ObjectNode) Examples.json(TicketKpiJson.toJson(measured()));
        missing.remove("csat_mean");
        ObjectNode mistyped = (ObjectNode) Examples.json(TicketKpiJson.toJson(measured()));
        mistyped.put("resolved", "2");

        assertThatThrownBy(() -> TicketKpiJson.fromJson(missing.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'csat_mean'");
        assertThatThrownBy(() -> TicketKpiJson.fromJson(mistyped.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'resolved'");
        assertThatThrownBy(() -> TicketKpiJson.fromJson("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
