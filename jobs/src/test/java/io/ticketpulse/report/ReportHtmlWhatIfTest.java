package io.ticketpulse.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketpulse.domain.whatif.WhatIfRecord;
import io.ticketpulse.io.WhatIfJson;
import io.ticketpulse.io.WhatIfJsonReadTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The report's "What-if: candidate policy" section of the hand-written {@code whatif/what-if.jsonl}: exact cells. */
class ReportHtmlWhatIfTest {

    @Test
    void theSectionShowsTheRunTotalsTopGroupsAndChanges() throws IOException {
        WhatIfRecord w = WhatIfJson.read(WhatIfJsonReadTest.sample());
        String h = ReportHtml.whatIfSection(w);

        assertThat(h).startsWith("<section id=\"what-if\"><h2>What-if: candidate policy</h2>")
                .contains("<b id=\"whatif-as-of\">2026-11-22T11:00:00.000Z</b>")
                .contains("<b id=\"whatif-tickets\">3</b>")
                .contains("<b id=\"whatif-current-policy\">current.yaml v1</b>")
                .contains("<b id=\"whatif-candidate-policy\">candidate.yaml v2</b>")
                // totals of first response: 4 met 1 breached (80 %) -> 2 met 3 breached (40 %)
                .contains("<td id=\"whatif-total-first_response-attainment\">80.0 % → 40.0 %</td>")
                .contains("<td id=\"whatif-total-first_response-met\">4 → 2</td>")
                .contains("<td id=\"whatif-total-first_response-breached\">1 → 3</td>")
                .contains("<td id=\"whatif-total-first_response-open\">0 =</td>")
                .contains("<td id=\"whatif-total-first_response-warnings\">1 → 3</td>")
                .contains("<td id=\"whatif-total-first_response-pages\">1/0/0/0 → 3/1/1/0</td>")
                .contains("<td id=\"whatif-total-first_response-overrun-p50\">10.0 min → 2.0 min</td>")
                .contains("<td id=\"whatif-total-first_response-overrun-p90\">10.0 min =</td>")
                .contains("<td id=\"whatif-total-resolution-attainment\">– =</td>")
                // the largest attainment change first; unchanged and unmeasured groups not listed
                .contains("<td id=\"whatif-group-0-channel\">email</td><td id=\"whatif-group-0-priority\">P1</td>")
                .contains("<td id=\"whatif-group-0-attainment\">100.0 % → 0.0 %</td>")
                .contains("<td id=\"whatif-group-0-change\">-100.0 pp</td>")
                .contains("<td id=\"whatif-group-1-channel\">chat</td>")
                .contains("<td id=\"whatif-group-1-change\">-50.0 pp</td>")
                .contains("<td id=\"whatif-group-1-breached\">0 → 1</td>")
                .doesNotContain("whatif-group-2-")
                .contains("<b id=\"whatif-changes\">2</b>")
                .contains("<td id=\"whatif-change-0-ticket\">T1</td>")
                .contains("<td id=\"whatif-change-0-current\">met/none</td>")
                .contains("<td id=\"whatif-change-0-candidate\">breached/orange +2.0 min</td>")
                .contains("<td id=\"whatif-change-1-candidate\">breached/breach +30.0 s</td>")
                .doesNotContain("whatif-change-2-");
    }
}
