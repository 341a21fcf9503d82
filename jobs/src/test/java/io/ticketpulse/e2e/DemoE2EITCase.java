package io.ticketpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import io.ticketpulse.schema.TicketKpiJson;
import io.ticketpulse.testing.CommittedTopics;
import io.ticketpulse.testing.LocalEnvStack;
import io.ticketpulse.testing.TableRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code local-env/demo.sh} end to end, as the README tells a user to run it: one command, nothing else started by
 * the test. It runs in its own run directory ({@code jobs/target/local-env-demo/run}) on free ports (the
 * environment variables {@code start.sh} documents, set by {@link LocalEnvStack}; {@code POSTGRES=on}, and the
 * Alertmanager starts because Debian's {@code prometheus-alertmanager} is installed), so it clashes neither with a
 * developer's stack nor with {@code LocalEnvE2EITCase} or {@code ChaosE2EITCase} in the same {@code verify}. Then,
 * from outside only:
 *
 * <ul>
 *   <li>what demo.sh printed is true: both job ids RUNNING at the printed URLs, the Flink web UI and the Prometheus
 *       endpoint answer, and the printed {@code psql.sh}, Kafka console consumer, {@code curl} and {@code amtool}
 *       commands, run verbatim in a shell without the test's environment, show the data;
 *   <li>KPI rows in PostgreSQL for every channel x priority of the simulator, final rows at a revision above 0,
 *       1 h windows,
 *       plausible numbers, and consistent with the job's committed {@code ticket-kpis} topic (every committed
 *       record is in the table at its revision or a newer one; at the same revision the row is the record);
 *   <li>alerts in the Alertmanager through {@code GET /api/v2/alerts}, with exactly the labels of the README's
 *       mapping, each the label set of a firing record in the {@code alert_history} table;
 *   <li>the dashboard, when demo.sh prints one ({@link #dashboardPrintedByDemo}): the page answers and its
 *       server-sent-events endpoint streams data.
 * </ul>
 *
 * <p>The demo's simulator runs until stopped ({@code --run-forever}); the test waits for conditions (all
 * channel x priority rows, a firing alert delivered), never for a fixed time, and stops the stack with
 * {@code stop.sh} in {@code @AfterAll} (and a JVM shutdown hook), failing if any process of its run directory
 * is left. Alone: {@code mvn -B -pl jobs -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=DemoE2EITCase}.
 */
class DemoE2EITCase {

    /** The simulator's channels and priorities ({@code simulator/TicketPlanner}). */
    private static final Set<String> CHANNELS = Set.of("email", "chat", "phone", "web", "app", "social");
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");
    /** The simulated clock's start (demo.sh says so): no window ends before it. */
    private static final Instant SIM_START = Instant.parse("2026-11-23T08:00:00Z");
    /** The README's Alertmanager label mapping: {@code alertname} by {@code kind}, then the record's fields. */
    private static final Map<String, String> ALERTNAME_BY_KIND =
            Map.of("warning", "TicketSlaWarning", "breach", "TicketSlaBreach", "aggregate", "TeamSlaAggregate",
                    "volatility", "KpiVolatility", "pattern", "TicketRiskPattern");

    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration DATA_WAIT = Duration.ofMinutes(4);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final long STARTED = System.nanoTime();

    private static Path repoRoot;
    private static Path workDir;
    private static LocalEnvStack stack;

    @BeforeAll
    static void prepare() throws IOException {
        Path jobsDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        repoRoot = jobsDir.getParent();
        workDir = jobsDir.resolve("target/local-env-demo");
        assertThat(repoRoot.resolve("local-env/demo.sh")).as("local-env/demo.sh").exists();
        stack = LocalEnvStack.create(repoRoot, workDir);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.closeAndCheckNothingLeft();
            log("stack stopped, no process of the run directory left");
        }
    }

    @Test
    void demoShowsKpisInPostgresAndAlertsInAlertmanager() throws Exception {
        assertThat(builtJar()).as("the fat jar (built by `package`; demo.sh would build one otherwise)").exists();
        log("running local-env/demo.sh in %s", stack.runDir());
        String printed = stack.script("demo.sh", DEMO_TIMEOUT);
        log("demo.sh printed:%n%s", printed);
        Demo demo = Demo.parse(printed);

        // --- what demo.sh printed: jobs, web UI, metrics
        assertThat(demo.flinkUi).isEqualTo(stack.restUrl());
        assertThat(httpGet(demo.flinkUi + "/").statusCode()).as("Flink web UI").isEqualTo(200);
        assertThat(demo.jobUrl).isEqualTo(stack.restUrl() + "/#/job/running/" + demo.jobId + "/overview");
        awaitRunning(demo.jobId, "TicketPulse KPIs");
        awaitRunning(demo.simulatorId, "TicketPulse simulator");
        assertThat(runPrinted(demo.jobManagerMetrics)).as("%s", demo.jobManagerMetrics).contains("flink_jobmanager_");
        assertThat(runPrinted(demo.taskManagerMetrics)).as("%s", demo.taskManagerMetrics)
                .contains("flink_taskmanager_job_task_").contains("job_name=\"TicketPulse_KPIs\"");
        assertThat(demo.alertmanagerUrl).isEqualTo("http://127.0.0.1:" + stack.environment().get("ALERTMANAGER_PORT"));

        // --- the data arrives: every channel x priority in the KPI table, a firing alert in the Alertmanager
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), "ticketpulse", stack.postgresPassword())) {
            awaitData(c, demo);

            // the Kafka topic first, then the table: everything committed on the topic was flushed before
            List<TicketKpi> committed = committedKpis();
            List<TicketKpi> table = TableRows.kpis(c, "ticketpulse_");
            assertKpiTable(table, committed);

            List<JsonNode> delivered = alertmanagerAlerts(demo.alertmanagerUrl);
            List<SlaAlert> history = TableRows.alerts(c, "ticketpulse_alert_history");
            assertAlertmanagerAlerts(delivered, history);

            // the printed commands, verbatim
            assertPrintedPsql(demo);
            assertPrintedAlertCommands(demo, delivered);
        }
        assertPrintedKafkaConsumer(demo);

        // --- the dashboard, once demo.sh starts one
        Optional<String> dashboard = dashboardPrintedByDemo(printed);
        if (dashboard.isPresent()) {
            assertDashboard(dashboard.get());
        } else {
            log("demo.sh printed no dashboard URL: the dashboard check did not run");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // what demo.sh printed

    /** The parts of demo.sh's text the test checks (each must be printed). */
    record Demo(String jobId, String jobUrl, String simulatorId, String flinkUi, String jobManagerMetrics,
            String taskManagerMetrics, List<String> psqlCommands, String alertmanagerUrl, String curlCommand, String amtoolCommand,
            List<String> consumerCommands) {

        static Demo parse(String out) {
            Matcher job = find(out, "TicketPulse KPIs\\s+job ([0-9a-f]{32})\\s+(\\S+)");
            Matcher sim = find(out, "simulator\\s+job ([0-9a-f]{32})\\s");
            Matcher ui = find(out, "Flink web UI\\s+(http://\\S+)");
            Matcher prom = find(out, "Prometheus\\s+JobManager (curl -s \\S+/metrics)\\s+TaskManager \\(the jobs' metrics\\)"
                    + " (curl -s \\S+/metrics)");
            List<String> psql = lines(out, "local-env/psql.sh -c ");
            Matcher am = find(out, "Alerts delivered to Alertmanager at (http://\\S+)");
            List<String> curl = lines(out, "curl -s " + am.group(1) + "/api/v2/alerts");
            List<String> amtool = lines(out, "amtool --alertmanager.url=");
            List<String> consumers = lines(out, "kafka-cli.sh org.apache.kafka.tools.consumer.ConsoleConsumer");
            assertThat(psql).as("psql.sh commands printed").hasSize(2);
            assertThat(curl).as("the curl command printed").hasSize(1);
            assertThat(amtool).as("the amtool command printed (amtool is installed with prometheus-alertmanager)")
                    .hasSize(1);
            assertThat(consumers).as("a console consumer per topic").hasSize(4);
            return new Demo(job.group(1), job.group(2), sim.group(1), ui.group(1), prom.group(1), prom.group(2), psql,
                    am.group(1), curl.get(0), amtool.get(0), consumers);
        }

        private static Matcher find(String out, String regex) {
            Matcher m = Pattern.compile(regex).matcher(out);
            assertThat(m.find()).as("demo.sh printed /%s/ in:%n%s", regex, out).isTrue();
            return m;
        }

        /** The printed lines containing {@code part}, stripped. */
        private static List<String> lines(String out, String part) {
            return out.lines().filter(l -> l.contains(part)).map(String::strip).toList();
        }
    }

    /**
     * The extension point for the dashboard (issue 10; h-dash): the URL of a line of demo.sh's output that starts
     * with {@code Dashboard}, when demo.sh starts one.
     */
    static Optional<String> dashboardPrintedByDemo(String printed) {
        Matcher m = Pattern.compile("(?m)^\\s*Dashboard\\S*\\s+.*?(http://\\S+)").matcher(printed);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The dashboard page answers 200 with HTML, and the server-sent-events endpoint it opens (its
     * {@code EventSource(...)} URL) streams at least one {@code data:} line.
     */
    private static void assertDashboard(String url) throws Exception {
        HttpResponse<String> page = httpGet(url);
        assertThat(page.statusCode()).as("GET %s", url).isEqualTo(200);
        assertThat(page.body()).as("the dashboard page").containsIgnoringCase("<html");
        // the EventSource is opened by the page or by one of its own scripts
        StringBuilder code = new StringBuilder(page.body());
        Matcher script = Pattern.compile("<script src=\"([^\"]+)\"").matcher(page.body());
        while (script.find()) {
            if (!script.group(1).contains("webjars")) {
                code.append(httpGet(URI.create(url).resolve(script.group(1)).toString()).body());
            }
        }
        Matcher sse = Pattern.compile("EventSource\\(\\s*['\"`]([^'\"`]+)['\"`]").matcher(code);
        assertThat(sse.find()).as("the page opens an EventSource").isTrue();
        URI stream = URI.create(url).resolve(sse.group(1));
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(stream).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as("GET %s", stream).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("data:")) {
                // comments and event names before the first data line
            }
            assertThat(line).as("a data line from %s", stream).isNotNull().startsWith("data:");
        }
        log("dashboard %s answers and streams from %s", url, stream);
    }

    // ---------------------------------------------------------------------------------------------------------
    // waiting for conditions

    private static void awaitRunning(String jobId, String name) {
        JsonNode job = Awaitility.await("job " + jobId + " (" + name + ") RUNNING with all tasks").atMost(DATA_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(stack.rest("/jobs/" + jobId)), DemoE2EITCase::runningWithAllTasks);
        assertThat(job.path("name").asText()).isEqualTo(name);
    }

    private static boolean runningWithAllTasks(JsonNode job) {
        boolean running = "RUNNING".equals(job.path("state").asText()) && job.path("vertices").size() > 0;
        for (JsonNode v : job.path("vertices")) {
            running &= "RUNNING".equals(v.path("status").asText());
        }
        return running;
    }

    /** What {@link #awaitData} saw at one poll. */
    private record DataSeen(long channelPriorityPairs, int alertmanagerAlerts) {
        boolean complete(long allPairs) {
            return channelPriorityPairs == allPairs && alertmanagerAlerts > 0;
        }
    }

    /**
     * Waits until the KPI table has a row for every channel x priority and the Alertmanager shows an alert; fails
     * after {@link #DATA_WAIT} naming what is missing, or at once when a job is no longer running.
     */
    private static void awaitData(Connection c, Demo demo) {
        long allPairs = CHANNELS.size() * PRIORITIES.size();
        DataSeen seen = Awaitility.await("all " + allPairs + " channel x priority pairs in ticketpulse_kpi and an alert"
                        + " in the Alertmanager (TaskManager log " + stack.runDir().resolve("logs/taskmanager.log") + ")")
                .atMost(DATA_WAIT)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    DataSeen now = new DataSeen(TableRows.count(c, "SELECT count(DISTINCT (channel, priority))"
                            + " FROM ticketpulse_kpi WHERE grouping_set = 'channel_priority'"),
                            alertmanagerAlerts(demo.alertmanagerUrl).size());
                    if (!now.complete(allPairs)) {
                        for (String id : List.of(demo.jobId, demo.simulatorId)) {
                            String state = JSON.readTree(stack.rest("/jobs/" + id)).path("state").asText();
                            assertThat(state).as("job %s while waiting for the data", id).isEqualTo("RUNNING");
                        }
                    }
                    return now;
                }, now -> now.complete(allPairs));
        log("data: %d channel x priority pairs in the KPI table, %d alerts in the Alertmanager",
                seen.channelPriorityPairs(), seen.alertmanagerAlerts());
    }

    // ---------------------------------------------------------------------------------------------------------
    // KPI rows

    private static void assertKpiTable(List<TicketKpi> table, List<TicketKpi> committed) {
        List<TicketKpi> rows = table.stream().filter(k -> k.groupingSet == null).toList();
        Set<String> pairs = new TreeSet<>();
        for (TicketKpi k : rows) {
            pairs.add(k.channel + "/" + k.priority);
            // revision 0 when the watermark passes the window's end, +1 per late change, the final row +1 more
            assertThat(k.revision).as("revision of %s", k).isGreaterThanOrEqualTo(k.isFinal ? 1 : 0);
            assertThat(k.windowEndMs - k.windowStartMs).as("1 h windows: %s", k).isEqualTo(3_600_000L);
            assertThat(k.windowEndMs % 60_000L).as("sliding every minute: %s", k).isZero();
            assertThat(Instant.ofEpochMilli(k.windowEndMs)).as("window end of %s", k).isAfter(SIM_START);
            assertPlausible(k);
        }
        assertThat(pairs).as("channel/priority pairs of the KPI rows").hasSize(CHANNELS.size() * PRIORITIES.size());
        assertThat(rows.stream().filter(k -> k.isFinal && k.revision > 0).count()).as("final rows, revision > 0")
                .isPositive();

        // the committed topic and the table: the sink flushes on every checkpoint before the Kafka transaction of
        // that checkpoint commits, so each committed record is in the table at its revision or a newer one
        Map<String, TicketKpi> byKey = new HashMap<>();
        for (TicketKpi k : rows) {
            byKey.put(k.upsertKey(), k);
        }
        Map<String, TicketKpi> newestCommitted = new LinkedHashMap<>();
        for (TicketKpi k : committed) {
            if (k.groupingSet == null) {
                newestCommitted.merge(k.upsertKey(), k, (a, b) -> b.revision > a.revision ? b : a);
            }
        }
        assertThat(newestCommitted).as("KPI records committed on ticket-kpis").isNotEmpty();
        int same = 0;
        for (TicketKpi k : newestCommitted.values()) {
            TicketKpi row = byKey.get(k.upsertKey());
            assertThat(row).as("the table's row of the committed record %s", k.upsertKey()).isNotNull();
            assertThat(row.revision).as("revision in the table of %s", k.upsertKey()).isGreaterThanOrEqualTo(
                    k.revision);
            if (row.revision == k.revision) {
                assertThat(row).as("the table's row of %s at revision %d", k.upsertKey(), k.revision).isEqualTo(k);
                same++;
            }
        }
        assertThat(same).as("rows at the committed record's revision").isPositive();
        log("KPI table: %d rows (%d final), %d pairs; %d keys committed on ticket-kpis, %d of them at the same"
                + " revision in the table, identical", rows.size(), rows.stream().filter(k -> k.isFinal).count(),
                pairs.size(), newestCommitted.size(), same);
    }

    /** Numbers that must hold for any KPI row (the definitions in the README's KPI table). */
    private static void assertPlausible(TicketKpi k) {
        String row = k.upsertKey();
        assertThat(List.of(k.ticketsCreated, k.frtCount, k.waitTimeouts, k.waitDecided, k.resolved,
                k.oneTouchResolved, k.backlogOpen, k.csatCount)).as("counts of %s", row).allMatch(n -> n >= 0);
        assertThat(k.waitTimeouts).as("wait timeouts of %s", row).isLessThanOrEqualTo(k.waitDecided);
        assertThat(k.oneTouchResolved).as("one-touch of %s", row).isLessThanOrEqualTo(k.resolved);
        if (k.frtCount > 0) {
            assertThat(k.frtP50S).as("FRT p50 of %s", row).isNotNull().isGreaterThanOrEqualTo(0.0);
            assertThat(k.frtP50S).as("FRT p50 <= p90 of %s", row).isLessThanOrEqualTo(k.frtP90S);
            assertThat(k.frtP90S).as("FRT p90 <= max of %s", row).isLessThanOrEqualTo(k.frtMaxS);
            // the simulator's first replies come within hours, never later than the window's hour plus a day
            assertThat(k.frtMaxS).as("FRT max of %s", row).isLessThan(86_400.0);
        } else {
            assertThat(k.frtP50S).as("FRT p50 over nothing of %s", row).isNull();
        }
        if (k.waitDecided > 0) {
            assertThat(k.waitTimeoutRate).as("wait-timeout rate of %s", row)
                    .isCloseTo((double) k.waitTimeouts / k.waitDecided, org.assertj.core.data.Offset.offset(1e-9));
        }
        if (k.resolved > 0) {
            assertThat(k.fcrRate).as("FCR of %s", row)
                    .isCloseTo((double) k.oneTouchResolved / k.resolved, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(k.mttrMeanS).as("MTTR of %s", row).isNotNull().isPositive();
        }
        if (k.csatCount > 0) {
            assertThat(k.csatMean).as("CSAT of %s", row).isBetween(1.0, 5.0);
        }
    }

    private static List<TicketKpi> committedKpis() {
        Properties p = stack.clientProperties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        List<TicketKpi> kpis = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : CommittedTopics.readAll(p, "ticket-kpis")) {
            TicketKpi k = TicketKpiJson.fromJson(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).as("record key").isEqualTo(k.upsertKey());
            kpis.add(k);
        }
        return kpis;
    }

    // ---------------------------------------------------------------------------------------------------------
    // alerts

    private static List<JsonNode> alertmanagerAlerts(String url) throws Exception {
        HttpResponse<String> r = httpGet(url + "/api/v2/alerts");
        assertThat(r.statusCode()).as("GET %s/api/v2/alerts", url).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(r.body()).forEach(alerts::add);
        return alerts;
    }

    /**
     * Each alert in the Alertmanager has exactly the README's labels of a firing record in the alert history
     * ({@code alertname} by kind, {@code dedup_key}, {@code sla_metric}, {@code severity}, {@code channel},
     * {@code priority}, {@code team}, {@code policy_id}, {@code kind}; null fields left out), a summary, the
     * record's {@code ticket_id}, and as {@code startsAt} the {@code changed_at} of a firing record of its
     * {@code dedup_key} (its episode's first) no later than the last record with these labels.
     */
    private static void assertAlertmanagerAlerts(List<JsonNode> delivered, List<SlaAlert> history) {
        Map<Map<String, String>, List<SlaAlert>> firingByLabels = new HashMap<>();
        for (SlaAlert a : history) {
            if (a.isFiring()) {
                firingByLabels.computeIfAbsent(readmeLabels(a), l -> new ArrayList<>()).add(a);
            }
        }
        assertThat(delivered).as("alerts in the Alertmanager").isNotEmpty();
        Map<String, Integer> byName = new TreeMap<>();
        for (JsonNode alert : delivered) {
            Map<String, String> labels = new TreeMap<>();
            alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            List<SlaAlert> records = firingByLabels.get(labels);
            assertThat(records).as("firing records in ticketpulse_alert_history with the labels %s", labels)
                    .isNotNull();
            assertThat(alert.path("status").path("state").asText()).as("state of %s", labels).isEqualTo("active");
            JsonNode annotations = alert.path("annotations");
            assertThat(annotations.path("summary").asText()).as("summary of %s", labels).isNotBlank();
            // startsAt: the changed_at of the first firing record of the alert's episode, which may carry another
            // severity (an escalation keeps startsAt) or come after an earlier episode (an aggregate alert fires
            // again after it recovered): a firing change of the same dedup_key, no later than these labels' last
            long startsAt = Instant.parse(alert.path("startsAt").asText()).toEpochMilli();
            Set<Long> firingChanges = new TreeSet<>();
            history.stream().filter(a -> a.isFiring() && a.dedupKey.equals(labels.get("dedup_key")))
                    .forEach(a -> firingChanges.add(a.changedAtMs));
            assertThat(firingChanges).as("startsAt %s of %s among the firing changes of its dedup_key",
                    alert.path("startsAt").asText(), labels).contains(startsAt);
            long lastChange = records.stream().mapToLong(a -> a.changedAtMs).max().orElseThrow();
            assertThat(startsAt).as("startsAt of %s", labels).isLessThanOrEqualTo(lastChange);
            SlaAlert any = records.get(0);
            if (any.ticketId != null) {
                assertThat(annotations.path("ticket_id").asText()).as("ticket_id of %s", labels)
                        .isEqualTo(any.ticketId);
            }
            byName.merge(labels.get("alertname"), 1, Integer::sum);
        }
        log("Alertmanager: %d active alerts %s, each the labels of a firing record in the alert history",
                delivered.size(), byName);
    }

    /** The README's label mapping, written out from the table (not with the job's own mapping code). */
    private static Map<String, String> readmeLabels(SlaAlert a) {
        Map<String, String> l = new TreeMap<>();
        l.put("alertname", ALERTNAME_BY_KIND.get(a.kind));
        String[][] fields = {{"dedup_key", a.dedupKey}, {"sla_metric", a.slaMetric}, {"severity", a.severity},
            {"channel", a.channel}, {"priority", a.priority}, {"team", a.team}, {"policy_id", a.policyId},
            {"kind", a.kind}};
        for (String[] f : fields) {
            if (f[1] != null && !f[1].isEmpty()) {
                l.put(f[0], f[1]);
            }
        }
        return l;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the printed commands, run verbatim

    private static void assertPrintedPsql(Demo demo) throws Exception {
        String kpis = runPrinted(demo.psqlCommands.get(0));
        List<String> rows = kpis.lines().filter(l -> l.matches("\\s*\\w+\\s*\\|\\s*P[1-4]\\s*\\|.*")).toList();
        assertThat(rows).as("KPI rows printed by %s:%n%s", demo.psqlCommands.get(0), kpis).hasSize(10);
        String severities = runPrinted(demo.psqlCommands.get(1));
        assertThat(severities).as("firing alerts by severity printed by %s", demo.psqlCommands.get(1))
                .containsPattern("(?m)^\\s*(warning|breach|yellow|orange|red)\\s*\\|\\s*[1-9]\\d*\\s*$");
    }

    private static void assertPrintedAlertCommands(Demo demo, List<JsonNode> delivered) throws Exception {
        JsonNode viaCurl = JSON.readTree(runPrinted(demo.curlCommand));
        assertThat(viaCurl.isArray() && viaCurl.size() > 0).as("%s printed alerts", demo.curlCommand).isTrue();
        String amtool = runPrinted(demo.amtoolCommand);
        Set<String> names = new TreeSet<>();
        delivered.forEach(a -> names.add(a.path("labels").path("alertname").asText()));
        assertThat(amtool).as("%s", demo.amtoolCommand).contains("Alertname").containsAnyOf(
                names.toArray(String[]::new));
    }

    /** The printed console consumer of ticket-kpis, with a record limit added so that it ends. */
    private static void assertPrintedKafkaConsumer(Demo demo) throws Exception {
        String kpiConsumer = demo.consumerCommands.stream().filter(c -> c.contains("--topic ticket-kpis "))
                .findFirst().orElseThrow();
        String out = runPrinted(kpiConsumer + " --max-messages 3 --timeout-ms 60000");
        List<String> lines = out.lines().filter(l -> l.contains("\"window_start\"")).toList();
        assertThat(lines).as("records printed by %s", kpiConsumer).hasSize(3);
        for (String line : lines) {
            String key = line.substring(0, line.indexOf('\t'));
            TicketKpi k = TicketKpiJson.fromJson(line.substring(line.indexOf('\t') + 1).getBytes(
                    StandardCharsets.UTF_8));
            assertThat(key).as("printed key").isEqualTo(k.upsertKey());
        }
    }

    /**
     * Runs a command line as demo.sh printed it, with {@code bash -c} from the repository root and WITHOUT the
     * stack's environment variables (the printed command must carry what it needs); its stdout.
     */
    private static String runPrinted(String commandLine) throws Exception {
        Path logs = workDir.resolve("printed-commands");
        Files.createDirectories(logs);
        Path out = Files.createTempFile(logs, "cmd-", ".out");
        Path err = Path.of(out.toString().replace(".out", ".err"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", commandLine).directory(repoRoot.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        stack.environment().keySet().forEach(pb.environment()::remove);
        Process p = pb.start();
        if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("%s did not end within %s", commandLine, COMMAND_TIMEOUT);
        }
        assertThat(p.exitValue()).as("exit of %s; stderr: %s", commandLine, Files.readString(err)).isZero();
        log("ran `%s` (%s)", commandLine, workDir.relativize(out));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static HttpResponse<String> httpGet(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path builtJar() throws IOException {
        Path target = repoRoot.resolve("jobs/target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("ticketpulse-jobs-") && n.endsWith(".jar") && !n.contains("-tests")
                        && !n.contains("-sources");
            }).toList();
            assertThat(jars).as("the fat jar in %s", target).hasSize(1);
            return jars.get(0);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[demo-e2e %6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9,
                String.format(Locale.ROOT, format, args));
    }
}
