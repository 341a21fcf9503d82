package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code aggregates.imminent_breach_ceiling} of the policy file: read, off by default, checked by the schema. */
class ImminentBreachPolicyTest {

    private static final String FILE = """
            version: 2
            policies:
              - id: all
                targets:
                  first_response: 10m
            aggregates:
            """;

    @Test
    void theCeilingIsReadAndOffByDefault() {
        assertThat(SlaPolicyFiles.parse("p.yaml", FILE + "  imminent_breach_ceiling: 20\n").aggregates()
                .imminentBreachCeiling()).isEqualTo(20.0);
        assertThat(SlaPolicyFiles.parse("p.yaml", FILE + "  raise_after: 3\n").aggregates()
                .imminentBreachCeiling()).isNull();
        assertThat(SlaPolicyFiles.loadDefault().aggregates().imminentBreachCeiling()).isNull();
    }

    @Test
    void aCeilingOfZeroIsRefused() {
        assertThatThrownBy(() -> SlaPolicyFiles.parse("p.yaml", FILE + "  imminent_breach_ceiling: 0\n"))
                .isInstanceOf(SlaPolicyException.class).hasMessageContaining("imminent_breach_ceiling");
    }
}
