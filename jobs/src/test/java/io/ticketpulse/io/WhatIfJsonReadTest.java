package io.ticketpulse.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.sla.SlaMetric;
import io.ticketpulse.domain.whatif.Outcome;
import io.ticketpulse.domain.whatif.Reached;
import io.ticketpulse.domain.whatif.WhatIfComparison.Change;
import io.ticketpulse.domain.whatif.WhatIfComparison.Group;
import io.ticketpulse.domain.whatif.WhatIfRecord;
import io.ticketpulse.schema.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A hand-written what-if output ({@code whatif/what-if.jsonl}: first response under a faster candidate; email/P1
 * 100 % → 0 %, chat/P2 100 % → 50 %, email/P3 unchanged, resolution with no attainment) read back, and the
 * report model's selections over it.
 */
public class WhatIfJsonReadTest {

    public static List<String> sample() throws IOException {
        try {
            return Files.readAllLines(Path.of(Objects.requireNonNull(
                    WhatIfJsonReadTest.class.getResource("/whatif/what-if.jsonl")).toURI()), StandardCharsets.UTF_8);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theHandWrittenFileIsAValidWhatIfOutput() throws IOException {
        JsonSchema schema = Schemas.load("schemas/what-if.schema.json");
        ObjectMapper mapper = new ObjectMapper();
        for (String line : sample()) {
            assertThat(schema.validate(mapper.readTree(line))).as(line).isEmpty();
        }
    }

    @Test
    void readsTheRunRecordGroupsAndChanges() throws IOException {
        WhatIfRecord w = WhatIfJson.read(sample());

        assertThat(w.asOf()).isEqualTo("2026-11-22T11:00:00.000Z");
        assertThat(w.tickets()).isEqualTo(3);
        assertThat(w.events()).isEqualTo(7);
        assertThat(w.currentSource() + " v" + w.currentVersion()).isEqualTo("current.yaml v1");
        assertThat(w.candidateSource() + " v" + w.candidateVersion()).isEqualTo("candidate.yaml v2");
        assertThat(w.groups()).hasSize(6);
        assertThat(w.changes()).hasSize(2);

        Group total = w.totals().get(0);
        assertThat(total.metric()).isEqualTo(SlaMetric.FIRST_RESPONSE);
        assertThat(total.current().attainmentPct()).isEqualTo(80.0);
        assertThat(total.candidate().breached()).isEqualTo(3);
        assertThat(total.candidate().pages()).containsEntry(Severity.WARNING, 3).containsEntry(Severity.ORANGE, 1)
                .containsEntry(Severity.RED, 0);
        assertThat(total.candidate().overrunP50Ms()).isEqualTo(120_000L);
        assertThat(total.current().overrunP90Ms()).isEqualTo(600_000L);
        assertThat(w.totals().get(1).current().attainmentPct()).isNull();
        assertThat(w.totals().get(1).current().overrunP50Ms()).isNull();

        Change t1 = w.changes().get(0);
        assertThat(t1.ticketId()).isEqualTo("T1");
        assertThat(t1.cycle()).isEqualTo(1);
        assertThat(t1.current().outcome()).isEqualTo(Outcome.MET);
        assertThat(t1.current().reached()).isEqualTo(Reached.NONE);
        assertThat(t1.current().overrunMs()).isNull();
        assertThat(t1.candidate().outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(t1.candidate().reached()).isEqualTo(Reached.ORANGE);
        assertThat(t1.candidate().overrunMs()).isEqualTo(120_000L);
        assertThat(t1.candidate().channel()).isEqualTo("email");
    }

    @Test
    void theTopGroupsAreTheLargestAttainmentChangesWithoutTotalsUnchangedOrUnmeasuredGroups() throws IOException {
        WhatIfRecord w = WhatIfJson.read(sample());

        // email/P1 -100 pp, chat/P2 -50 pp; email/P3 (0 pp), chat/P2 resolution (no attainment), totals: left out
        assertThat(w.topAttainmentChanges(10)).extracting(g -> g.channel() + "/" + g.priority() + " "
                + g.metric().wireName() + " " + WhatIfRecord.attainmentDelta(g))
                .containsExactly("email/P1 first_response -100.0", "chat/P2 first_response -50.0");
        assertThat(w.topAttainmentChanges(1)).hasSize(1);
        assertThat(w.firstChanges(1)).extracting(Change::ticketId).containsExactly("T1");
        assertThat(w.firstChanges(5)).hasSize(2);
    }

    @Test
    void aFileWithoutRunRecordOrWithAnUnknownRecordIsRejectedWithTheLine() throws IOException {
        List<String> lines = sample();
        assertThatThrownBy(() -> WhatIfJson.read(lines.subList(1, lines.size())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no run record");
        assertThatThrownBy(() -> WhatIfJson.read(List.of(lines.get(0), "{\"record\":\"kpi\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2")
                .hasMessageContaining("unknown record \"kpi\"");
        assertThatThrownBy(() -> WhatIfJson.read(List.of("{not json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    }
}
