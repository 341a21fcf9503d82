package io.ticketpulse.testing;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Record-by-record comparison of a run's committed output with a reference run of the same events (the crash
 * drills: a Kafka run with kills against a file replay).
 *
 * <ul>
 *   <li>KPI records by (upsert key, revision): each expected once with equal content; {@code lost} = in the
 *       reference but not in the run, {@code duplicated} = extra copies in the run, {@code unexpected} = in the
 *       run but not the reference, {@code different} = same (key, revision), other content. The final row of
 *       every key (highest revision) compared too.</li>
 *   <li>Alerts by (dedup_key, status, kind, severity, changed_at): the processing-time field {@code detected_at}
 *       is left out.</li>
 *   <li>Dead letters by (reason code, payload): the origin differs by design (file line vs topic/partition@offset).</li>
 * </ul>
 */
public final class OutputComparison {

    private OutputComparison() {}

    /** The differences of one kind of record. */
    public record Diff(String what, int expected, int actual, List<String> lost, List<String> duplicated,
            List<String> unexpected, List<String> different) {

        public boolean equal() {
            return lost.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty() && different.isEmpty();
        }

        @Override
        public String toString() {
            return String.format("%s: %d expected, %d committed; lost %d, duplicated %d, unexpected %d, different %d%s",
                    what, expected, actual, lost.size(), duplicated.size(), unexpected.size(), different.size(),
                    equal() ? "" : "; first: " + first());
        }

        private String first() {
            List<String> all = new ArrayList<>();
            lost.stream().limit(3).forEach(s -> all.add("lost " + s));
            duplicated.stream().limit(3).forEach(s -> all.add("duplicated " + s));
            unexpected.stream().limit(3).forEach(s -> all.add("unexpected " + s));
            different.stream().limit(3).forEach(s -> all.add("different " + s));
            return String.join(" | ", all);
        }
    }

    /** All differences of a run against its reference. */
    public record Report(Diff kpiRecords, Diff finalKpiRows, Diff alerts, Diff deadLetters) {

        public boolean equal() {
            return kpiRecords.equal() && finalKpiRows.equal() && alerts.equal() && deadLetters.equal();
        }

        @Override
        public String toString() {
            return String.join("\n", kpiRecords.toString(), finalKpiRows.toString(), alerts.toString(),
                    deadLetters.toString());
        }
    }

    public static Report compare(JobOutput reference, JobOutput run) {
        return new Report(
                diff("KPI records by (key, revision)", reference.kpis(), run.kpis(),
                        k -> k.upsertKey() + "#" + k.revision, Function.identity()),
                diff("final KPI rows by key", finalRows(reference.kpis()), finalRows(run.kpis()),
                        TicketKpi::upsertKey, Function.identity()),
                diff("alerts by (dedup_key, status, kind, severity, changed_at)", reference.alerts(), run.alerts(),
                        OutputComparison::alertIdentity, OutputComparison::alertIdentity),
                diff("dead letters by (reason, payload)", reference.deadLetters(), run.deadLetters(),
                        OutputComparison::deadLetterIdentity, OutputComparison::deadLetterIdentity));
    }

    /** The alert fields that must agree between runs (no processing-time field). */
    public static String alertIdentity(SlaAlert a) {
        return a.dedupKey + " " + a.status + " " + a.kind + " " + a.severity + " " + a.changedAtMs;
    }

    private static String deadLetterIdentity(DeadLetter d) {
        return d.reasonCode + " " + new String(d.payload == null ? new byte[0] : d.payload, StandardCharsets.UTF_8);
    }

    /** The highest revision of every upsert key. */
    public static List<TicketKpi> finalRows(List<TicketKpi> kpis) {
        Map<String, TicketKpi> last = new TreeMap<>();
        for (TicketKpi k : kpis) {
            last.merge(k.upsertKey(), k, (a, b) -> b.revision > a.revision ? b : a);
        }
        return new ArrayList<>(last.values());
    }

    private static <T> Diff diff(String what, List<T> expected, List<T> actual, Function<T, String> identity,
            Function<T, ?> content) {
        Map<String, T> want = new LinkedHashMap<>();
        List<String> referenceDuplicates = new ArrayList<>();
        for (T e : expected) {
            if (want.putIfAbsent(identity.apply(e), e) != null) {
                referenceDuplicates.add(identity.apply(e));
            }
        }
        if (!referenceDuplicates.isEmpty()) {
            throw new IllegalArgumentException("the reference itself has " + what + " twice: " + referenceDuplicates);
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String> duplicated = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (T a : actual) {
            String id = identity.apply(a);
            int n = seen.merge(id, 1, Integer::sum);
            if (n > 1) {
                duplicated.add(id);
            }
            T e = want.get(id);
            if (e == null) {
                if (n == 1) {
                    unexpected.add(id);
                }
            } else if (n == 1 && !Objects.equals(content.apply(e), content.apply(a))) {
                different.add(id + ": expected " + e + ", committed " + a);
            }
        }
        List<String> lost = want.keySet().stream().filter(id -> !seen.containsKey(id)).toList();
        return new Diff(what, expected.size(), actual.size(), lost, duplicated, unexpected, different);
    }
}
