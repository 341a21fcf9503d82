package io.ticketpulse.functions;

import static io.ticketpulse.domain.sla.AggregateFixtures.POLICIES;
import static io.ticketpulse.domain.sla.AggregateFixtures.frt;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.AggregateAlertState;
import io.ticketpulse.domain.sla.AggregateAlertTracker;
import io.ticketpulse.domain.sla.AggregateMetricState;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The aggregate-alert state and wire types serialise as Flink POJOs, without Kryo. */
class AggregateAlertTypesPojoTest {

    @Test
    void stateAndWireTypesAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AggregateAlertState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AggregateMetricState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SlaAlert.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TicketKpi.class);
    }

    @Test
    void stateSurvivesASerializerRoundTrip() throws Exception {
        AggregateAlertTracker tracker = new AggregateAlertTracker(POLICIES);
        AggregateAlertTracker.Step step = tracker.next(null, frt(1, 300.0));
        step = tracker.next(step.state(), frt(2, 300.0));
        AggregateAlertState state = step.state();
        assertThat(state.frtP90.level).isEqualTo(2);

        AggregateAlertState copy = roundTrip(state, AggregateAlertState.class);
        assertThat(copy).isEqualTo(state);
        assertThat(tracker.next(copy, frt(3, 100.0)).state()).isEqualTo(tracker.next(state, frt(3, 100.0)).state());

        SlaAlert alert = step.alerts().get(0);
        assertThat(roundTrip(alert, SlaAlert.class).sameAs(alert)).isTrue();
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
