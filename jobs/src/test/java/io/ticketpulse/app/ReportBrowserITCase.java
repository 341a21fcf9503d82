package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The bounded embedded run (the simulator, as {@code mvn -q -Prun compile} runs it, smaller) ends by writing
 * {@code report.html} and printing its path; the page opened in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) renders every chart with the expected number of series and points, logs no console
 * error, and shows the numbers this test computes itself from the run's KPI rows (JSON read here, not through
 * the report's reader). Screenshot: {@code target/report-screenshot.png}. Fails without Chromium.
 */
class ReportBrowserITCase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * The wall clock: two days after the simulator's default start (2026-11-23T08:00:00Z), so no simulated event is
     * ahead of it (those would be FUTURE_EVENT dead letters).
     */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theReportOfABoundedRunRendersInChromiumWithTheNumbersOfItsRows() throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (apt-get install chromium chromium-driver)")
                .isExecutable();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TicketPulseJob.run(new String[] {"--sim-events", "8000", "--sim-rate", "0", "--quiet",
                "--alert-clock", "event-time",
                "--checkpoint-interval", "1s", "--output-dir", dir.resolve("output").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CLOCK);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        RunOutput output = RunOutput.of(dir.resolve("output"), CLOCK.instant());
        Path report = output.dir().resolve("report.html");
        assertThat(printed).contains("Report:       " + report);
        assertThat(report).isRegularFile();
        String html = Files.readString(report);
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http"); // self-contained

        Expected expected = Expected.of(output.kpiDir());
        assertThat(expected.created).as("the run made tickets").isGreaterThan(100);

        Map<String, Object> prefs = new HashMap<>();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")),
                "--window-size=1280,1000");
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(report.toUri().toString());
            @SuppressWarnings("unchecked")
            Map<String, List<Long>> charts = (Map<String, List<Long>>) ((JavascriptExecutor) driver)
                    .executeScript("return window.ticketpulseReport && window.ticketpulseReport.charts;");
            assertThat(charts).as("charts drawn").isNotNull();
            int days = expected.createdByDay.size();
            assertThat(charts.get("chart-daily-times")).containsExactly((long) days, (long) days);
            assertThat(charts.get("chart-daily-rates")).containsExactly((long) days, (long) days, (long) days);
            assertThat(charts.get("chart-weekly-volume")).hasSize(3);
            assertThat(charts.get("chart-frt")).containsOnly((long) expected.channels.size()).hasSize(3);
            assertThat(charts.get("chart-csat")).containsExactly(3L);
            assertThat(charts.get("chart-alerts")).hasSize(5);
            assertThat(driver.findElements(By.cssSelector(".chart canvas"))).as("canvases").hasSizeGreaterThanOrEqualTo(9);

            assertThat(text(driver, "assess-frt_mean-value")).isEqualTo(duration(expected.frtSum / expected.frtCount));
            assertThat(text(driver, "assess-wait_timeout_rate-value"))
                    .isEqualTo(percent((double) expected.waitTimeouts / expected.waitDecided));
            assertThat(text(driver, "assess-mttr_mean-value")).isEqualTo(duration(expected.mttrSum / expected.resolved));
            assertThat(text(driver, "assess-fcr_rate-value"))
                    .isEqualTo(percent((double) expected.oneTouch / expected.resolved));
            assertThat(text(driver, "assess-csat-value"))
                    .isEqualTo(String.format(Locale.ROOT, "%.1f", expected.csatSum / expected.csatCount * 20));
            assertThat(text(driver, "assess-frt_mean-target")).isEqualTo("10.0 min");
            assertThat(text(driver, "assess-mttr_mean-target")).isEqualTo("2.00 h");
            assertThat(text(driver, "created-total")).isEqualTo(String.format(Locale.ROOT, "%,d", expected.created));
            assertThat(text(driver, "backlog-end")).isEqualTo(String.format(Locale.ROOT, "%,d", expected.backlogAtEnd));
            for (Map.Entry<String, Long> day : expected.createdByDay.entrySet()) {
                assertThat(text(driver, "daily-" + day.getKey() + "-created"))
                        .isEqualTo(String.format(Locale.ROOT, "%,d", day.getValue()));
            }
            for (Map.Entry<String, double[]> c : expected.channels.entrySet()) {
                assertThat(text(driver, "channel-" + c.getKey() + "-mean")).as(c.getKey())
                        .isEqualTo(c.getValue()[1] == 0 ? "–" : duration(c.getValue()[0] / c.getValue()[1]));
            }
            assertThat(text(driver, "alerts-total"))
                    .isEqualTo(String.format(Locale.ROOT, "%,d", RunOutput.committedLines(output.alertDir()).size()));

            List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(severe).as("console errors").isEmpty();

            long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.body.scrollHeight;");
            driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 40, 12_000)));
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of("target", "report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
        }
    }

    private static String text(ChromeDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The report's duration format, written out here: s under 2 min, min under 2 h, else h. */
    static String duration(double s) {
        return s < 120 ? String.format(Locale.ROOT, "%.1f s", s)
                : s < 7200 ? String.format(Locale.ROOT, "%.1f min", s / 60)
                : String.format(Locale.ROOT, "%.2f h", s / 3600);
    }

    static String percent(double f) {
        return String.format(Locale.ROOT, "%.1f %%", f * 100);
    }

    /** Run-level sums over the final default rows of the windows that start at a multiple of the window size. */
    static final class Expected {
        long created;
        long frtCount;
        double frtSum;
        long waitTimeouts;
        long waitDecided;
        long resolved;
        double mttrSum;
        long oneTouch;
        long csatCount;
        double csatSum;
        long backlogAtEnd;
        final Map<String, Long> createdByDay = new TreeMap<>();
        /** channel -> {FRT sum, FRT count}. */
        final Map<String, double[]> channels = new TreeMap<>();

        static Expected of(Path kpiDir) throws IOException {
            Map<String, JsonNode> latest = new HashMap<>();
            for (String line : RunOutput.committedLines(kpiDir)) {
                JsonNode n = JSON.readTree(line);
                if (n.has("grouping_set")) {
                    continue;
                }
                String key = n.get("channel").asText() + "/" + n.get("priority").asText() + "/"
                        + n.get("window_start").asText() + "/" + n.get("window_end").asText();
                latest.merge(key, n, (a, b) -> b.get("revision").asLong() > a.get("revision").asLong() ? b : a);
            }
            Expected e = new Expected();
            Map<String, JsonNode> lastPerQueue = new HashMap<>();
            for (JsonNode n : latest.values()) {
                long start = Instant.parse(n.get("window_start").asText()).toEpochMilli();
                long end = Instant.parse(n.get("window_end").asText()).toEpochMilli();
                String queue = n.get("channel").asText() + "/" + n.get("priority").asText();
                lastPerQueue.merge(queue, n, (a, b) -> Instant.parse(b.get("window_end").asText())
                        .isAfter(Instant.parse(a.get("window_end").asText())) ? b : a);
                if (start % (end - start) != 0) {
                    continue; // an overlapping window
                }
                e.created += n.get("tickets_created").asLong();
                e.frtCount += n.get("frt_count").asLong();
                e.frtSum += n.get("frt_count").asLong() * n.get("frt_mean_s").asDouble(0);
                e.waitTimeouts += n.get("wait_timeouts").asLong();
                e.waitDecided += n.get("wait_decided").asLong();
                e.resolved += n.get("resolved").asLong();
                e.mttrSum += n.get("resolved").asLong() * n.get("mttr_mean_s").asDouble(0);
                e.oneTouch += n.get("one_touch_resolved").asLong();
                e.csatCount += n.get("csat_count").asLong();
                e.csatSum += n.get("csat_count").asLong() * n.get("csat_mean").asDouble(0);
                e.createdByDay.merge(LocalDate.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC).toString(),
                        n.get("tickets_created").asLong(), Long::sum);
                double[] c = e.channels.computeIfAbsent(n.get("channel").asText(), k -> new double[2]);
                c[0] += n.get("frt_count").asLong() * n.get("frt_mean_s").asDouble(0);
                c[1] += n.get("frt_count").asLong();
            }
            e.backlogAtEnd = lastPerQueue.values().stream().mapToLong(n -> n.get("backlog_open").asLong()).sum();
            return e;
        }
    }
}
