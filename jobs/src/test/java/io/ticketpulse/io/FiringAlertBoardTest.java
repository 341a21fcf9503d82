package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.schema.SlaAlert;
import org.junit.jupiter.api.Test;

class FiringAlertBoardTest {

    private static SlaAlert alert(String key, String status, String kind, String severity) {
        SlaAlert a = new SlaAlert();
        a.dedupKey = key;
        a.alertId = key;
        a.status = status;
        a.kind = kind;
        a.severity = severity;
        a.summary = key + " " + kind + " " + severity;
        return a;
    }

    @Test
    void countsTheLatestStateOfEachFiringAlertBySeverity() {
        FiringAlertBoard board = new FiringAlertBoard();
        board.offer(alert("A", "firing", "warning", "warning"));
        board.offer(alert("B", "firing", "warning", "warning"));
        board.offer(alert("B", "firing", "breach", "warning"));
        board.offer(alert("B", "firing", "breach", "orange"));
        board.offer(alert("C", "firing", "aggregate", "red"));

        assertThat(board.firingCount()).isEqualTo(3);
        assertThat(board.render()).startsWith(
                "SLA alerts firing: 3 (warning 1, breached 0, yellow 0, orange 1, red 1); resolved: 0; records: 5\n");
    }

    @Test
    void volatilityAlertsCountByTheirSeverityAWarningAsAWarning() {
        FiringAlertBoard board = new FiringAlertBoard();
        board.offer(alert("V1", "firing", "volatility", "warning"));
        board.offer(alert("V2", "firing", "volatility", "yellow"));

        assertThat(board.render()).startsWith(
                "SLA alerts firing: 2 (warning 1, breached 0, yellow 1, orange 0, red 0); resolved: 0; records: 2\n");
    }

    @Test
    void patternAlertsCountByTheirSeverity() {
        FiringAlertBoard board = new FiringAlertBoard();
        board.offer(alert("P1", "firing", "pattern", "red"));
        board.offer(alert("P2", "firing", "pattern", "warning"));

        assertThat(board.render()).startsWith(
                "SLA alerts firing: 2 (warning 1, breached 0, yellow 0, orange 0, red 1); resolved: 0; records: 2\n");
    }

    @Test
    void aResolvedAlertLeavesTheBoardAndCountsAsResolvedOnce() {
        FiringAlertBoard board = new FiringAlertBoard();
        board.offer(alert("A", "firing", "breach", "yellow"));
        board.offer(alert("A", "resolved", "breach", "yellow"));
        board.offer(alert("A", "resolved", "breach", "yellow"));

        assertThat(board.firingCount()).isZero();
        assertThat(board.resolvedCount()).isEqualTo(1);
        assertThat(board.render()).contains("newest: resolved - A breach yellow");
    }

    @Test
    void anUnprintableSummaryIsEscapedOnTheConsole() {
        FiringAlertBoard board = new FiringAlertBoard();
        board.offer(alert("T-1\u001b[2J\nFAKE\u202e", "firing", "breach", "red"));

        assertThat(board.render()).endsWith(
                "  newest: firing - T-1\\u001B[2J\\u000AFAKE\\u202E breach red\n");
    }
}
