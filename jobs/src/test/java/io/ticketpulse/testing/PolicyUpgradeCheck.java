package io.ticketpulse.testing;

import io.ticketpulse.schema.SlaAlert;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the alerts of a run whose policy file changed version mid-way with a reference run under the old version
 * only, by the documented effect of a version change: a ticket alert still firing under the old version is
 * resolved {@code retracted} the next time its ticket is evaluated, and the new version's alert fires at the
 * ticket's fold instant in the state already reached, then follows the reference. The records of one dedup_key
 * never go back in {@code changed_at}.
 */
public final class PolicyUpgradeCheck {

    private PolicyUpgradeCheck() {}

    /**
     * The alert without its policy version: {@code ticket/metric/life/cycle/policy}, and its re-targeting episode
     * when it has one ({@code #2}: the version sits before it in the key).
     */
    static String identity(String dedupKey) {
        return dedupKey.replaceAll("@\\d+(#\\d+)?$", "$1");
    }

    /** The dedup_key of an {@link #identity} under {@code version}: the version goes before the episode. */
    static String withVersion(String identity, int version) {
        java.util.regex.Matcher episode = java.util.regex.Pattern.compile("#\\d+$").matcher(identity);
        return episode.find()
                ? identity.substring(0, episode.start()) + "@" + version + episode.group()
                : identity + "@" + version;
    }

    static String state(SlaAlert a) {
        return a.status + " " + a.kind + " " + a.severity + ("resolved".equals(a.status) ? " " + a.resolveReason : "");
    }

    /** What does not fit; empty when the run is right. */
    public static List<String> problems(List<SlaAlert> reference, List<SlaAlert> run, int oldVersion,
            int newVersion) {
        List<String> problems = new ArrayList<>();
        Set<String> referenceRecords = new HashSet<>();
        Map<String, SlaAlert> referenceFinal = new LinkedHashMap<>();
        for (SlaAlert a : reference) {
            referenceRecords.add(OutputComparison.alertIdentity(a));
            referenceFinal.put(identity(a.dedupKey), a);
        }
        Set<String> seen = new HashSet<>();
        Map<String, SlaAlert> previousOfKey = new LinkedHashMap<>();
        Map<String, SlaAlert> oldFinal = new LinkedHashMap<>();
        Map<String, SlaAlert> newFinal = new LinkedHashMap<>();
        for (SlaAlert a : run) {
            String record = OutputComparison.alertIdentity(a);
            if (!seen.add(record)) {
                problems.add("twice: " + record);
            }
            SlaAlert before = previousOfKey.put(a.dedupKey, a);
            if (before != null && a.changedAtMs < before.changedAtMs) {
                problems.add("changed_at goes back in time: " + OutputComparison.alertIdentity(before) + " then "
                        + record);
            }
            String id = identity(a.dedupKey);
            if (a.policyVersion == oldVersion) {
                if (!"retracted".equals(a.resolveReason) && !referenceRecords.contains(record)) {
                    problems.add("old-version record not in the reference: " + record);
                }
                oldFinal.put(id, a);
            } else if (a.policyVersion == newVersion) {
                SlaAlert previous = newFinal.put(id, a);
                String mapped = withVersion(id, oldVersion) + " " + a.status + " " + a.kind + " " + a.severity + " "
                        + a.changedAtMs;
                if (previous != null && !referenceRecords.contains(mapped)) {
                    problems.add("new-version record (not the first of its alert) not in the reference: " + record);
                }
            } else {
                problems.add("unexpected policy version: " + record);
            }
        }
        for (SlaAlert a : oldFinal.values()) {
            if (a.isFiring() && !"aggregate".equals(a.kind) && !newFinal.containsKey(identity(a.dedupKey))) {
                problems.add("old-version alert left firing: " + OutputComparison.alertIdentity(a));
            }
        }
        for (Map.Entry<String, SlaAlert> e : referenceFinal.entrySet()) {
            SlaAlert want = e.getValue();
            SlaAlert got = newFinal.getOrDefault(e.getKey(), oldFinal.get(e.getKey()));
            if (got == null) {
                problems.add("lost: " + e.getKey() + " (reference ends " + state(want) + ")");
            } else if (got.policyVersion == oldVersion && "retracted".equals(got.resolveReason)) {
                if (want.isFiring()) {
                    problems.add("retracted without a successor, the reference ends firing: " + e.getKey() + " "
                            + state(want));
                }
            } else if (!state(got).equals(state(want))) {
                problems.add("final state of " + e.getKey() + ": " + state(got) + ", reference " + state(want));
            }
        }
        Set<String> unexpected = new HashSet<>(oldFinal.keySet());
        unexpected.addAll(newFinal.keySet());
        unexpected.removeAll(referenceFinal.keySet());
        unexpected.forEach(id -> problems.add("not in the reference: " + id));
        return problems;
    }
}
