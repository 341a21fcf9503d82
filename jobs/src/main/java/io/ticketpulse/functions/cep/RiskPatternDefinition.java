package io.ticketpulse.functions.cep;

import io.ticketpulse.domain.pattern.PatternRule;
import io.ticketpulse.domain.pattern.RiskPattern;
import io.ticketpulse.schema.TicketEvent;
import java.io.Serializable;
import org.apache.flink.cep.pattern.Pattern;

/**
 * One risk pattern as a Flink CEP pattern: {@link #pattern} compiles the policy file's rule (N, D) into a
 * {@link Pattern} over one ticket's events; {@link RiskPatternFunction} turns its matches (or, for a pattern that
 * completes by timeout, its timed-out partial matches) into {@code PatternHit}s.
 */
public interface RiskPatternDefinition extends Serializable {

    RiskPattern kind();

    Pattern<TicketEvent, ?> pattern(PatternRule rule);

    /** Whether the pattern completes by timeout (its timed-out partial matches are the hits, its matches not). */
    default boolean completesByTimeout() {
        return false;
    }

    /** The name of the CEP stage whose events are counted (and whose first event starts the match). */
    String firstStage();

    static RiskPatternDefinition of(RiskPattern p) {
        return switch (p) {
            case REASSIGNMENT_PING_PONG -> new ReassignmentPingPong();
            case CUSTOMER_CHASING -> new CustomerChasing();
            case REOPEN_LOOP -> new ReopenLoop();
            case SILENT_RESOLUTION -> new SilentResolution();
            case ESCALATION_WITHOUT_RESPONSE -> new EscalationWithoutResponse();
        };
    }
}
