package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KpiGroupKeyTest {

    @Test
    void valuesAreEncodedSoThatNoValueCanContainASeparatorOrAMarker() {
        String[] values = {"a/b", "x:y", "*", "~", "100%", "Ünïcode 🎫", "plain_value-1.2"};
        String key = KpiGroupKey.encode("odd", values, null);

        assertThat(key).isEqualTo("odd:a%2Fb/x%3Ay/%2A/%7E/100%25/%C3%9Cn%C3%AFcode%20%F0%9F%8E%AB/plain_value-1.2");
        KpiGroupKey.Decoded back = KpiGroupKey.decode(key);
        assertThat(back.groupingSet()).isEqualTo("odd");
        assertThat(back.values()).containsExactly(values);
        assertThat(back.folded()).containsOnly(false);
    }

    @Test
    void unknownAndFoldedValuesHaveTheirOwnSegments() {
        String key = KpiGroupKey.encode("team-agent", new String[] {null, "ignored"}, new boolean[] {false, true});

        assertThat(key).isEqualTo("team-agent:~/*");
        KpiGroupKey.Decoded back = KpiGroupKey.decode(key);
        assertThat(back.values()).containsExactly(null, KpiGroupKey.OTHER);
        assertThat(back.folded()).containsExactly(false, true);
        // the real value "other" is not the folded bucket
        assertThat(KpiGroupKey.encode("team-agent", new String[] {null, "other"}, null)).isEqualTo("team-agent:~/other");
    }

    @Test
    void aSetWithoutDimensionsHasAnEmptyValueList() {
        assertThat(KpiGroupKey.encode("overall", new String[0], null)).isEqualTo("overall:");
        assertThat(KpiGroupKey.decode("overall:").values()).isEmpty();
        assertThat(KpiGroupKey.isGrouped("overall:")).isTrue();
        assertThat(KpiGroupKey.isGrouped("chat/P2")).isFalse();
        // which is why an empty value has no key: "team:" would read back as no dimension at all
        assertThatThrownBy(() -> KpiGroupKey.encode("team", new String[] {""}, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
