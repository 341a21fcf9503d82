package io.ticketpulse.app;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;

/**
 * Entry point of the embedded run through Maven ({@code mvn -q -Prun compile}, which runs this class in Maven's
 * JVM with {@code exec:java}). It answers {@code --help} and rejects a bad command line itself (message, exit
 * code 2, no Maven noise; {@link TicketPulseCli#check}), and otherwise runs {@link TicketPulseCli} in a child JVM
 * with the same class path and arguments, and exits with the child's exit code.
 *
 * <p>Why a child JVM: Flink's embedded cluster resolves the classes of a job without jars through the system
 * class loader, which inside Maven does not see the project's classes. The child's JVM flags come from the
 * system property {@value #JVM_ARGS_PROPERTY} (set by the Maven profile), split on whitespace.
 */
public final class EmbeddedLauncher {

    /** System property with the child JVM's flags. */
    public static final String JVM_ARGS_PROPERTY = "ticketpulse.jvm.args";

    private EmbeddedLauncher() {}

    public static void main(String[] args) throws InterruptedException {
        // no Flink configuration here (the child's embedded environment has none either)
        int checked = new TicketPulseCli(System.out, System.err, Clock.systemUTC(), new Configuration(),
                System.getenv()).check(args);
        if (checked >= 0) {
            System.out.flush();
            System.exit(checked);
        }
        Process child;
        try {
            child = new ProcessBuilder(command(args)).inheritIO().start();
        } catch (IOException e) {
            System.err.println("ticketpulse: cannot start the job's JVM: " + e.getMessage());
            System.exit(TicketPulseJob.EXIT_FAILED);
            return;
        }
        // Ctrl-C reaches both JVMs; if only this one is stopped, stop the child too
        Thread stopChild = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        System.exit(code);
    }

    /** {@code java <flags> -classpath <this class path> TicketPulseCli <args>}. */
    static List<String> command(String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty(JVM_ARGS_PROPERTY, "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        command.add("-classpath");
        command.add(classPath());
        command.add(TicketPulseCli.class.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** The class path this class was loaded from: exec:java's class loader, else the JVM's class path. */
    private static String classPath() {
        ClassLoader loader = EmbeddedLauncher.class.getClassLoader();
        if (loader instanceof URLClassLoader urls && urls != ClassLoader.getSystemClassLoader()) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("class path entry is not a file: " + url, e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
