package io.ticketpulse.testing;

import io.ticketpulse.io.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/** A bounded FLIP-27 source of raw records from a list of lines, for MiniCluster tests. */
public final class ListSource {

    private ListSource() {}

    /** One record per line, in order; origin {@code test:<line number>}. */
    public static DataGeneratorSource<RawRecord> of(List<String> lines) {
        ArrayList<String> copy = new ArrayList<>(lines);
        return new DataGeneratorSource<>(
                index -> new RawRecord(
                        copy.get(index.intValue()).getBytes(StandardCharsets.UTF_8), "test:" + (index + 1)),
                copy.size(),
                TypeInformation.of(RawRecord.class));
    }
}
