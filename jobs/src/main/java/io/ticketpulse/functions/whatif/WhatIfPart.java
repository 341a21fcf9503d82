package io.ticketpulse.functions.whatif;

import io.ticketpulse.domain.whatif.OpenMetricResult;
import io.ticketpulse.schema.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/**
 * What the what-if job's last step ({@link WhatIfComparisonOperator}) is given: one evaluated ticket (its counts
 * and each tracked metric under both policy files, not yet finished at the end of the history), or one rejected
 * record (its reason code). Flink POJO.
 */
public class WhatIfPart {

    /** The ticket, or null for a rejected record. */
    public String ticketId;
    /** Events kept (first of each event id). */
    public long events;
    /** Exact duplicates dropped. */
    public long duplicates;
    /** The latest event time of the kept events. */
    public long lastEventMs = Long.MIN_VALUE;
    public List<OpenMetricResult> current = new ArrayList<>();
    public List<OpenMetricResult> candidate = new ArrayList<>();
    /** The rejected record's reason code, or null for a ticket. */
    public DeadLetter.ReasonCode rejected;

    public WhatIfPart() {}

    public static WhatIfPart rejected(DeadLetter deadLetter) {
        WhatIfPart p = new WhatIfPart();
        p.rejected = deadLetter.reasonCode;
        return p;
    }

    public boolean isTicket() {
        return ticketId != null;
    }
}
