package io.ticketpulse.functions.cep;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.pattern.PatternFiring;
import io.ticketpulse.domain.pattern.PatternHit;
import io.ticketpulse.domain.pattern.PatternTicketState;
import io.ticketpulse.domain.pattern.RiskPattern;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The risk patterns' records and state are Flink POJOs (no Kryo), and survive a round trip. */
class PatternTypesPojoTest {

    @Test
    void everyTypeIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PatternHit.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PatternSignal.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PatternFiring.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PatternTicketState.class);
    }

    @Test
    void stateRoundTrips() throws Exception {
        PatternTicketState s = PatternTicketState.fresh("T-1");
        s.channel = "chat";
        s.priority = "P2";
        s.lastEventMs = at(5);
        s.episodes[RiskPattern.REOPEN_LOOP.ordinal()] = 2;
        PatternFiring f = new PatternFiring();
        f.pattern = "reopen_loop";
        f.episode = 2;
        f.startedAtMs = at(1);
        f.firedAtMs = at(4);
        f.severity = "orange";
        f.targetS = 60;
        s.firing.add(f);

        TypeSerializer<PatternTicketState> serializer =
                TypeInformation.of(PatternTicketState.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(s, out);
        PatternTicketState copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(copy).usingRecursiveComparison().isEqualTo(s);
    }
}
