package io.ticketpulse.domain;

/** The kinds of derived per-ticket facts that feed the KPI windows. */
public enum FactType {
    /** The ticket was created; counts towards {@code tickets_created}; {@code flag}: its priority was derived. */
    CREATED,
    /** The first agent reply; {@code valueMs} is the first response time. */
    FIRST_RESPONSE,
    /** The wait-threshold decision; {@code flag} is true for a timeout. */
    WAIT_DECIDED,
    /** The first resolution; {@code valueMs} is the time to resolve, {@code flag} is true for one-touch. */
    RESOLVED,
    /** The ticket entered (+1) or left (-1) the open backlog of this channel and priority; see {@code delta}. */
    BACKLOG,
    /** A satisfaction rating; {@code csat} is the score, {@code frtBucket} the ticket's FRT bucket then. */
    RATED,
    /**
     * The open backlog as the grouping sets see it (only when they are configured): like {@link #BACKLOG}, but
     * attributed to the ticket's team, agent and attributes too, and moving with them ({@code moved}). Tracked
     * apart from BACKLOG, which the (channel, priority) rows use unchanged.
     */
    GROUP_BACKLOG,
    /**
     * A resolution cycle ended (RESOLVED or CLOSED) after an agent was assigned in it; {@code valueMs} is its
     * handling time (time with an agent assigned in status new/open).
     */
    HANDLING_TIME,
    /**
     * An SLA metric of the ticket started (+1) or stopped (-1) being about to breach in this channel and priority:
     * tracked, not paused, not yet breached, with its deadline within the imminent-breach horizon (see
     * {@code TicketEngine}); {@code delta} as for BACKLOG. Only with a horizon configured; the (channel, priority)
     * rows' {@code imminent_breach} is their sum.
     */
    IMMINENT
}
