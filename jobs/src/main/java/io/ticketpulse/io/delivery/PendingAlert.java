package io.ticketpulse.io.delivery;

import io.ticketpulse.schema.SlaAlert;

/**
 * An alert record received by {@link AlertDeliveryOperator} whose checkpoint has not completed yet (so it is not
 * committed): kept in operator state with the id of the checkpoint that will commit it. Flink POJO.
 */
public class PendingAlert {

    public long checkpointId;
    public SlaAlert alert;

    public PendingAlert() {}

    public PendingAlert(long checkpointId, SlaAlert alert) {
        this.checkpointId = checkpointId;
        this.alert = alert;
    }
}
