package io.ticketpulse.domain.delivery;

import io.ticketpulse.schema.SlaAlert;

/**
 * One Events API v2 event to send: {@code trigger} or {@code resolve} of the alert of {@code alert.dedupKey},
 * from its latest committed record; {@code identity} is what {@link PagerDutyEntry#sent} records for it.
 */
public record PagerDutyEvent(String action, SlaAlert alert, String identity) {

    public boolean isTrigger() {
        return "trigger".equals(action);
    }
}
