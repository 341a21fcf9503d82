package io.ticketpulse.domain.sla;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SLA policy files in force over event time: the start-up file (in force from the beginning of time) and the
 * runtime policy records accepted since, each in force from its effective instant. At an instant {@code t} the
 * file in force is the one with the <b>highest version</b> among those whose effective instant is at or before
 * {@code t}; so the answer depends only on the set of accepted files, never on the order in which they arrived,
 * and a version never comes back once a higher one is in force. A file whose version is not above the start-up
 * file's never applies (the start-up file of a savepoint upgrade supersedes what the savepoint holds).
 *
 * <p>Plain data, immutable: {@link #with} returns a new schedule.
 */
public final class PolicySchedule implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One file and the instant from which it may be in force ({@code Long.MIN_VALUE}: always). */
    public record Entry(long effectiveFromMs, SlaPolicySet policies) implements Serializable {}

    /** The files in force, one per stretch of time, by ascending effective instant (ascending version too). */
    private final List<Entry> stretches;
    private final List<Entry> accepted;

    private PolicySchedule(List<Entry> accepted) {
        this.accepted = List.copyOf(accepted);
        this.stretches = stretches(this.accepted);
    }

    /** Only the start-up file, in force always. */
    public static PolicySchedule of(SlaPolicySet startup) {
        return new PolicySchedule(List.of(new Entry(Long.MIN_VALUE, startup)));
    }

    /**
     * This schedule with one more file, in force from {@code effectiveFromMs}. A version already present or not
     * above the start-up file's is ignored (this schedule is returned).
     */
    public PolicySchedule with(long effectiveFromMs, SlaPolicySet policies) {
        if (policies.version() <= startup().version() || byVersion(policies.version()) != null) {
            return this;
        }
        List<Entry> more = new ArrayList<>(accepted);
        more.add(new Entry(effectiveFromMs, policies));
        return new PolicySchedule(more);
    }

    /** The start-up file. */
    public SlaPolicySet startup() {
        return accepted.get(0).policies();
    }

    /** The highest version known (in force now or from some later instant). */
    public SlaPolicySet latest() {
        return stretches.get(stretches.size() - 1).policies();
    }

    /** The file in force at {@code t}. */
    public SlaPolicySet at(long t) {
        SlaPolicySet inForce = stretches.get(0).policies();
        for (Entry e : stretches) {
            if (e.effectiveFromMs() > t) {
                break;
            }
            inForce = e.policies();
        }
        return inForce;
    }

    /** The version in force at {@code t}. */
    public int versionAt(long t) {
        return at(t).version();
    }

    /** The earliest instant after {@code t} at which another file comes into force; {@code Long.MAX_VALUE}: none. */
    public long nextChangeAfter(long t) {
        for (Entry e : stretches) {
            if (e.effectiveFromMs() > t) {
                return e.effectiveFromMs();
            }
        }
        return Long.MAX_VALUE;
    }

    /** The accepted file with this version (in force or superseded), or null. */
    public SlaPolicySet byVersion(int version) {
        for (Entry e : accepted) {
            if (e.policies().version() == version) {
                return e.policies();
            }
        }
        return null;
    }

    /** The stretches of time, each with the file in force from its start, by ascending start. */
    public List<Entry> stretches() {
        return stretches;
    }

    /**
     * Sorted by version, a file is in force from its effective instant until a higher version's, unless a
     * higher version is in force from an earlier instant already (it is then never in force).
     */
    private static List<Entry> stretches(List<Entry> accepted) {
        List<Entry> byVersion = new ArrayList<>(accepted);
        byVersion.sort(Comparator.comparingInt((Entry e) -> e.policies().version()));
        List<Entry> out = new ArrayList<>();
        for (Entry e : byVersion) {
            long from = e.effectiveFromMs();
            // a higher version takes over from its effective instant: drop lower ones that start at or after it
            while (!out.isEmpty() && out.get(out.size() - 1).effectiveFromMs() >= from) {
                out.remove(out.size() - 1);
            }
            out.add(out.isEmpty() ? new Entry(Long.MIN_VALUE, e.policies()) : e);
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicySchedule s && s.accepted.equals(accepted);
    }

    @Override
    public int hashCode() {
        return accepted.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PolicySchedule[");
        for (Entry e : stretches) {
            sb.append(' ').append('v').append(e.policies().version()).append('@')
                    .append(e.effectiveFromMs() == Long.MIN_VALUE ? "start" : Long.toString(e.effectiveFromMs()));
        }
        return sb.append(" ]").toString();
    }
}
