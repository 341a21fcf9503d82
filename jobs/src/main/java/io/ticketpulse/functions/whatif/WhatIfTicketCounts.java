package io.ticketpulse.functions.whatif;

/** The counts the what-if job keeps per ticket while its events come in (keyed state). Flink POJO. */
public class WhatIfTicketCounts {

    public long events;
    public long duplicates;
    public long lastEventMs = Long.MIN_VALUE;

    public WhatIfTicketCounts() {}
}
