package io.ticketpulse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyUpgradeCheckTest {

    @Test
    void theIdentityDropsTheVersionAndKeepsTheReTargetingEpisode() {
        assertThat(PolicyUpgradeCheck.identity("T-1/resolution/2016-03-01T09:57:00.000Z/1/p3-normal@2"))
                .isEqualTo("T-1/resolution/2016-03-01T09:57:00.000Z/1/p3-normal");
        assertThat(PolicyUpgradeCheck.identity("T-1/resolution/2016-03-01T09:57:00.000Z/1/p3-normal@12#2"))
                .isEqualTo("T-1/resolution/2016-03-01T09:57:00.000Z/1/p3-normal#2");
    }

    @Test
    void theVersionGoesBackBeforeTheEpisode() {
        assertThat(PolicyUpgradeCheck.withVersion("T-1/resolution/2016-03-01T09:57:00.000Z/1/p3-normal#2", 2))
                .isEqualTo("T-1/resolution/2016-03-01T09:57:00.000Z/1/p3-normal@2#2");
        assertThat(PolicyUpgradeCheck.withVersion("T-1/resolution/2016-03-01T09:57:00.000Z/1/p3-normal", 3))
                .isEqualTo("T-1/resolution/2016-03-01T09:57:00.000Z/1/p3-normal@3");
    }
}
