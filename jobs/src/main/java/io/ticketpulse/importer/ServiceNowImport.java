package io.ticketpulse.importer;

import io.ticketpulse.domain.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes the ServiceNow incident audit log as a {@code ticket-event} v1 JSON-lines file (see {@link
 * ServiceNowIncidentLog} for the mapping), optionally multiplied: {@code --copies N} writes every ticket N times
 * with distinct ticket and event ids (copy 0 keeps the incident number, copy c ≥ 1 appends {@code -c<c>}:
 * {@code INC0000045-c3}, event {@code INC0000045-c3-0007}), copy c shifted by c × {@code --copy-shift} (default 0:
 * all copies at the original times, i.e. N times the ticket volume on the same days). The output is ordered by
 * event time, so a replay sees the events as a live stream would (at one instant: copy 0's events first, then copy 1's, ...).
 *
 * <p>Run from the repository root (see README.md, "Benchmark"):
 *
 * <pre>
 * mvn -B -q -pl jobs -am compile exec:exec@servicenow-import -Dexec.skip=true \
 *     -Dimport.args="--input ../shared/data/real/servicenow_incident_event_log.zip --copies 10 --output output/servicenow-x10.jsonl"
 * </pre>
 */
public final class ServiceNowImport {

    private static final String USAGE = String.join("\n",
            "Usage: ServiceNowImport --input FILE [--output FILE] [--copies N] [--copy-shift DURATION]",
            "  --input FILE           the incident audit log: a .csv, or a .zip holding one .csv",
            "  --output FILE          the ticket-event JSON-lines file to write (default output/servicenow-events.jsonl)",
            "  --copies N             write every ticket N times with distinct ids (default 1)",
            "  --copy-shift DURATION  copy c's times are shifted by c x this (default 0s: same times), e.g. 120d",
            "Prints the counts: rows in, rows converted / without change / rejected per reason, events per type.");

    private ServiceNowImport() {}

    public static void main(String[] args) throws IOException {
        Path input = null;
        Path output = Path.of("output", "servicenow-events.jsonl");
        int copies = 1;
        Duration shift = Duration.ZERO;
        try {
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    System.out.println(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + ": missing value");
                }
                String value = args[++i];
                switch (name) {
                    case "--input" -> input = Path.of(value);
                    case "--output" -> output = Path.of(value);
                    case "--copies" -> copies = Integer.parseInt(value);
                    case "--copy-shift" -> shift = Durations.parse(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (input == null) {
                throw new IllegalArgumentException("--input is required");
            }
            if (copies < 1) {
                throw new IllegalArgumentException("--copies must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        ImportRun.run(new ImportRun.Settings(ServiceNowIncidentLog.IMPORTER, input, output, true, null, copies,
                shift), System.in, System.out, System.out, null);
    }
}
