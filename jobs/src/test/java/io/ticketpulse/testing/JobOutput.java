package io.ticketpulse.testing;

import io.ticketpulse.schema.DeadLetter;
import io.ticketpulse.schema.SlaAlert;
import io.ticketpulse.schema.TicketKpi;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed output of one run of the job: every KPI record (all revisions), every alert record and every dead
 * letter, in the order read. Mutable lists, filled by the reader of a file run or of Kafka topics.
 */
public record JobOutput(List<TicketKpi> kpis, List<SlaAlert> alerts, List<DeadLetter> deadLetters) {

    public JobOutput() {
        this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    @Override
    public String toString() {
        return kpis.size() + " KPI records, " + alerts.size() + " alert records, " + deadLetters.size()
                + " dead letters";
    }
}
