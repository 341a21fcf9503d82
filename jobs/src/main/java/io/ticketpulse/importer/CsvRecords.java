package io.ticketpulse.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 reader: comma-separated fields, optional double quotes around a field ({@code ""} inside
 * quotes is one quote, and a quoted field may span lines). One {@link #next()} call returns the fields of one
 * record, or null at the end of the input.
 */
final class CsvRecords {

    private final BufferedReader in;
    private long lineNumber;
    private long recordStartLine;

    CsvRecords(BufferedReader in) {
        this.in = in;
    }

    /** The 1-based line on which the record last returned by {@link #next()} started. */
    long recordLine() {
        return recordStartLine;
    }

    /** The next record's fields, or null at the end of the input. */
    List<String> next() {
        String line = readLine();
        if (line == null) {
            return null;
        }
        recordStartLine = lineNumber;
        List<String> fields = new ArrayList<>(40);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == line.length()) {
                if (quoted) { // a line break inside quotes belongs to the field
                    String more = readLine();
                    if (more == null) {
                        break; // unterminated quote at the end of the input: keep what we have
                    }
                    field.append('\n');
                    line = more;
                    i = 0;
                    continue;
                }
                break;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
