package io.ticketpulse.functions;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.io.ParsedRecord;
import io.ticketpulse.io.RawRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketKpi;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Every type that crosses operators is a Flink POJO: no Kryo fallback. */
class WireTypesSerializationTest {

    @Test
    void theRecordTypesAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RawRecord.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ParsedRecord.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TicketEvent.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Fact.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TicketKpi.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    }
}
