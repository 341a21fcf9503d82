package io.ticketpulse.app;

import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpiJson;
import io.ticketpulse.testing.JobOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference run of the crash drills: the job's own entry point replaying a JSON-lines file in this JVM (the
 * embedded MiniCluster, what {@code --events-file} does from the command line), its committed output read back.
 * A bounded file ends with the MAX watermark, as a Kafka run stopped with {@code stop --drain} does.
 */
public final class ReferenceReplay {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    private ReferenceReplay() {}

    /**
     * Replays {@code events} with the pipeline options {@code pipelineArgs} (no Kafka, input or output options)
     * into {@code dir}; the committed KPI rows, alerts and dead letters, in the order written.
     */
    public static JobOutput replay(Path events, Path dir, List<String> pipelineArgs) {
        List<String> args = new ArrayList<>(List.of("--events-file", events.toString(),
                "--output-dir", dir.toString(), "--quiet"));
        args.addAll(pipelineArgs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TicketPulseJob.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        if (code != 0) {
            throw new IllegalStateException("the reference replay failed with exit " + code + ": "
                    + err.toString(StandardCharsets.UTF_8));
        }
        RunOutput output = RunOutput.of(dir, CLOCK.instant());
        JobOutput result = new JobOutput();
        for (String line : RunOutput.committedLines(output.kpiDir())) {
            result.kpis().add(TicketKpiJson.fromJson(line.getBytes(StandardCharsets.UTF_8)));
        }
        for (String line : RunOutput.committedLines(output.alertDir())) {
            result.alerts().add(SlaAlertJson.fromJson(line.getBytes(StandardCharsets.UTF_8)));
        }
        for (String line : RunOutput.committedLines(output.deadLetterDir())) {
            result.deadLetters().add(DeadLetterJson.fromJson(line.getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }
}
