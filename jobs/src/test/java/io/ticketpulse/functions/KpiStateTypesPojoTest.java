package io.ticketpulse.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.EmittedWindow;
import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.FrtBucket;
import io.ticketpulse.domain.KpiPane;
import io.ticketpulse.domain.PaneDelta;
import io.ticketpulse.domain.kpi.KeptValues;
import io.ticketpulse.domain.kpi.VolatilityState;
import io.ticketpulse.schema.TicketKpi;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The KPI types that cross operators or live in keyed state serialise as Flink POJOs, without Kryo. */
class KpiStateTypesPojoTest {

    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    @Test
    void kpiTypesAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PaneDelta.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(KpiPane.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(EmittedWindow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(KeptValues.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(VolatilityState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Fact.class);
    }

    @Test
    void groupingSetTypesSurviveASerializerRoundTrip() throws Exception {
        Fact fact = Fact.backlog(T0, "t1", "chat", "P2", -1);
        fact.team = "billing";
        fact.agentId = "ann";
        fact.attributes = java.util.Map.of("issue_type", "refund");
        fact.moved = Fact.MOVED_AGENT;
        PaneDelta delta = PaneDelta.ofGroup("agent:ann", T0).add(fact)
                .add(Fact.firstResponse(T0, "t1", "email", "P1", 42_000));
        KeptValues kept = KeptValues.fresh(2);
        kept.kept.add("0:billing");
        kept.counts[0] = 1;
        kept.pending.add(delta);
        TicketKpi row = new TicketKpi();
        row.groupingSet = "agent";
        row.dimensionNames = new String[] {"agent_id"};
        row.dimensionValues = new String[] {null};
        row.foldedDimensions = new String[0];
        io.ticketpulse.schema.SlaAlert alert = new io.ticketpulse.schema.SlaAlert();
        alert.groupingSet = "overall";
        alert.dimensionNames = new String[0];
        alert.dimensionValues = new String[0];

        assertThat(roundTrip(fact, Fact.class)).isEqualTo(fact);
        assertThat(roundTrip(fact, Fact.class).moved).isEqualTo(Fact.MOVED_AGENT);
        PaneDelta deltaCopy = roundTrip(delta, PaneDelta.class);
        assertThat(deltaCopy.key()).isEqualTo("agent:ann");
        assertThat(new KpiPane(T0).apply(deltaCopy)).isEqualTo(new KpiPane(T0).apply(delta));
        KeptValues keptCopy = roundTrip(kept, KeptValues.class);
        assertThat(keptCopy.kept).containsExactly("0:billing");
        assertThat(keptCopy.counts).containsExactly(1, 0);
        assertThat(keptCopy.pending).singleElement().extracting(PaneDelta::key).isEqualTo("agent:ann");
        assertThat(roundTrip(row, TicketKpi.class)).isEqualTo(row);
        assertThat(roundTrip(alert, io.ticketpulse.schema.SlaAlert.class).sameAs(alert)).isTrue();
    }

    @Test
    void paneDeltaAndPaneSurviveASerializerRoundTrip() throws Exception {
        PaneDelta delta = new PaneDelta("email", "P1", T0)
                .add(Fact.firstResponse(T0, "t1", "email", "P1", 42_000))
                .add(Fact.firstResponse(T0, "t0", "email", "P1", 7_000).withSign(-1))
                .add(Fact.resolved(T0, "t1", "email", "P1", 90_000, true))
                .add(Fact.rated(T0, "t1", "email", "P1", 5, FrtBucket.LT_1M));
        KpiPane pane = new KpiPane(T0).apply(delta);

        PaneDelta deltaCopy = roundTrip(delta, PaneDelta.class);
        KpiPane paneCopy = roundTrip(pane, KpiPane.class);

        assertThat(new KpiPane(T0).apply(deltaCopy)).isEqualTo(pane);
        assertThat(paneCopy).isEqualTo(pane);
        assertThat(paneCopy.frtValuesMs.positiveCount()).isEqualTo(1);
        assertThat(paneCopy.frtValuesMs.counts).containsExactly(-1, 1);
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
