package io.ticketpulse.domain.whatif;

import java.util.Locale;

/** What became of one SLA metric (a ticket's metric and cycle) by the end of the history, under one policy file. */
public enum Outcome {
    /** Fulfilled (the reply, the assignment, the resolution came) before the target. */
    MET,
    /** The counted time reached the target (whatever came after). */
    BREACHED,
    /**
     * Ended neither fulfilled nor breached: cancelled (e.g. resolved before any reply), expired after the ticket
     * retention, or retargeted to a policy without a target for it. Not part of the attainment.
     */
    CANCELLED,
    /** Still running, not breached, at the end of the history. Not part of the attainment. */
    OPEN,
    /** No policy of the file sets a target for it (only in a change: tracked under the other file). */
    UNTRACKED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
