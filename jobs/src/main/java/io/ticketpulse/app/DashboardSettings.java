package io.ticketpulse.app;

import java.time.Duration;
import java.util.Optional;

/**
 * The live web dashboard of an embedded run ({@code --dashboard-port}, {@code --dashboard-linger},
 * {@code --no-dashboard}).
 *
 * @param enabled serve it (not with Kafka, not with {@code --no-dashboard})
 * @param port the port on 127.0.0.1; 0: any free port
 * @param linger how long it stays up after a bounded run ended; empty: {@link #INTERACTIVE_LINGER} when stdin
 *     and stdout are a terminal, else none
 */
public record DashboardSettings(boolean enabled, int port, Optional<Duration> linger) {

    /** No dashboard. */
    public static final DashboardSettings OFF = new DashboardSettings(false, 0, Optional.empty());

    /** How long the page stays up after a bounded run in a terminal, by default. */
    public static final Duration INTERACTIVE_LINGER = Duration.ofMinutes(10);

    /** The linger of this run: the one given, else {@link #INTERACTIVE_LINGER} in a terminal, else zero. */
    public Duration lingerFor(boolean interactive) {
        return linger.orElse(interactive ? INTERACTIVE_LINGER : Duration.ZERO);
    }

    @Override
    public String toString() {
        return enabled ? "port " + port + linger.map(l -> ", linger " + l).orElse("") : "off";
    }
}
