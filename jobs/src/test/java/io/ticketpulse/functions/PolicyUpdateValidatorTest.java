package io.ticketpulse.functions;

import static io.ticketpulse.domain.TicketEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.io.PolicyRecord;
import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.Timestamps;
import io.ticketpulse.testing.RuntimePolicies;
import io.ticketpulse.testing.SlaTestPolicies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.junit.jupiter.api.Test;

/** The validation of runtime policy records before they are broadcast (start-up file: version 1). */
class PolicyUpdateValidatorTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, PolicyRecord, PolicyUpdate> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PolicyUpdateValidator(SlaTestPolicies.policies())),
                r -> PolicyUpdateValidator.KEY, org.apache.flink.api.common.typeinfo.Types.STRING);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, PolicyRecord, PolicyUpdate> h,
            String text, String origin, long timeMs) throws Exception {
        h.processElement(new StreamRecord<>(new PolicyRecord(text.getBytes(StandardCharsets.UTF_8), origin, timeMs)));
    }

    private static List<String> deadLetters(KeyedOneInputStreamOperatorTestHarness<String, PolicyRecord, PolicyUpdate> h) {
        var out = h.getSideOutput(PolicyUpdateValidator.DEAD_LETTERS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue)
                .map((DeadLetter d) -> d.reasonCode + " " + d.origin + ": " + d.reason).toList();
    }

    @Test
    void acceptsANewerValidFileFromItsEffectiveFromOrItsRecordTimeAndPassesOverARepeat() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, RuntimePolicies.version2(null), "p/0@0", at(5));
            send(h, RuntimePolicies.version2(null), "p/0@1", at(7)); // the same file again: a repeat
            assertThat(h.extractOutputValues()).containsExactly(
                    new PolicyUpdate(2, at(5), "p/0@0", RuntimePolicies.version2(null)));
            assertThat(deadLetters(h)).isEmpty();
        }
        try (var h = harness()) {
            h.open();
            send(h, RuntimePolicies.version2(Timestamps.format(at(6))), "p/0@0", at(5));
            assertThat(h.extractOutputValues()).extracting(u -> u.effectiveFromMs).containsExactly(at(6));
        }
    }

    @Test
    void passesOverTheStartUpFileItselfButNotAnEditedFileOfTheSameVersion() throws Exception {
        // a watched policy file is read once at the start: its first record is the start-up file
        String startup = "version: 4\npolicies:\n  - id: all\n    targets: {first_response: 1h}\n";
        String edited = "version: 4\npolicies:\n  - id: all\n    targets: {first_response: 2h}\n";
        try (var h = new KeyedOneInputStreamOperatorTestHarness<String, PolicyRecord, PolicyUpdate>(
                new KeyedProcessOperator<>(new PolicyUpdateValidator(
                        io.ticketpulse.io.SlaPolicyFiles.parse("/etc/policies.yaml", startup))),
                r -> PolicyUpdateValidator.KEY, org.apache.flink.api.common.typeinfo.Types.STRING)) {
            h.open();
            send(h, startup, "/etc/policies.yaml@0", at(0));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).isEmpty();
            send(h, edited, "/etc/policies.yaml@1", at(1));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).containsExactly("INVALID_POLICY /etc/policies.yaml@1: policy record "
                    + "/etc/policies.yaml@1 rejected, the policy in force (version 4) is kept: $.version: 4 is not "
                    + "above the latest version accepted (4); raise it on every change");
        }
    }

    @Test
    void rejectsWithEveryReasonAndKeepsTheVersionInForce() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, "version: 1\npolicies:\n  - id: all\n    targets: {first_response: 1h}\n", "p/0@0", 0);
            send(h, RuntimePolicies.invalidVersion3(), "p/0@1", 0);
            send(h, "version: 2\nkpis: {grouping_sets: [{id: by-team, dimensions: [team]}]}\n"
                    + "policies:\n  - id: all\n    targets: {first_response: 1h}\n", "p/0@2", 0);
            send(h, "version: 2\neffective_from: yesterday\npolicies:\n  - id: all\n    targets: {first_response: 1h}\n",
                    "p/0@3", 0);
            h.processElement(new StreamRecord<>(new PolicyRecord(new byte[] {(byte) 0xff}, "p/0@4", 0)));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).containsExactly(
                    "INVALID_POLICY p/0@0: policy record p/0@0 rejected, the policy in force (version 1) is kept: "
                            + "$.version: 1 is not above the latest version accepted (1); raise it on every change",
                    "INVALID_POLICY p/0@1: policy record p/0@1 rejected, the policy in force (version 1) is kept: "
                            + "$.policies[0].targets.first_response: \"0m\" must be greater than 0",
                    "INVALID_POLICY p/0@2: policy record p/0@2 rejected, the policy in force (version 1) is kept: "
                            + "$.kpis: differs from the start-up file's; the KPI grouping sets and volatility rules "
                            + "shape the topology and change only with a savepoint upgrade",
                    "INVALID_POLICY p/0@3: policy record p/0@3 rejected, the policy in force (version 1) is kept: "
                            + "$.effective_from: \"yesterday\" is not an RFC 3339 date-time with an offset between "
                            + "1970 and 2999 (e.g. 2026-12-03T09:00:00Z)",
                    "INVALID_POLICY p/0@4: policy record p/0@4 rejected, the policy in force (version 1) is kept: "
                            + "$: not UTF-8 text");
        }
    }

    @Test
    void theLatestAcceptedVersionIsInTheCheckpoint() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            send(h, RuntimePolicies.version2(null), "p/0@0", at(5));
            snapshot = h.snapshot(1, 0);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            send(h, RuntimePolicies.version2(null), "p/0@0", at(5)); // re-read after the restore: a repeat
            send(h, RuntimePolicies.version2("2026-11-22T10:09:00Z").replace("version: 2", "version: 2 "), "p/0@1", 0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).singleElement().asString()
                    .contains("$.version: 2 is not above the latest version accepted (2)");
        }
    }
}
