package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ticketpulse report} on a hand-written run folder: the page, its path, and bad command lines. */
class ReportCommandTest {

    @TempDir
    Path dir;

    /** Two 1 h windows of chat/P1 (one per day), an alert record, a dead letter and an unreadable KPI line. */
    private Path runFolder() throws IOException {
        Path run = dir.resolve("output").resolve("run-20261123-080000");
        Files.createDirectories(run.resolve("ticket-kpi"));
        Files.createDirectories(run.resolve("sla-alert"));
        Files.createDirectories(run.resolve("dead-letter"));
        Files.write(run.resolve("ticket-kpi").resolve("part-0.jsonl"), List.of(
                kpi("2026-11-23T08:00:00.000Z", "2026-11-23T09:00:00.000Z", 3, 2, 90.0, 1, 2, 1, 3),
                kpi("2026-11-24T08:00:00.000Z", "2026-11-24T09:00:00.000Z", 1, 1, 30.0, 0, 1, 1, 0),
                "{not json"), StandardCharsets.UTF_8);
        // in progress (hidden): not read
        Files.write(run.resolve("ticket-kpi").resolve(".part-1.jsonl.inprogress"), List.of("{}"));
        Files.write(run.resolve("sla-alert").resolve("part-0.jsonl"), List.of(
                "{\"alert_id\":\"a1\",\"dedup_key\":\"T1/first_response/1\",\"status\":\"firing\",\"kind\":\"breach\","
                + "\"severity\":\"red\",\"sla_metric\":\"first_response\",\"ticket_id\":\"T1\",\"channel\":\"chat\","
                + "\"priority\":\"P1\",\"team\":null,\"policy_id\":\"p1-urgent\",\"policy_version\":2,\"cycle\":1,"
                + "\"target_s\":180,\"started_at\":\"2026-11-23T08:00:00.000Z\",\"deadline_at\":\"2026-11-23T08:03:00.000Z\","
                + "\"breached_at\":\"2026-11-23T08:03:00.000Z\",\"changed_at\":\"2026-11-23T08:05:00.000Z\",\"elapsed_s\":300,"
                + "\"paused_s\":0,\"overrun_pct\":66.7,\"resolve_reason\":null,"
                + "\"detected_at\":\"2026-11-23T08:05:00.000Z\",\"summary\":\"breached\"}"), StandardCharsets.UTF_8);
        Files.write(run.resolve("dead-letter").resolve("part-0.jsonl"),
                List.of("{\"reason_code\":\"MALFORMED_JSON\"}"), StandardCharsets.UTF_8);
        return run;
    }

    private static String kpi(String start, String end, long created, long frtCount, double frtMean, long timeouts,
            long decided, long resolved, long backlog) {
        return String.format(java.util.Locale.ROOT, "{\"window_start\":\"%s\",\"window_end\":\"%s\",\"channel\":\"chat\","
                + "\"priority\":\"P1\",\"revision\":0,\"is_final\":true,\"tickets_created\":%d,\"frt_count\":%d,"
                + "\"frt_mean_s\":%.1f,\"frt_p50_s\":%.1f,\"frt_p90_s\":%.1f,\"frt_p95_s\":%.1f,\"frt_p99_s\":%.1f,"
                + "\"frt_max_s\":%.1f,\"wait_timeouts\":%d,\"wait_decided\":%d,\"wait_timeout_rate\":null,"
                + "\"resolved\":%d,\"mttr_mean_s\":3600.0,\"mttr_p50_s\":3600.0,\"mttr_p90_s\":3600.0,"
                + "\"one_touch_resolved\":%d,\"fcr_rate\":1.0,\"backlog_open\":%d,\"csat_count\":0,\"csat_mean\":null,"
                + "\"csat_mean_frt_lt_1m\":null,\"csat_mean_frt_1_5m\":null,\"csat_mean_frt_gt_5m\":null}",
                start, end, created, frtCount, frtMean, frtMean, frtMean, frtMean, frtMean, frtMean, timeouts, decided,
                resolved, resolved, backlog);
    }

    @Test
    void writesTheReportOfTheNewestRunOfAFolderAndPrintsItsPath() throws IOException {
        Path run = runFolder();
        CliTesting.Result r = CliTesting.execute("report", dir.resolve("output").toString(), "--target", "frt_mean=1m");

        assertThat(r.code()).as(r.err()).isZero();
        Path report = run.resolve("report.html");
        assertThat(r.out()).isEqualTo("Report: " + report.toAbsolutePath().normalize() + "\n");
        String html = Files.readString(report);
        // FRT mean (2 x 90 + 30) / 3 = 70 s against 1 min: +10.0 s; wait-timeout rate 1 / 3
        assertThat(html).contains("<td id=\"assess-frt_mean-value\">70.0 s</td>")
                .contains("<td id=\"assess-frt_mean-gap\">+10.0 s</td>")
                .contains("<td id=\"assess-wait_timeout_rate-value\">33.3 %</td>")
                .contains("<td id=\"daily-2026-11-24-created\">1</td>")
                .contains("<b id=\"backlog-end\">0</b>")
                .contains("<td id=\"top-chat-P1-red\">1</td>")
                .contains("<td id=\"dead-letters-total\">1</td>")
                .contains("Unreadable lines skipped in ticket-kpi/: 1")
                .contains("echarts"); // the chart library, inlined
    }

    @Test
    void aFolderThatIsNoRunOrABadTargetExitsWithTwo() throws IOException {
        CliTesting.Result none = CliTesting.execute("report", dir.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("ticketpulse: FOLDER: " + dir + " is neither the output folder of a run");

        runFolder();
        CliTesting.Result bad = CliTesting.execute("report", dir.resolve("output").toString(), "--target", "csat=200");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("ticketpulse: --target: csat: \"200\" is not a score 0-100\n");
    }

    @Test
    void aWhatIfOutputAddsItsSectionAndABadOneFailsWithoutAPage() throws IOException {
        Path run = runFolder();
        Path whatIf = dir.resolve("what-if.jsonl");
        Files.write(whatIf, io.ticketpulse.io.WhatIfJsonReadTest.sample(), StandardCharsets.UTF_8);
        Path page = dir.resolve("with-what-if.html");

        CliTesting.Result r = CliTesting.execute("report", run.toString(), "--what-if", whatIf.toString(),
                "--report-file", page.toString());

        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(page);
        assertThat(html).contains("<section id=\"what-if\"><h2>What-if: candidate policy</h2>")
                .contains("<td id=\"whatif-total-first_response-attainment\">80.0 % → 40.0 %</td>")
                .contains("What-if output: " + whatIf.toAbsolutePath().normalize())
                .contains("<td id=\"assess-frt_mean-value\">70.0 s</td>"); // the run's report is still there
        assertThat(Files.readString(run.resolve("ticket-kpi").resolve("part-0.jsonl"))).isNotEmpty();

        CliTesting.Result plain = CliTesting.execute("report", run.toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(Files.readString(run.resolve("report.html"))).doesNotContain("id=\"what-if\"");

        Path kpis = run.resolve("ticket-kpi").resolve("part-0.jsonl");
        Path notWhatIf = dir.resolve("not-what-if.html");
        CliTesting.Result bad = CliTesting.execute("report", run.toString(), "--what-if", kpis.toString(),
                "--report-file", notWhatIf.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("ticketpulse: the report of " + run + " could not be written: line 1 is"
                + " not a what-if v1 record: unknown record \"\"");
        assertThat(notWhatIf).doesNotExist();
    }
}
