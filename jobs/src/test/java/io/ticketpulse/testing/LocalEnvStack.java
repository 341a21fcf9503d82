package io.ticketpulse.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A local-env stack (Kafka + Flink session cluster as real processes) driven through the {@code local-env/}
 * scripts, on free ports and in its own run directory, so that it never clashes with a developer's stack and the
 * scripts themselves are exercised. Every script runs with {@code LOCAL_ENV_RUN_DIR} and the port variables set;
 * its stdout/stderr go to files under {@code <work dir>/script-logs/}.
 *
 * <p>{@link #stop()} is idempotent. {@link #start()} also registers a JVM shutdown hook that ends any script still
 * running, runs {@code stop.sh} and kills whatever process of the run directory is left, so the processes go away
 * even if the test JVM is interrupted (seen: SIGTERM to the forked test JVM mid-test, nothing left 5 s later).
 */
public final class LocalEnvStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    private final Path repoRoot;
    private final Path runDir;
    private final Path scriptLogs;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final int kafkaPort;
    private final int restPort;
    private final int pgPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Thread shutdownHook;
    private final AtomicInteger scriptRuns = new AtomicInteger();
    /** Script processes running now (the shutdown hook ends them before it runs stop.sh). */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    private LocalEnvStack(Path repoRoot, Path workDir) {
        this.repoRoot = repoRoot;
        this.runDir = workDir.resolve("run");
        this.scriptLogs = workDir.resolve("script-logs");
        int[] ports = freePorts(9);
        kafkaPort = ports[0];
        restPort = ports[2];
        env.put("LOCAL_ENV_RUN_DIR", runDir.toString());
        env.put("KAFKA_PORT", String.valueOf(ports[0]));
        env.put("KAFKA_CONTROLLER_PORT", String.valueOf(ports[1]));
        env.put("FLINK_REST_PORT", String.valueOf(ports[2]));
        env.put("FLINK_RPC_PORT", String.valueOf(ports[3]));
        env.put("FLINK_PROMETHEUS_PORTS", ports[4] + "," + ports[5]);
        env.put("PG_PORT", String.valueOf(ports[6]));
        // PostgreSQL is required here (start.sh fails without Debian's binaries; .ci/run installs them)
        env.put("POSTGRES", "on");
        pgPort = ports[6];
        env.put("ALERTMANAGER_PORT", String.valueOf(ports[7]));
        // demo.sh's dashboard (default 8090)
        env.put("DASHBOARD_PORT", String.valueOf(ports[8]));
        env.put("START_TIMEOUT_SECONDS", "180");
    }

    /**
     * A stack in {@code workDir/run} (deleted first, except the cached classpaths, as {@code wipe.sh} does).
     */
    public static LocalEnvStack create(Path repoRoot, Path workDir) throws IOException {
        Path run = workDir.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> children = Files.list(run)) {
                for (Path child : children.filter(p -> !p.getFileName().toString().equals("classpath")).toList()) {
                    deleteRecursively(child);
                }
            }
        }
        deleteRecursively(workDir.resolve("script-logs"));
        Files.createDirectories(run);
        return new LocalEnvStack(repoRoot, workDir);
    }

    /**
     * Starts the broker with {@code SECURITY=sasl_ssl} (call before {@link #start()}): TLS with a CA generated in
     * the run directory and SASL (SCRAM-SHA-512 or PLAIN); clients need {@link #clientProperties()}.
     */
    public LocalEnvStack withSaslSsl() {
        env.put("SECURITY", "sasl_ssl");
        return this;
    }

    /** True when started {@link #withSaslSsl()}. */
    public boolean saslSsl() {
        return "sasl_ssl".equals(env.get("SECURITY"));
    }

    /**
     * The client properties of the job user (empty for a plaintext stack): with SASL_SSL the file start.sh wrote,
     * {@code secrets/client.properties} (SCRAM-SHA-512, the CA as trust store, the JAAS line behind a
     * {@code ${file:...}} config-provider reference that each client resolves).
     */
    public Properties clientProperties() {
        Properties p = new Properties();
        if (saslSsl()) {
            try (Reader r = Files.newBufferedReader(clientPropertiesFile(), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    /** {@code secrets/client.properties} of the run directory (SASL_SSL stacks). */
    public Path clientPropertiesFile() {
        return runDir.resolve("secrets/client.properties");
    }

    /** The password of the job user {@code ticketpulse}, generated by start.sh (SASL_SSL stacks). */
    public String jobUserPassword() throws IOException {
        return Files.readString(runDir.resolve("secrets/ticketpulse.password"), StandardCharsets.UTF_8).strip();
    }

    /** The job options that write the stack's PostgreSQL tables (database and user ticketpulse, default prefix). */
    public List<String> jdbcArgs() {
        return List.of("--jdbc-url", jdbcUrl(), "--jdbc-user", "ticketpulse", "--jdbc-password-file",
                postgresPasswordFile().toString());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/ticketpulse";
    }

    /** {@code secrets/postgres.password} of the run directory: the password of the PostgreSQL user ticketpulse. */
    public Path postgresPasswordFile() {
        return runDir.resolve("secrets/postgres.password");
    }

    public String postgresPassword() throws IOException {
        return Files.readString(postgresPasswordFile(), StandardCharsets.UTF_8).strip();
    }

    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    public Path runDir() {
        return runDir;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String restUrl() {
        return "http://localhost:" + restPort;
    }

    /** {@code local-env/start.sh}; registers the shutdown hook before the first process starts. */
    public String start() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stopQuietly, "local-env-e2e-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return script("start.sh", START_TIMEOUT);
    }

    /** {@code local-env/submit.sh JAR ARGS...}: the job id. */
    public String submit(Path jar, List<String> jobArgs) {
        return submit(jar, null, jobArgs);
    }

    /**
     * {@code local-env/submit.sh [--savepoint PATH] JAR ARGS...}: the job id; {@code savepoint} may be null (a fresh
     * start).
     */
    public String submit(Path jar, String savepoint, List<String> jobArgs) {
        List<String> args = new ArrayList<>();
        if (savepoint != null) {
            args.add("--savepoint");
            args.add(savepoint);
        }
        args.add(jar.toString());
        args.addAll(jobArgs);
        String out = script("submit.sh", SCRIPT_TIMEOUT, args.toArray(String[]::new)).strip();
        String jobId = out.substring(out.lastIndexOf('\n') + 1).strip();
        if (!jobId.matches("[0-9a-f]{32}")) {
            throw new IllegalStateException("submit.sh printed no job id: " + out);
        }
        return jobId;
    }

    /**
     * {@code local-env/stop-job.sh [--drain] JOB_ID}: stop with a savepoint (with {@code drain}, MAX_WATERMARK
     * first: every event-time timer fires, as at the end of a bounded input); the savepoint path.
     */
    public String stopJob(String jobId, boolean drain) {
        String out = drain ? script("stop-job.sh", SCRIPT_TIMEOUT, "--drain", jobId)
                : script("stop-job.sh", SCRIPT_TIMEOUT, jobId);
        out = out.strip();
        return out.substring(out.lastIndexOf('\n') + 1).strip();
    }

    /** {@code local-env/restart-kafka.sh --kill}: kill -9 of the broker, restarted on the same data dir; its pid. */
    public long killAndRestartKafka() {
        String out = script("restart-kafka.sh", START_TIMEOUT, "--kill").strip();
        return Long.parseLong(out.substring(out.lastIndexOf('\n') + 1).strip());
    }

    /** {@code local-env/restart-taskmanager.sh}: starts a new TaskManager and waits for its registration. */
    public long restartTaskManager() {
        String out = script("restart-taskmanager.sh", START_TIMEOUT).strip();
        return Long.parseLong(out.substring(out.lastIndexOf('\n') + 1).strip());
    }

    /** The pid of the running TaskManager, from its pid file (checked to be a process of this run dir). */
    public long taskManagerPid() throws IOException {
        long pid = Long.parseLong(Files.readString(runDir.resolve("pids/taskmanager.pid")).strip());
        if (!commandLine(pid).contains(marker() + " ")) {
            throw new IllegalStateException("pid " + pid + " is not a TaskManager of " + runDir);
        }
        return pid;
    }

    /** {@code kill -9} of the TaskManager; waits until the process is gone. */
    public long killTaskManager() throws Exception {
        long pid = taskManagerPid();
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.destroyForcibly(); // SIGKILL on Unix
        handle.onExit().get(30, TimeUnit.SECONDS);
        return pid;
    }

    /** GET on the Flink REST API; the body. */
    public String rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(restUrl() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** {@code local-env/stop.sh}; idempotent. */
    public String stop() {
        return script("stop.sh", SCRIPT_TIMEOUT);
    }

    /**
     * Live processes whose command line carries this run directory's marker ({@code pid command}), whether the
     * scripts know them or not.
     */
    public List<String> leftoverProcesses() {
        List<String> left = new ArrayList<>();
        String marker = marker() + " ";
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = commandLine(p.pid());
            if (cmd.contains(marker)) {
                left.add(p.pid() + " " + cmd.substring(0, Math.min(cmd.length(), 200)));
            }
        });
        return left;
    }

    /** Kills (SIGKILL) every leftover process of this run directory; the pids killed. */
    public List<Long> killLeftovers() {
        List<Long> killed = new ArrayList<>();
        String marker = marker() + " ";
        ProcessHandle.allProcesses().filter(p -> commandLine(p.pid()).contains(marker)).forEach(p -> {
            p.destroyForcibly();
            killed.add(p.pid());
        });
        return killed;
    }

    /**
     * {@link #close()}, then checks that no process of this run directory is left: any that is left is killed
     * (SIGKILL) and the check fails naming it. For a test's {@code @AfterAll}.
     */
    public void closeAndCheckNothingLeft() {
        try {
            close();
        } finally {
            List<String> left = leftoverProcesses();
            if (!left.isEmpty()) {
                List<Long> killed = killLeftovers();
                throw new AssertionError(String.format("stop.sh left processes of %s behind (now killed: %s): %s",
                        runDir, killed, left));
            }
        }
    }

    /** Stops the stack and removes the shutdown hook. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run
                }
                shutdownHook = null;
            }
        }
    }

    private void stopQuietly() {
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("[local-env-e2e] stop.sh failed in the shutdown hook: " + e.getMessage());
        }
        killLeftovers();
    }

    private String marker() {
        return "-Dticketpulse.localenv.run=" + runDir;
    }

    /**
     * Runs {@code local-env/NAME ARGS...} from the repository root with this stack's environment; returns its
     * stdout. Fails with the tail of its stderr on a non-zero exit or a timeout (the script's process tree is
     * killed then).
     */
    public String script(String name, Duration timeout, String... args) {
        Path script = repoRoot.resolve("local-env").resolve(name);
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        int n = scriptRuns.incrementAndGet();
        String base = String.format("%02d-%s", n, name.replace(".sh", ""));
        Path out = scriptLogs.resolve(base + ".out");
        Path err = scriptLogs.resolve(base + ".err");
        long started = System.nanoTime();
        try {
            Files.createDirectories(scriptLogs);
            ProcessBuilder pb = new ProcessBuilder(command).directory(repoRoot.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process process = pb.start();
            running.add(process);
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                running.remove(process);
            }
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + timeout + "; stderr:\n" + tail(err));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            System.out.printf("[local-env-e2e] %s: exit %d after %.1f s (output: %s)%n",
                    String.join(" ", command.subList(1, command.size())).replace(repoRoot + "/", ""),
                    process.exitValue(), (System.nanoTime() - started) / 1e9, scriptLogs.relativize(err));
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit " + process.exitValue() + "; stderr:\n"
                        + tail(err));
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
