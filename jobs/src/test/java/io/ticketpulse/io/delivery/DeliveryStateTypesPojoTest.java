package io.ticketpulse.io.delivery;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.delivery.AlertmanagerEntry;
import io.ticketpulse.domain.delivery.AlertmanagerLedger;
import io.ticketpulse.domain.delivery.PagerDutyEntry;
import io.ticketpulse.domain.delivery.PagerDutyLedger;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The delivery operator's state types serialise as Flink POJOs, without Kryo. */
class DeliveryStateTypesPojoTest {

    @Test
    void stateTypesAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AlertmanagerEntry.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PagerDutyEntry.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PendingAlert.class);
    }

    @Test
    void entriesSurviveASerializerRoundTrip() throws Exception {
        AlertmanagerLedger am = new AlertmanagerLedger(10);
        am.apply(firing("breach", "orange", at(3, 54)));
        AlertmanagerEntry amEntry = am.snapshot().get(0);
        assertThat(roundTrip(amEntry, AlertmanagerEntry.class)).isEqualTo(amEntry);

        PagerDutyLedger pd = new PagerDutyLedger(10);
        pd.apply(firing("breach", "orange", at(3, 54)));
        pd.sending(pd.next());
        PagerDutyEntry pdEntry = pd.snapshot().get(0);
        assertThat(pdEntry.sent).isEqualTo("trigger:breach/orange");
        assertThat(roundTrip(pdEntry, PagerDutyEntry.class)).isEqualTo(pdEntry);
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
