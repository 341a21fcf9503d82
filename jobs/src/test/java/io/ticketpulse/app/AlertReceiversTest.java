package io.ticketpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert receivers' settings: URLs, the routing key from a file or the environment, and never the key shown. */
class AlertReceiversTest {

    private static final String KEY = "R0123456789abcdef0123456789abcde";
    private static final String PD = "https://events.pagerduty.com/v2/enqueue";

    @TempDir
    Path dir;

    @Test
    void nothingConfiguredMeansNoReceivers() {
        AlertReceivers r = AlertReceivers.of(Optional.empty(), Duration.ofMinutes(1), PD, Optional.empty(), Map.of());
        assertThat(r.alertmanager()).isEmpty();
        assertThat(r.pagerDuty()).isEmpty();
        assertThat(r.describe()).isEmpty();
    }

    @Test
    void alertmanagerGetsItsAlertsPath() {
        AlertReceivers r = AlertReceivers.of(Optional.of("http://127.0.0.1:9095"), Duration.ofSeconds(30), PD,
                Optional.empty(), Map.of());
        assertThat(r.alertmanager().orElseThrow().alertsUri()).isEqualTo(URI.create("http://127.0.0.1:9095/api/v2/alerts"));
        assertThat(r.alertmanager().orElseThrow().resendInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.describe()).contains("Alertmanager at http://127.0.0.1:9095/api/v2/alerts", "every 30s");
    }

    @Test
    void theRoutingKeyComesFromTheFileElseTheEnvironmentAndIsNeverShown() throws Exception {
        Path file = dir.resolve("pd.key");
        Files.writeString(file, "  " + KEY + "\n", StandardCharsets.UTF_8);
        AlertReceivers fromFile = AlertReceivers.of(Optional.empty(), Duration.ofMinutes(1), PD, Optional.of(file),
                Map.of(AlertReceivers.ROUTING_KEY_VARIABLE, "the file wins over this"));
        assertThat(fromFile.pagerDuty()).isPresent();
        assertThat(fromFile.pagerDuty().orElseThrow().enqueueUri()).isEqualTo(URI.create(PD));
        assertThat(fromFile.describe()).contains("PagerDuty at " + PD, "routing key ***").doesNotContain(KEY);
        assertThat(fromFile.pagerDuty().orElseThrow().toString()).doesNotContain(KEY);

        AlertReceivers fromEnv = AlertReceivers.of(Optional.empty(), Duration.ofMinutes(1), "http://127.0.0.1:1/v2/enqueue",
                Optional.empty(), Map.of(AlertReceivers.ROUTING_KEY_VARIABLE, KEY + "\n"));
        assertThat(fromEnv.pagerDuty()).isPresent();
        assertThat(AlertReceivers.of(Optional.empty(), Duration.ofMinutes(1), PD, Optional.empty(),
                Map.of(AlertReceivers.ROUTING_KEY_VARIABLE, "  ")).pagerDuty()).as("blank: not set").isEmpty();
    }

    @Test
    void badKeysFailNamingTheSourceButNotTheKey() throws Exception {
        String wrong = "not-a-routing-key-secret";
        Path file = dir.resolve("short.key");
        Files.writeString(file, wrong);
        assertThatThrownBy(() -> AlertReceivers.of(Optional.empty(), Duration.ofMinutes(1), PD, Optional.of(file), Map.of()))
                .isInstanceOf(JobOptions.OptionException.class)
                .hasMessageContaining("--pagerduty-routing-key-file").hasMessageContaining("32")
                .hasMessageNotContaining(wrong);
        assertThatThrownBy(() -> AlertReceivers.of(Optional.empty(), Duration.ofMinutes(1), PD, Optional.empty(),
                        Map.of(AlertReceivers.ROUTING_KEY_VARIABLE, wrong)))
                .hasMessageContaining("TICKETPULSE_PAGERDUTY_ROUTING_KEY").hasMessageNotContaining(wrong);
        assertThatThrownBy(() -> AlertReceivers.of(Optional.empty(), Duration.ofMinutes(1), PD,
                        Optional.of(dir.resolve("missing")), Map.of()))
                .hasMessageContaining("no such file");
        Path big = dir.resolve("big.key");
        Files.write(big, new byte[2000]);
        assertThatThrownBy(() -> AlertReceivers.of(Optional.empty(), Duration.ofMinutes(1), PD, Optional.of(big), Map.of()))
                .hasMessageContaining("larger than 1024 bytes");
        Path binary = dir.resolve("binary.key");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        assertThatThrownBy(() -> AlertReceivers.of(Optional.empty(), Duration.ofMinutes(1), PD, Optional.of(binary), Map.of()))
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void urlsMustBeHttpWithAHostAndNoCredentials() {
        assertThatThrownBy(() -> AlertReceivers.httpUrl("--alertmanager-url", "localhost:9093"))
                .hasMessageContaining("--alertmanager-url").hasMessageContaining("http://");
        assertThatThrownBy(() -> AlertReceivers.httpUrl("--alertmanager-url", "ftp://h/"))
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> AlertReceivers.httpUrl("--pagerduty-url", "https://user:secret@h/v2/enqueue"))
                .hasMessageContaining("no user info").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> AlertReceivers.httpUrl("--alertmanager-url", "http://h:9093/ a"))
                .hasMessageContaining("not a URL");
        assertThat(AlertReceivers.httpUrl("--pagerduty-url", "http://127.0.0.1:8080/v2/enqueue"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/v2/enqueue"));
        assertThatThrownBy(() -> AlertReceivers.of(Optional.of("http://h"), Duration.ZERO, PD, Optional.empty(), Map.of()))
                .hasMessageContaining("--alertmanager-resend-interval");
    }
}
