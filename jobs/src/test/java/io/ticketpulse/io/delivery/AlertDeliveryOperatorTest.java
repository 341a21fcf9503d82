package io.ticketpulse.io.delivery;

import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.firing;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.firingOf;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.resolved;
import static io.ticketpulse.domain.delivery.DeliveryAlerts.resolvedOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketpulse.domain.delivery.Backoff;
import io.ticketpulse.schema.SlaAlert;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link AlertDeliveryOperator} in a test harness with an in-memory transport: records go out only once their
 * checkpoint completed, failures wait their backoff on processing time, the task never waits for an answer,
 * a restore delivers the restored checkpoint's records and nothing acknowledged again, and the end of a bounded
 * input delivers what is left.
 */
class AlertDeliveryOperatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
    private static final Duration FAILURE_FIRST = Duration.ofSeconds(1);
    private static final Duration THROTTLE_FIRST = Duration.ofSeconds(30);

    private final ScriptedTransport transport = new ScriptedTransport();

    private DeliverySettings settings() {
        return DeliverySettings.defaults()
                .withFailureBackoff(new Backoff(FAILURE_FIRST, Duration.ofMinutes(1)))
                .withThrottleBackoff(new Backoff(THROTTLE_FIRST, Duration.ofMinutes(4)))
                .withDrainTimeout(Duration.ofSeconds(5))
                .withTransport(transport.factory());
    }

    private PagerDutyDelivery pagerDuty() {
        return PagerDutyDelivery.of(URI.create("http://127.0.0.1:1/v2/enqueue"), ROUTING_KEY).withSettings(settings());
    }

    private AlertmanagerDelivery alertmanager() {
        return AlertmanagerDelivery.of(URI.create("http://127.0.0.1:1"), Duration.ofMinutes(1)).withSettings(settings());
    }

    private static OneInputStreamOperatorTestHarness<SlaAlert, Void> harness(AlertDelivery<?> delivery,
            boolean commitOnCheckpoint) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(delivery.operatorFactory(commitOnCheckpoint),
                TypeInformation.of(SlaAlert.class).createSerializer(new SerializerConfigImpl()));
    }

    /** Runs the answers that came back through the mailbox. */
    private static void processMails(OneInputStreamOperatorTestHarness<SlaAlert, Void> h) throws Exception {
        Optional<Mail> mail;
        while ((mail = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
            mail.get().run();
        }
    }

    private static void commit(OneInputStreamOperatorTestHarness<SlaAlert, Void> h, long checkpointId)
            throws Exception {
        h.snapshot(checkpointId, checkpointId);
        h.notifyOfCompletedCheckpoint(checkpointId);
        processMails(h);
    }

    private List<String> events() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String body : transport.bodies) {
            JsonNode n = JSON.readTree(body);
            String severity = n.path("payload").path("severity").asText("");
            out.add(n.get("event_action").asText() + ' ' + n.get("dedup_key").asText()
                    + (severity.isEmpty() ? "" : ' ' + severity));
        }
        return out;
    }

    private static final String KEY = "T-42/first_response/1/p1-urgent@1";
    /** Processing time (the wall clock) of the Alertmanager test: an hour after the alerts' event times. */
    private static final long NOW = at(60);

    @Test
    void aRecordIsDeliveredOnlyOnceTheCheckpointAfterItCompleted() throws Exception {
        try (var h = harness(pagerDuty(), true)) {
            h.open();
            h.processElement(new StreamRecord<>(firing("breach", "orange", at(3, 54))));
            processMails(h);
            assertThat(transport.bodies).isEmpty();

            h.snapshot(1, 1);
            processMails(h);
            assertThat(transport.bodies).as("checkpoint 1 taken, not complete").isEmpty();

            h.notifyOfCompletedCheckpoint(1);
            processMails(h);
            assertThat(events()).containsExactly("trigger " + KEY + " error");
            assertThat(transport.uris).containsOnly(URI.create("http://127.0.0.1:1/v2/enqueue"));
        }
    }

    @Test
    void withoutCheckpointingRecordsAreDeliveredAtOnce() throws Exception {
        try (var h = harness(pagerDuty(), false)) {
            h.open();
            h.processElement(new StreamRecord<>(firing("breach", "red", at(4, 30))));
            processMails(h);
            assertThat(events()).containsExactly("trigger " + KEY + " critical");
        }
    }

    @Test
    void aFailedRequestIsRetriedAfterTheBackoffAndLaterChangesReplaceTheUnsentOnes() throws Exception {
        transport.thenFail(new ConnectException("Connection refused")).then(503);
        try (var h = harness(pagerDuty(), true)) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(firing("breach", "yellow", at(3, 18))));
            commit(h, 1);
            assertThat(transport.bodies).hasSize(1);

            // the change arrives while waiting: only the newest state goes out at the retry
            h.processElement(new StreamRecord<>(firing("breach", "orange", at(3, 54))));
            commit(h, 2);
            assertThat(transport.bodies).as("waiting the first backoff (1 s)").hasSize(1);

            h.setProcessingTime(999);
            processMails(h);
            assertThat(transport.bodies).hasSize(1);
            h.setProcessingTime(1000);
            processMails(h);
            assertThat(transport.bodies).as("retried at 1 s; answered 503").hasSize(2);

            h.setProcessingTime(1000 + 1999);
            processMails(h);
            assertThat(transport.bodies).hasSize(2);
            h.setProcessingTime(1000 + 2000);
            processMails(h);
            assertThat(events()).containsExactly(
                    "trigger " + KEY + " warning", "trigger " + KEY + " error", "trigger " + KEY + " error");
        }
    }

    @Test
    void aThrottledRequestWaitsTheThrottleBackoffOrTheLongerRetryAfter() throws Exception {
        transport.then(429).then(new HttpResult(429, "", 90_000));
        try (var h = harness(pagerDuty(), true)) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(firing("breach", "red", at(4, 30))));
            commit(h, 1);

            h.setProcessingTime(29_999);
            processMails(h);
            assertThat(transport.bodies).hasSize(1);
            h.setProcessingTime(30_000);
            processMails(h);
            assertThat(transport.bodies).as("retried after 30 s; throttled again, Retry-After 90 s").hasSize(2);
            h.setProcessingTime(30_000 + 89_999);
            processMails(h);
            assertThat(transport.bodies).hasSize(2);
            h.setProcessingTime(30_000 + 90_000);
            processMails(h);
            assertThat(transport.bodies).hasSize(3);
            h.setProcessingTime(1_000_000);
            processMails(h);
            assertThat(transport.bodies).as("delivered: nothing more").hasSize(3);
        }
    }

    @Test
    void aRejectedEventIsNotSentAgain() throws Exception {
        transport.then(400);
        try (var h = harness(pagerDuty(), true)) {
            h.open();
            h.processElement(new StreamRecord<>(firingOf("T-1", "breach", "red", at(5))));
            h.processElement(new StreamRecord<>(firingOf("T-2", "breach", "red", at(5))));
            commit(h, 1);
            h.setProcessingTime(10_000_000);
            processMails(h);

            assertThat(events()).containsExactly(
                    "trigger T-1/first_response/1/p1-urgent@1 critical",
                    "trigger T-2/first_response/1/p1-urgent@1 critical");
        }
    }

    @Test
    void theTaskNeverWaitsForAnAnswer() throws Exception {
        transport.hold = true;
        try (var h = harness(pagerDuty(), true)) {
            h.open();
            h.processElement(new StreamRecord<>(firingOf("T-1", "breach", "red", at(5))));
            commit(h, 1);
            assertThat(transport.held).hasSize(1);

            // the receiver does not answer: records and checkpoints go on
            for (int i = 2; i <= 5; i++) {
                h.processElement(new StreamRecord<>(firingOf("T-" + i, "breach", "red", at(5))));
                commit(h, i);
            }
            assertThat(transport.held).as("one request at a time").hasSize(1);

            transport.held.get(0).complete(new HttpResult(202, "", -1));
            processMails(h);
            assertThat(transport.held).hasSize(2);
            transport.hold = false;
            transport.held.get(1).complete(new HttpResult(202, "", -1));
        }
    }

    @Test
    void aRestoreDeliversTheRestoredCheckpointsRecordsAndNothingAcknowledgedAgain() throws Exception {
        OperatorSubtaskState checkpoint2;
        try (var h = harness(pagerDuty(), true)) {
            h.open();
            h.processElement(new StreamRecord<>(firingOf("T-1", "breach", "red", at(5))));
            h.processElement(new StreamRecord<>(firingOf("T-2", "breach", "orange", at(5))));
            commit(h, 1);
            assertThat(transport.bodies).hasSize(2);

            h.processElement(new StreamRecord<>(resolvedOf("T-1", "breach", "red", at(6))));
            h.processElement(new StreamRecord<>(firingOf("T-3", "warning", "warning", at(6))));
            checkpoint2 = h.snapshot(2, 2);
            processMails(h);
            // the job fails before checkpoint 2 is known complete
        }
        assertThat(transport.bodies).hasSize(2);

        try (var h = harness(pagerDuty(), true)) {
            h.initializeState(checkpoint2);
            h.open();
            processMails(h);
            // the upstream restarts after checkpoint 2 and sends its records again: T-2's state unchanged
            h.processElement(new StreamRecord<>(firingOf("T-2", "breach", "orange", at(5))));
            commit(h, 3);
        }

        assertThat(events()).containsExactly(
                "trigger T-1/first_response/1/p1-urgent@1 critical",
                "trigger T-2/first_response/1/p1-urgent@1 error",
                "resolve T-1/first_response/1/p1-urgent@1",
                "trigger T-3/first_response/1/p1-urgent@1 warning");
    }

    @Test
    void theEndOfABoundedInputDeliversWhatIsLeft() throws Exception {
        transport.then(503);
        try (var h = harness(pagerDuty(), true)) {
            h.open();
            h.processElement(new StreamRecord<>(firingOf("T-1", "breach", "red", at(5))));
            h.processElement(new StreamRecord<>(firingOf("T-2", "warning", "warning", at(5))));
            h.endInput();
            h.getOperator().finish();
            // the final checkpoint
            h.snapshot(1, 1);
            h.notifyOfCompletedCheckpoint(1);
            // no mails processed any more: close() sends, waits for the answers and retries after the backoff
        }
        assertThat(events()).containsExactly(
                "trigger T-1/first_response/1/p1-urgent@1 critical",
                "trigger T-1/first_response/1/p1-urgent@1 critical",
                "trigger T-2/first_response/1/p1-urgent@1 warning");
    }

    @Test
    void alertmanagerHearsFiringAlertsAgainEachResendIntervalUntilTheyEnd() throws Exception {
        transport.okStatus = 200;
        try (var h = harness(alertmanager(), true)) {
            h.open();
            h.setProcessingTime(NOW);
            h.processElement(new StreamRecord<>(firing("breach", "yellow", at(3, 18))));
            commit(h, 1);
            assertThat(transport.bodies).hasSize(1);
            assertThat(transport.uris).containsOnly(URI.create("http://127.0.0.1:1/api/v2/alerts"));

            h.setProcessingTime(NOW + 59_999);
            processMails(h);
            assertThat(transport.bodies).hasSize(1);
            h.setProcessingTime(NOW + 60_000);
            processMails(h);
            assertThat(transport.bodies).hasSize(2);
            assertThat(JSON.readTree(transport.bodies.get(1))).isEqualTo(JSON.readTree(transport.bodies.get(0)));

            h.processElement(new StreamRecord<>(resolved("breach", "yellow", at(4))));
            commit(h, 2);
            assertThat(transport.bodies).hasSize(3);
            JsonNode end = JSON.readTree(transport.bodies.get(2)).get(0);
            assertThat(end.get("endsAt").asText()).isEqualTo("2026-11-22T10:04:00.000Z");

            h.setProcessingTime(NOW + 1_000_000);
            processMails(h);
            assertThat(transport.bodies).as("nothing firing: no more re-sends").hasSize(3);
        }
    }
}
