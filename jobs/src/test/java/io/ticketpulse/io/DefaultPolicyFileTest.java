package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.sla.SlaPolicySet;
import io.ticketpulse.testing.SlaTestPolicies;
import org.junit.jupiter.api.Test;

/** The SLA tests' policies in code are exactly the shipped default file, so the tests speak for the default. */
class DefaultPolicyFileTest {

    @Test
    void theShippedDefaultFileIsThePolicySetTheSlaTestsUse() {
        SlaPolicySet shipped = SlaPolicyFiles.loadDefault();
        SlaPolicySet tests = SlaTestPolicies.defaults();

        assertThat(shipped.version()).isEqualTo(tests.version());
        assertThat(shipped.policies()).containsExactlyElementsOf(tests.policies());
        assertThat(shipped.aggregates()).isEqualTo(tests.aggregates());
        assertThat(shipped.priorityDerivation()).isEqualTo(tests.priorityDerivation());
    }
}
