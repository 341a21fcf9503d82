package io.ticketpulse.functions;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.ticket.AlertMark;
import io.ticketpulse.domain.ticket.RunningMetric;
import io.ticketpulse.domain.ticket.TicketEngine;
import io.ticketpulse.domain.ticket.TicketModel;
import io.ticketpulse.domain.ticket.TicketReplay;
import io.ticketpulse.domain.ticket.TicketState;
import io.ticketpulse.testing.SlaTestPolicies;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The per-ticket operator's state types serialise as Flink POJOs, without Kryo, and survive a round trip. */
class TicketStateTypesPojoTest {

    @Test
    void ticketStateTypesAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TicketState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TicketModel.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RunningMetric.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AlertMark.class);
        // runtime policies: the record as read, the validated file in broadcast state, the broadcast element
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(io.ticketpulse.io.PolicyRecord.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PolicyUpdate.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TicketBroadcast.class);
    }

    @Test
    void aFoldedTicketWithRunningMetricsSurvivesASerializerRoundTrip() throws Exception {
        TicketEngine engine = new TicketEngine(600_000, 3_600_000, 7_200_000, SlaTestPolicies.policies());
        var event = created("e1", "T1", at(0), "chat", "P1");
        event.attributes = Map.of("issue_type", "billing");
        TicketState state = TicketState.fresh("T1");
        TicketReplay replay = engine.replay(state.folded, List.of(event, reply("e2", "T1", at(1))), at(2));
        state.folded = replay.folded();
        state.buffer.add(reply("e3", "T1", at(3)));
        state.tentative.add(Fact.created(at(0), "T1", "chat", "P1"));

        TicketState copy = roundTrip(state);

        assertThat(copy).usingRecursiveComparison().isEqualTo(state);
        assertThat(copy.folded.resolution).isNotNull();
        assertThat(copy.folded.resolution.policyId).isEqualTo("p1-urgent");
    }

    private static TicketState roundTrip(TicketState value) throws Exception {
        TypeSerializer<TicketState> serializer =
                TypeInformation.of(TicketState.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
