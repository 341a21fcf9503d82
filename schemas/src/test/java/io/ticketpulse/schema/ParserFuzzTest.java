package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ticketpulse.schema.DeadLetter.ReasonCode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TicketEventParser#parse} must never throw, whatever the bytes. Fixed seeds: failures reproduce. */
class ParserFuzzTest {

    private static final int MAX = 512;
    private final TicketEventParser parser = new TicketEventParser(MAX);

    private void assertWellFormed(byte[] payload) {
        ParseResult[] holder = new ParseResult[1];
        assertThatCode(() -> holder[0] = parser.parse(payload))
                .as("payload %s", Arrays.toString(payload)).doesNotThrowAnyException();
        ParseResult r = holder[0];
        assertThat(r).isNotNull();
        if (r.isValid()) {
            assertThat(r.event().eventId).isNotEmpty();
            assertThat(r.event().type).isNotNull();
            assertThat(r.reasonCode()).isNull();
        } else {
            assertThat(r.event()).isNull();
            assertThat(r.reason()).isNotBlank();
            assertThat(r.reasonCode() == ReasonCode.OVERSIZED).isEqualTo(payload.length > MAX);
            assertThat(r.reasonCode()).isNotEqualTo(ReasonCode.LATE_EVENT);
        }
    }

    @Test
    void randomBytes() {
        Random random = new Random(20261122L);
        for (int i = 0; i < 20_000; i++) {
            byte[] payload = new byte[random.nextInt(MAX + 64)];
            random.nextBytes(payload);
            if (random.nextBoolean() && payload.length > 0) {
                payload[0] = '{'; // get past the first byte more often
            }
            assertWellFormed(payload);
        }
    }

    @Test
    void mutatedValidExamples() {
        Random random = new Random(42L);
        List<byte[]> seeds = Examples.files("ticket-event/valid").stream().map(Examples::bytes)
                .filter(b -> b.length <= MAX).toList();
        byte[] alphabet = "{}[]\":,.0123456789-+eEtrufalsnZT \\u00ff\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] p = seeds.get(random.nextInt(seeds.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits && p.length > 0; k++) {
                int at = random.nextInt(p.length);
                switch (random.nextInt(3)) {
                    case 0 -> p[at] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> p = Arrays.copyOf(p, at); // truncate
                    default -> p[at] = (byte) random.nextInt(256);
                }
            }
            assertWellFormed(p);
            if (parser.parse(p).isValid()) {
                valid++;
            }
        }
        // some mutations (e.g. inside a free-text field) keep the event valid: the valid path is exercised too
        assertThat(valid).isPositive();
    }

    @Test
    void everyPrefixOfAValidExample() {
        for (Path file : Examples.files("ticket-event/valid")) {
            byte[] full = Examples.bytes(file);
            for (int n = 0; n <= full.length; n++) {
                assertWellFormed(Arrays.copyOf(full, n));
            }
        }
    }
}
