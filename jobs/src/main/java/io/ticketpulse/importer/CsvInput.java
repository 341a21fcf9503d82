package io.ticketpulse.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An RFC 4180 CSV export read with Apache Commons CSV, leniently (text after a closing quote is kept, an
 * unterminated quote at the end of the input ends the last field), with the line each record starts on. A leading
 * UTF-8 byte order mark is skipped.
 */
final class CsvInput implements AutoCloseable {

    /** One record: its fields and the 1-based line it starts on. */
    record Row(long line, List<String> fields) {

        /** The record as CSV text again (for a reject). */
        String text() {
            return FORMAT.format(fields.toArray());
        }
    }

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setTrailingData(true)
            .setLenientEof(true)
            .setIgnoreEmptyLines(false)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long linesBefore;

    CsvInput(InputStream in) throws IOException {
        this(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    CsvInput(Reader in) throws IOException {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        this.records = parser.iterator();
    }

    /** The next record, or null at the end of the input. */
    Row next() throws IOException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord r = records.next();
            Row row = new Row(linesBefore + 1, new ArrayList<>(r.toList()));
            linesBefore = parser.getCurrentLineNumber();
            return row;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
