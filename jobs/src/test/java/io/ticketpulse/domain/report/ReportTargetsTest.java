package io.ticketpulse.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportTargetsTest {

    @Test
    void thePlaybookDefaults() {
        ReportTargets t = ReportTargets.PLAYBOOK;
        assertThat(t.target(PlaybookKpi.FRT_MEAN)).isEqualTo(600.0);
        assertThat(t.target(PlaybookKpi.WAIT_TIMEOUT_RATE)).isEqualTo(0.15);
        assertThat(t.target(PlaybookKpi.MTTR_MEAN)).isEqualTo(7200.0);
        assertThat(t.target(PlaybookKpi.FCR_RATE)).isEqualTo(0.80);
        assertThat(t.target(PlaybookKpi.CSAT)).isEqualTo(85.0);
    }

    @Test
    void aSpecReplacesOneTargetInItsUnit() {
        assertThat(ReportTargets.PLAYBOOK.with("frt_mean=15m").target(PlaybookKpi.FRT_MEAN)).isEqualTo(900.0);
        assertThat(ReportTargets.PLAYBOOK.with("mttr_mean=1h30m").target(PlaybookKpi.MTTR_MEAN)).isEqualTo(5400.0);
        assertThat(ReportTargets.PLAYBOOK.with("wait_timeout_rate=20%").target(PlaybookKpi.WAIT_TIMEOUT_RATE))
                .isEqualTo(0.20);
        assertThat(ReportTargets.PLAYBOOK.with("fcr_rate=0.7").target(PlaybookKpi.FCR_RATE)).isEqualTo(0.7);
        ReportTargets csat = ReportTargets.PLAYBOOK.with("csat=90");
        assertThat(csat.target(PlaybookKpi.CSAT)).isEqualTo(90.0);
        assertThat(csat.target(PlaybookKpi.FRT_MEAN)).isEqualTo(600.0);
    }

    @Test
    void badSpecsNameTheProblem() {
        assertThatThrownBy(() -> ReportTargets.PLAYBOOK.with("aht=5m")).hasMessageContaining("NAME one of frt_mean,");
        assertThatThrownBy(() -> ReportTargets.PLAYBOOK.with("frt_mean")).hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> ReportTargets.PLAYBOOK.with("frt_mean=soon")).hasMessageStartingWith(
                "frt_mean: \"soon\" is not a duration");
        assertThatThrownBy(() -> ReportTargets.PLAYBOOK.with("fcr_rate=80")).hasMessageStartingWith(
                "fcr_rate: \"80\" is not a percentage");
        assertThatThrownBy(() -> ReportTargets.PLAYBOOK.with("csat=101")).hasMessage("csat: \"101\" is not a score 0-100");
    }
}
