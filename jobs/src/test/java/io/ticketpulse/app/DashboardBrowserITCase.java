package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.AggregateMetric;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.DeadLetterJson;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.SlaAlertJson;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import org.awaitility.Awaitility;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live dashboard in a real browser: the job's own entry point runs the simulator on a small, throttled input
 * with the dashboard on; headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium) opens the page while the job runs. Checked against the job's committed output files, read after the
 * run: every chart has one series per (channel, priority) of the KPI rows and one point per window of each; the
 * alerts the page shows are the alerts firing at the end; the dead letters by reason are those written; and an
 * alert appeared on the page within {@link #ALERT_LATENCY} of the job emitting it (its {@code detected_at}). A
 * screenshot goes to {@code target/dashboard.png}.
 *
 * <p>Fails (never skips) when Chromium or its driver is missing: {@code .ci/run} installs them.
 */
class DashboardBrowserITCase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Simulated time ends before this, so the simulator is never held back by the wall clock. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
    /** The page shows an alert at most this long after the job emitted it (pushed every 0.5 s). */
    private static final Duration ALERT_LATENCY = Duration.ofSeconds(10);
    private static final Pattern URL = Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:\\d+/)");

    private final ExecutorService job = Executors.newSingleThreadExecutor();
    private ChromeDriver browser;

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        job.shutdownNow(); // ends the dashboard's linger
        assertThat(job.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    static ChromeDriver headlessChromium(Path userDataDir) {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (apt-get install chromium-driver; .ci/run does)")
                .isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1800", "--user-data-dir=" + userDataDir.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @Test
    void theDashboardDrawsTheRunAndShowsItsAlertsAsTheyCome(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path outputDir = dir.resolve("output");
        Future<Integer> run = job.submit(() -> TicketPulseJob.run(new String[] {
                "--sim-events", "4000", "--sim-rate", "250", "--window-slide", "15m",
                "--output-dir", outputDir.toString(), "--checkpoint-interval", "2s", "--quiet",
                "--dashboard-port", "0", "--dashboard-linger", "10m"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CLOCK));

        String url = awaitUrl(out, run, err);
        browser = headlessChromium(dir.resolve("chromium-profile"));
        // a loaded machine (the job, the browser and other builds on 2 cores) can keep the page busy for a while
        browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(2)).pageLoadTimeout(Duration.ofMinutes(2));
        browser.get(url);
        JavascriptExecutor js = browser;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(4), Duration.ofMillis(200));
        wait.ignoring(ScriptTimeoutException.class);
        wait.withMessage(() -> "page: " + js.executeScript("const t = window.ticketpulse; return t === undefined"
                + " ? 'no dashboard.js' : JSON.stringify({updates: t.updates, state: t.snapshot && t.snapshot.state,"
                + " events: t.snapshot && t.snapshot.events, alerts: t.snapshot && t.snapshot.alerts.firing});")
                + "; job stdout: " + out.toString(StandardCharsets.UTF_8) + "; stderr: "
                + err.toString(StandardCharsets.UTF_8));

        // live: the page shows a firing alert while the job still runs
        String firstShown = (String) wait.until(b -> js.executeScript("const t = window.ticketpulse;"
                + " const row = document.querySelector('#alerts tr.alert');"
                + " return t.snapshot !== null && t.snapshot.state === 'running' && row !== null"
                + " ? row.dataset.dedupKey : null;"));
        // finished, and no more updates (the events/s has fallen to 0): the page stands still
        wait.until(b -> Boolean.TRUE.equals(js.executeScript("const s = window.ticketpulse.snapshot;"
                + " return s.state === 'finished' && s.events.perSecond === 0;")));
        assertThat(js.executeScript("return window.ticketpulse.sawRunning;")).isEqualTo(true);

        RunOutput output = RunOutput.of(outputDir, CLOCK.instant());
        // the dashboard is marked finished after the run's report: every output file is committed by then
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Done in ");

        // charts: one series per (channel, priority), one point per window of each, as in the KPI files
        Map<String, Set<Long>> windows = new TreeMap<>();
        for (String line : RunOutput.committedLines(output.kpiDir())) {
            TicketKpi k = TicketKpiJson.fromJson(line.getBytes(StandardCharsets.UTF_8));
            if (k.groupingSet == null) {
                windows.computeIfAbsent(k.channel + " / " + k.priority, x -> new TreeSet<>()).add(k.windowEndMs);
            }
        }
        assertThat(windows).hasSizeGreaterThan(4);
        Map<String, Integer> expectedPoints = new TreeMap<>();
        windows.forEach((key, ends) -> expectedPoints.put(key, ends.size()));
        assertThat(expectedPoints.values()).allMatch(n -> n > 1 && n <= EmbeddedDashboard.MAX_POINTS);
        for (String chart : List.of("frt_p90", "wait_timeout_rate", "mttr_mean", "fcr_rate", "csat_mean",
                "backlog_open")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> drawn = (Map<String, Object>) js.executeScript("const c = window.ticketpulse.charts['"
                    + chart + "']; const r = {}; for (const s of c.getOption().series) { r[s.name] = s.data.length; }"
                    + " return r;");
            Map<String, Integer> points = new TreeMap<>();
            drawn.forEach((name, n) -> points.put(name, ((Number) n).intValue()));
            assertThat(points).as("chart %s: points per series", chart).isEqualTo(expectedPoints);
            assertThat(browser.findElement(By.id("chart-" + chart)).findElements(By.tagName("canvas"))).isNotEmpty();
        }

        // alerts: those firing at the end (the latest record per dedup_key), the most severe first. The files are
        // written by parallel sink subtasks, so one alert's records may sit in different files: "latest" is the
        // sla-alert contract's order, as the PostgreSQL alert-state table applies it (PostgresTables.ALERT_IS_LATER)
        Map<String, SlaAlert> latest = new LinkedHashMap<>();
        Map<String, Long> firstDetected = new HashMap<>();
        for (String line : RunOutput.committedLines(output.alertDir())) {
            SlaAlert a = SlaAlertJson.fromJson(line);
            latest.merge(a.dedupKey, a, (cur, next) -> isLater(next, cur) ? next : cur);
            if (a.isFiring()) {
                firstDetected.merge(a.dedupKey, a.detectedAtMs, Math::min);
            }
        }
        Set<String> firing = new HashSet<>();
        latest.values().stream().filter(SlaAlert::isFiring).forEach(a -> firing.add(a.dedupKey));
        assertThat(firing).isNotEmpty();
        assertThat(browser.findElement(By.id("alerts-firing")).getText())
                .isEqualTo(String.format(java.util.Locale.US, "%,d", firing.size()));
        @SuppressWarnings("unchecked")
        List<List<String>> rows = (List<List<String>>) js.executeScript("return Array.from("
                + "document.querySelectorAll('#alerts tr.alert'), r => [r.dataset.dedupKey, r.dataset.severity,"
                + " r.cells[3].textContent]);");
        List<String> shown = new ArrayList<>();
        for (List<String> row : rows) {
            shown.add(row.get(0));
            SlaAlert last = latest.get(row.get(0));
            assertThat(last).as("alert %s on the page", row.get(0)).isNotNull();
            assertThat(row.get(1)).isEqualTo(last.severity);
            assertThat(row.get(2)).isEqualTo(last.summary);
        }
        assertThat(shown).hasSize(Math.min(firing.size(), 100)).doesNotHaveDuplicates();
        assertThat(firing).containsAll(shown);

        // the first alert shown while running was emitted by the job and shown within a few seconds of it
        assertThat(firstDetected).containsKey(firstShown);
        long seenAt = ((Number) js.executeScript("return window.ticketpulse.firstSeen[arguments[0]];", firstShown))
                .longValue();
        assertThat(seenAt - firstDetected.get(firstShown)).as("ms from detected_at to shown")
                .isBetween(0L, ALERT_LATENCY.toMillis());

        // dead letters by reason
        Map<String, Long> byReason = new TreeMap<>();
        for (String line : RunOutput.committedLines(output.deadLetterDir())) {
            DeadLetter d = DeadLetterJson.fromJson(line.getBytes(StandardCharsets.UTF_8));
            byReason.merge(d.reasonCode.name(), 1L, Long::sum);
        }
        assertThat(byReason).isNotEmpty();
        @SuppressWarnings("unchecked")
        List<List<String>> deadRows = (List<List<String>>) js.executeScript("return Array.from("
                + "document.querySelectorAll('#dead-letters tbody tr'), r => [r.dataset.reason, r.cells[1].textContent]);");
        Map<String, Long> page = new TreeMap<>();
        deadRows.forEach(r -> page.put(r.get(0), Long.parseLong(r.get(1).replace(",", ""))));
        assertThat(page).isEqualTo(byReason);

        // the current window against the targets: one coloured cell per aggregate metric and row
        @SuppressWarnings("unchecked")
        List<String> statuses = (List<String>) js.executeScript("return Array.from("
                + "document.querySelectorAll('#current td.cell'), c => c.dataset.status);");
        long currentRows = (Long) js.executeScript("return document.querySelectorAll('#current tbody tr').length;");
        assertThat(currentRows).isPositive();
        assertThat(statuses).hasSize(AggregateMetric.values().length * (int) currentRows)
                .allMatch(st -> Set.of("green", "yellow", "orange", "red", "untracked", "none").contains(st));

        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "dashboard.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isPositive();
        assertThat(run.isDone()).isFalse(); // still lingering: the page stays readable after the run
    }

    /** {@code next} is a later state of the alert than {@code cur}: the sla-alert contract's order of records. */
    static boolean isLater(SlaAlert next, SlaAlert cur) {
        boolean nextResolved = "resolved".equals(next.status);
        boolean curResolved = "resolved".equals(cur.status);
        int order = "aggregate".equals(next.kind)
                ? Comparator.comparingLong((SlaAlert a) -> a.changedAtMs)
                        .thenComparing(a -> "resolved".equals(a.status)).compare(next, cur)
                : Comparator.comparing((SlaAlert a) -> "resolved".equals(a.status))
                        .thenComparingLong(a -> a.changedAtMs).compare(next, cur);
        boolean correction = next.changedAtMs == cur.changedAtMs && nextResolved == curResolved
                && !(next.kind + "/" + next.severity).equals(cur.kind + "/" + cur.severity)
                && next.detectedAtMs > cur.detectedAtMs;
        return order > 0 || correction;
    }

    /** The dashboard URL the job prints at start. */
    private static String awaitUrl(ByteArrayOutputStream out, Future<Integer> run, ByteArrayOutputStream err) {
        Matcher m = Awaitility.await("the dashboard URL on stdout").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (run.isDone()) {
                        throw new AssertionError("the job ended (exit " + run.get() + ") without a dashboard URL;"
                                + " stdout: " + out.toString(StandardCharsets.UTF_8) + "; stderr: "
                                + err.toString(StandardCharsets.UTF_8));
                    }
                    return URL.matcher(out.toString(StandardCharsets.UTF_8));
                }, Matcher::find);
        return m.group(1);
    }
}
