package io.ticketpulse.functions;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.io.PolicyRecord;
import io.ticketpulse.io.SlaPolicyException;
import io.ticketpulse.io.SlaPolicyFiles;
import io.ticketpulse.schema.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Checks each runtime policy record before it is broadcast, at parallelism 1 under one constant key (so there is
 * one "latest accepted" for the whole job, in keyed state, part of the checkpoint). A record is accepted when it
 * is a valid sla-policy v1 file by the same checks as at start-up ({@link SlaPolicyFiles#parseRecord}), its
 * version is above the start-up file's and every version accepted before, and its {@code kpis} and
 * {@code aggregates} sections equal the start-up file's (they shape the topology and the aggregate operators:
 * change them with a savepoint upgrade). Otherwise it is dead-lettered as {@code INVALID_POLICY} with every
 * problem, and the policy in force stays. A repeat of the latest accepted record (same version, same text: a
 * re-read watched file) is passed over and counted, and so is, before any record was accepted, the start-up file
 * itself (same version and content: the watched file's first read).
 */
public class PolicyUpdateValidator extends KeyedProcessFunction<String, PolicyRecord, PolicyUpdate> {

    private static final long serialVersionUID = 1L;

    /** The one key every policy record is validated under. */
    public static final String KEY = "sla-policy";

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("policy-dead-letters", TypeInformation.of(DeadLetter.class));

    private final SlaPolicySet startup;

    private transient ValueState<PolicyUpdate> latest;
    private transient Counter accepted;
    private transient Counter rejected;
    private transient Counter repeats;

    public PolicyUpdateValidator(SlaPolicySet startup) {
        this.startup = Objects.requireNonNull(startup, "runtime policies need a start-up policy file");
    }

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-policy", PolicyUpdate.class));
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ticketpulse");
        accepted = metrics.counter("policiesAccepted");
        rejected = metrics.counter("policiesRejected");
        repeats = metrics.counter("policiesRepeated");
    }

    @Override
    public void processElement(PolicyRecord record, Context ctx, Collector<PolicyUpdate> out) throws Exception {
        if (record.isUnchanged()) {
            return;
        }
        PolicyUpdate last = latest.value();
        List<String> problems = new ArrayList<>();
        String text = utf8(record.payload, problems);
        SlaPolicyFiles.RuntimePolicy parsed = null;
        if (text != null) {
            try {
                parsed = SlaPolicyFiles.parseRecord(record.origin, text);
            } catch (SlaPolicyException e) {
                problems.addAll(e.problems());
            }
        }
        if (parsed != null) {
            SlaPolicySet file = parsed.policies();
            if (last != null && last.version == file.version() && text.equals(last.text)) {
                repeats.inc();
                return;
            }
            if (last == null && sameAsStartup(file)) {
                // the start-up file itself (a watched file is read once at the start): nothing new
                repeats.inc();
                return;
            }
            int inForce = Math.max(startup.version(), last == null ? 0 : last.version);
            if (file.version() <= inForce) {
                problems.add("$.version: " + file.version() + " is not above the latest version accepted ("
                        + inForce + "); raise it on every change");
            }
            if (!Objects.equals(file.kpis(), startup.kpis())) {
                problems.add("$.kpis: differs from the start-up file's; the KPI grouping sets and volatility "
                        + "rules shape the topology and change only with a savepoint upgrade");
            }
            if (!Objects.equals(file.aggregates(), startup.aggregates())) {
                problems.add("$.aggregates: differs from the start-up file's; aggregate alert rules change only "
                        + "with a savepoint upgrade");
            }
        }
        if (!problems.isEmpty()) {
            rejected.inc();
            int kept = Math.max(startup.version(), last == null ? 0 : last.version);
            DeadLetter d = new DeadLetter(DeadLetter.ReasonCode.INVALID_POLICY,
                    "policy record " + record.origin + " rejected, the policy in force (version " + kept
                            + ") is kept: " + String.join("; ", problems),
                    record.origin, record.payload);
            ctx.output(DEAD_LETTERS, d);
            return;
        }
        long from = parsed.effectiveFromMs() != null ? parsed.effectiveFromMs() : record.timestampMs;
        PolicyUpdate update = new PolicyUpdate(parsed.policies().version(), from, record.origin, text);
        latest.update(update);
        accepted.inc();
        out.collect(update);
    }

    /** The start-up file's version and content (where it was read from aside). */
    private boolean sameAsStartup(SlaPolicySet file) {
        return file.version() == startup.version() && file.policies().equals(startup.policies())
                && Objects.equals(file.aggregates(), startup.aggregates())
                && file.priorityDerivation().equals(startup.priorityDerivation())
                && file.kpis().equals(startup.kpis()) && file.patterns().equals(startup.patterns());
    }

    private static String utf8(byte[] payload, List<String> problems) {
        if (payload.length > SlaPolicyFiles.MAX_POLICY_FILE_BYTES) {
            problems.add("$: larger than " + SlaPolicyFiles.MAX_POLICY_FILE_BYTES + " bytes (1 MiB)");
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            problems.add("$: not UTF-8 text");
            return null;
        }
    }
}
