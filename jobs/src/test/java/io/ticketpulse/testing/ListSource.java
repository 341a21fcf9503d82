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

    /** One record per byte array, in order, exactly these bytes (also non-UTF-8); origin {@code test:<number>}. */
    public static DataGeneratorSource<RawRecord> ofBytes(List<byte[]> payloads) {
        ArrayList<byte[]> copy = new ArrayList<>(payloads);
        return new DataGeneratorSource<>(
                index -> new RawRecord(copy.get(index.intValue()).clone(), "test:" + (index + 1)),
                copy.size(),
                TypeInformation.of(RawRecord.class));
    }
}
