package io.ticketpulse.functions;

import static io.ticketpulse.domain.TicketEvents.assigned;
import static io.ticketpulse.domain.TicketEvents.at;
import static io.ticketpulse.domain.TicketEvents.created;
import static io.ticketpulse.domain.TicketEvents.reply;
import static io.ticketpulse.domain.TicketEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.Fact;
import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.pipeline.AlertClock;
import io.ticketpulse.pipeline.PipelineConfig;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.Timestamps;
import io.ticketpulse.testing.RuntimePolicies;
import io.ticketpulse.testing.SlaTestPolicies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link TicketFunction} with a runtime policy file broadcast to it: the start-up file is
 * {@link SlaTestPolicies#policies()} (version 1), version 2 ({@link RuntimePolicies#version2}) comes into force at
 * 0:06. The expected records are those worked out by hand in {@code RuntimePolicyChangeTest}; in event time with a
 * 2 min allowed lateness each is emitted once the watermark passes its instant + 2 min.
 */
class TicketFunctionPoliciesTest {

    private static final long LATENESS = Duration.ofMinutes(2).toMillis();
    private static final String SIX_MINUTES = Timestamps.format(at(6));

    private static final List<String> EXPECTED = List.of(
            "03:45 assignment v1 firing warning warning",
            "05:00 assignment v1 firing breach warning",
            "05:30 assignment v1 firing breach yellow",
            "06:00 assignment v1 resolved breach yellow retargeted",
            "06:00 first_response v2 firing breach red",
            "08:00 first_response v2 resolved breach red fulfilled");

    private KeyedTwoInputStreamOperatorTestHarness<String, TicketEvent, TicketBroadcast, Fact> harness;

    private void open(OperatorSubtaskState restoreFrom) throws Exception {
        open(restoreFrom, SlaTestPolicies.policies());
    }

    private void open(OperatorSubtaskState restoreFrom, SlaPolicySet startup) throws Exception {
        PipelineConfig config = PipelineConfig.builder()
                .allowedLateness(Duration.ofMinutes(2))
                .ticketRetention(Duration.ofHours(1))
                .tombstoneRetention(Duration.ofHours(2))
                .slaPolicies(startup)
                .alertClock(AlertClock.EVENT_TIME)
                .build();
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new TicketFunction(config),
                        List.of(TicketFunction.HORIZON_STATE, TicketFunction.POLICY_STATE)),
                e -> e.ticketId,
                b -> "",
                Types.STRING);
        harness.setProcessingTime(0);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(TicketEvent e) throws Exception {
        harness.processElement1(new StreamRecord<>(e, e.occurredAtMs));
    }

    private void broadcastVersion2(String effectiveFrom, long recordTimeMs) throws Exception {
        harness.processElement2(new StreamRecord<>(TicketBroadcast.policy(
                new PolicyUpdate(2, effectiveFrom == null ? recordTimeMs : Timestamps.parse(effectiveFrom),
                        "sla-policies/0@1", RuntimePolicies.version2(effectiveFrom)))));
    }

    private void watermark(long ms) throws Exception {
        harness.processBothWatermarks(new Watermark(ms));
    }

    private List<String> drain() {
        ConcurrentLinkedQueue<StreamRecord<SlaAlert>> records = harness.getSideOutput(TicketFunction.ALERTS);
        List<String> out = new ArrayList<>();
        if (records != null) {
            for (StreamRecord<SlaAlert> r : records) {
                SlaAlert a = r.getValue();
                out.add(Timestamps.format(a.changedAtMs).substring(14, 19) + " " + a.slaMetric + " v"
                        + a.policyVersion + " " + a.status + " " + a.kind + " " + a.severity
                        + (a.resolveReason == null ? "" : " " + a.resolveReason));
            }
            records.clear();
        }
        return out;
    }

    @Test
    void aBroadcastPolicyAppliesFromItsEffectiveInstantAndTheStateEndsWithTheTicket() throws Exception {
        open(null);
        broadcastVersion2(SIX_MINUTES, at(1));
        send(created("e1", "T1", at(0), "email", "P2"));
        watermark(at(5, 30) + LATENESS + 1);
        assertThat(drain()).containsExactlyElementsOf(EXPECTED.subList(0, 3));
        send(reply("e2", "T1", at(8)));
        send(assigned("e3", "T1", at(9), "team-a"));
        send(resolved("e4", "T1", at(10)));
        watermark(at(10) + LATENESS + 1);
        assertThat(drain()).containsExactlyElementsOf(EXPECTED.subList(3, 6));

        watermark(at(10) + Duration.ofHours(2).toMillis() + LATENESS + 2); // past the tombstone retention
        assertThat(drain()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void withoutEffectiveFromThePolicyAppliesFromTheRecordsTime() throws Exception {
        open(null);
        broadcastVersion2(null, at(6));
        send(created("e1", "T1", at(0), "email", "P2"));
        send(reply("e2", "T1", at(8)));
        send(assigned("e3", "T1", at(9), "team-a"));
        send(resolved("e4", "T1", at(10)));
        watermark(at(10) + LATENESS + 1);
        assertThat(drain()).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void aPolicyArrivingWhileTheTicketIsBufferedBeforeItsInstantIsAppliedExactly() throws Exception {
        open(null);
        send(created("e1", "T1", at(0), "email", "P2"));
        watermark(at(3) + LATENESS + 1); // folded up to 3:00: nothing due yet
        assertThat(drain()).isEmpty();
        broadcastVersion2(SIX_MINUTES, at(4));
        send(reply("e2", "T1", at(8)));
        send(assigned("e3", "T1", at(9), "team-a"));
        send(resolved("e4", "T1", at(10)));
        watermark(at(10) + LATENESS + 1);
        assertThat(drain()).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void theRuntimePolicyIsInTheCheckpointAndARestoreContinuesWithIt() throws Exception {
        open(null);
        broadcastVersion2(SIX_MINUTES, at(1));
        send(created("e1", "T1", at(0), "email", "P2"));
        watermark(at(5, 30) + LATENESS + 1);
        assertThat(drain()).containsExactlyElementsOf(EXPECTED.subList(0, 3));
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        harness.close();

        open(snapshot); // same start-up file (version 1): version 2 comes from the broadcast state
        send(reply("e2", "T1", at(8)));
        send(assigned("e3", "T1", at(9), "team-a"));
        send(resolved("e4", "T1", at(10)));
        // a ticket created after the change, after the restore: under version 2 from its start
        // (first response 4 min: warning 10:00, breach 11:00, yellow 11:24; replied at 11:30)
        send(created("f1", "T2", at(7), "chat", "P2"));
        send(reply("f2", "T2", at(11, 30)));
        send(resolved("f3", "T2", at(12)));
        watermark(at(12) + LATENESS + 1);
        List<String> after = drain();
        assertThat(after).containsSubsequence(EXPECTED.subList(3, 6));
        assertThat(after).filteredOn(l -> l.contains(" v1 ")).containsExactly(EXPECTED.get(3));
        assertThat(after).filteredOn(l -> !EXPECTED.contains(l)).containsExactly(
                "10:00 first_response v2 firing warning warning",
                "11:00 first_response v2 firing breach warning",
                "11:24 first_response v2 firing breach yellow",
                "11:30 first_response v2 resolved breach yellow fulfilled");
    }

    /** The runtime policy versions in the operator's broadcast state. */
    private List<String> broadcastVersions() throws Exception {
        List<String> versions = new ArrayList<>();
        harness.getOperator().getOperatorStateBackend().getBroadcastState(TicketFunction.POLICY_STATE).entries()
                .forEach(e -> versions.add(e.getKey()));
        return versions;
    }

    /**
     * A savepoint upgrade to a start-up file of version 3 drops the restored version 2 from the broadcast state at
     * the first broadcast element (the horizon, which comes with every watermark), and the ticket's records are
     * exactly those of the same restore without the drop (no broadcast element: version 2 kept, ignored).
     */
    @Test
    void aStartUpFileAboveTheRestoredRuntimeFilesDropsThemWithoutChangingTheRecords() throws Exception {
        open(null);
        broadcastVersion2(SIX_MINUTES, at(1));
        send(created("e1", "T1", at(0), "email", "P2"));
        watermark(at(5, 30) + LATENESS + 1);
        assertThat(drain()).containsExactlyElementsOf(EXPECTED.subList(0, 3));
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        harness.close();
        SlaPolicySet base = SlaTestPolicies.policies();
        SlaPolicySet version3 = new SlaPolicySet(base.source(), 3, base.policies(), base.aggregates(),
                base.priorityDerivation(), base.kpis(), base.patterns());

        List<List<String>> runs = new ArrayList<>();
        for (boolean drop : List.of(true, false)) {
            open(snapshot, version3);
            assertThat(broadcastVersions()).containsExactly("2");
            if (drop) {
                harness.processElement2(new StreamRecord<>(TicketBroadcast.horizon(at(5))));
                assertThat(broadcastVersions()).isEmpty();
            }
            send(reply("e2", "T1", at(8)));
            send(resolved("e4", "T1", at(10)));
            watermark(at(10) + LATENESS + 1);
            runs.add(drain());
            harness.close();
            harness = null;
        }
        // as documented for a version upgrade: version 1's firing alert resolves retracted at the ticket's fold
        // instant (5:30), version 3 (the same targets as version 1: assignment 5 min, first response 10 min) fires
        // the state reached there as one record and goes on: orange at 6:30 (+30 %), red at 7:30 (+50 %); the first
        // response warns at 7:30 (75 %) and is fulfilled at 8:00; the resolution at 10:00 cancels the assignment
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).containsExactly(
                "05:30 assignment v1 resolved breach yellow retracted",
                "05:30 assignment v3 firing breach yellow",
                "06:30 assignment v3 firing breach orange",
                "07:30 assignment v3 firing breach red",
                "07:30 first_response v3 firing warning warning",
                "08:00 first_response v3 resolved warning warning fulfilled",
                "10:00 assignment v3 resolved breach red cancelled");
    }
}
